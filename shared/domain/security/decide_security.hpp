// decide() for a program's sign-in security (called by decide.cpp; pure).
#pragma once

#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

namespace pd::domain::security_rules {

using Outcome = core::Result<std::vector<EventBody>>;
Outcome decide(const ProgramState& s, const ChangeSecurityPolicy& c, const Actor& actor, TimeMs now);

} // namespace pd::domain::security_rules
