#include "shared/core/json_fields.hpp"

namespace pd::core {

Result<nlohmann::json> parse_object(std::string_view text) {
  auto value = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return make_error(ErrorCode::invalid_json, "The request body is not valid JSON.");
  if (!value.is_object()) return make_error(ErrorCode::invalid_json, "The request body must be a JSON object.");
  return value;
}

std::optional<Error> reject_unknown_fields(const nlohmann::json& object,
                                           std::initializer_list<std::string_view> allowed) {
  for (const auto& item : object.items()) {
    bool known = false;
    for (auto a : allowed) known = known || item.key() == a;
    if (!known) return make_error(ErrorCode::unknown_field, "Unknown field '" + item.key() + "'.", item.key());
  }
  return std::nullopt;
}

static std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Result<std::string> required_string(const nlohmann::json& object, const char* field, StringRule rule) {
  if (!object.contains(field)) return make_error(ErrorCode::missing_field, std::string("'") + field + "' is required.", field);
  const auto& v = object.at(field);
  if (!v.is_string()) return make_error(ErrorCode::invalid_field, std::string("'") + field + "' must be a string.", field);
  std::string_view s = v.get_ref<const std::string&>();
  if (rule.trim) s = trim(s);
  if (!is_clean_utf8(s)) return make_error(ErrorCode::invalid_field, std::string("'") + field + "' must be valid UTF-8 text.", field);
  if (s.size() < rule.min_length) {
    return make_error(rule.min_length <= 1 ? ErrorCode::missing_field : ErrorCode::invalid_field,
                      rule.min_length <= 1 ? std::string("'") + field + "' must not be empty."
                                           : std::string("'") + field + "' must be at least " + std::to_string(rule.min_length) + " characters.",
                      field);
  }
  if (s.size() > rule.max_length)
    return make_error(ErrorCode::invalid_field, std::string("'") + field + "' must be at most " + std::to_string(rule.max_length) + " bytes.", field);
  return std::string(s);
}

Result<std::int64_t> required_integer(const nlohmann::json& object, const char* field, std::int64_t min, std::int64_t max) {
  if (!object.contains(field)) return make_error(ErrorCode::missing_field, std::string("'") + field + "' is required.", field);
  const auto& v = object.at(field);
  if (!v.is_number_integer()) return make_error(ErrorCode::invalid_field, std::string("'") + field + "' must be an integer.", field);
  auto n = v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX) ? max + 1 : v.get<std::int64_t>();
  if (n < min || n > max)
    return make_error(ErrorCode::invalid_field, std::string("'") + field + "' must be between " + std::to_string(min) + " and " + std::to_string(max) + ".", field);
  return n;
}

bool is_clean_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
      if (c == 0x7f) return false;
      ++i;
      continue;
    }
    int n = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (n < 0 || i + static_cast<std::size_t>(n) >= text.size()) return false;
    std::uint32_t cp = c & (0x3F >> n);
    for (int k = 1; k <= n; ++k) {
      auto cc = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false; // overlong
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(n) + 1;
  }
  return true;
}

} // namespace pd::core
