// Views: functions that read the state, draw, and emit actions. No business rules here.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

namespace pd::client::views {

// The whole screen for the current route.
void draw_app(const AppState& app, UiState& ui, Dispatch& dispatch);

void draw_loading(const AppState& app, UiState& ui, Dispatch& dispatch);
void draw_signin(const AppState& app, UiState& ui, Dispatch& dispatch);
// Top bar of signed-in pages (product, program switcher, person, sign-out), with a notice
// strip under it while there is a network problem.
void draw_shell(const AppState& app, UiState& ui, Dispatch& dispatch);
float shell_height(const AppState& app); // device pixels
void draw_home(const AppState& app, UiState& ui, Dispatch& dispatch);

} // namespace pd::client::views
