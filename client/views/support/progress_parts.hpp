// A ticket's progress on its page (shared/domain/support/progress.hpp): the estimated resolution
// the customer is told, the next update owed to the customer, and a third party the ticket waits
// on, with the forms that set them (agent and business) and the business's acceptance of a wait.
// The customer reads the estimate and the wait.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

#include "shared/domain/state.hpp"

#include <cstdint>

namespace pd::client::views {

// The estimate, the next update owed (staff) and the wait, once one of them is set; its buttons
// to change, withdraw, accept or end them.
void progress_card(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, UiState& ui_state, Dispatch& dispatch,
                   bool customer, std::int64_t now);
// Opens the estimate's or the wait's form, filled with what the ticket has (or a day ahead).
void open_estimate_form(TicketForms& f, const domain::Ticket& t, std::int64_t now);
void open_wait_form(TicketForms& f, const domain::Ticket& t, std::int64_t now);
// The open forms (under the ticket's actions).
void progress_forms(const domain::ProgramState& s, const domain::Ticket& t, UiState& ui_state, Dispatch& dispatch, std::int64_t now);

} // namespace pd::client::views
