// decide() for the support desk's commands (called by decide.cpp; same rules: pure, every
// business rule checked here, a domain error or the events that record the command).
#pragma once

#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

namespace pd::domain::support_rules {

using Outcome = core::Result<std::vector<EventBody>>;

Outcome decide(const ProgramState& s, const OpenTicket& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ReplyToTicket& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const TriageTicket& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const EscalateTicket& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const TakeOverTicket& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ResolveTicket& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const CloseTicket& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const MergeTickets& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const LogConversation& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SetResolutionEstimate& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const WaitOnThirdParty& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const AcceptThirdPartyWait& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const EndThirdPartyWait& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RateTicket& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RateTicketHandling& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const AnswerRating& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ChangeSupportSettings& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const WarnAgent& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const MarkNotificationsRead& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ScheduleCheckIn& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const CompleteCheckIn& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RescheduleCheckIn& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RunTimers& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const AnswerNps& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ChangeQualitySettings& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ChangeMentionWords& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const AddReportAction& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const CompleteReportAction& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SetSupportCost& c, const Actor& actor, TimeMs now);
// The abuse procedure (decide_conduct.cpp, conduct_rules.hpp).
Outcome decide(const ProgramState& s, const HandleAbuse& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RestrictTicketing& c, const Actor& actor, TimeMs now);

// The system actor (person id 0) the scheduler uses for RunTimers.
inline constexpr PersonId system_actor = 0;

} // namespace pd::domain::support_rules
