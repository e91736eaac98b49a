#include "shared/domain/support/sla_calendar.hpp"

#include "shared/core/dates.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

namespace pd::domain::sla {

using core::invalid;

namespace {

using core::ms_per_day;
constexpr std::int64_t ms_per_minute = 60'000;
constexpr int minutes_per_day = 1440;
// Business calendars work on 1900-01-01T00:00Z .. 10000-01-01T00:00Z: no overflow, bounded loops.
constexpr TimeMs min_time = -25'567 * ms_per_day;
constexpr TimeMs max_time = 2'932'897 * ms_per_day;
// Offsets validate() accepts; real zones stay within -12:00 .. +14:00.
constexpr int max_offset_minutes = 18 * 60;

TimeMs clamp_time(TimeMs t) { return std::clamp(t, min_time, max_time); }

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Day 0 (1970-01-01) was a Thursday.
int weekday_of_day(std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 4) % 7); }

bool valid_hours(const BusinessHours& h) {
  return h.weekday >= 0 && h.weekday <= 6 && h.start_minute >= 0 && h.end_minute <= minutes_per_day &&
         h.start_minute < h.end_minute;
}

// The calendar in the form the walk needs: per weekday the sorted, merged open intervals in
// ms of the local day, and the holidays as sorted day numbers.
struct Prepared {
  std::array<std::vector<std::pair<std::int64_t, std::int64_t>>, 7> days;
  std::vector<std::int64_t> holidays;
  bool any_hours = false;

  bool is_holiday(std::int64_t day) const { return std::binary_search(holidays.begin(), holidays.end(), day); }
};

Prepared prepare(const Calendar& c) {
  Prepared p;
  for (const auto& h : c.hours) {
    if (!valid_hours(h)) continue;
    p.days[static_cast<std::size_t>(h.weekday)].emplace_back(h.start_minute * ms_per_minute,
                                                             h.end_minute * ms_per_minute);
  }
  for (auto& day : p.days) {
    std::sort(day.begin(), day.end());
    std::vector<std::pair<std::int64_t, std::int64_t>> merged;
    for (const auto& iv : day) {
      if (!merged.empty() && iv.first <= merged.back().second)
        merged.back().second = std::max(merged.back().second, iv.second);
      else
        merged.push_back(iv);
    }
    day = std::move(merged);
    p.any_hours = p.any_hours || !day.empty();
  }
  for (const auto& text : c.holidays)
    if (auto d = core::parse_date(text)) p.holidays.push_back(core::days_from_civil(*d));
  std::sort(p.holidays.begin(), p.holidays.end());
  p.holidays.erase(std::unique(p.holidays.begin(), p.holidays.end()), p.holidays.end());
  return p;
}

// Calls f(a, b) for each stretch [a, b) of business time inside [from, to), in order, until f
// returns false. from and to lie in [min_time, max_time]. Walks the constant-offset stretches
// between offset changes and, inside each, the local days it covers: a stretch maps UTC to
// local time by one shift, so its business time is the business hours of those local days,
// shifted back. Gaps and repeated hours at offset changes need no special case.
template <class F>
void for_each_business_interval(const Calendar& c, const Prepared& p, TimeMs from, TimeMs to, F&& f) {
  const auto& offsets = c.offsets;
  std::size_t next = 0;
  int offset = offsets.empty() ? 0 : offsets.front().offset_minutes;
  TimeMs cursor = from;
  while (cursor < to) {
    while (next < offsets.size() && offsets[next].at <= cursor)
      offset = offsets[next++].offset_minutes;
    TimeMs stretch_end = next < offsets.size() ? std::min(offsets[next].at, to) : to;
    const std::int64_t shift = offset * ms_per_minute;
    const TimeMs local_from = cursor + shift;
    const TimeMs local_to = stretch_end + shift;
    for (std::int64_t day = floor_div(local_from, ms_per_day); day * ms_per_day < local_to; ++day) {
      if (p.is_holiday(day)) continue;
      const TimeMs midnight = day * ms_per_day;
      for (const auto& [open, close] : p.days[static_cast<std::size_t>(weekday_of_day(day))]) {
        TimeMs a = std::max(midnight + open, local_from);
        TimeMs b = std::min(midnight + close, local_to);
        if (a < b && !f(a - shift, b - shift)) return;
      }
    }
    cursor = stretch_end;
  }
}

std::string hours_text(const BusinessHours& h) {
  const char* const names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d-%02d:%02d", names[h.weekday], h.start_minute / 60, h.start_minute % 60,
                h.end_minute / 60, h.end_minute % 60);
  return buf;
}

bool valid_zone_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
  char previous = 0;
  for (char ch : name) {
    bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
              ch == '-' || ch == '+' || ch == '/';
    if (!ok || (ch == '/' && previous == '/')) return false;
    previous = ch;
  }
  return true;
}


} // namespace

