// The device cookie: a long-lived random token that lets the server recognise a browser a
// person signed in from before (storage/known_browsers.hpp keeps only its hash). HttpOnly,
// SameSite=Strict, Path=/; over HTTPS Secure with the __Host- name, like the session cookie
// (session_cookie.hpp). It grants nothing: it only decides whether a sign-in is mailed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pd::auth {

inline constexpr std::string_view device_cookie_name = "pd_device";
inline constexpr std::string_view secure_device_cookie_name = "__Host-pd_device";
inline constexpr std::int64_t device_cookie_max_age_seconds = 400LL * 24 * 60 * 60; // the longest browsers keep

// The device token from a Cookie header value, if present and well-formed (64 hex chars).
std::optional<std::string> device_token_from_cookie_header(std::string_view cookie_header, bool secure);
std::string set_device_cookie(std::string_view token, bool secure);

} // namespace pd::auth
