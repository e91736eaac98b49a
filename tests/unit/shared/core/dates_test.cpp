#include "shared/core/dates.hpp"

#include <doctest/doctest.h>

namespace test_unit_shared_core_dates { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::core;

TEST_CASE("an instant is named to the minute in UTC, rounded down") {
  CHECK(format_utc_minute(0) == "1970-01-01 00:00 UTC");
  // 2026-12-07 14:05:59.999 UTC
  const std::int64_t at = days_from_civil({2026, 12, 7}) * ms_per_day + (14 * 60 + 5) * 60'000LL + 59'999;
  CHECK(format_utc_minute(at) == "2026-12-07 14:05 UTC");
  CHECK(format_utc_minute(at + 1) == "2026-12-07 14:06 UTC");
  // Before 1970 the minute and the day still round down.
  CHECK(format_utc_minute(-1) == "1969-12-31 23:59 UTC");
}

} // namespace test_unit_shared_core_dates
