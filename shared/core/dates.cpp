#include "shared/core/dates.hpp"

#include <cstdio>

namespace pd::core {

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

std::optional<Date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto num = [&](std::size_t from, std::size_t len) {
    int v = 0;
    for (std::size_t i = from; i < from + len; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  Date d{num(0, 4), num(5, 2), num(8, 2)};
  if (d.year < 1900 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month))
    return std::nullopt;
  return d;
}

std::string format_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
  return buf;
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(const Date& d) {
  std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t mp = (d.month + 9) % 12;
  std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
  z += 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

Date date_of_ms(std::int64_t unix_ms) {
  std::int64_t days = unix_ms >= 0 ? unix_ms / ms_per_day : -((-unix_ms + ms_per_day - 1) / ms_per_day);
  return civil_from_days(days);
}

std::string format_utc_minute(std::int64_t unix_ms) {
  const std::int64_t minute_ms = 60'000;
  const std::int64_t minutes = unix_ms >= 0 ? unix_ms / minute_ms : -((-unix_ms + minute_ms - 1) / minute_ms);
  const std::int64_t of_day = ((minutes % 1440) + 1440) % 1440;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(of_day / 60), static_cast<int>(of_day % 60));
  return format_date(date_of_ms(unix_ms)) + " " + hm + " UTC";
}

} // namespace pd::core
