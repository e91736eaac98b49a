// Amounts as people type them into a field ("1,450.00", "$1450", "99.5", "-5"), read into a
// currency's integer minor units. The browser's forms use it before a command is sent; see
// money_format for the way back.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace pd::core {

// Minor units of an amount as typed: spaces, tabs and thousands commas are ignored, a leading
// currency symbol or code is allowed ("$1,450", "USD 1450", "€49"), then an optional minus, the
// whole part and at most the currency's minor digits after a dot ("99.5" USD -> 9950).
// nullopt when it is not a number, has more decimals than the currency has, or more than 15
// whole digits.
std::optional<std::int64_t> parse_money(std::string_view text, std::string_view currency);

} // namespace pd::core
