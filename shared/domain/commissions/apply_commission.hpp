// apply() for the commission events, and the commission side of every other event: the spans
// of support commission (who earns it for each customer since when) and the stretches of
// cancelled subscriptions, kept in step with assignments, partner status, certification
// status and customer profiles. Called by apply.cpp only.
#pragma once

#include "shared/domain/apply.hpp"

namespace pd::domain::commission_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const CommissionPlanSaved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const PaymentRecorded& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ReferralCommissionAccrued& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ReferralCommissionReversed& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const SupportCommissionAccrued& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const SupportMonthClosed& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CommissionAdjusted& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CommissionLinesApproved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const PayoutRecorded& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const AdjustmentThresholdSet& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ApiKeyCreated& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ApiKeyRevoked& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ReferralCommissionStopped& b);

// After any event has been applied: close and open support spans for the customers it may
// have touched (an assignment, a profile change, an agent's partner or certification status),
// track cancellations, and keep the referrer records (an agent joining or leaving the program).
// Never touches a ledger line.
void track_support(ProgramState& s, const Event& e);

} // namespace pd::domain::commission_apply
