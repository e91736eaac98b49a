// apply() for a program's sign-in security events (called by apply.cpp).
#pragma once

#include "shared/domain/apply.hpp"
#include "shared/domain/events.hpp"

namespace pd::domain::security_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const SecurityPolicyChanged& b);

} // namespace pd::domain::security_apply
