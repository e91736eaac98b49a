// What a reader may see of a program: which events reach their live feed, and the snapshot
// their browser replica starts from. Built on is_allowed(); evaluated against the current
// state, so a reader sees the history of what they are responsible for now.
#pragma once

#include "shared/domain/events.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace pd::domain {

bool event_visible_to(const ProgramState& state, PersonId reader, const Event& event);

// What a customer may see of its own ticket, the one rule every channel follows (snapshot,
// ticket list and ticket read, event feed and live stream, command answers): no internal
// notes, no restricted-topic keys and no "sent despite warning" marks, no secondary tags (the
// support team's triage), no SLA overdue or auto-escalation instants, no take-over and no
// business rating. Status, escalation, last change and version are those the customer was
// shown (Ticket::customer_shown): an escalation by the agent or the SLA rules, an internal
// note or an SLA miss leaves them as they were, and a status of "escalated" shows only right
// after the customer's own escalation (a later reply shows the ticket as open).
Ticket customer_view(const Ticket& ticket);

// The change a customer is shown of an event: the event with the fields above redacted, or
// nothing when a customer is never shown it (an internal note, another's escalation, a
// take-over, an SLA miss, the business's rating). Depends on the event alone; whether the
// customer may read the ticket at all is event_visible_to()'s part. Redacting twice changes
// nothing more.
std::optional<EventBody> customer_facing(const EventBody& body);
// Whether a customer is shown its retention case (it asked to cancel or downgrade, or an offer
// was made to it), and what of it: its request and the offers made, not the business's notes.
bool retention_case_shown(const RetentionCase& k);
RetentionCase retention_customer_view(const RetentionCase& k);

// The event as the reader may see it, or nothing: event_visible_to(), and for a customer
// customer_facing(). A customer's replica (snapshot + these events, applied with the shared
// apply()) holds what visible_state() gives that customer.
std::optional<Event> event_for_reader(const ProgramState& state, PersonId reader, const Event& event);

// Moves each ticket's customer_shown for an applied event, by customer_facing()'s rules and the
// event alone (apply() calls it after every event, on the server and in every replica).
void track_customer_shown(ProgramState& state, const Event& event);

// The part of the state the reader may see (never invitation token hashes or API key hashes;
// API keys only for business staff; a customer's tickets through customer_view()). The
// program-wide counters (next customer, ticket, invitation and check-in ids) only for the
// business: for agents and customers they follow from the ids they see (the highest plus one),
// as their replica computes them, so they tell nothing about the rest of the program.
ProgramState visible_state(const ProgramState& full, PersonId reader);

// Snapshot wire form of a (visible) state. A counter the state's own ids imply (the highest
// id plus one, as for every agent's and customer's snapshot) is left out, and derived again
// when read.
nlohmann::json state_to_json(const ProgramState& state);
core::Result<ProgramState> state_from_json(const nlohmann::json& j);

} // namespace pd::domain
