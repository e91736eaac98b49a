// Email addresses as account identifiers: trimmed, lower-cased, checked for a plausible shape.
#pragma once

#include "shared/core/error.hpp"

#include <string>
#include <string_view>

namespace pd::identity {

inline constexpr std::size_t max_email_length = 254;

// Returns the canonical form (trimmed, ASCII lower case) or an invalid_field error on `field`.
core::Result<std::string> normalize_email(std::string_view raw, const char* field = "email");

// A new address for an account whose address is `current` (canonical): the canonical form of
// `raw`, or an error on `field` when it is not an address or is the current one.
core::Result<std::string> check_new_email(std::string_view current, std::string_view raw, const char* field = "email");

} // namespace pd::identity
