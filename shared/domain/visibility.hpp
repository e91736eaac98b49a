// What a reader may see of a program: which events reach their live feed, and the snapshot
// their browser replica starts from. Built on is_allowed(); evaluated against the current
// state, so a reader sees the history of what they are responsible for now.
#pragma once

#include "shared/domain/events.hpp"

#include <nlohmann/json.hpp>

namespace pd::domain {

bool event_visible_to(const ProgramState& state, PersonId reader, const Event& event);
// The part of the state the reader may see (never invitation token hashes or API key hashes;
// API keys only for business staff).
ProgramState visible_state(const ProgramState& full, PersonId reader);

// Snapshot wire form of a (visible) state.
nlohmann::json state_to_json(const ProgramState& state);
core::Result<ProgramState> state_from_json(const nlohmann::json& j);

} // namespace pd::domain
