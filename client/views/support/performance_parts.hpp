// An agent's performance history, as the business sees it on the agent's page and the agent
// sees its own: the score with its components and their weights in words and numbers, the
// score over the last 30 days as a line, the counts (overdue flags, escalations, warnings,
// ratings) and the history's entries, newest first. Everything is computed by the shared
// functions of performance.hpp from the replica's support record.
#pragma once

#include "client/app/actions.hpp"

#include "shared/domain/state.hpp"

#include <cstdint>

namespace pd::client::views {

void draw_performance_history(const domain::ProgramState& s, domain::PersonId agent, domain::PersonId reader, std::int64_t now, float width,
                              Dispatch& dispatch);

} // namespace pd::client::views
