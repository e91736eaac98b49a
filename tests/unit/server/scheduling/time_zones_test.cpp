#include "server/scheduling/time_zones.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace test_unit_server_scheduling_time_zones { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::scheduling;
using pd::domain::TimeMs;
using pd::domain::sla::OffsetChange;

namespace {
constexpr TimeMs hour = 3'600'000;
constexpr TimeMs day = 24 * hour;
constexpr TimeMs start_2026 = 1767139200000; // 2025-12-31T00:00Z: one day before 2026
constexpr TimeMs start_2038 = 2145830400000; // 2037-12-31T00:00Z

bool contains(const std::vector<OffsetChange>& changes, OffsetChange c) {
  return std::find(changes.begin(), changes.end(), c) != changes.end();
}
} // namespace

TEST_CASE("2026 tables of New York, Berlin, Sydney and UTC") {
  auto ny = offset_changes("America/New_York", 2026, 2026);
  REQUIRE(ny.has_value());
  CHECK(*ny == std::vector<OffsetChange>{{start_2026, -300}, {1772953200000, -240}, {1793512800000, -300}});

  auto berlin = offset_changes("Europe/Berlin", 2026, 2026);
  REQUIRE(berlin.has_value());
  CHECK(*berlin == std::vector<OffsetChange>{{start_2026, 60}, {1774746000000, 120}, {1792890000000, 60}});

  // Southern hemisphere: summer time at the start of the year, ends 2026-04-05, starts 2026-10-04.
  auto sydney = offset_changes("Australia/Sydney", 2026, 2026);
  REQUIRE(sydney.has_value());
  CHECK(*sydney == std::vector<OffsetChange>{{start_2026, 660}, {1775318400000, 600}, {1791043200000, 660}});

  CHECK(*offset_changes("UTC", 2026, 2028) == std::vector<OffsetChange>{{start_2026, 0}});
  CHECK(*offset_changes("Asia/Kolkata", 2026, 2026) == std::vector<OffsetChange>{{start_2026, 330}});
  CHECK(*offset_changes("US/Eastern", 2026, 2026) == *ny); // backward-compatible aliases work too
}

TEST_CASE("unknown zones give nullopt and never reach the file system") {
  for (const char* name :
       {"Nope/Zone", "", "../etc/passwd", "/etc/passwd", "America/../../etc/passwd", "america/new_york"}) {
    INFO(name);
    CHECK_FALSE(offset_changes(name, 2026, 2026).has_value());
    CHECK_FALSE(posix_rule(name).has_value());
  }
}

TEST_CASE("years are clamped, and each change is a real change, strictly in order") {
  CHECK(*offset_changes("America/New_York", 2026, 2020) == *offset_changes("America/New_York", 2026, 2026));
  auto wide = offset_changes("Europe/London", 1800, 2100);
  REQUIRE(wide.has_value());
  CHECK(wide->front().at == -2209075200000); // 1899-12-31T00:00Z
  for (std::size_t i = 1; i < wide->size(); ++i) {
    CHECK((*wide)[i].at > (*wide)[i - 1].at);
    CHECK((*wide)[i].offset_minutes != (*wide)[i - 1].offset_minutes);
  }
  CHECK(contains(*wide, {4109878800000, 60})); // 2100-03-28T01:00Z: BST, from the rule
}

TEST_CASE("after 2037 the zone's POSIX rule continues the table") {
  CHECK(posix_rule("America/New_York") == "EST5EDT,M3.2.0,M11.1.0");
  auto ny = offset_changes("America/New_York", 2038, 2038);
  REQUIRE(ny.has_value());
  CHECK(*ny == std::vector<OffsetChange>{{start_2038, -300}, {2152162800000, -240}, {2172722400000, -300}});
  // Across the seam: the listed 2037 changes, then the rule's.
  auto seam = offset_changes("Europe/Berlin", 2036, 2040);
  REQUIRE(seam.has_value());
  CHECK(seam->size() == 1 + 2 * 5);
  for (std::size_t i = 1; i < seam->size(); ++i)
    CHECK((*seam)[i].offset_minutes == (i % 2 == 1 ? 120 : 60));
  // A range that starts after the listed transitions comes from the rule alone.
  auto later = offset_changes("Europe/Berlin", 2040, 2040);
  REQUIRE(later.has_value());
  REQUIRE(later->size() == 3);
  CHECK((*later)[0].offset_minutes == 60);
  CHECK((*later)[1] == OffsetChange{2216250000000, 120}); // 2040-03-25T01:00Z
  CHECK((*later)[2].offset_minutes == 60);
}

