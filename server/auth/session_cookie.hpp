// The session cookie: name, parsing from a request's Cookie header, and Set-Cookie values.
//
// Over HTTPS (a request the server knows arrived over TLS) the cookie is Secure and named with
// the __Host- prefix, which browsers accept only from a secure origin, for Path=/ and without a
// Domain: a page on another subdomain, or a network attacker over plain http, cannot plant or
// overwrite it. Such a request reads only the prefixed cookie; a plain-http request only the
// unprefixed one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pd::auth {

inline constexpr std::string_view session_cookie_name = "pd_session";
inline constexpr std::string_view secure_session_cookie_name = "__Host-pd_session";

std::string_view session_cookie_name_for(bool secure);

// The value of the cookie `name` in a Cookie header value, if present and a token (64 lowercase
// hex characters); the first one of that name decides. The session and device cookies use it.
std::optional<std::string> token_cookie(std::string_view cookie_header, std::string_view name);

// The session token from a Cookie header value, if present and well-formed (64 hex chars).
std::optional<std::string> session_token_from_cookie_header(std::string_view cookie_header, bool secure = false);

// HttpOnly; SameSite=Strict; Path=/; Max-Age, and Secure with the __Host- name when secure.
std::string set_session_cookie(std::string_view token, std::int64_t max_age_seconds, bool secure);
std::string clear_session_cookie(bool secure);

} // namespace pd::auth
