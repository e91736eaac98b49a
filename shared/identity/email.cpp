#include "shared/identity/email.hpp"

#include <algorithm>

namespace pd::identity {

core::Result<std::string> normalize_email(std::string_view raw, const char* field) {
  using core::ErrorCode;
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
  if (raw.empty()) return core::make_error(ErrorCode::missing_field, "Enter an email address.", field);
  if (raw.size() > max_email_length)
    return core::make_error(ErrorCode::invalid_field, "The email address is too long.", field);
  std::string out(raw);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  auto at = out.find('@');
  bool shape_ok = at != std::string::npos && at > 0 && at == out.rfind('@') && at + 1 < out.size();
  if (shape_ok) {
    auto domain = std::string_view(out).substr(at + 1);
    shape_ok = domain.find('.') != std::string_view::npos && domain.front() != '.' && domain.back() != '.';
  }
  for (char c : out)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == ',') shape_ok = false;
  if (!shape_ok) return core::make_error(ErrorCode::invalid_field, "That does not look like an email address.", field);
  return out;
}

core::Result<std::string> check_new_email(std::string_view current, std::string_view raw, const char* field) {
  auto email = normalize_email(raw, field);
  if (email.ok() && email.value() == current)
    return core::make_error(core::ErrorCode::invalid_field, "That is already your email address.", field);
  return email;
}

} // namespace pd::identity
