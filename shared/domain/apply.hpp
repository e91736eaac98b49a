// apply(state, event): the one place where program state changes. Used by the server (full
// state) and by the browser replica (the part its reader may see).
#pragma once

#include "shared/domain/events.hpp"

namespace pd::domain {

struct ApplyOutcome {
  // True when the event refers to something this (partial) state does not hold, e.g. a
  // customer newly assigned to the reader: a replica then reloads its snapshot.
  bool needs_snapshot = false;
};

ApplyOutcome apply(ProgramState& state, const Event& event);

} // namespace pd::domain
