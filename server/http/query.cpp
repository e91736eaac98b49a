#include "server/http/query.hpp"

#include "shared/core/json_fields.hpp"

#include <charconv>

namespace pd::http {

core::Result<std::int64_t> int_param(const httplib::Request& req, const char* name, std::int64_t min, std::int64_t max,
                                     std::int64_t fallback) {
  if (!req.has_param(name)) return fallback;
  auto v = req.get_param_value(name);
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < min || n > max)
    return core::make_error(core::ErrorCode::invalid_field,
                            std::string("'") + name + "' must be an integer from " + std::to_string(min) + " to " + std::to_string(max) + ".", name);
  return n;
}

core::Result<std::string> text_param(const httplib::Request& req, const char* name, std::size_t max_length) {
  if (!req.has_param(name)) return std::string();
  auto v = req.get_param_value(name);
  if (v.size() > max_length || !core::is_clean_utf8(v))
    return core::make_error(core::ErrorCode::invalid_field, std::string("'") + name + "' must be text of at most " + std::to_string(max_length) + " bytes.", name);
  return v;
}

std::int64_t path_id(const httplib::Request& req, int group) {
  if (static_cast<std::size_t>(group) >= req.matches.size()) return 0;
  auto s = req.matches[static_cast<std::size_t>(group)].str();
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  return ec == std::errc() && p == s.data() + s.size() ? n : 0;
}

} // namespace pd::http
