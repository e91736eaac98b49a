#include "shared/core/percent_parse.hpp"

namespace pd::core {

int parse_percent(std::string_view text) {
  constexpr int whole_share = 10'000; // 100% in basis points
  while (!text.empty() && (text.back() == ' ' || text.back() == '%')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (text.empty()) return 0;
  int whole = 0, frac = 0, frac_digits = 0;
  bool dot = false;
  for (char ch : text) {
    if (ch == '.' && !dot) {
      dot = true;
      continue;
    }
    if (ch < '0' || ch > '9') return -1;
    if (dot) {
      if (++frac_digits > 2) return -1;
      frac = frac * 10 + (ch - '0');
    } else {
      whole = whole * 10 + (ch - '0');
      if (whole > 100) return -1;
    }
  }
  if (frac_digits == 1) frac *= 10;
  const int bps = whole * 100 + frac;
  return bps <= whole_share ? bps : -1;
}

} // namespace pd::core
