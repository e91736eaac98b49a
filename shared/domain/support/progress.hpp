// A ticket's progress (seed 003 section 3: communicate estimated resolution timelines for complex
// issues and provide regular updates; coordinate with third-party partners; section 2: critical
// issues with continuous follow-ups). docs/requirements.md, "Estimates, updates and third parties".
//
// - The agent handling the ticket, or the business, gives the customer an estimated resolution.
//   From then on the ticket owes the customer a public update every update_hours (24 by default;
//   critical_update_hours, 2, for P0): each public reply of the agent or the business starts the
//   next interval. The scheduler warns the handler a quarter of the interval before it lapses and,
//   when it lapses, records one miss in the handler's performance history (TicketUpdateMissed).
//   No update is owed while the ticket waits on the customer.
// - A ticket can wait on a named third party, with their reference and a date to follow up with
//   them by (the scheduler reminds the handler then). The customer sees whom the ticket waits on.
//   While the business accepts the wait, the SLA's resolution clock is held (SlaClock::held): it
//   runs again when the wait ends.
// Resolving or closing the ticket ends both.
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"

#include <optional>

namespace pd::domain {

inline constexpr std::int64_t max_estimate_days = 365;
inline constexpr std::int64_t max_follow_up_days = 90;

// How often a ticket with an estimate gets an update: critical_update_hours for P0, else update_hours.
std::int64_t update_interval_ms(const SupportSettings& s, Priority p);

// The next update after one at `from`: when it is due, and when its handler is warned.
struct UpdateTimes {
  TimeMs due = 0;
  TimeMs warn_at = 0;
};
UpdateTimes next_update(const SupportSettings& s, Priority p, TimeMs from);

// An estimate after now and within max_estimate_days (0 withdraws it); a follow-up date after now
// and within max_follow_up_days.
std::optional<core::Error> estimate_problem(TimeMs estimate, TimeMs now);
std::optional<core::Error> follow_up_problem(TimeMs at, TimeMs now);

// Where the ticket's next update stands for its handler now.
enum class UpdateState { none, on_time, due_soon, overdue };
UpdateState update_state(const Ticket& t, TimeMs now);

// After a public reply of the agent or the business (the ticket's update), a status change or a
// merge: the timers move on, or end with the ticket no longer open. apply() calls these.
void progress_after_update(const SupportSettings& s, Ticket& t, TimeMs at);
void progress_after_close(Ticket& t);

} // namespace pd::domain
