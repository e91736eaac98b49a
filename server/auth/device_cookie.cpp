#include "server/auth/device_cookie.hpp"

namespace pd::auth {

std::optional<std::string> device_token_from_cookie_header(std::string_view header, bool secure) {
  const auto name = secure ? secure_device_cookie_name : device_cookie_name;
  while (!header.empty()) {
    auto end = header.find(';');
    auto part = header.substr(0, end);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=') {
      auto value = part.substr(name.size() + 1);
      if (value.size() != 64) return std::nullopt;
      for (char c : value)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
      return std::string(value);
    }
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return std::nullopt;
}

std::string set_device_cookie(std::string_view token, bool secure) {
  std::string c(secure ? secure_device_cookie_name : device_cookie_name);
  c += "=";
  c += token;
  c += "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(device_cookie_max_age_seconds);
  if (secure) c += "; Secure";
  return c;
}

} // namespace pd::auth
