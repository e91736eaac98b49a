#include "server/scheduling/time_zones.hpp"

#include "shared/core/dates.hpp"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>

namespace pd::scheduling {

using domain::TimeMs;
using domain::sla::OffsetChange;

namespace {

// Where Debian's tzdata puts the database, and where the Debian-built library reads it.
constexpr const char* zoneinfo_dir = "/usr/share/zoneinfo";
constexpr std::int64_t seconds_per_day = 86'400;

// Seconds east of UTC, rounded to whole minutes.
int to_minutes(std::int64_t seconds) {
  return static_cast<int>(seconds >= 0 ? (seconds + 30) / 60 : -((-seconds + 30) / 60));
}

TimeMs to_ms(date::sys_seconds t) { return static_cast<TimeMs>(t.time_since_epoch().count()) * 1000; }

// --- POSIX TZ rules (the footer of a TZif file, RFC 8536 section 3.3) ----------------------

struct RuleDate {
  enum Kind { julian_no_leap, zero_based, month_week_day } kind = month_week_day;
  int day = 0; // Jn: 1-365, n: 0-365
  int month = 1, week = 1, weekday = 0;
  std::int64_t time = std::int64_t{2} * 3600; // seconds of local time after the day's midnight
};

struct PosixRule {
  std::int64_t std_offset = 0; // seconds east of UTC
  bool has_dst = false;
  std::int64_t dst_offset = 0;
  RuleDate start, end; // start: in standard time; end: in daylight time
};

class RuleParser {
public:
  explicit RuleParser(std::string_view text) : s_(text) {}

