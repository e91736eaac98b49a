// Who may work support now, as the business decides about an agent (support_access.hpp):
// the remediation a suspension requires (flag, what was recorded, the form to record it) and
// the customers waiting in the business queue (with the choice whether they come back).
// Shown on the agents list and the agent's page, flagged on the certification desk and People.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

#include "shared/domain/state.hpp"

namespace pd::client::views {

// A small pill when the agent's suspension requires remediation ("Remediation required" or
// "Remediation recorded", the details in a tooltip; compact: "Remediation" / "Remediated" for a
// narrow column); nothing otherwise. Returns whether drawn.
bool remediation_pill(const domain::ProgramState& s, domain::PersonId agent, bool compact = false);
// Whether the agent needs the business's attention here: remediation outstanding or recorded
// but not yet reinstated, or customers held in the business queue.
bool support_access_pending(const domain::ProgramState& s, domain::PersonId agent);
// The card of one agent: why it may not work support, the remediation (recorded, or the form
// to record it), the held customers and the choice whether they come back.
void support_access_card(const domain::ProgramState& s, domain::PersonId agent, bool can_manage, UiState& ui, Dispatch& dispatch,
                         std::int64_t now);
// For the agent itself: that it may not work support now and the business handles its
// customers' tickets meanwhile (the ticket page, the agent's overview, its support page and
// its own agent page).
void off_support_notice(const domain::ProgramState& s, domain::PersonId agent);

} // namespace pd::client::views
