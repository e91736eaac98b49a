// Shares as people type them into a field ("12.5", "12.5%", "100"), read into basis points
// (1/100 of a percent): the commission plan's shares.
#pragma once

#include <string_view>

namespace pd::core {

// Basis points of a share from 0 to 100 with at most two decimals: "12.5" and "12.5%" -> 1250,
// "7.25" -> 725, "100" -> 10000; spaces around it and a trailing "%" are ignored; empty text
// is 0. -1 when it is not such a share ("abc", "1.234", "100.5", "-3").
int parse_percent(std::string_view text);

} // namespace pd::core
