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

void progress_card(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, UiState& ui_state, Dispatch& dispatch,
                   bool customer, std::int64_t now);

} // namespace pd::client::views
