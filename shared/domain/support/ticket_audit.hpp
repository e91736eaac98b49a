// A ticket's audit trail: escalations, take-overs, reassignments, SLA misses, status and triage
// changes, each with who and when (docs/requirements.md, Audit trail). apply() keeps them in
// Ticket::changes; audit_trail() turns them into the entries a reader is shown, the one rule the
// server's ticket read and the browser's thread both follow. Customers see only what concerns them: that the ticket was escalated (their own
// escalation with its reason, anyone else's without who, why or the note), status changes and
// who handles the ticket now; never take-overs, SLA misses, triage or an agent's note.
#pragma once

#include "shared/domain/events.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pd::domain {

// ---- Keeping the trail (apply.cpp) --------------------------------------------------------

// A change to record on a ticket once its event is applied.
struct PendingTicketChange {
  TicketId ticket_id = 0;
  TicketChange change;
};

// The changes an event makes to tickets' audit trails, judged on the state before the event
// (the priority, agent and status it replaces). Nothing for events that change no trail.
std::vector<PendingTicketChange> ticket_changes_of(const ProgramState& before, const Event& e);

// Appends the changes to their tickets (after the event was applied).
void record_ticket_changes(ProgramState& s, std::vector<PendingTicketChange> changes);

// The status a customer is shown after a reply or a status change: "escalated" (held for an
// escalation, whose ever it is) shows as open.
TicketStatus customer_status(TicketStatus s);

// What a customer is told of an escalation: its own as it is; anyone else's only that it
// happened and when (source none, no one, no reason or note). customer_facing() sends this.
Escalation escalation_told_to_customer(const Escalation& e);

// What a customer's copy of the trail holds (customer_view() uses it): no take-overs or SLA
// misses, and someone else's escalation reduced to the fact and its time (source none). A
// customer's replica, fed customer_facing() events, records exactly these. Applying it twice
// changes nothing more.
std::vector<TicketChange> customer_changes(const std::vector<TicketChange>& changes);

// ---- Reading the trail --------------------------------------------------------------------

struct AuditEntry {
  TimeMs at = 0;
  TicketChangeKind kind = TicketChangeKind::unknown;
  PersonId by = 0;
  std::string who;   // "Ava Martinez", "SLA rules", "You", "Acme Analytics"
  std::string text;  // "escalated the ticket to the business: Customer charged twice"
  bool internal = false; // never shown to customers (take-overs, SLA misses, triage, an agent's escalation note)
  std::optional<EscalationNote> note; // an agent's escalation: the whole note (staff only)
  bool operator==(const AuditEntry&) const = default;
};

// The ticket's audit trail as the reader may see it, oldest first. The ticket is the one the
// reader holds: the server's (then a customer is given customer_changes() of it) or a
// customer's replica (already reduced). Names come from the state, the business's name for a
// member the reader does not know.
std::vector<AuditEntry> audit_trail(const ProgramState& s, const Ticket& t, PersonId reader);

void to_json(nlohmann::json& j, const AuditEntry& e);

// ---- Escalation notes for the business ----------------------------------------------------

// One readable line of an escalation for the escalation queue: who escalated, the summary (or
// the customer's reason) and the recommended action.
std::string escalation_summary(const ProgramState& s, const Escalation& e);

const char* escalation_source_label(EscalationSource source); // "the customer", "the agent", "the SLA rules"

// An agent's escalations (the agent responsible when the ticket was escalated), newest first:
// the agent's history of escalations with their notes.
struct AgentEscalation {
  TicketId ticket_id = 0;
  CustomerId customer_id = 0;
  std::string subject;
  Escalation escalation;
  bool pending = false; // still awaiting the business
};
std::vector<AgentEscalation> escalations_of_agent(const ProgramState& s, PersonId agent);

} // namespace pd::domain
