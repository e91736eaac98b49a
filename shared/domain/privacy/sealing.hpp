// What the event log seals per customer (privacy/erasure.hpp, server/storage/event_store.cpp):
// the customer an event is about, and the event as it reads once that customer is erased.
#pragma once

#include "shared/domain/events.hpp"

#include <optional>
#include <set>

namespace pd::domain {

// Whose personal data an event carries: a customer (its profile, invitation and account, its
// check-ins, NPS answers, retention cases and restrictions) and, for the text on one of its
// tickets, that ticket too. The server seals a ticket's events with the ticket's own key (the
// retention period destroys it, data_retention.hpp) and the others with the customer's
// (erasure destroys that one and all its tickets' keys).
struct DataSubject {
  CustomerId customer = 0;
  TicketId ticket = 0; // 0: the customer's own events
  bool operator==(const DataSubject&) const = default;
};
// Judged against the state before the event is applied; nullopt when it carries none.
std::optional<DataSubject> data_subject(const ProgramState& s, const Event& e);

// The event with that customer's personal text replaced (erased_text, erased_customer_name and
// _email): what every reader gets once the customer's key is gone. Ids, amounts, dates, statuses
// and scores stay, so a replay gives the same ledgers and metrics.
EventBody erased_form(const EventBody& body, CustomerId customer);

// The pieces both erasures use (erased_form() on an event, erase_customer() on the state): a
// text becomes erased_text (an empty one stays empty); a message loses its text and its files'
// names, and the customer's own message its author's name; an escalation its reason and note.
void erase_text(std::string& text);
void erase_message(TicketMessage& m, CustomerId customer);
void erase_escalation(Escalation& e);
// Every text on the ticket: its subject, messages (erase_message()), escalations, audit trail
// details, ratings' comments and triage notes.
void erase_ticket_text(Ticket& t);
// What the team was told about the tickets: the inboxes' notifications about them and the agents'
// history entries that quote them (the entries stay).
void erase_ticket_mentions(ProgramState& s, const std::set<TicketId>& tickets);

} // namespace pd::domain
