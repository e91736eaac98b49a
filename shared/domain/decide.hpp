// decide(state, command, actor, now) -> the events that record it, or a domain error.
// The one place where every business rule is checked. Pure: same inputs, same output.
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/commands.hpp"
#include "shared/domain/events.hpp"

#include <vector>

namespace pd::domain {

struct Actor {
  PersonId id = 0;
  std::string name;
  std::string email;
};

core::Result<std::vector<EventBody>> decide(const ProgramState& state, const Command& command, const Actor& actor, TimeMs now);

} // namespace pd::domain
