#include "shared/domain/support/sla_calendar.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <limits>

namespace test_unit_shared_domain_support_sla_calendar { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain::sla;
using pd::domain::TimeMs;

namespace {

constexpr std::int64_t minute = 60'000;
constexpr std::int64_t hour = 60 * minute;
constexpr std::int64_t day = 24 * hour;

// America/New_York around 2026, as server/scheduling/time_zones gives it.
const std::vector<OffsetChange> new_york = {
    {1762063200000, -300}, // 2025-11-02T06:00Z EST
    {1772953200000, -240}, // 2026-03-08T07:00Z EDT: 02:00 EST -> 03:00 EDT
    {1793512800000, -300}, // 2026-11-01T06:00Z EST: 02:00 EDT -> 01:00 EST
    {1805007600000, -240}, // 2027-03-14T07:00Z EDT
};

// Europe/Berlin around 2026.
const std::vector<OffsetChange> berlin = {
    {1761440400000, 60},  // 2025-10-26T01:00Z CET
    {1774746000000, 120}, // 2026-03-29T01:00Z CEST: 02:00 CET -> 03:00 CEST
    {1792890000000, 60},  // 2026-10-25T01:00Z CET
};

Calendar office(std::vector<OffsetChange> offsets, std::string zone, std::vector<std::string> holidays = {}) {
  Calendar c;
  c.around_the_clock = false;
  c.time_zone = std::move(zone);
  c.offsets = std::move(offsets);
  for (int wd = 1; wd <= 5; ++wd)
    c.hours.push_back({wd, 9 * 60, 17 * 60});
  c.holidays = std::move(holidays);
  return c;
}

Calendar sundays(int start_minute, int end_minute) {
  Calendar c;
  c.around_the_clock = false;
  c.time_zone = "America/New_York";
  c.offsets = new_york;
  c.hours = {{0, start_minute, end_minute}};
  return c;
}

} // namespace

TEST_CASE("around the clock: a deadline is start plus duration and every millisecond counts") {
  Calendar c; // around the clock by default
  c.hours = {{1, 540, 1020}};
  c.holidays = {"2026-03-09"};    // ignored around the clock
  const TimeMs t = 1772830800000; // 2026-03-06T21:00Z
  CHECK(add_business_time(c, t, 2 * hour) == t + 2 * hour);
  CHECK(add_business_time(c, t, 0) == t);
  CHECK(add_business_time(c, t, -5 * hour) == t); // negative durations count as 0
  CHECK(business_time_between(c, t, t + 3 * day) == 3 * day);
  CHECK(business_time_between(c, t + hour, t) == 0);
  CHECK(add_business_time(c, no_deadline - hour, 2 * hour) == no_deadline); // saturates
  CHECK(business_time_between(c, std::numeric_limits<TimeMs>::min(), no_deadline) ==
        std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("offset_at: the change in force, the first offset before any change, UTC without changes") {
  Calendar c;
  c.offsets = new_york;
  CHECK(offset_at(c, 1772953200000 - 1) == -300);
  CHECK(offset_at(c, 1772953200000) == -240); // from `at` on
  CHECK(offset_at(c, 1793512800000) == -300);
  CHECK(offset_at(c, 0) == -300); // before the first change
  CHECK(offset_at(c, 1805007600000 + day) == -240);
  CHECK(offset_at(Calendar{}, 1772953200000) == 0);
}

TEST_CASE("New York, spring forward 2026-03-08: hours stay at 9:00-17:00 local") {
  const auto c = office(new_york, "America/New_York");
  // Friday 2026-03-06 16:00 EST (21:00Z) + 2 h: one hour on Friday, one on Monday from 09:00 EDT.
  CHECK(add_business_time(c, 1772830800000, 2 * hour) == 1773064800000); // Monday 10:00 EDT = 14:00Z
  // The same with a fixed EST offset would be an hour later (15:00Z): the change matters.
  auto fixed = office({{0, -300}}, "EST");
  CHECK(add_business_time(fixed, 1772830800000, 2 * hour) == 1773068400000);
  // Friday 12:00 EST (17:00Z) + 12 h: 5 h on Friday, 7 h on Monday.
  CHECK(add_business_time(c, 1772816400000, 12 * hour) == 1773086400000); // Monday 16:00 EDT = 20:00Z
  CHECK(business_time_between(c, 1772816400000, 1773086400000) == 12 * hour);
}

TEST_CASE("New York, fall back 2026-11-01") {
  const auto c = office(new_york, "America/New_York");
  // Friday 2026-10-30 16:00 EDT (20:00Z) + 2 h -> Monday 10:00 EST (15:00Z).
  CHECK(add_business_time(c, 1793390400000, 2 * hour) == 1793631600000);
  // Friday 12:00 EDT (16:00Z) + 12 h -> Monday 16:00 EST (21:00Z).
  CHECK(add_business_time(c, 1793376000000, 12 * hour) == 1793653200000);
  CHECK(business_time_between(c, 1793376000000, 1793653200000) == 12 * hour);
}

TEST_CASE("Berlin, spring forward 2026-03-29") {
  const auto c = office(berlin, "Europe/Berlin");
  // Friday 2026-03-27 16:00 CET (15:00Z) + 2 h -> Monday 10:00 CEST (08:00Z).
  CHECK(add_business_time(c, 1774623600000, 2 * hour) == 1774857600000);
  CHECK(business_time_between(c, 1774623600000, 1774857600000) == 2 * hour);
}

TEST_CASE("on the change day itself: gaps do not happen, repeated hours count twice") {
  SUBCASE("a whole Sunday lasts 23 h in spring and 25 h in autumn") {
    const auto c = sundays(0, 1440);
    // 2026-03-08 00:00 EST (05:00Z) to 2026-03-09 00:00 EDT (04:00Z).
    CHECK(business_time_between(c, 1772946000000, 1773028800000) == 23 * hour);
    // 2026-11-01 00:00 EDT (04:00Z) to 2026-11-02 00:00 EST (05:00Z).
    CHECK(business_time_between(c, 1793505600000, 1793595600000) == 25 * hour);
  }
  SUBCASE("hours that begin inside the gap begin when it ends") {
    const auto c = sundays(150, 240); // 02:30-04:00; 02:00-03:00 does not exist on 2026-03-08
    CHECK(business_time_between(c, 1772946000000, 1773028800000) == 1 * hour); // 03:00-04:00 EDT
    CHECK(add_business_time(c, 1772946000000, minute) == 1772953260000);       // 03:01 EDT = 07:01Z
  }
  SUBCASE("hours that begin inside the repeated hour begin at its first occurrence, and both count") {
    const auto c = sundays(90, 120); // 01:30-02:00 happens at 05:30Z-06:00Z (EDT) and 06:30Z-07:00Z (EST)
    CHECK(business_time_between(c, 1793505600000, 1793595600000) == 1 * hour);
    CHECK(add_business_time(c, 1793505600000, 45 * minute) == 1793515500000); // 06:45Z, in the second 01:30-02:00
  }
  SUBCASE("hours that end inside the repeated hour end at its second occurrence") {
    const auto c = sundays(0, 90); // 00:00-01:30 EDT, then 01:00-01:30 EST again
    CHECK(business_time_between(c, 1793505600000, 1793595600000) == 2 * hour);
  }
}

TEST_CASE("holidays have no business hours") {
  // Thursday 2026-07-02 16:00 EDT (20:00Z) + 2 h.
  CHECK(add_business_time(office(new_york, "America/New_York"), 1783022400000, 2 * hour) ==
        1783087200000); // Friday 10:00 EDT
  CHECK(add_business_time(office(new_york, "America/New_York", {"2026-07-03"}), 1783022400000, 2 * hour) ==
        1783346400000); // Friday is a holiday: Monday 2026-07-06 10:00 EDT
  CHECK(business_time_between(office(new_york, "America/New_York", {"2026-07-03"}), 1783022400000, 1783346400000) ==
        2 * hour);
}

TEST_CASE("a start outside business hours waits for the next opening") {
  const auto c = office(new_york, "America/New_York");
  CHECK(add_business_time(c, 1772902800000, hour) == 1773064800000);        // Saturday noon -> Monday 10:00 EDT
  CHECK(add_business_time(c, 1773054000000, 30 * minute) == 1773063000000); // Monday 07:00 -> 09:30 EDT
  CHECK(add_business_time(c, 1773093600000, 30 * minute) == 1773149400000); // Monday 18:00 -> Tuesday 09:30 EDT
  CHECK(add_business_time(c, 1773086400000, hour) == 1773090000000);        // Monday 16:00 + 1 h: 17:00, not Tuesday
  CHECK(add_business_time(c, 1772902800000, 0) == 1772902800000);           // nothing to wait for
  CHECK(business_time_between(c, 1772902800000, 1773054000000) == 0);       // the weekend
}

TEST_CASE("deadlines weeks ahead") {
  const auto c = office(new_york, "America/New_York");
  // Monday 2026-01-05 09:00 EST + 40 business days -> Friday 2026-02-27 17:00 EST (22:00Z).
  CHECK(add_business_time(c, 1767621600000, 40 * 8 * hour) == 1772229600000);
  CHECK(business_time_between(c, 1767621600000, 1772229600000) == 40 * 8 * hour);
  // A full year: 261 weekdays of 2026 less the holidays.
  const auto year = office(new_york, "America/New_York", {"2026-01-01", "2026-12-25", "2026-12-26"}); // 26th: Saturday
  CHECK(business_time_between(year, 1767225600000 + 5 * hour, 1767225600000 + 5 * hour + 365 * day) ==
        (261 - 2) * 8 * hour);
}

TEST_CASE("between and add agree: between(start, add(start, d)) == d") {
  const auto ny = office(new_york, "America/New_York", {"2026-03-10", "2026-11-03"});
  const auto be = office(berlin, "Europe/Berlin", {"2026-04-03", "2026-04-06"});
  auto night_shifts = sundays(0, 150);
  night_shifts.hours.push_back({6, 1380, 1440}); // Saturday 23:00-24:00
  night_shifts.hours.push_back({0, 1410, 1440});
  const Calendar nights = night_shifts;
  const std::int64_t durations[] = {1,        minute,    hour,      7 * hour + 59 * minute,
                                    8 * hour, 24 * hour, 40 * hour, 100 * hour};
  int checked = 0;
  for (const Calendar* c : {&ny, &be, &nights}) {
    for (TimeMs window_start : {TimeMs{1772236800000}, TimeMs{1792627200000}}) { // 2026-02-28, 2026-10-22
      for (TimeMs start = window_start; start < window_start + 20 * day; start += 7 * hour + 13 * minute) {
        for (auto d : durations) {
          const auto due = add_business_time(*c, start, d);
          REQUIRE(due != no_deadline);
          CHECK(business_time_between(*c, start, due) == d);
          CHECK(business_time_between(*c, start, due - 1) == d - 1); // the earliest such instant
          ++checked;
        }
        // Additivity over an arbitrary split.
        const TimeMs mid = start + 3 * day + 17 * minute, end = start + 9 * day;
        CHECK(business_time_between(*c, start, end) ==
              business_time_between(*c, start, mid) + business_time_between(*c, mid, end));
      }
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("pause and resume: elapsed before the pause plus the remainder after it") {
  const auto c = office(new_york, "America/New_York");
  const std::int64_t target = 8 * hour;
  const TimeMs opened = 1772740800000;                          // Thursday 2026-03-05 15:00 EST
  const TimeMs paused = 1772809200000;                          // Friday 10:00 EST
  const TimeMs resumed = 1773068400000;                         // Monday 2026-03-09 11:00 EDT
  CHECK(add_business_time(c, opened, target) == 1772827200000); // unpaused: Friday 15:00 EST
  const auto elapsed = business_time_between(c, opened, paused);
  CHECK(elapsed == 3 * hour); // Thursday 15-17, Friday 9-10
  const auto due = add_business_time(c, resumed, target - elapsed);
  CHECK(due == 1773086400000); // Monday 16:00 EDT
  CHECK(elapsed + business_time_between(c, resumed, due) == target);
}

TEST_CASE("calendars without reachable business time end the search") {
  Calendar none;
  none.around_the_clock = false;
  none.hours = {};
  CHECK(add_business_time(none, 1772830800000, hour) == no_deadline);
  CHECK(business_time_between(none, 1772830800000, 1772830800000 + 400 * day) == 0);

  // One hour a week: 100 h fit in the search (about 100 weeks), 200 h do not (about 3.8 years).
  Calendar sparse;
  sparse.around_the_clock = false;
  sparse.hours = {{1, 540, 600}};
  const TimeMs start = 1767225600000; // 2026-01-01
  const auto due = add_business_time(sparse, start, 100 * hour);
  CHECK(due != no_deadline);
  CHECK(business_time_between(sparse, start, due) == 100 * hour);
  CHECK(add_business_time(sparse, start, 200 * hour) == no_deadline);
}

TEST_CASE("validate names the field of what is wrong") {
  const auto good = office(new_york, "America/New_York", {"2026-12-25"});
  CHECK_FALSE(validate(good).has_value());
  CHECK_FALSE(validate(Calendar{}).has_value());
  Calendar adjacent = good;
  adjacent.hours.push_back({1, 17 * 60, 18 * 60}); // touches 9-17, does not overlap
  CHECK_FALSE(validate(adjacent).has_value());

  struct Case {
    const char* what;
    std::function<void(Calendar&)> change;
    const char* field;
  };
  const Case cases[] = {
      {"empty zone", [](Calendar& c) { c.time_zone = ""; }, "time_zone"},
      {"zone with a path", [](Calendar& c) { c.time_zone = "../etc/passwd"; }, "time_zone"},
      {"zone with spaces", [](Calendar& c) { c.time_zone = "New York"; }, "time_zone"},
      {"unsorted offsets", [](Calendar& c) { std::swap(c.offsets[0], c.offsets[1]); }, "offsets"},
      {"offset out of range", [](Calendar& c) { c.offsets[1].offset_minutes = 2000; }, "offsets"},
      {"no hours", [](Calendar& c) { c.hours.clear(); }, "hours"},
      {"weekday 7", [](Calendar& c) { c.hours[0].weekday = 7; }, "hours"},
      {"weekday -1", [](Calendar& c) { c.hours[0].weekday = -1; }, "hours"},
      {"negative start", [](Calendar& c) { c.hours[0].start_minute = -1; }, "hours"},
      {"end past midnight", [](Calendar& c) { c.hours[0].end_minute = 1441; }, "hours"},
      {"start after end",
       [](Calendar& c) {
         c.hours[0] = {1, 1020, 540};
       },
       "hours"},
      {"empty interval",
       [](Calendar& c) {
         c.hours[0] = {1, 540, 540};
       },
       "hours"},
      {"overlap",
       [](Calendar& c) {
         c.hours.push_back({3, 16 * 60, 18 * 60});
       },
       "hours"},
      {"bad date", [](Calendar& c) { c.holidays.push_back("2026-02-30"); }, "holidays"},
      {"not a date", [](Calendar& c) { c.holidays.push_back("Christmas"); }, "holidays"},
      {"short date", [](Calendar& c) { c.holidays.push_back("2026-1-01"); }, "holidays"},
  };
  for (const auto& k : cases) {
    INFO(k.what);
    Calendar c = good;
    k.change(c);
    auto e = validate(c);
    REQUIRE(e.has_value());
    CHECK(e->code == pd::core::ErrorCode::invalid_field);
    CHECK(e->field == k.field);
    CHECK_FALSE(e->message.empty());
  }
  Calendar overlap = good;
  overlap.hours.push_back({3, 16 * 60, 18 * 60});
  CHECK(validate(overlap)->message == "hours[5] (Wednesday 16:00-18:00) overlaps hours[2] (Wednesday 09:00-17:00).");
  // Around the clock needs no hours.
  Calendar clock = good;
  clock.around_the_clock = true;
  clock.hours.clear();
  CHECK_FALSE(validate(clock).has_value());
}

TEST_CASE("calendars round-trip through JSON; missing fields take their defaults") {
  const auto c = office(berlin, "Europe/Berlin", {"2026-12-25"});
  nlohmann::json j = c;
  CHECK(j.at("hours").at(0) == nlohmann::json{{"weekday", 1}, {"start_minute", 540}, {"end_minute", 1020}});
  CHECK(j.at("offsets").at(1) == nlohmann::json{{"at", 1774746000000}, {"offset_minutes", 120}});
  CHECK(j.get<Calendar>() == c);
  const auto partial = nlohmann::json::parse(R"({"around_the_clock":false,"hours":[{"weekday":2}]})").get<Calendar>();
  CHECK(partial.time_zone == "UTC");
  CHECK(partial.offsets.empty());
  CHECK(partial.hours == std::vector<BusinessHours>{{2, 540, 1020}});
}

} // namespace test_unit_shared_domain_support_sla_calendar
