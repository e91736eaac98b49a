// The response targets that apply to a ticket and why (docs/requirements.md: SLA tiers, Priority
// matrix, Response standards): "First response due Jan 3, 14:05 UTC — P0 Critical: 15 min,
// stricter than the Standard tier's 12 h". One function for the server's ticket read and the
// browser's ticket page.
#pragma once

#include "shared/domain/support/support.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pd::domain::sla {

// "15 min", "2 h", "1 h 30 min", "72 h"
std::string window_text(std::int64_t ms);
// "Jan 3, 14:05 UTC": an instant on a calendar's clock, with the calendar's time-zone name.
std::string when_text(const Calendar& calendar, TimeMs at);

enum class TargetSource { tier, priority, tier_and_priority, earlier_settings };
const char* to_string(TargetSource s); // "tier" | "priority" | "tier_and_priority" | "earlier_settings"

struct TargetReason {
  std::int64_t window_ms = 0;
  TargetSource source = TargetSource::tier;
  std::string reason; // "P0 Critical: 15 min, stricter than the Standard tier's 12 h"
};
// Why `applied_ms` (the window the ticket's clock holds) is the first-response (or resolution)
// window of a ticket on tier `tier_key` at `priority` under `settings`.
TargetReason explain_window(const SupportSettings& settings, const std::string& tier_key, Priority priority, bool first_response,
                            std::int64_t applied_ms);

struct ResponseTarget {
  const char* key = "";  // "first_response" | "resolution"
  std::string state;     // first response: due | answered | missed; resolution: due | paused | resolved
  TimeMs due = 0;        // the deadline (0 while the resolution clock is paused)
  TimeMs done_at = 0;    // when it was answered or resolved
  TargetReason why;
  std::string text;      // the whole sentence shown on the ticket
};
// The ticket's two targets (first response, then resolution).
std::vector<ResponseTarget> response_targets(const SupportSettings& settings, const Ticket& ticket);
// [{"key","state","due","done_at","window_minutes","source","reason","text"}, …]
nlohmann::json response_targets_json(const SupportSettings& settings, const Ticket& ticket);

} // namespace pd::domain::sla
