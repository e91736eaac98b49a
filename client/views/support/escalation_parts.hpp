// The agent's escalation note where the business handles escalations (the escalation queue of
// the support overview, the ticket, the agent's history of escalations), and a ticket's audit
// trail in its thread. What each reader sees of the trail is the shared audit_trail()
// (shared/domain/support/ticket_audit.hpp), the same the server's ticket read gives.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

#include "shared/domain/support/ticket_audit.hpp"

#include <cstdint>
#include <vector>

namespace pd::client::views {

// The escalation note (docs/requirements.md, Escalation), one labelled line each: summary,
// attempts so far, customer sentiment, business impact, recommended action (an empty field says
// "not given").
void escalation_note_fields(const domain::EscalationNote& note);

// The ticket's latest escalation, as a card under the ticket's header (agent and business):
// who escalated and when, whether it still awaits the business, the reason and the whole note.
void escalation_card(const domain::ProgramState& s, const domain::Ticket& t, std::int64_t now);

// One entry of the audit trail as a system entry of the thread: who, when, what.
void audit_entry(const domain::AuditEntry& e, std::int64_t now);

// The escalation queue: per row the ticket, where it came from and when, and a readable
// summary; "Show note" opens the whole note under the row (selected: the ticket whose note is
// open, 0 none).
void escalation_queue(const domain::ProgramState& s, const std::vector<domain::TicketId>& tickets, std::int64_t& selected,
                      std::int64_t now, Dispatch& dispatch);

// An agent's history of escalations (escalations_of_agent()), newest first, each with its
// summary and the whole note on selection.
void agent_escalations(const domain::ProgramState& s, domain::PersonId agent, std::int64_t& selected, std::int64_t now,
                       Dispatch& dispatch);

} // namespace pd::client::views
