// decide() and apply() for who may work support now (support_access.hpp), and the parts of
// the partner-status and certification commands that hold or return an agent's customers.
// Called by decide.cpp, decide_certification.cpp, apply.cpp and the apply files only.
#pragma once

#include "shared/domain/apply.hpp"
#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

namespace pd::domain::support_rules {

core::Result<std::vector<EventBody>> decide(const ProgramState& s, const DecideHeldCustomers& c, const Actor& actor, TimeMs now);
core::Result<std::vector<EventBody>> decide(const ProgramState& s, const RecordRemediation& c, const Actor& actor, TimeMs now);

// Refuses an agent's command on a ticket while it may not work support (a clear 403 that says
// why); nothing for anyone else.
std::optional<core::Error> refuse_off_support(const ProgramState& s, PersonId actor);
// Holds every customer of the agent not held yet: it stops working support.
void hold_customers(const ProgramState& s, PersonId agent, std::vector<EventBody>& out);
// What reinstating an agent (SetAgentStatus to active) must satisfy: a required remediation
// recorded, and customers that come back only to an agent that may then work support.
std::optional<core::Error> check_reinstatement(const ProgramState& s, const SetAgentStatus& c);
// The customers' part of a partner-status change, after decide.cpp's own events: a
// suspension holds them (unless they were all reassigned), a reinstatement returns or
// releases the held ones as the business chose.
void customers_after_status(const ProgramState& s, const SetAgentStatus& c, std::vector<EventBody>& out);

} // namespace pd::domain::support_rules

namespace pd::domain::support_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const CustomerSupportHeld& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RemediationRecorded& b);

// Tells the business at once that the agent stopped working support and its customers'
// tickets are in the queue (after a suspension, a revoked or expired certification).
void notify_support_stopped(ProgramState& s, const Event& e, PersonId agent);
// Tells the business that an agent with held customers may work support again: it chooses
// whether they come back.
void notify_support_resumed(ProgramState& s, const Event& e, PersonId agent);

} // namespace pd::domain::support_apply
