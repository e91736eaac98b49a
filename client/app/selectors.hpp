// Read-only questions views ask about the state.
#pragma once

#include "client/app/app_state.hpp"

namespace pd::client {

// The membership picked in the program switcher, or the first one; null without any.
inline const api::Membership* current_membership(const AppState& app, const UiState& ui) {
  if (!app.me || app.me->memberships.empty()) return nullptr;
  for (const auto& m : app.me->memberships)
    if (m.program_id == ui.selected_program_id) return &m;
  return &app.me->memberships.front();
}

} // namespace pd::client
