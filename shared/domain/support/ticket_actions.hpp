// Which actions on a ticket a person may take now: the rule decide() applies to TriageTicket,
// EscalateTicket, TakeOverTicket, ResolveTicket, CloseTicket, MergeTickets (each ticket) and
// LogConversation, and the one the ticket page
// asks before it offers the button. The role part is is_allowed(); the rest is the ticket's
// state (open, already escalated, already taken over, held open for the business).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"

#include <optional>

namespace pd::domain {

// progress: SetResolutionEstimate, WaitOnThirdParty and EndThirdPartyWait (support/progress.hpp);
// accept_wait: AcceptThirdPartyWait.
enum class TicketAction { triage, escalate, take_over, resolve, close, merge, log_conversation, progress, accept_wait };

// Why `person` may not take `action` on ticket `t` now, as decide() answers it: forbidden
// when the person may not at all, conflict (with the ticket's version) when the ticket's state
// does not allow it. nullopt: allowed.
std::optional<core::Error> why_not(const ProgramState& s, PersonId person, const Ticket& t, TicketAction action);
inline bool ticket_action_offered(const ProgramState& s, PersonId person, const Ticket& t, TicketAction action) {
  return !why_not(s, person, t, action);
}

} // namespace pd::domain
