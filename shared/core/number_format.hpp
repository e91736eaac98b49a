// Numbers as people read them, shared by the domain's messages and the browser: a multiplier
// from a percentage ("1.25x", "10x") and a ratio with one decimal ("4.6"). Integer arithmetic
// only, so the server and the browser print the same text.
#pragma once

#include <cstdint>
#include <string>

namespace pd::core {

// A percentage as a multiplier with the decimals it needs (at most two):
// 1000 -> "10x", 200 -> "2x", 150 -> "1.5x", 125 -> "1.25x", 101 -> "1.01x".
std::string multiplier_text(std::int64_t percent);

// numerator / denominator with one decimal, rounded half away from zero: (23, 5) -> "4.6",
// (9, 2) -> "4.5", (14, 3) -> "4.7", (10, 2) -> "5.0". "0.0" when the denominator is not positive.
std::string one_decimal(std::int64_t numerator, std::int64_t denominator);

// A measured figure with a fixed number of decimals, as printf's %.*f writes it: (3.456, 2) ->
// "3.46", (41.5, 0) -> "42". For averages and rates computed in floating point.
std::string decimal_text(double value, int decimals);

} // namespace pd::core
