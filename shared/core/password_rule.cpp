#include "shared/core/password_rule.hpp"

#include <algorithm>
#include <vector>

namespace pd::core {

// The shipped list, embedded by the build (shared/CMakeLists.txt makes common_passwords.cpp from
// common_passwords.txt).
std::string_view common_passwords_text();

namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The list's entries, sorted (the file is sorted; comments dropped). Built once.
const std::vector<std::string_view>& common_list() {
  static const std::vector<std::string_view> list = [] {
    std::vector<std::string_view> out;
    const std::string_view text = common_passwords_text();
    std::size_t start = 0;
    while (start < text.size()) {
      auto end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      auto line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty() && line.rfind("# ", 0) != 0) out.push_back(line);
      start = end + 1;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return list;
}

bool listed(std::string_view lower) {
  const auto& list = common_list();
  return !lower.empty() && std::binary_search(list.begin(), list.end(), lower);
}

bool is_letter_or_high(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || u >= 0x80;
}

// One piece of at most a third of the text, repeated to fill it exactly.
bool repeats_a_piece(std::string_view text) {
  const std::size_t n = text.size();
  for (std::size_t piece = 1; piece * 3 <= n; ++piece) {
    if (n % piece != 0) continue;
    bool same = true;
    for (std::size_t i = piece; i < n && same; ++i) same = text[i] == text[i - piece];
    if (same) return true;
  }
  return false;
}

} // namespace

std::size_t password_chars(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool is_common_password(std::string_view password) {
  const std::string lower = lower_ascii(password);
  if (listed(lower) || repeats_a_piece(lower)) return true;
  std::string_view stem = lower;
  while (!stem.empty() && !is_letter_or_high(stem.back())) stem.remove_suffix(1);
  if (stem.size() != lower.size() && listed(stem)) return true;
  // Digits and punctuation in front as well ("2024password!").
  while (!stem.empty() && !is_letter_or_high(stem.front())) stem.remove_prefix(1);
  return stem.size() != lower.size() && listed(stem);
}

std::optional<Error> check_new_password(std::string_view password, std::string field) {
  const auto chars = password_chars(password);
  if (chars < min_password_chars)
    return invalid("Choose a password of at least " + std::to_string(min_password_chars) + " characters.", std::move(field));
  if (chars > max_password_chars)
    return invalid("Choose a password of at most " + std::to_string(max_password_chars) + " characters.", std::move(field));
  if (is_common_password(password))
    return invalid("This password is too common and easy to guess. Choose another one; a few unrelated words make a good password.",
                   std::move(field));
  return std::nullopt;
}

std::string password_hint() { return "At least " + std::to_string(min_password_chars) + " characters"; }

} // namespace pd::core
