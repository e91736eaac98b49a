// decide() for the support certification's commands (called by decide.cpp; same rules: pure,
// every business rule checked here, a domain error or the events that record the command),
// and the certification's timers (run by the scheduler with the SLA timers).
#pragma once

#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

namespace pd::domain::certification_rules {

using Outcome = core::Result<std::vector<EventBody>>;

Outcome decide(const ProgramState& s, const ChangeCertificationSettings& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SaveTrainingModule& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RemoveTrainingModule& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SaveQuestion& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RemoveQuestion& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RequestSupportAccess& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RecordTrainingProgress& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const StartAssessment& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SaveAnswers& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SubmitAssessment& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RequestCertificationException& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const GradeAttempt& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const DecideCertification& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const GrantCertificationException& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RevokeCertification& c, const Actor& actor, TimeMs now);

// Submissions are accepted this long after the deadline (the request's own travel time).
inline constexpr std::int64_t submit_grace_ms = 5'000;

// Whether a certification timer is due at `now`: an attempt past its deadline (submitted by
// the server), a certification past its expiry.
bool timers_due(const ProgramState& s, TimeMs now);
// The events those timers produce (the scheduler's RunTimers adds them).
std::vector<EventBody> run_timers(const ProgramState& s, TimeMs now);

} // namespace pd::domain::certification_rules
