#include "shared/core/money_format.hpp"

namespace pd::core {

int currency_digits(std::string_view c) {
  // ISO 4217 currencies without a minor unit, and the few with three decimals.
  for (auto zero : {"JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "PYG", "RWF"})
    if (c == zero) return 0;
  for (auto three : {"BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD"})
    if (c == three) return 3;
  return 2;
}

std::string decimal_amount(std::int64_t minor, std::string_view currency) {
  const int digits = currency_digits(currency);
  std::uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  const bool negative = minor < 0;
  // Magnitude without overflow for INT64_MIN.
  const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(minor + 1)) + 1 : static_cast<std::uint64_t>(minor);
  std::string out = std::to_string(abs / scale);
  if (digits) {
    const std::string frac = std::to_string(abs % scale);
    out += "." + std::string(static_cast<std::size_t>(digits) - frac.size(), '0') + frac;
  }
  return negative ? "-" + out : out;
}

} // namespace pd::core
