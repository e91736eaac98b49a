#include "shared/domain/support/ticket_actions.hpp"

#include "shared/domain/desk/routing.hpp"
#include "shared/domain/program/authorization.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::make_error;
using core::forbidden;
using core::conflict;

namespace {


} // namespace

std::optional<core::Error> why_not(const ProgramState& s, PersonId person, const Ticket& t, TicketAction action) {
  const Target target{.ticket = t.id};
  switch (action) {
  case TicketAction::triage:
    if (!is_allowed(s, person, Action::triage_ticket, target)) return forbidden("Only the agent or the business triages a ticket.");
    if (!is_open(t.status)) return conflict("Only an open ticket can be triaged.", "data.ticket_id", t.version);
    return std::nullopt;
  case TicketAction::escalate:
    if (!is_allowed(s, person, Action::escalate_ticket, target)) return forbidden();
    if (!is_open(t.status)) return conflict("Only an open ticket can be escalated.", "data.ticket_id", t.version);
    if (t.escalation.pending) return conflict("This ticket is already escalated and waiting for the business.", "data.ticket_id", t.version);
    return std::nullopt;
  case TicketAction::take_over:
    if (!is_allowed(s, person, Action::take_over_ticket, target)) return forbidden("Only the business can take over a ticket.");
    if (!is_open(t.status)) return conflict("Only an open ticket can be taken over.", "data.ticket_id", t.version);
    if (t.taken_over_by != 0) return conflict("The business has already taken over this ticket.", "data.ticket_id", t.version);
    return std::nullopt;
  case TicketAction::resolve:
    if (!is_allowed(s, person, Action::resolve_ticket, target)) return forbidden();
    if (!is_open(t.status)) return conflict("This ticket is already resolved or closed.", "data.ticket_id", t.version);
    if (t.escalation.pending && s.role_of(person) == identity::Role::agent)
      return conflict("This ticket is escalated and held open until the business responds.", "data.ticket_id", t.version);
    return std::nullopt;
  case TicketAction::merge: // who may resolve it may merge it, into another open ticket or another into it
    if (!is_allowed(s, person, Action::resolve_ticket, target)) return forbidden("Only the agent handling the tickets or the business merges them.");
    if (!is_open(t.status)) return conflict("Only open tickets are merged: #" + std::to_string(t.id) + " is resolved or closed.", "data.ticket_id", t.version);
    if (t.escalation.pending && s.role_of(person) == identity::Role::agent)
      return conflict("#" + std::to_string(t.id) + " is escalated and held open until the business responds.", "data.ticket_id", t.version);
    return std::nullopt;
  case TicketAction::log_conversation: // a call or chat: its record and the summary the customer is sent, as a reply
    if (s.role_of(person) == identity::Role::customer || !is_allowed(s, person, Action::reply_ticket, target))
      return forbidden("Calls and chats are logged by the agent or the business.");
    if (t.merged_into != 0) return conflict("This ticket was merged into #" + std::to_string(t.merged_into) + ": continue there.", "data.ticket_id", t.version);
    if (t.status == TicketStatus::closed) return conflict("This ticket is closed. Open a new ticket to continue.", "data.ticket_id", t.version);
    return desk::why_not_reply(s, person, t); // held for the business (desk/routing.hpp)
  case TicketAction::progress: // the estimate and a third party: whoever may resolve it, while open
    if (s.role_of(person) == identity::Role::customer || !is_allowed(s, person, Action::resolve_ticket, target))
      return forbidden("The agent handling the ticket or the business keeps the customer informed of its progress.");
    if (!is_open(t.status)) return conflict("This ticket is resolved or closed.", "data.ticket_id", t.version);
    return std::nullopt;
  case TicketAction::accept_wait:
    if (!identity::is_business_role(s.role_of(person)) || !is_allowed(s, person, Action::resolve_ticket, target))
      return forbidden("Only the business accepts a wait on a third party.");
    if (!is_open(t.status)) return conflict("This ticket is resolved or closed.", "data.ticket_id", t.version);
    if (t.progress.third_party.empty()) return conflict("This ticket is not waiting on a third party.", "data.ticket_id", t.version);
    if (t.progress.wait_accepted) return conflict("The wait is already accepted.", "data.ticket_id", t.version);
    return std::nullopt;
  case TicketAction::close:
    if (!is_allowed(s, person, Action::close_ticket, target)) return forbidden("Only the customer or the business closes a ticket.");
    if (t.status == TicketStatus::closed) return conflict("This ticket is already closed.", "data.ticket_id", t.version);
    return std::nullopt;
  }
  return forbidden();
}

} // namespace pd::domain
