// Email addresses as account identifiers: trimmed, lower-cased, checked for a plausible shape.
#pragma once

#include "shared/core/error.hpp"

#include <string>
#include <string_view>

namespace pd::identity {

inline constexpr std::size_t max_email_length = 254;

// Returns the canonical form (trimmed, ASCII lower case) or an invalid_field error on `field`.
core::Result<std::string> normalize_email(std::string_view raw, const char* field = "email");

} // namespace pd::identity
