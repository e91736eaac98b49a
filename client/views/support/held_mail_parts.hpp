// The Held mail card of the support settings page (the business only): replies by email that
// were not added to a ticket by themselves (another sender, an old reply address, a refused
// reply), each with why, and the buttons "Discard##held-<id>" and "Add to ticket##held-<id>".
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

namespace pd::client::views {

void draw_held_mail(const AppState& app, UiState& ui_state, Dispatch& dispatch, float avail);

} // namespace pd::client::views
