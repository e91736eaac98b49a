// decide() for the commission commands (called by decide.cpp; same rules: pure, every business
// rule checked here, a domain error naming the field or the events that record the command),
// and the commission timers (closing a month, approving lines past their holding period) that
// the scheduler's RunTimers adds.
#pragma once

#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

namespace pd::domain::commission_rules {

using Outcome = core::Result<std::vector<EventBody>>;

Outcome decide(const ProgramState& s, const SaveCommissionPlan& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RecordPayment& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const AdjustCommission& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ApproveCommissionLines& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RecordPayout& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SetAdjustmentThreshold& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const CreateApiKey& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RevokeApiKey& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const StopReferralCommission& c, const Actor& actor, TimeMs now);

// Whether a commission timer is due at `now`: a month to close (from the first instant of the
// next month, UTC; once a plan holds support commission), a pending line past its holding
// period. The server's scheduler asks this
// with sla::due_at and certification_rules::timers_due.
bool timers_due(const ProgramState& s, TimeMs now);
// The events those timers produce: for each month not closed yet that ended before `now`, its
// SupportCommissionAccrued lines and SupportMonthClosed; then the approvals of lines whose
// holding period has passed (RunTimers adds them).
std::vector<EventBody> run_timers(const ProgramState& s, TimeMs now);

} // namespace pd::domain::commission_rules
