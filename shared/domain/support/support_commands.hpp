// Commands of the support desk (part of Command, see commands.hpp).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/support/support.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace pd::domain {

inline constexpr std::size_t max_subject = 200;
inline constexpr std::size_t max_message = 20'000;
inline constexpr std::size_t max_attachments = 5;
inline constexpr std::int64_t max_attachment_limit = 50LL * 1024 * 1024; // the most a program may allow per file
// ChangeSupportSettings' limits (docs/api.md).
inline constexpr std::size_t max_sla_tiers = 10;
inline constexpr std::size_t max_segment_tiers = 100;
inline constexpr std::int64_t max_sla_window_minutes = 525'600; // a year
inline constexpr std::size_t max_calendar_hours = 70;          // business-hours intervals per calendar
inline constexpr std::size_t max_calendar_holidays = 400;
inline constexpr std::size_t max_calendar_offsets = 4000;      // server-computed; read and dropped when sent

struct OpenTicket {
  static constexpr const char* type = "OpenTicket";
  CustomerId customer_id = 0; // customers: their own (may be omitted); the business may open one for a customer
  std::string subject;
  std::string text;
  std::optional<Priority> priority;
  std::optional<Category> category;
  std::vector<Category> tags;
  std::vector<Attachment> attachments;
  int utc_offset_minutes = 0; // the customer's time zone (minutes east of UTC): the acknowledgement names the reply time in it
  bool operator==(const OpenTicket&) const = default;
};
struct ReplyToTicket {
  static constexpr const char* type = "ReplyToTicket";
  TicketId ticket_id = 0;
  std::string text;
  bool internal = false;               // an internal note: agent and business only
  std::optional<TicketStatus> status;  // after a public reply by the agent or business: open, waiting_on_customer, resolved
  std::vector<Attachment> attachments;
  bool send_despite_warning = false;   // the agent saw the restricted-topic warning and chose to send
  std::int64_t template_id = 0;        // written from this response template: refused while its placeholders remain (desk/templates.hpp)
  bool operator==(const ReplyToTicket&) const = default;
};
struct TriageTicket {
  static constexpr const char* type = "TriageTicket";
  TicketId ticket_id = 0;
  Priority priority = Priority::p2;
  Category category = Category::how_to;
  std::vector<Category> tags;
  // The rest of the triage checklist (desk/ticket_triage.hpp); each omitted one is kept as it was.
  std::optional<std::string> summary{};      // one sentence, up to 300 characters
  std::optional<std::string> product_area{}; // one of the program's product areas, or "" for none
  std::optional<std::string> steps_to_reproduce{};
  std::optional<std::string> error_messages{};
  std::optional<bool> screenshots{};
  std::optional<std::string> environment{};
  bool operator==(const TriageTicket&) const = default;
};
struct EscalateTicket {
  static constexpr const char* type = "EscalateTicket";
  TicketId ticket_id = 0;
  std::string reason;   // the customer's words, or the agent's summary
  EscalationNote note;  // agents fill it in (docs/requirements.md, Escalation; summary, recommended action required)
  bool operator==(const EscalateTicket&) const = default;
};
struct TakeOverTicket {
  static constexpr const char* type = "TakeOverTicket";
  TicketId ticket_id = 0;
  bool operator==(const TakeOverTicket&) const = default;
};
struct ResolveTicket { // agent or business: resolved (the customer may reopen within the window)
  static constexpr const char* type = "ResolveTicket";
  TicketId ticket_id = 0;
  std::string note; // internal resolution note
  bool operator==(const ResolveTicket&) const = default;
};
struct CloseTicket { // customer or business: closed for good
  static constexpr const char* type = "CloseTicket";
  TicketId ticket_id = 0;
  std::string note; // internal resolution note (business only)
  bool operator==(const CloseTicket&) const = default;
};
// Merges other tickets of the same customer into this one (docs/requirements.md, Merging
// tickets): their messages join this thread in time order, each marked with the ticket it came
// from; they are closed with a pointer here; this ticket takes the SLA clock of the earliest.
inline constexpr std::size_t max_merged_tickets = 10;
struct MergeTickets {
  static constexpr const char* type = "MergeTickets";
  TicketId ticket_id = 0;           // the ticket kept
  std::vector<TicketId> merged_ids; // 1-10 other tickets of its customer
  bool operator==(const MergeTickets&) const = default;
};
// A phone call or a chat held outside the desk, logged on the ticket (docs/api.md "Calls and
// chats"): the record (the call's notes or the pasted transcript) as an internal note, and the
// written summary sent to the customer as a reply (seed 002: always send a written summary).
inline constexpr std::size_t max_transcript = 100'000;
inline constexpr std::int64_t max_call_minutes = std::int64_t{24} * 60;
struct LogConversation {
  static constexpr const char* type = "LogConversation";
  TicketId ticket_id = 0;
  std::string channel = "phone";      // "phone" or "chat"
  std::int32_t duration_minutes = 0;  // a call's length (0: not recorded)
  std::string record;                 // the call's notes or the chat's transcript: agent and business only
  std::string summary;                // what was discussed and agreed, sent to the customer
  std::optional<TicketStatus> status; // as after a reply: open, waiting_on_customer (default), resolved
  bool send_despite_warning = false;  // the summary touches a restricted topic and the agent chose to send
  bool operator==(const LogConversation&) const = default;
};
// The ticket's progress (support/progress.hpp, docs/api.md "Estimates, updates and third
// parties"): the estimated resolution the customer is told, and a third party the ticket waits on.
struct SetResolutionEstimate {
  static constexpr const char* type = "SetResolutionEstimate";
  TicketId ticket_id = 0;
  TimeMs estimate = 0; // when the customer can expect the resolution; 0 withdraws the estimate
  std::string note;    // what it rests on, shown to the customer (0-500)
  bool operator==(const SetResolutionEstimate&) const = default;
};
struct WaitOnThirdParty {
  static constexpr const char* type = "WaitOnThirdParty";
  TicketId ticket_id = 0;
  std::string party;     // "Stripe (payment processor)", 1-100
  std::string reference; // their case or ticket number, 0-200
  TimeMs follow_up_at = 0; // the handler follows up with them by then
  bool operator==(const WaitOnThirdParty&) const = default;
};
struct AcceptThirdPartyWait { // business: the SLA clock is held while the ticket waits
  static constexpr const char* type = "AcceptThirdPartyWait";
  TicketId ticket_id = 0;
  bool operator==(const AcceptThirdPartyWait&) const = default;
};
struct EndThirdPartyWait {
  static constexpr const char* type = "EndThirdPartyWait";
  TicketId ticket_id = 0;
  bool operator==(const EndThirdPartyWait&) const = default;
};
struct RateTicket {
  static constexpr const char* type = "RateTicket";
  TicketId ticket_id = 0;
  int responsiveness = 0, knowledge = 0, professionalism = 0, overall = 0;
  std::string comment;
  bool operator==(const RateTicket&) const = default;
};
struct RateTicketHandling {
  static constexpr const char* type = "RateTicketHandling";
  TicketId ticket_id = 0;
  int score = 0;
  std::optional<std::array<int, 5>> checklist;
  std::string comment;
  bool operator==(const RateTicketHandling&) const = default;
};
struct AnswerRating {
  static constexpr const char* type = "AnswerRating";
  TicketId ticket_id = 0;
  std::string text;
  bool operator==(const AnswerRating&) const = default;
};
struct ChangeSupportSettings {
  static constexpr const char* type = "ChangeSupportSettings";
  SupportSettings settings; // the whole settings; calendars' offset tables are filled by the server
  bool operator==(const ChangeSupportSettings&) const = default;
};
struct WarnAgent {
  static constexpr const char* type = "WarnAgent";
  PersonId person_id = 0;
  std::string reason;
  bool operator==(const WarnAgent&) const = default;
};
struct MarkNotificationsRead {
  static constexpr const char* type = "MarkNotificationsRead";
  std::int64_t up_to = 0;
  bool operator==(const MarkNotificationsRead&) const = default;
};
struct ScheduleCheckIn {
  static constexpr const char* type = "ScheduleCheckIn";
  CustomerId customer_id = 0;
  TimeMs due_at = 0;
  std::string note;
  bool operator==(const ScheduleCheckIn&) const = default;
};
struct CompleteCheckIn {
  static constexpr const char* type = "CompleteCheckIn";
  std::int64_t check_in_id = 0;
  bool operator==(const CompleteCheckIn&) const = default;
};
// Moves an open check-in to another time; a note replaces the old one (omitted: kept).
struct RescheduleCheckIn {
  static constexpr const char* type = "RescheduleCheckIn";
  std::int64_t check_in_id = 0;
  TimeMs due_at = 0;
  std::optional<std::string> note;
  bool operator==(const RescheduleCheckIn&) const = default;
};
// A customer answers "How likely are you to recommend …?" 0-10 (satisfaction.hpp), or -1 for
// "Not now"; an optional comment.
struct AnswerNps {
  static constexpr const char* type = "AnswerNps";
  int score = -1;
  std::string comment;
  bool operator==(const AnswerNps&) const = default;
};
// Owners and admins: the red flags' thresholds and the NPS period (the whole settings).
struct ChangeQualitySettings {
  static constexpr const char* type = "ChangeQualitySettings";
  QualitySettings settings;
  bool operator==(const ChangeQualitySettings&) const = default;
};
// Owners and admins: the mention rule's word lists (the whole set, one entry per language).
struct ChangeMentionWords {
  static constexpr const char* type = "ChangeMentionWords";
  std::vector<MentionList> lists;
  bool operator==(const ChangeMentionWords&) const = default;
};
// The business: an action item on a written weekly report (week: its Monday, YYYY-MM-DD, on the wire).
struct AddReportAction {
  static constexpr const char* type = "AddReportAction";
  std::int32_t week = 0;
  std::string action;
  std::string owner;
  std::string due_on; // YYYY-MM-DD
  bool operator==(const AddReportAction&) const = default;
};
struct CompleteReportAction {
  static constexpr const char* type = "CompleteReportAction";
  std::int32_t week = 0;
  std::int64_t action_id = 0;
  bool operator==(const CompleteReportAction&) const = default;
};
// Owners and admins: the support cost of a quarter ("2026-Q4").
struct SetSupportCost {
  static constexpr const char* type = "SetSupportCost";
  std::string quarter;
  std::int64_t amount_minor = 0;
  bool operator==(const SetSupportCost&) const = default;
};
// The abuse procedure on a ticket (support/conduct_rules.hpp): mark a customer's message abusive
// (message_id, text: a note), send the one warning or the pause (text: the reply; the client
// offers the seed's words), or resume a paused conversation (the business).
struct HandleAbuse {
  static constexpr const char* type = "HandleAbuse";
  TicketId ticket_id = 0;
  AbuseStep step = AbuseStep::mark;
  std::int64_t message_id = 0;
  std::string text;
  bool operator==(const HandleAbuse&) const = default;
};
// Restricts a customer's ticketing for `days` after repeated abuse, or lifts the restriction (days 0).
struct RestrictTicketing {
  static constexpr const char* type = "RestrictTicketing";
  CustomerId customer_id = 0;
  std::int64_t days = 0;
  std::string reason;
  bool operator==(const RestrictTicketing&) const = default;
};
// Sent only by the server's scheduler (never accepted from a request): everything due at `now`.
struct RunTimers {
  static constexpr const char* type = "RunTimers";
  bool operator==(const RunTimers&) const = default;
};

