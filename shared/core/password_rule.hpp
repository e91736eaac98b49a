// The rule for a new password (OWASP ASVS 2.1): at least min_password_chars and at most
// max_password_chars characters (Unicode code points; spaces and any character allowed), no
// composition rules, and not a common password. Used by the server on sign-up, password reset
// and password change, and by the browser's forms before they send. The browser does not
// download the list (client/platform/common_passwords_browser.cpp): there only the length is
// checked, and the server's answer names the field for a common password.
#pragma once

#include "shared/core/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pd::core {

inline constexpr std::size_t min_password_chars = 12;
inline constexpr std::size_t max_password_chars = 128;

// Characters (code points) of UTF-8 text; a byte that does not start a character counts as one.
std::size_t password_chars(std::string_view text);

// Whether the password is one of the common passwords shipped with the program
// (shared/core/common_passwords.txt), compared in lower case: the password itself, or the
// password without the digits and punctuation at its end ("Password2024!" is "password"), or
// one short piece repeated ("abcabcabcabc").
bool is_common_password(std::string_view password);

// Nothing when the password may be chosen; otherwise an invalid_field error naming `field`
// with the sentence to show.
std::optional<Error> check_new_password(std::string_view password, std::string field = "password");

// The hint shown in empty password fields: "At least 12 characters".
std::string password_hint();

} // namespace pd::core
