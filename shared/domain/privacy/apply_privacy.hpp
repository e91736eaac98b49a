// apply() for a customer's data rights events (called by apply.cpp).
#pragma once

#include "shared/domain/apply.hpp"
#include "shared/domain/events.hpp"

namespace pd::domain::privacy_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const ErasureRequested& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ErasureConfirmed& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ErasureRejected& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CustomerErased& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const DataRetentionSet& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketsExpired& b);

} // namespace pd::domain::privacy_apply
