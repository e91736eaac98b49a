// Time-zone tables for SLA calendars, from the OS time-zone database (Debian's tzdata in
// /usr/share/zoneinfo) read through Howard Hinnant's date/tz library (Debian's
// libhowardhinnant-date-dev, built with USE_OS_TZDB). The tables go into
// pd::domain::sla::Calendar::offsets, so shared/ needs no time-zone code of its own.
//
// The zoneinfo files list transitions only up to 2037; later years follow the POSIX TZ rule
// at the end of each file, which the library does not read. offset_changes() continues with
// that rule after the zone's last listed transition (posix_rule / posix_rule_changes below).
#pragma once

#include "shared/domain/support/sla_calendar.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd::scheduling {

// The offset changes of `iana_zone` covering every instant of the years from_year..to_year in
// any zone: from from_year-01-01T00:00Z minus one day to (to_year + 1)-01-01T00:00Z plus one
// day. The first entry is at the start of that range with the offset in force then; each next
// one is a change of the UTC offset (changes of abbreviation or DST flag alone are left out).
// Years are clamped to 1900..9999 and to_year is raised to from_year if below it. Offsets are
// rounded to whole minutes (only local mean time before ~1900 has seconds).
// nullopt for a name the OS database does not know (or cannot read).
std::optional<std::vector<domain::sla::OffsetChange>> offset_changes(std::string_view iana_zone, int from_year,
                                                                     int to_year);

// Every zone name the OS database holds, sorted: canonical names and their backward-compatible
// aliases (US/Eastern, Etc/GMT+5, ...), for a picker. Empty if the database cannot be read.
std::vector<std::string> known_zones();

// Building blocks of offset_changes, public for tests and diagnostics.
//
// The POSIX TZ rule at the end of the zone's zoneinfo file ("EST5EDT,M3.2.0,M11.1.0"), which
// governs the years after its last listed transition; nullopt for an unknown zone or a file
// without one.
std::optional<std::string> posix_rule(std::string_view iana_zone);
// The changes a POSIX TZ rule gives at instants in [from, to), with RFC 8536's extensions
// (rule times from -167 to 167 hours) and the Mm.w.d, Jn and n date forms; the first entry
// is at `from` with the offset in force then. nullopt for a rule it cannot read.
std::optional<std::vector<domain::sla::OffsetChange>> posix_rule_changes(std::string_view rule, domain::TimeMs from,
                                                                         domain::TimeMs to);

} // namespace pd::scheduling
