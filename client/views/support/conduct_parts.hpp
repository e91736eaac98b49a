// The abuse procedure in the browser (shared/domain/support/conduct_rules.hpp asks every
// question): the mark on a customer's message, the ticket's abuse card (the warning, the pause
// and its resumption), the customer's notice while it may not write, the restriction card of a
// customer's page and the restricted customers on the business's desk.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

#include "shared/domain/state.hpp"

#include <cstdint>

namespace pd::client::views {

// Under a customer's message: "Marked abusive", or the button that marks it (staff).
void abuse_mark(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, const domain::TicketMessage& m,
                Dispatch& dispatch);
// The procedure on a ticket with a marked message or a pause (agent and business).
void abuse_card(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, UiState& ui_state, Dispatch& dispatch,
                std::int64_t now);
// What a customer is told in place of the composer or the new-ticket form while it may not
// write (t: nullptr for a new ticket). True when it may not.
bool customer_refusal_notice(const domain::ProgramState& s, domain::CustomerId customer, const domain::Ticket* t, std::int64_t now);
// The customer's tickets: the restriction in force, restrict or lift it, the history (business).
void restriction_card(const domain::ProgramState& s, domain::PersonId me, const domain::Customer& c, UiState& ui_state,
                      Dispatch& dispatch, float width, std::int64_t now);
// The customers whose tickets are restricted now (nothing when none).
void restricted_customers_card(const domain::ProgramState& s, float width, std::int64_t now, Dispatch& dispatch);

} // namespace pd::client::views
