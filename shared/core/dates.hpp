// Calendar dates without a clock: validation of "YYYY-MM-DD" and conversions between civil
// dates, day numbers and Unix milliseconds (UTC). Time zones live elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pd::core {

struct Date {
  int year = 1970;
  int month = 1; // 1-12
  int day = 1;   // 1-31
  auto operator<=>(const Date&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
std::optional<Date> parse_date(std::string_view text); // strict YYYY-MM-DD
std::string format_date(const Date& d);
// Days since 1970-01-01 (may be negative).
std::int64_t days_from_civil(const Date& d);
Date civil_from_days(std::int64_t days);
inline constexpr std::int64_t ms_per_day = 86'400'000;
Date date_of_ms(std::int64_t unix_ms); // UTC
// "2026-12-07 14:05 UTC": an instant to the minute (rounded down), for messages that name a time.
std::string format_utc_minute(std::int64_t unix_ms);

} // namespace pd::core
