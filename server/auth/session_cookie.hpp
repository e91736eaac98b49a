// The session cookie: name, parsing from a request's Cookie header, and Set-Cookie values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pd::auth {

inline constexpr std::string_view session_cookie_name = "pd_session";

// The session token from a Cookie header value, if present and well-formed (64 hex chars).
std::optional<std::string> session_token_from_cookie_header(std::string_view cookie_header);

// HttpOnly; SameSite=Strict; Path=/; Max-Age, and Secure when asked.
std::string set_session_cookie(std::string_view token, std::int64_t max_age_seconds, bool secure);
std::string clear_session_cookie(bool secure);

} // namespace pd::auth
