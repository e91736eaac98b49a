// Events of the support desk (part of EventBody, see events.hpp). Events that move a ticket's
// SLA clock carry the clock as decide() computed it, so apply() needs no calendar.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/support/report.hpp"
#include "shared/domain/support/support.hpp"

namespace pd::domain {

struct SupportSettingsChanged {
  static constexpr const char* type = "SupportSettingsChanged";
  SupportSettings settings;
  bool operator==(const SupportSettingsChanged&) const = default;
};
struct TicketOpened {
  static constexpr const char* type = "TicketOpened";
  TicketId ticket_id = 0;
  CustomerId customer_id = 0;
  PersonId agent_id = 0; // 0: the business's queue
  std::string subject;
  Priority priority = Priority::p2;
  Category category = Category::how_to;
  std::vector<Category> tags;
  TicketMessage message;
  SlaClock sla;
  bool outreach = false; // the desk's proactive outreach: its message opens the ticket, waiting on the customer
  bool operator==(const TicketOpened&) const = default;
};
struct TicketReplied {
  static constexpr const char* type = "TicketReplied";
  TicketId ticket_id = 0;
  TicketMessage message;
  TicketStatus status = TicketStatus::unknown; // after the reply
  SlaClock sla;
  bool escalation_answered = false; // a business reply answers a pending escalation
  bool operator==(const TicketReplied&) const = default;
};
struct TicketTriaged {
  static constexpr const char* type = "TicketTriaged";
  TicketId ticket_id = 0;
  Priority priority = Priority::p2;
  Category category = Category::how_to;
  std::vector<Category> tags;
  SlaClock sla;
  TicketTriage triage{}; // the agent's entries after the change (desk/ticket_triage.hpp; absent in older logs)
  bool operator==(const TicketTriaged&) const = default;
};
struct TicketEscalated {
  static constexpr const char* type = "TicketEscalated";
  TicketId ticket_id = 0;
  Escalation escalation;
  bool operator==(const TicketEscalated&) const = default;
};
struct TicketTakenOver {
  static constexpr const char* type = "TicketTakenOver";
  TicketId ticket_id = 0;
  PersonId by = 0;
  std::string by_name;
  bool operator==(const TicketTakenOver&) const = default;
};
struct TicketStatusChanged { // resolved or closed (a resolution note is an internal note before it)
  static constexpr const char* type = "TicketStatusChanged";
  TicketId ticket_id = 0;
  TicketStatus status = TicketStatus::unknown;
  SlaClock sla;
  bool operator==(const TicketStatusChanged&) const = default;
};
// The merged tickets' messages are copied onto the kept ticket's thread after its own (each
// marked merged_from); the merged tickets are closed with merged_into and keep their own thread.
// first_ids[i]: the id the copy of merged_ids[i]'s message 1 gets (its message n gets
// first_ids[i] + n - 1), so a replica that lacks some messages (a customer's: no internal
// notes) numbers the copies as the server does. The kept ticket takes the SLA clock of the
// earliest opened of them all (sla; with the first answer any of them got).
struct TicketsMerged {
  static constexpr const char* type = "TicketsMerged";
  TicketId ticket_id = 0;
  std::vector<TicketId> merged_ids;
  std::vector<std::int64_t> first_ids;
  SlaClock sla;
  bool operator==(const TicketsMerged&) const = default;
};
// The ticket's progress (support/progress.hpp). An estimate (0: withdrawn) and when the next
// update is due; a staff reply then moves update_due on (apply()).
struct ResolutionEstimated {
  static constexpr const char* type = "ResolutionEstimated";
  TicketId ticket_id = 0;
  TimeMs estimate = 0;
  std::string note;
  TimeMs update_due = 0;
  TimeMs update_warn_at = 0;
  bool operator==(const ResolutionEstimated&) const = default;
};
// The scheduler: an update comes due soon (warned), or its time passed without one (missed,
// once per lapse, in the handler's performance history). Staff only.
struct TicketUpdateWarned {
  static constexpr const char* type = "TicketUpdateWarned";
  TicketId ticket_id = 0;
  PersonId agent_id = 0; // the handler told (0: the business's queue)
  TimeMs due = 0;
  bool operator==(const TicketUpdateWarned&) const = default;
};
struct TicketUpdateMissed {
  static constexpr const char* type = "TicketUpdateMissed";
  TicketId ticket_id = 0;
  PersonId agent_id = 0;
  TimeMs due = 0;
  bool operator==(const TicketUpdateMissed&) const = default;
};
// A third party the ticket waits on (started or changed), the business's acceptance (the SLA
// clock held), the end of the wait, and the scheduler's reminder to follow up with them.
struct ThirdPartyWaitStarted {
  static constexpr const char* type = "ThirdPartyWaitStarted";
  TicketId ticket_id = 0;
  std::string party;
  std::string reference;
  TimeMs follow_up_at = 0;
  bool accepted = false; // still accepted (the same party as before, already accepted)
  bool operator==(const ThirdPartyWaitStarted&) const = default;
};
struct ThirdPartyWaitAccepted {
  static constexpr const char* type = "ThirdPartyWaitAccepted";
  TicketId ticket_id = 0;
  SlaClock sla;
  bool operator==(const ThirdPartyWaitAccepted&) const = default;
};
struct ThirdPartyWaitEnded {
  static constexpr const char* type = "ThirdPartyWaitEnded";
  TicketId ticket_id = 0;
  SlaClock sla;
  bool operator==(const ThirdPartyWaitEnded&) const = default;
};
struct ThirdPartyFollowUpDue {
  static constexpr const char* type = "ThirdPartyFollowUpDue";
  TicketId ticket_id = 0;
  PersonId agent_id = 0;
  bool operator==(const ThirdPartyFollowUpDue&) const = default;
};
struct TicketSlaMissed {
  static constexpr const char* type = "TicketSlaMissed";
  TicketId ticket_id = 0;
  std::string target; // first_response | resolution
  PersonId agent_id = 0; // who was responsible (0: the business's queue)
  TimeMs due = 0;
  bool operator==(const TicketSlaMissed&) const = default;
};
struct TicketRated {
  static constexpr const char* type = "TicketRated";
  TicketId ticket_id = 0;
  CustomerRating rating;
  bool operator==(const TicketRated&) const = default;
};
struct TicketHandlingRated {
  static constexpr const char* type = "TicketHandlingRated";
  TicketId ticket_id = 0;
  BusinessRating rating;
  bool operator==(const TicketHandlingRated&) const = default;
};
struct RatingAnswered {
  static constexpr const char* type = "RatingAnswered";
  TicketId ticket_id = 0;
  std::string text;
  bool operator==(const RatingAnswered&) const = default;
};
struct AgentWarned {
  static constexpr const char* type = "AgentWarned";
  PersonId person_id = 0;
  std::string reason;
  TimeMs monitor_until = 0;
  bool operator==(const AgentWarned&) const = default;
};
struct NotificationsRead {
  static constexpr const char* type = "NotificationsRead";
  PersonId person_id = 0;
  std::int64_t up_to = 0;
  bool operator==(const NotificationsRead&) const = default;
};
struct CheckInScheduled {
  static constexpr const char* type = "CheckInScheduled";
  CheckIn check_in;
  bool operator==(const CheckInScheduled&) const = default;
};
struct CheckInCompleted {
  static constexpr const char* type = "CheckInCompleted";
  std::int64_t check_in_id = 0;
  bool operator==(const CheckInCompleted&) const = default;
};
struct CheckInRescheduled {
  static constexpr const char* type = "CheckInRescheduled";
  std::int64_t check_in_id = 0;
  TimeMs due_at = 0;
  std::string note; // the note after the change
  bool operator==(const CheckInRescheduled&) const = default;
};
// The quality loop (satisfaction.hpp): a customer's NPS answer (a detractor's comes with its
// follow-up check-in, a CheckInScheduled of the same command), red flags raised and cleared by
// the scheduler, and the business's thresholds.
struct NpsAnswered {
  static constexpr const char* type = "NpsAnswered";
  NpsAnswer answer;
  bool operator==(const NpsAnswered&) const = default;
};
struct RedFlagRaised {
  static constexpr const char* type = "RedFlagRaised";
  RedFlag flag;
  bool operator==(const RedFlagRaised&) const = default;
};
struct RedFlagCleared {
  static constexpr const char* type = "RedFlagCleared";
  std::string key;
  bool operator==(const RedFlagCleared&) const = default;
};
struct QualitySettingsChanged {
  static constexpr const char* type = "QualitySettingsChanged";
  QualitySettings settings;
  bool operator==(const QualitySettingsChanged&) const = default;
};
// The scheduler wrote last week's report (weekly_report.hpp), kept as written.
struct WeeklyReportWritten {
  static constexpr const char* type = "WeeklyReportWritten";
  WeeklyReport report;
  bool operator==(const WeeklyReportWritten&) const = default;
};
struct ReportActionAdded {
  static constexpr const char* type = "ReportActionAdded";
  std::int32_t week = 0;
  ReportAction action;
  bool operator==(const ReportActionAdded&) const = default;
};
struct ReportActionDone {
  static constexpr const char* type = "ReportActionDone";
  std::int32_t week = 0;
  std::int64_t action_id = 0;
  bool operator==(const ReportActionDone&) const = default;
};
// The mention rule's word lists after a change (every ticket's mentions are counted again).
struct MentionWordsChanged {
  static constexpr const char* type = "MentionWordsChanged";
  std::vector<MentionList> lists;
  bool operator==(const MentionWordsChanged&) const = default;
};
// A step of the abuse procedure on a ticket (support/conduct.hpp): a customer's message marked
// abusive (with a note), the warning or the pause sent (their reply is the TicketReplied of the
// same command, message_id), or the conversation resumed by a manager.
struct AbuseHandled {
  static constexpr const char* type = "AbuseHandled";
  TicketId ticket_id = 0;
  AbuseStep step = AbuseStep::mark;
  std::int64_t message_id = 0; // mark: the customer's message; warn, pause: the reply that said it
  std::string note;            // mark: why (staff only)
  TimeMs follow_up_by = 0;     // pause: a manager follows up by then
  bool operator==(const AbuseHandled&) const = default;
};
// The business restricted a customer's ticketing until a date after repeated abuse, or lifted the
// restriction (until 0).
struct TicketingRestricted {
  static constexpr const char* type = "TicketingRestricted";
  CustomerId customer_id = 0;
  TimeMs until = 0;
  std::string reason;
  bool operator==(const TicketingRestricted&) const = default;
};
// The business's support cost for a quarter (the quarterly review's cost per ticket).
struct SupportCostSet {
  static constexpr const char* type = "SupportCostSet";
  std::string quarter;
  std::int64_t amount_minor = 0;
  bool operator==(const SupportCostSet&) const = default;
};

PD_JSON_TYPE(WeeklyReportWritten, report)
PD_JSON_TYPE(MentionWordsChanged, lists)
PD_JSON_TYPE(ReportActionAdded, week, action)
PD_JSON_TYPE(ReportActionDone, week, action_id)
PD_JSON_TYPE(SupportCostSet, quarter, amount_minor)
PD_JSON_TYPE(AbuseHandled, ticket_id, step, message_id, note, follow_up_by)
PD_JSON_TYPE(TicketingRestricted, customer_id, until, reason)
PD_JSON_TYPE(SupportSettingsChanged, settings)
PD_JSON_TYPE(NpsAnswered, answer)
PD_JSON_TYPE(RedFlagRaised, flag)
PD_JSON_TYPE(RedFlagCleared, key)
PD_JSON_TYPE(QualitySettingsChanged, settings)
PD_JSON_TYPE(TicketOpened, ticket_id, customer_id, agent_id, subject, priority, category, tags, message, sla, outreach)
PD_JSON_TYPE(TicketReplied, ticket_id, message, status, sla, escalation_answered)
PD_JSON_TYPE(TicketTriaged, ticket_id, priority, category, tags, sla, triage)
PD_JSON_TYPE(TicketEscalated, ticket_id, escalation)
PD_JSON_TYPE(TicketTakenOver, ticket_id, by, by_name)
PD_JSON_TYPE(TicketStatusChanged, ticket_id, status, sla)
PD_JSON_TYPE(TicketsMerged, ticket_id, merged_ids, first_ids, sla)
PD_JSON_TYPE(ResolutionEstimated, ticket_id, estimate, note, update_due, update_warn_at)
PD_JSON_TYPE(TicketUpdateWarned, ticket_id, agent_id, due)
PD_JSON_TYPE(TicketUpdateMissed, ticket_id, agent_id, due)
PD_JSON_TYPE(ThirdPartyWaitStarted, ticket_id, party, reference, follow_up_at, accepted)
PD_JSON_TYPE(ThirdPartyWaitAccepted, ticket_id, sla)
PD_JSON_TYPE(ThirdPartyWaitEnded, ticket_id, sla)
PD_JSON_TYPE(ThirdPartyFollowUpDue, ticket_id, agent_id)
PD_JSON_TYPE(TicketSlaMissed, ticket_id, target, agent_id, due)
PD_JSON_TYPE(TicketRated, ticket_id, rating)
PD_JSON_TYPE(TicketHandlingRated, ticket_id, rating)
PD_JSON_TYPE(RatingAnswered, ticket_id, text)
PD_JSON_TYPE(AgentWarned, person_id, reason, monitor_until)
PD_JSON_TYPE(NotificationsRead, person_id, up_to)
PD_JSON_TYPE(CheckInScheduled, check_in)
PD_JSON_TYPE(CheckInCompleted, check_in_id)
PD_JSON_TYPE(CheckInRescheduled, check_in_id, due_at, note)

} // namespace pd::domain
