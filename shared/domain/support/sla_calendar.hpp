// SLA calendars: when a support ticket's deadline falls, counted in business time.
//
// Pure functions. Time-zone rules arrive as data (the offset changes of the zone, built on the
// server from the OS time-zone database, see server/scheduling/time_zones.hpp), so the browser
// computes the same deadlines as the server.
//
// What counts as business time. An instant t is business time when its local wall time
// (t + the offset in force at t) lies inside one of the business-hours intervals of its local
// day, and that local date is not a holiday. Every rule below follows from that one definition:
//  - Hours keep their wall-clock times on days the offset changes: 9:00-17:00 is 9:00-17:00
//    local before and after a change.
//  - Spring forward (local times that do not exist): the part of the hours inside the gap
//    does not happen. Hours that begin inside the gap begin when the gap ends (02:30 begins at
//    03:00 new time); a 00:00-24:00 day lasts 23 hours.
//  - Fall back (local times that happen twice): both occurrences count, as both are real
//    time. Hours that begin inside the repeated hour begin at its first occurrence, hours that
//    end inside it end at its second occurrence; a 00:00-24:00 day lasts 25 hours.
// So business time is always real elapsed time, and the two functions are exact inverses:
// business_time_between(c, s, add_business_time(c, s, d)) == d whenever a deadline is found.
//
// Around the clock, hours, holidays and offsets are ignored: every millisecond counts.
//
// Computation walks per local day and per constant-offset stretch, never per minute. Times
// are clamped to the years 1900-9999 (business calendars only); add_business_time searches at
// most max_search_days ahead and answers no_deadline when the duration does not fit in them
// (a calendar without any business hours, or with all of them on holidays).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/core/error.hpp"
#include "shared/domain/types.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pd::domain::sla {

// From `at` on, local time = UTC + offset_minutes (until the next change).
struct OffsetChange {
  TimeMs at = 0;
  int offset_minutes = 0;
  bool operator==(const OffsetChange&) const = default;
};
PD_JSON_TYPE(OffsetChange, at, offset_minutes)

// One open interval of a weekday, in minutes of the local day: [start_minute, end_minute).
// weekday 0 = Sunday .. 6 = Saturday; 0 <= start < end <= 1440. A night shift that crosses
// midnight is two entries (22:00-24:00 on one day, 00:00-06:00 on the next).
struct BusinessHours {
  int weekday = 1;
  int start_minute = 540; // 09:00
  int end_minute = 1020;  // 17:00
  bool operator==(const BusinessHours&) const = default;
};
PD_JSON_TYPE(BusinessHours, weekday, start_minute, end_minute)

struct Calendar {
  bool around_the_clock = true;
  std::string time_zone = "UTC";     // IANA name, for display; the rules are in `offsets`
  std::vector<OffsetChange> offsets; // sorted by `at`; before the first change the first offset
                                     // applies; empty: UTC
  std::vector<BusinessHours> hours;  // used when !around_the_clock
  std::vector<std::string> holidays; // local dates YYYY-MM-DD without business hours
  bool operator==(const Calendar&) const = default;
};
PD_JSON_TYPE(Calendar, around_the_clock, time_zone, offsets, hours, holidays)

// add_business_time's answer when the duration does not fit in max_search_days.
inline constexpr TimeMs no_deadline = std::numeric_limits<TimeMs>::max();
// How far add_business_time looks for business time (about three years).
inline constexpr std::int64_t max_search_days = 1100;

// The offset in force at `utc`, in minutes (0 without offsets).
int offset_at(const Calendar& calendar, TimeMs utc);

// The earliest instant at which `duration_ms` of business time has passed since `start`
// (`start` itself for a duration <= 0; a deadline that completes exactly at closing time is
// that closing time, not the next opening). Around the clock: start + duration (saturating).
// no_deadline when the duration does not fit in the max_search_days after `start`.
TimeMs add_business_time(const Calendar& calendar, TimeMs start, std::int64_t duration_ms);

// Business milliseconds in [from, to); 0 if to <= from. Around the clock: to - from.
// Pause/resume: elapsed = between(opened, paused); after resuming at r, the deadline is
// add_business_time(r, target - elapsed).
std::int64_t business_time_between(const Calendar& calendar, TimeMs from, TimeMs to);

// Checks a calendar before it is stored: the error names the field ("time_zone", "offsets",
// "hours", "holidays") and says which entry is wrong. Computations ignore entries validate()
// refuses (and merge overlapping hours), so they never fail, but their results are only
// meaningful for a valid calendar.
std::optional<core::Error> validate(const Calendar& calendar);

} // namespace pd::domain::sla