TEST_CASE("POSIX rules: the forms the zoneinfo footers use") {
  const TimeMs from = start_2026, to = start_2026 + 367 * day;
  CHECK(*posix_rule_changes("EST5EDT,M3.2.0,M11.1.0", from, to) ==
        std::vector<OffsetChange>{{from, -300}, {1772953200000, -240}, {1793512800000, -300}});
  // Negative rule time (America/Nuuk): 2026-03-29T01:00Z and 2026-10-25T01:00Z, like the EU.
  CHECK(*posix_rule_changes("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", from, to) ==
        std::vector<OffsetChange>{{from, -120}, {1774746000000, -60}, {1792890000000, -120}});
  // Negative DST (Europe/Dublin: IST is standard time, GMT the winter time).
  CHECK(*posix_rule_changes("IST-1GMT0,M10.5.0,M3.5.0/1", from, to) ==
        std::vector<OffsetChange>{{from, 0}, {1774746000000, 60}, {1792890000000, 0}});
  // Half-hour and 45-minute offsets, hours past 24 (Asia/Jerusalem: Friday before the last Sunday).
  CHECK(posix_rule_changes("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", from, to)->front().offset_minutes == 825);
  CHECK(*posix_rule_changes("IST-2IDT,M3.4.4/26,M10.5.0", from, to) ==
        std::vector<OffsetChange>{{from, 120}, {1774569600000, 180}, {1792882800000, 120}});
  // No DST; DST all year.
  CHECK(*posix_rule_changes("JST-9", from, to) == std::vector<OffsetChange>{{from, 540}});
  CHECK(*posix_rule_changes("EST5EDT,0/0,J365/25", from + 10 * day, to) ==
        std::vector<OffsetChange>{{from + 10 * day, -240}});
  for (const char* bad : {"", "EST", "ES5", "EST5EDT", "EST5EDT,M3.2.0", "EST5EDT,M13.2.0,M11.1.0",
                          "EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,J0,J365",
                          "EST5EDT,M3.2.0/200,M11.1.0", "EST5EDT,M3.2.0,M11.1.0x", "<EST5"}) {
    INFO(bad);
    CHECK_FALSE(posix_rule_changes(bad, from, to).has_value());
  }
}

TEST_CASE("every zone's POSIX rule agrees with the library's listed transitions") {
  const auto zones = known_zones();
  REQUIRE(zones.size() > 400);
  CHECK(std::is_sorted(zones.begin(), zones.end()));
  CHECK(std::find(zones.begin(), zones.end(), "localtime") == zones.end());
  for (const char* name : {"America/New_York", "Europe/Berlin", "UTC", "Asia/Kolkata", "Australia/Sydney"})
    CHECK(std::binary_search(zones.begin(), zones.end(), std::string(name)));

  // 2031-2036 come from the listed transitions; the rule must give the same changes for zones
  // whose current rule already applies then (not those with predicted irregular changes, such
  // as Casablanca's around Ramadan, nor any that announce a change of rule).
  const TimeMs from = 1924905600000, to = 2114467200000; // 2030-12-31T00:00Z, 2037-01-02T00:00Z
  int agree = 0, total = 0;
  std::vector<std::string> disagree;
  for (const auto& zone : zones) {
    auto listed = offset_changes(zone, 2031, 2036);
    REQUIRE_MESSAGE(listed.has_value(), zone);
    auto rule = posix_rule(zone);
    REQUIRE_MESSAGE(rule.has_value(), zone);
    auto computed = posix_rule_changes(*rule, from, to);
    REQUIRE_MESSAGE(computed.has_value(), (zone + ": " + *rule));
    ++total;
    if (*computed == *listed)
      ++agree;
    else
      disagree.push_back(zone);
  }
  std::string names;
  for (const auto& z : disagree)
    names += z + " ";
  INFO("rule and listed changes differ for: " << names);
  CHECK(agree * 100 >= total * 95);
  for (const char* name : {"America/New_York", "America/Chicago", "America/Los_Angeles", "America/Nuuk",
                           "America/Santiago", "Europe/Berlin", "Europe/London", "Europe/Dublin", "Asia/Jerusalem",
                           "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham"}) {
    INFO(name);
    CHECK(std::find(disagree.begin(), disagree.end(), name) == disagree.end());
  }
}

TEST_CASE("a calendar built from the table gives the DST-correct deadline") {
  pd::domain::sla::Calendar c;
  c.around_the_clock = false;
  c.time_zone = "America/New_York";
  c.offsets = *offset_changes(c.time_zone, 2026, 2026);
  for (int wd = 1; wd <= 5; ++wd)
    c.hours.push_back({wd, 540, 1020});
  CHECK_FALSE(pd::domain::sla::validate(c).has_value());
  // Friday 2026-03-06 16:00 EST + 2 h -> Monday 2026-03-09 10:00 EDT.
  CHECK(pd::domain::sla::add_business_time(c, 1772830800000, 2 * hour) == 1773064800000);
  // Friday 2026-10-30 16:00 EDT + 2 h -> Monday 2026-11-02 10:00 EST.
  CHECK(pd::domain::sla::add_business_time(c, 1793390400000, 2 * hour) == 1793631600000);
}

} // namespace test_unit_server_scheduling_time_zones