// Strict decoders of a command's "data" object (errors name the field as "data.…") and the
// encoders the browser client uses. One overload per command.
// T names a type, which cannot be parenthesised in a declaration.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define PD_SUPPORT_COMMAND_CODEC(T)                                                                                          \
  std::optional<core::Error> read_command(const nlohmann::json& data, T& command);                                           \
  nlohmann::json write_command(const T& command);
// NOLINTEND(bugprone-macro-parentheses)
PD_SUPPORT_COMMAND_CODEC(AnswerNps)
PD_SUPPORT_COMMAND_CODEC(ChangeQualitySettings)
PD_SUPPORT_COMMAND_CODEC(ChangeMentionWords)
PD_SUPPORT_COMMAND_CODEC(OpenTicket)
PD_SUPPORT_COMMAND_CODEC(ReplyToTicket)
PD_SUPPORT_COMMAND_CODEC(TriageTicket)
PD_SUPPORT_COMMAND_CODEC(EscalateTicket)
PD_SUPPORT_COMMAND_CODEC(TakeOverTicket)
PD_SUPPORT_COMMAND_CODEC(ResolveTicket)
PD_SUPPORT_COMMAND_CODEC(CloseTicket)
PD_SUPPORT_COMMAND_CODEC(MergeTickets)
PD_SUPPORT_COMMAND_CODEC(LogConversation)
PD_SUPPORT_COMMAND_CODEC(SetResolutionEstimate)
PD_SUPPORT_COMMAND_CODEC(WaitOnThirdParty)
PD_SUPPORT_COMMAND_CODEC(AcceptThirdPartyWait)
PD_SUPPORT_COMMAND_CODEC(EndThirdPartyWait)
PD_SUPPORT_COMMAND_CODEC(RateTicket)
PD_SUPPORT_COMMAND_CODEC(RateTicketHandling)
PD_SUPPORT_COMMAND_CODEC(AnswerRating)
PD_SUPPORT_COMMAND_CODEC(ChangeSupportSettings)
PD_SUPPORT_COMMAND_CODEC(WarnAgent)
PD_SUPPORT_COMMAND_CODEC(MarkNotificationsRead)
PD_SUPPORT_COMMAND_CODEC(ScheduleCheckIn)
PD_SUPPORT_COMMAND_CODEC(CompleteCheckIn)
PD_SUPPORT_COMMAND_CODEC(RescheduleCheckIn)
PD_SUPPORT_COMMAND_CODEC(RunTimers)
PD_SUPPORT_COMMAND_CODEC(AddReportAction)
PD_SUPPORT_COMMAND_CODEC(CompleteReportAction)
PD_SUPPORT_COMMAND_CODEC(SetSupportCost)
PD_SUPPORT_COMMAND_CODEC(HandleAbuse)
PD_SUPPORT_COMMAND_CODEC(RestrictTicketing)
#undef PD_SUPPORT_COMMAND_CODEC

} // namespace pd::domain
