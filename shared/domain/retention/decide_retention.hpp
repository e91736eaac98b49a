// decide() for churn prevention and retention (called by decide.cpp; pure).
#pragma once

#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

#include <optional>

namespace pd::domain::retention_rules {

using Outcome = core::Result<std::vector<EventBody>>;
Outcome decide(const ProgramState& s, const ChangeRetentionSettings& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const RecordUsage& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const RecordPaymentFailure& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const RecordSignIn& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const RequestPlanChange& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const OpenRetentionCase& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const RecordRetentionReason& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const MakeRetentionOffer& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const DecideRetentionOffer& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const AnswerRetentionOffer& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const CloseRetentionCase& c, const Actor& a, TimeMs now);
Outcome decide(const ProgramState& s, const ReachOut& c, const Actor& a, TimeMs now);

// A case a ticket starts ("how do I cancel?" or a routing rule's retention workflow) when its
// customer has none open.
std::optional<EventBody> case_for_ticket(const ProgramState& s, CustomerId customer, std::int64_t ticket_id, CaseTrigger trigger,
                                         const std::string& note, PersonId by, TimeMs now);
// The scheduler's part: a case for each customer whose score reached At Risk (41) with no case
// open and none closed in the last 30 days.
std::vector<EventBody> run_timers(const ProgramState& s, TimeMs now);
inline constexpr std::int64_t score_case_quiet_days = 30;

// Who may work a customer's case: business staff, and the agent the customer is assigned to.
bool may_work_case(const ProgramState& s, PersonId person, CustomerId customer);
// Who approves offers beyond the MRR band: owners and admins.
bool may_approve_offers(const ProgramState& s, PersonId person);

} // namespace pd::domain::retention_rules