  std::optional<PosixRule> parse() {
    PosixRule r;
    std::int64_t west = 0;
    if (!name() || !signed_time(24, west)) return std::nullopt;
    r.std_offset = -west;
    if (done()) return r;
    if (!name()) return std::nullopt;
    r.has_dst = true;
    r.dst_offset = r.std_offset + 3600;
    if (!done() && peek() != ',') {
      if (!signed_time(24, west)) return std::nullopt;
      r.dst_offset = -west;
    }
    // A DST name without rules leaves the transitions to the implementation: not supported.
    if (!eat(',') || !date(r.start) || !eat(',') || !date(r.end) || !done()) return std::nullopt;
    return r;
  }

private:
  bool done() const { return i_ == s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  static bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

  bool name() {
    std::size_t length = 0;
    if (eat('<')) {
      while (!done() && (is_alpha(peek()) || is_digit(peek()) || peek() == '+' || peek() == '-'))
        ++i_, ++length;
      return length >= 3 && eat('>');
    }
    while (is_alpha(peek()))
      ++i_, ++length;
    return length >= 3;
  }
  bool number(int max_digits, int max_value, int& out) {
    int digits = 0;
    out = 0;
    while (digits < max_digits && is_digit(peek()))
      out = out * 10 + (s_[i_++] - '0'), ++digits;
    return digits > 0 && out <= max_value;
  }
  // [+|-]hh[:mm[:ss]], hours up to max_hours.
  bool signed_time(int max_hours, std::int64_t& out) {
    bool negative = eat('-');
    if (!negative) eat('+');
    int h = 0, m = 0, sec = 0;
    if (!number(3, max_hours, h)) return false;
    if (eat(':')) {
      if (!number(2, 59, m)) return false;
      if (eat(':') && !number(2, 59, sec)) return false;
    }
    out = (negative ? -1 : 1) * (std::int64_t{h} * 3600 + std::int64_t{m} * 60 + sec);
    return true;
  }
  bool date(RuleDate& d) {
    if (eat('J')) {
      d.kind = RuleDate::julian_no_leap;
      if (!number(3, 365, d.day) || d.day < 1) return false;
    } else if (eat('M')) {
      d.kind = RuleDate::month_week_day;
      if (!number(2, 12, d.month) || d.month < 1 || !eat('.') || !number(1, 5, d.week) || d.week < 1 || !eat('.') ||
          !number(1, 6, d.weekday))
        return false;
    } else {
      d.kind = RuleDate::zero_based;
      if (!number(3, 365, d.day)) return false;
    }
    if (eat('/')) return signed_time(167, d.time);
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// The local day (days since 1970-01-01) a rule date falls on in `year`.
std::int64_t rule_day(const RuleDate& d, int year) {
  const std::int64_t jan1 = core::days_from_civil({year, 1, 1});
  switch (d.kind) {
  case RuleDate::julian_no_leap: return jan1 + d.day - 1 + (core::is_leap_year(year) && d.day >= 60 ? 1 : 0);
  case RuleDate::zero_based: return jan1 + d.day;
  case RuleDate::month_week_day: break;
  }
  const std::int64_t first = core::days_from_civil({year, d.month, 1});
  const int first_weekday = static_cast<int>(((first % 7) + 7 + 4) % 7); // 1970-01-01 was a Thursday
  std::int64_t day = first + (d.weekday - first_weekday + 7) % 7 + std::int64_t{7} * (d.week - 1);
  if (day >= first + core::days_in_month(year, d.month)) day -= 7; // week 5: the last one
  return day;
}

std::optional<std::string> read_footer(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data;
  constexpr std::size_t max_size = 1 << 20;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.append(buf, static_cast<std::size_t>(in.gcount()));
    if (data.size() > max_size) return std::nullopt;
  }
  // Version 2+ files end with "\n<rule>\n".
  if (data.size() < 7 || data.compare(0, 4, "TZif") != 0 || data[4] < '2' || data.back() != '\n') return std::nullopt;
  const auto open = data.rfind('\n', data.size() - 2);
  if (open == std::string::npos || open + 2 >= data.size()) return std::nullopt;
  return data.substr(open + 1, data.size() - open - 2);
}

const date::time_zone* find_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

} // namespace

std::optional<std::string> posix_rule(std::string_view iana_zone) {
  // Only names the database knows reach the file system.
  const auto* zone = find_zone(iana_zone);
  if (!zone) return std::nullopt;
  return read_footer(std::string(zoneinfo_dir) + "/" + std::string(zone->name()));
}

std::optional<std::vector<OffsetChange>> posix_rule_changes(std::string_view text, TimeMs from, TimeMs to) {
  const auto rule = RuleParser(text).parse();
  if (!rule) return std::nullopt;
  std::vector<OffsetChange> out;
  if (!rule->has_dst) {
    out.push_back({from, to_minutes(rule->std_offset)});
    return out;
  }
  // Both transitions of every year around [from, to), in the order they happen; at equal
  // instants the later-listed one wins (a rule with DST all year, "EST5EDT,0/0,J365/25").
  const int first_year = std::max(core::date_of_ms(from).year - 1, 1899);
  const int last_year = std::min(core::date_of_ms(to).year + 1, 10000);
  struct Event {
    TimeMs at;
    std::int64_t offset;
  };
  std::vector<Event> events;
  for (int y = first_year; y <= last_year; ++y) {
    const auto start = rule_day(rule->start, y) * seconds_per_day + rule->start.time - rule->std_offset;
    const auto end = rule_day(rule->end, y) * seconds_per_day + rule->end.time - rule->dst_offset;
    events.push_back({start * 1000, rule->dst_offset});
    events.push_back({end * 1000, rule->std_offset});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
  std::int64_t current = rule->std_offset;
  std::size_t i = 0;
  for (; i < events.size() && events[i].at <= from; ++i)
    current = events[i].offset;
  out.push_back({from, to_minutes(current)});
  for (; i < events.size() && events[i].at < to; ++i) {
    if (i + 1 < events.size() && events[i + 1].at == events[i].at) continue;
    const int minutes = to_minutes(events[i].offset);
    if (minutes != out.back().offset_minutes) out.push_back({events[i].at, minutes});
  }
  return out;
}

std::optional<std::vector<OffsetChange>> offset_changes(std::string_view iana_zone, int from_year, int to_year) {
  from_year = std::clamp(from_year, 1900, 9999);
  to_year = std::clamp(std::max(to_year, from_year), 1900, 9999);
  const date::sys_seconds begin{date::sys_days{date::year{from_year} / 1 / 1} - date::days{1}};
  const date::sys_seconds end{date::sys_days{date::year{to_year + 1} / 1 / 1} + date::days{1}};
  // The library answers its last listed period with an end far in the future.
  const date::sys_seconds forever{date::sys_days{date::year{10000} / 1 / 1}};

  const auto* zone = find_zone(iana_zone);
  if (!zone) return std::nullopt;
  try {
    std::optional<std::string> rule; // read only when the listed transitions run out
    auto info = zone->get_info(begin);
    if (info.end >= forever && (rule = posix_rule(iana_zone))) {
      if (auto changes = posix_rule_changes(*rule, to_ms(begin), to_ms(end))) return changes;
    }
    std::vector<OffsetChange> out{{to_ms(begin), to_minutes(info.offset.count())}};
    while (info.end < end) {
      info = zone->get_info(info.end);
      const int minutes = to_minutes(info.offset.count());
      if (minutes != out.back().offset_minutes) out.push_back({to_ms(info.begin), minutes});
    }
    if (info.end >= forever && info.begin > begin && info.begin < end && (rule = posix_rule(iana_zone))) {
      if (auto changes = posix_rule_changes(*rule, to_ms(info.begin), to_ms(end))) {
        for (std::size_t i = 1; i < changes->size(); ++i)
          if ((*changes)[i].offset_minutes != out.back().offset_minutes) out.push_back((*changes)[i]);
      }
    }
    return out;
  } catch (const std::exception&) {
    return std::nullopt; // the zone's file could not be read
  }
}

std::vector<std::string> known_zones() {
  std::vector<std::string> names;
  try {
    for (const auto& zone : date::get_tzdb().zones) {
      const auto name = std::string(zone.name());
      // Debian's zoneinfo folder also holds a link to the machine's own zone and helper files.
      if (name == "localtime" || name == "posixrules" || name == "Factory") continue;
      names.push_back(name);
    }
  } catch (const std::exception&) {
    return {};
  }
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace pd::scheduling
