#include "server/auth/device_cookie.hpp"

#include "server/auth/session_cookie.hpp"

namespace pd::auth {

std::optional<std::string> device_token_from_cookie_header(std::string_view header, bool secure) {
  return token_cookie(header, secure ? secure_device_cookie_name : device_cookie_name);
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
