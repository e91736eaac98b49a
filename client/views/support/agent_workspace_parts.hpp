// The agent's workspace above the ticket list: three cards side by side (one above another when
// narrow): the agent's own performance score, active warnings, and follow-ups.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

#include "shared/domain/state.hpp"

#include <cstdint>

namespace pd::client::views {

void draw_agent_workspace(const domain::ProgramState& s, domain::PersonId me, std::int64_t now, UiState& ui_state, Dispatch& dispatch);

} // namespace pd::client::views
