// apply() for the routing rules' events (called by apply.cpp).
#pragma once

#include "shared/domain/apply.hpp"
#include "shared/domain/events.hpp"

namespace pd::domain::desk_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const RoutingChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketRouted& b);

} // namespace pd::domain::desk_apply
