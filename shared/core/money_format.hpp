// Amounts as plain decimal text in a currency's minor digits: how exports (CSV) write money and
// how the browser fills an amount field. No symbols, no grouping; see client/app/format for
// the way amounts are shown to people.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pd::core {

// Digits after the decimal point of a currency's minor unit (ISO 4217): 2 for USD and most
// others, 0 for JPY, KRW, ..., 3 for BHD, KWD, ...
int currency_digits(std::string_view currency);

// Minor units as decimal text: (123450, "USD") -> "1234.50", (-5, "USD") -> "-0.05",
// (1200, "JPY") -> "1200", (1, "KWD") -> "0.001".
std::string decimal_amount(std::int64_t minor, std::string_view currency);

} // namespace pd::core