int offset_at(const Calendar& calendar, TimeMs utc) {
  const auto& offsets = calendar.offsets;
  if (offsets.empty()) return 0;
  int offset = offsets.front().offset_minutes;
  for (const auto& change : offsets) {
    if (change.at > utc) break;
    offset = change.offset_minutes;
  }
  return offset;
}

TimeMs add_business_time(const Calendar& calendar, TimeMs start, std::int64_t duration_ms) {
  if (duration_ms <= 0) return start;
  if (calendar.around_the_clock) return start > no_deadline - duration_ms ? no_deadline : start + duration_ms;
  const Prepared p = prepare(calendar);
  if (!p.any_hours) return no_deadline;
  const TimeMs from = clamp_time(start);
  const TimeMs limit = std::min(from + max_search_days * ms_per_day, max_time);
  TimeMs deadline = no_deadline;
  std::int64_t remaining = duration_ms;
  for_each_business_interval(calendar, p, from, limit, [&](TimeMs a, TimeMs b) {
    if (b - a >= remaining) {
      deadline = a + remaining;
      return false;
    }
    remaining -= b - a;
    return true;
  });
  return deadline;
}

std::int64_t business_time_between(const Calendar& calendar, TimeMs from, TimeMs to) {
  if (to <= from) return 0;
  if (calendar.around_the_clock) {
    // to - from without overflow (saturates for spans longer than the int64 range).
    if (from < 0 && to > std::numeric_limits<std::int64_t>::max() + from)
      return std::numeric_limits<std::int64_t>::max();
    return to - from;
  }
  const Prepared p = prepare(calendar);
  if (!p.any_hours) return 0;
  std::int64_t total = 0;
  for_each_business_interval(calendar, p, clamp_time(from), clamp_time(to), [&](TimeMs a, TimeMs b) {
    total += b - a;
    return true;
  });
  return total;
}

std::optional<core::Error> validate(const Calendar& calendar) {
  if (!valid_zone_name(calendar.time_zone))
    return invalid("time_zone must be an IANA time-zone name such as Europe/Berlin (letters, digits, "
                                "'_', '-', '+' and '/', at most 64 characters).", "time_zone");

  const auto& offsets = calendar.offsets;
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    const auto index = "offsets[" + std::to_string(i) + "]";
    if (offsets[i].offset_minutes < -max_offset_minutes || offsets[i].offset_minutes > max_offset_minutes)
      return invalid(index + ": offset_minutes must be between -1080 and 1080 (18 hours either side of UTC).", "offsets");
    if (i > 0 && offsets[i].at <= offsets[i - 1].at)
      return invalid(index + ": changes must be sorted by time, each one later than the one before.", "offsets");
  }

  const auto& hours = calendar.hours;
  if (!calendar.around_the_clock && hours.empty())
    return invalid("hours must hold at least one interval unless the calendar runs around the clock.", "hours");
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const auto& h = hours[i];
    const auto index = "hours[" + std::to_string(i) + "]";
    if (h.weekday < 0 || h.weekday > 6)
      return invalid(index + ": weekday must be 0 (Sunday) to 6 (Saturday).", "hours");
    if (h.start_minute < 0 || h.start_minute >= minutes_per_day)
      return invalid(index + ": start_minute must be 0 to 1439 (minutes after local midnight).", "hours");
    if (h.end_minute < 1 || h.end_minute > minutes_per_day)
      return invalid(index + ": end_minute must be 1 to 1440 (minutes after local midnight).", "hours");
    if (h.start_minute >= h.end_minute)
      return invalid(index + ": start_minute must be before end_minute (split a night shift in two days).", "hours");
  }
  // Overlaps: per weekday, in order of start.
  std::vector<std::size_t> order(hours.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = hours[a];
    const auto& y = hours[b];
    return std::pair(x.weekday, x.start_minute) < std::pair(y.weekday, y.start_minute);
  });
  for (std::size_t k = 1; k < order.size(); ++k) {
    const auto& before = hours[order[k - 1]];
    const auto& after = hours[order[k]];
    if (after.weekday == before.weekday && after.start_minute < before.end_minute)
      return invalid("hours[" + std::to_string(order[k]) + "] (" + hours_text(after) + ") overlaps hours[" +
                                  std::to_string(order[k - 1]) + "] (" + hours_text(before) + ").", "hours");
  }

  for (std::size_t i = 0; i < calendar.holidays.size(); ++i)
    if (!core::parse_date(calendar.holidays[i]))
      return invalid("holidays[" + std::to_string(i) +
                                     "] must be a local date of the form YYYY-MM-DD (years 1900-9999).", "holidays");
  return std::nullopt;
}

} // namespace pd::domain::sla
