// apply() for the support desk's events, and the support side effects of the backbone's
// events (assignment and agent status move tickets, write history and notify people).
// Called by apply.cpp only.
#pragma once

#include "shared/domain/apply.hpp"

namespace pd::domain::support_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const SupportSettingsChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketOpened& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketReplied& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketTriaged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketEscalated& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketTakenOver& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketStatusChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketsMerged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ResolutionEstimated& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketUpdateWarned& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketUpdateMissed& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ThirdPartyWaitStarted& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ThirdPartyWaitAccepted& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ThirdPartyWaitEnded& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ThirdPartyFollowUpDue& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketSlaMissed& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketRated& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketHandlingRated& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RatingAnswered& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const AgentWarned& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const NotificationsRead& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CheckInScheduled& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CheckInCompleted& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CheckInRescheduled& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const NpsAnswered& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RedFlagRaised& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RedFlagCleared& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const QualitySettingsChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const WeeklyReportWritten& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ReportActionAdded& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ReportActionDone& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const SupportCostSet& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const MentionWordsChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const AbuseHandled& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketingRestricted& b);

// In-app notifications (nobody is told of their own action); notify_business tells every
// business member. Used by the certification's apply() too.
void notify(ProgramState& s, PersonId person, const Event& e, const char* kind, std::string text, TicketId ticket = 0,
            CustomerId customer = 0);
void notify_business(ProgramState& s, const Event& e, const char* kind, const std::string& text, TicketId ticket = 0,
                     CustomerId customer = 0);

// Side effects of backbone events, applied after the backbone's own change.
void after_customer_assigned(ProgramState& s, const Event& e, const CustomerAssigned& b, PersonId previous_agent);
void after_agent_status_changed(ProgramState& s, const Event& e, const AgentStatusChanged& b);

} // namespace pd::domain::support_apply
