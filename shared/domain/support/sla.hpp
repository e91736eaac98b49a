// SLA rules for tickets: which windows apply, the clock's deadlines on the tier's calendar,
// pausing while the ticket waits on the customer, and what is due at a given instant (the
// server's scheduler asks; the browser only counts down to the deadlines).
#pragma once

#include "shared/domain/state.hpp"

#include <vector>

namespace pd::domain::sla {

struct Windows {
  const SlaTier* tier = nullptr;
  std::int64_t first_response_ms = 0;
  std::int64_t resolution_ms = 0;
};

// The customer's tier (by segment); with the priority matrix on, the stricter of tier and
// priority for each window.
Windows windows_for(const SupportSettings& settings, const Customer* customer, Priority priority);

// A new ticket's clock: first response, resolution and the 2x auto-escalation deadline.
SlaClock start_clock(const SupportSettings& settings, const Customer* customer, Priority priority, TimeMs opened_at);
// After triage changes the priority: same start, new windows (time already used is kept).
SlaClock retarget(const SlaClock& clock, const SupportSettings& settings, const Customer* customer, Priority priority, TimeMs opened_at,
                  TimeMs now);
// The first public answer from the agent or business.
SlaClock first_response(const SlaClock& clock, TimeMs now);
// Waiting on the customer stops the resolution clock; the customer's reply starts it again.
SlaClock pause(const SlaClock& clock, const SupportSettings& settings, TimeMs now);
// A clock held for a third party (SlaClock::held) stays paused until the hold ends.
SlaClock resume(const SlaClock& clock, const SupportSettings& settings, TimeMs now);
SlaClock stop(const SlaClock& clock, const SupportSettings& settings, TimeMs now); // resolved or closed

// The calendar of a tier key (around the clock when the tier is unknown).
const Calendar& calendar_of(const SupportSettings& settings, const std::string& tier_key);

// update_warning, update_missed, third_party_follow_up: a ticket's progress (progress.hpp).
enum class TimerKind { first_response_overdue, resolution_overdue, auto_escalate, auto_close, update_warning, update_missed, third_party_follow_up };
struct DueTimer {
  TicketId ticket_id = 0;
  TimerKind kind = TimerKind::first_response_overdue;
  TimeMs due = 0;
};
// Everything due at `now`, in ticket order.
std::vector<DueTimer> due_at(const ProgramState& state, TimeMs now);
// The earliest instant after which due_at() would return something (0: nothing pending).
TimeMs next_due(const ProgramState& state);

// The next deadline a person working the ticket should see counting down (0: none).
struct NextDeadline {
  TimeMs at = 0;
  const char* what = ""; // "first response" | "resolution"
};
NextDeadline next_deadline(const Ticket& ticket);

} // namespace pd::domain::sla
