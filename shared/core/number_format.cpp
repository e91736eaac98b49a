#include "shared/core/number_format.hpp"

#include <cstdio>

namespace pd::core {

std::string multiplier_text(std::int64_t percent) {
  const bool negative = percent < 0;
  const std::uint64_t p = negative ? 0 - static_cast<std::uint64_t>(percent) : static_cast<std::uint64_t>(percent);
  std::string out = (negative ? "-" : "") + std::to_string(p / 100);
  const auto cents = p % 100;
  if (cents != 0) {
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
  }
  return out + "x";
}

std::string one_decimal(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0) return "0.0";
  const bool negative = numerator < 0;
  const std::uint64_t n = negative ? 0 - static_cast<std::uint64_t>(numerator) : static_cast<std::uint64_t>(numerator);
  const auto d = static_cast<std::uint64_t>(denominator);
  // The whole part, then the tenths of the rest rounded half up ((20 rest + d) / 2d, in 128
  // bits); a rest that rounds up to ten tenths carries into the whole part.
  __extension__ using Wide = unsigned __int128;
  std::uint64_t whole = n / d;
  auto tenth = static_cast<std::uint64_t>((static_cast<Wide>(n % d) * 20 + d) / (static_cast<Wide>(d) * 2));
  if (tenth == 10) {
    ++whole;
    tenth = 0;
  }
  return (negative && (whole != 0 || tenth != 0) ? "-" : "") + std::to_string(whole) + "." + std::to_string(tenth);
}

std::string decimal_text(double value, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

} // namespace pd::core
