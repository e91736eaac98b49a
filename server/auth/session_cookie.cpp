#include "server/auth/session_cookie.hpp"

namespace pd::auth {

std::string_view session_cookie_name_for(bool secure) { return secure ? secure_session_cookie_name : session_cookie_name; }

std::optional<std::string> session_token_from_cookie_header(std::string_view header, bool secure) {
  return token_cookie(header, session_cookie_name_for(secure));
}

std::optional<std::string> token_cookie(std::string_view header, std::string_view name) {
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

std::string set_session_cookie(std::string_view token, std::int64_t max_age_seconds, bool secure) {
  std::string c(session_cookie_name_for(secure));
  c += "=";
  c += token;
  c += "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) c += "; Secure";
  return c;
}

std::string clear_session_cookie(bool secure) {
  std::string c(session_cookie_name_for(secure));
  c += "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  if (secure) c += "; Secure";
  return c;
}

} // namespace pd::auth
