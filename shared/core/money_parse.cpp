#include "shared/core/money_parse.hpp"

#include "shared/core/money_format.hpp"

#include <string>

namespace pd::core {

std::optional<std::int64_t> parse_money(std::string_view text, std::string_view currency) {
  const int digits = currency_digits(currency);
  std::string s;
  for (char c : text)
    if (c != ' ' && c != ',' && c != '\t') s += c;
  // A leading currency symbol or code is allowed ("$1,450", "USD 1450").
  while (!s.empty() && !(s[0] >= '0' && s[0] <= '9') && s[0] != '-' && s[0] != '.') {
    if (s.compare(0, currency.size(), currency) == 0) s.erase(0, currency.size());
    else if (static_cast<unsigned char>(s[0]) >= 0x80 || s[0] == '$' || (s[0] >= 'A' && s[0] <= 'Z')) s.erase(0, 1);
    else return std::nullopt;
  }
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.erase(0, 1);
  }
  if (s.empty()) return std::nullopt;
  const auto dot = s.find('.');
  std::string whole = s.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (whole.empty() && frac.empty()) return std::nullopt;
  if (static_cast<int>(frac.size()) > digits) return std::nullopt;
  for (char c : whole + frac)
    if (c < '0' || c > '9') return std::nullopt;
  if (whole.size() > 15) return std::nullopt;
  frac += std::string(static_cast<std::size_t>(digits) - frac.size(), '0');
  std::int64_t value = 0;
  for (char c : whole + frac) value = value * 10 + (c - '0');
  return negative ? -value : value;
}

} // namespace pd::core
