// Step-up: the commands that need a freshly proven second factor (docs/api.md, "Step-up").
// The server refuses them with 403 `step_up_required` when the sender has two-factor sign-in
// on and proved it longer ago than the window (security.hpp); the browser asks for a code and
// sends the same command again with the same command id.
#pragma once

#include "shared/domain/commands.hpp"

namespace pd::domain {

bool needs_step_up(const Command& command);

} // namespace pd::domain
