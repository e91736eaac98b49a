// What the event log seals per customer (privacy/erasure.hpp, server/storage/event_store.cpp):
// the customer an event is about, and the event as it reads once that customer is erased.
#pragma once

#include "shared/domain/events.hpp"

#include <optional>

namespace pd::domain {

// The customer whose personal data the event carries (its profile, invitation and account, any
// text on its tickets, its check-ins, NPS answers, retention cases and restrictions), judged
// against the state before the event is applied; nullopt when it carries none.
std::optional<CustomerId> data_subject(const ProgramState& s, const Event& e);

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

} // namespace pd::domain
