// The support desk's part of a program's state: tickets with their threads and SLA clocks, the
// program's support settings (SLA tiers, calendars, priority matrix, restricted topics), each
// agent's support record (warnings, overdue flags, response times, ratings) and each person's
// notifications. Built only by apply(); the rules live in decide() and sla.hpp.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/desk/ticket_routing.hpp"
#include "shared/domain/desk/ticket_triage.hpp"
#include "shared/domain/support/conduct.hpp"
#include "shared/domain/support/metric_facts.hpp"
#include "shared/domain/support/quality.hpp"
#include "shared/domain/support/restricted_topics.hpp"
#include "shared/domain/support/sla_calendar.hpp"
#include "shared/domain/types.hpp"
#include "shared/identity/role.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd::domain {

using TicketId = std::int64_t;

enum class TicketStatus { unknown, new_ticket, open, waiting_on_customer, escalated, resolved, closed, reopened };
NLOHMANN_JSON_SERIALIZE_ENUM(TicketStatus, {{TicketStatus::unknown, "unknown"},
                                            {TicketStatus::new_ticket, "new"},
                                            {TicketStatus::open, "open"},
                                            {TicketStatus::waiting_on_customer, "waiting_on_customer"},
                                            {TicketStatus::escalated, "escalated"},
                                            {TicketStatus::resolved, "resolved"},
                                            {TicketStatus::closed, "closed"},
                                            {TicketStatus::reopened, "reopened"}})
const char* to_string(TicketStatus s);
const char* label_of(TicketStatus s); // "Waiting on customer"
// Open: anything not resolved or closed.
inline bool is_open(TicketStatus s) { return s != TicketStatus::resolved && s != TicketStatus::closed && s != TicketStatus::unknown; }

// The priorities of docs/requirements.md, Priority matrix.
enum class Priority { p0, p1, p2, p3 };
NLOHMANN_JSON_SERIALIZE_ENUM(Priority, {{Priority::p0, "P0"}, {Priority::p1, "P1"}, {Priority::p2, "P2"}, {Priority::p3, "P3"}})
const char* to_string(Priority p);
const char* label_of(Priority p); // "P0 Critical"

// The ten category tags: one primary, up to two secondary (docs/requirements.md, Category tags).
enum class Category { how_to, billing, bug, feature_request, account, integration, performance, security, onboarding, churn_risk };
NLOHMANN_JSON_SERIALIZE_ENUM(Category, {{Category::how_to, "how-to"},
                                        {Category::billing, "billing"},
                                        {Category::bug, "bug"},
                                        {Category::feature_request, "feature-request"},
                                        {Category::account, "account"},
                                        {Category::integration, "integration"},
                                        {Category::performance, "performance"},
                                        {Category::security, "security"},
                                        {Category::onboarding, "onboarding"},
                                        {Category::churn_risk, "churn-risk"}})
inline constexpr std::array<Category, 10> all_categories = {Category::billing,     Category::bug,         Category::how_to,
                                                            Category::feature_request, Category::account, Category::integration,
                                                            Category::performance, Category::security,    Category::onboarding,
                                                            Category::churn_risk};
const char* to_string(Category c);
inline constexpr std::size_t max_secondary_tags = 2; // besides the primary category (decide() refuses more)

// ---- Settings ---------------------------------------------------------------------------

inline constexpr std::int64_t minute_ms = 60'000;
inline constexpr std::int64_t hour_ms = 3'600'000;
inline constexpr std::int64_t day_ms = 86'400'000;

// An SLA tier (docs/requirements.md, SLA tiers): first-response and resolution windows, on a
// calendar.
struct SlaTier {
  std::string key;  // "urgent"
  std::string name; // "Urgent"
  std::int64_t first_response_minutes = std::int64_t{12} * 60;
  std::int64_t resolution_minutes = std::int64_t{72} * 60;
  sla::Calendar calendar;
  bool operator==(const SlaTier&) const = default;
};

struct PriorityTarget {
  std::int64_t first_response_minutes = 0;
  std::int64_t resolution_minutes = 0;
  bool operator==(const PriorityTarget&) const = default;
};

struct SupportSettings {
  std::vector<SlaTier> tiers;                        // Urgent 2 h, Standard 12 h, Extended 24 h by default
  std::map<std::string, std::string> segment_tiers;  // customer segment -> tier key
  std::string default_tier = "standard";             // for segments without a tier
  bool priority_matrix = false;                      // when on, the stricter of tier and priority applies (new programs: on, see ProgramCreated)
  std::array<PriorityTarget, 4> priority_targets{};  // P0..P3 (docs/requirements.md, Priority matrix)
  std::int64_t reopen_window_hours = 168;            // a customer reply within this reopens a resolved ticket
  std::int64_t auto_escalate_factor_percent = 200;   // unanswered at 2x the window: escalated to the business
  std::int64_t quiet_days = 30;                      // follow-up reminder for customers quiet this long
  std::int64_t max_attachment_bytes = std::int64_t{10} * 1024 * 1024;
  std::vector<RestrictedTopic> restricted_topics;    // seven by default (docs/requirements.md, Restricted topics)
  // A ticket with an estimated resolution gets a public update at least this often (seed 003:
  // regular updates; critical issues, P0, continuous follow-ups): support/progress.hpp.
  std::int64_t update_hours = 24;
  std::int64_t critical_update_hours = 2;
  bool operator==(const SupportSettings&) const = default;
};
SupportSettings default_support_settings();
const SlaTier* tier_for_segment(const SupportSettings& s, const std::string& segment);

// ---- Tickets ----------------------------------------------------------------------------

struct Attachment {
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256; // the file's content address on the server
  bool operator==(const Attachment&) const = default;
};

enum class MessageKind { reply, internal_note, system };
NLOHMANN_JSON_SERIALIZE_ENUM(MessageKind, {{MessageKind::reply, "reply"}, {MessageKind::internal_note, "internal_note"}, {MessageKind::system, "system"}})

struct TicketMessage {
  std::int64_t id = 0; // position in the thread, from 1
  MessageKind kind = MessageKind::reply;
  PersonId author = 0; // 0: the system (SLA rules)
  std::string author_name;
  identity::Role author_role = identity::Role::unknown;
  std::string text;
  TimeMs at = 0;
  std::vector<Attachment> attachments;
  std::vector<std::string> restricted_topics; // topic keys the text matched when it was sent
  bool sent_despite_warning = false;          // an agent was warned of a restricted topic and sent anyway
  std::string automatic; // "" written by a person; "acknowledgement", "article", "account_status": an automatic reply (desk/decide_knowledge.hpp)
  std::int64_t merged_from = 0; // moved here from this ticket when it was merged into this one (TicketsMerged)
  // A call or chat held outside the desk (LogConversation): "phone" or "chat" on both its record
  // (an internal note) and its written summary (a reply, summary_of = the record's id).
  std::string channel;
  std::int32_t duration_minutes = 0; // a call's length, when recorded
  std::int64_t summary_of = 0;
  bool operator==(const TicketMessage&) const = default;
};

// The customer sentiments of the escalation note (docs/requirements.md, Escalation), in the
// order the desk offers them (the decoder accepts exactly these).
inline constexpr std::array<const char*, 4> escalation_sentiments = {"frustrated", "angry", "calm", "threatening"};
inline bool is_escalation_sentiment(std::string_view word) {
  for (const char* s : escalation_sentiments)
    if (word == s) return true;
  return false;
}
// A formal warning puts the agent under monitoring for this long (docs/requirements.md,
// Partner status).
inline constexpr std::int64_t warning_monitor_days = 14;

// The escalation note an agent fills in (docs/requirements.md, Escalation).
struct EscalationNote {
  std::string summary;
  std::string attempts_so_far;
  std::string customer_sentiment; // frustrated | angry | calm | threatening
  std::string business_impact;
  std::string recommended_action;
  bool operator==(const EscalationNote&) const = default;
};

enum class EscalationSource { none, customer, agent, sla, rule }; // rule: a routing rule (desk/routing.hpp)
NLOHMANN_JSON_SERIALIZE_ENUM(EscalationSource,
                             {{EscalationSource::none, "none"}, {EscalationSource::customer, "customer"}, {EscalationSource::agent, "agent"}, {EscalationSource::sla, "sla"},
                              {EscalationSource::rule, "rule"}})

struct Escalation {
  EscalationSource source = EscalationSource::none;
  PersonId by = 0;
  TimeMs at = 0;
  std::string reason;
  EscalationNote note;
  bool pending = false; // held open until the business responds, reassigns or moves the customer
  PersonId agent_id = 0; // who was handling the ticket when it was escalated (0: the business's queue)
  bool operator==(const Escalation&) const = default;
};

// One entry of a ticket's audit trail (docs/requirements.md, Audit trail; escalations also go
// into the agent's history): escalations, take-overs, reassignments, SLA misses, status and
// triage changes, each with who and when. Kept by apply() (ticket_audit.hpp
// says how, and what each reader is shown of it).
enum class TicketChangeKind { unknown, escalated, taken_over, reassigned, sla_missed, status_changed, triaged, routed, auto_responded, retention_started, conduct, merged, progress };
NLOHMANN_JSON_SERIALIZE_ENUM(TicketChangeKind, {{TicketChangeKind::unknown, "unknown"},
                                                {TicketChangeKind::escalated, "escalated"},
                                                {TicketChangeKind::taken_over, "taken_over"},
                                                {TicketChangeKind::reassigned, "reassigned"},
                                                {TicketChangeKind::sla_missed, "sla_missed"},
                                                {TicketChangeKind::status_changed, "status_changed"},
                                                {TicketChangeKind::triaged, "triaged"},
                                                {TicketChangeKind::routed, "routed"},
                                                {TicketChangeKind::auto_responded, "auto_responded"},
                                                {TicketChangeKind::retention_started, "retention_started"},
                                                {TicketChangeKind::conduct, "conduct"},
                                                {TicketChangeKind::merged, "merged"},
                                                {TicketChangeKind::progress, "progress"}})

struct TicketChange {
  TicketChangeKind kind = TicketChangeKind::unknown;
  TimeMs at = 0;
  PersonId by = 0;             // who made the change; 0: the SLA rules or the scheduler
  PersonId agent_id = 0;       // escalated, sla_missed: the agent responsible then (0: the business queue); reassigned: the new agent
  PersonId previous_agent = 0; // reassigned: the agent before
  TicketStatus status = TicketStatus::unknown; // status_changed: the new status, as the customer is shown it
  Priority priority = Priority::p2;            // triaged: after and before
  Priority previous_priority = Priority::p2;
  Category category = Category::how_to;
  Category previous_category = Category::how_to;
  std::string target;          // sla_missed: first_response | resolution; conduct: the step (mark_abusive, warn, pause, resume)
  TimeMs due = 0;              // sla_missed: the deadline that passed; conduct, pause: the manager's follow-up date
  Escalation escalation;       // escalated: source, reason and the agent's note (source none: someone else's, told to the customer)
  std::string rule;            // routed: the rule that fired (its name)
  std::string detail;          // routed: what it did ("routed to Security; priority set to P0"); conduct, mark_abusive: the note
  bool operator==(const TicketChange&) const = default;
};

// Where a ticket's SLA stands. Deadlines are absolute instants computed on the tier's
// calendar; the resolution clock stops while the ticket waits on the customer.
struct SlaClock {
  std::string tier;
  std::int64_t first_response_ms = 0; // the windows that apply (stricter of tier and priority)
  std::int64_t resolution_ms = 0;
  TimeMs first_response_due = 0;
  TimeMs first_responded_at = 0;
  TimeMs resolution_due = 0;           // 0 while paused
  TimeMs running_since = 0;            // the resolution clock runs from here (opening or last resume)
  std::int64_t resolution_used_ms = 0; // business time used before running_since
  TimeMs paused_at = 0;                // waiting on the customer since
  TimeMs auto_escalate_due = 0;        // still unanswered at this instant: escalated to the business
  TimeMs resolved_at = 0;
  TimeMs first_response_overdue_at = 0;
  TimeMs resolution_overdue_at = 0;
  TimeMs auto_escalated_at = 0;
  PersonId first_response_overdue_agent = 0; // who was responsible when each deadline passed (0: the business's queue)
  PersonId resolution_overdue_agent = 0;
  bool held = false; // paused for a third party while the business accepts the wait: resume() keeps it paused
  bool operator==(const SlaClock&) const = default;
};

struct CustomerRating {
  int responsiveness = 0, knowledge = 0, professionalism = 0, overall = 0; // 1-5
  std::string comment;
  TimeMs at = 0;
  std::string business_response;
  bool operator==(const CustomerRating&) const = default;
};
struct BusinessRating {
  int score = 0;                           // 1-5
  std::optional<std::array<int, 5>> checklist; // the quality checklist (docs/requirements.md, Ratings), each 0-2
  std::string comment;
  PersonId by = 0;
  TimeMs at = 0;
  bool operator==(const BusinessRating&) const = default;
};

// What the ticket's customer has been shown of its status, escalation and last change. Kept by
// apply() from the changes a customer is shown (customer_facing() in visibility.hpp), so it
// never moves on an internal note, someone else's escalation, a take-over or an SLA miss; the
// customer's view of the ticket (customer_view()) takes these from here.
struct CustomerShown {
  TicketStatus status = TicketStatus::new_ticket; // never "escalated" but right after the customer's own escalation
  Escalation escalation;                          // the customer's own latest escalation
  TimeMs updated_at = 0;
  Sequence version = 0;
  bool operator==(const CustomerShown&) const = default;
};

// The ticket's estimated resolution and the updates it promises, and a third party it waits on
// (seed 003 section 3; support/progress.hpp has the rules).
struct TicketProgress {
  TimeMs estimate = 0;              // the resolution the customer is told to expect (0: none given)
  std::string estimate_note;        // what it rests on, shown to the customer
  TimeMs estimated_at = 0;
  PersonId estimated_by = 0;
  TimeMs last_update_at = 0;        // the estimate, or the last public reply of the agent or the business after it
  TimeMs update_due = 0;            // the next update is due (0: no estimate standing)
  TimeMs update_warn_at = 0;        // the handler is warned from then (a quarter of the interval before)
  TimeMs update_warned_at = 0;      // staff only: the handler was warned for this update_due
  TimeMs update_missed_at = 0;      // staff only: update_due passed without an update (counted once)
  std::string third_party;          // the partner the ticket waits on ("" none)
  std::string third_party_reference;
  TimeMs third_party_since = 0;
  TimeMs follow_up_at = 0;          // the handler follows up with the third party by then
  bool follow_up_reminded = false;  // staff only: the scheduler reminded the handler
  bool wait_accepted = false;       // the business accepted the wait: the SLA clock is held (SlaClock::held)
  bool operator==(const TicketProgress&) const = default;
};

struct Ticket {
  TicketId id = 0;
  CustomerId customer_id = 0;
  PersonId opened_by = 0;
  std::string subject;
  TicketStatus status = TicketStatus::new_ticket;
  Priority priority = Priority::p2;
  Category category = Category::how_to;
  std::vector<Category> tags; // up to two secondary
  PersonId agent_id = 0;       // the agent handling it; 0: the business's queue
  PersonId taken_over_by = 0;  // a business member who intervened
  TimeMs opened_at = 0;
  TimeMs updated_at = 0;
  TimeMs last_customer_activity = 0;
  TimeMs closed_at = 0;
  std::vector<TicketMessage> messages;
  std::vector<std::string> restricted_topics; // matched in the opening message
  SlaClock sla;
  Escalation escalation;
  std::optional<CustomerRating> customer_rating;
  std::optional<BusinessRating> business_rating;
  Sequence version = 0;
  CustomerShown customer_shown;
  std::vector<TicketChange> changes; // the audit trail, oldest first
  desk::TicketRouting routing;       // what the routing rules did (desk/ticket_routing.hpp); staff only
  TicketTriage triage;               // the agent's triage entries (desk/ticket_triage.hpp)
  MetricFacts metric_facts;          // derived: what it adds to the support metrics now (ProgramState::track_ticket)
  bool outreach = false;             // the desk wrote first (proactive outreach, retention/outreach.hpp): no SLA clock, not in the metrics
  TicketConduct conduct{};           // abusive messages marked, the warning, the pause (support/conduct.hpp)
  TimeMs text_expired_at = 0;        // the retention period erased its text (privacy/data_retention.hpp)
  TimeMs attachments_expired_at = 0; // the retention period removed its attachments' files
  TicketId merged_into = 0;          // closed by merging it into this ticket (its messages moved there)
  std::vector<TicketId> merged;      // the tickets merged into this one, in the order merged
  TicketProgress progress;           // the estimate, the updates due, a third party (support/progress.hpp)
  bool operator==(const Ticket&) const = default;

  bool first_response_overdue() const { return sla.first_response_overdue_at != 0 && sla.first_responded_at == 0; }
  bool overdue() const { return first_response_overdue() || (sla.resolution_overdue_at != 0 && is_open(status)); }
};

// What the support overview needs of an open ticket, kept beside the tickets so the overview
// of a large program never walks every ticket (see ProgramState::track_ticket).
struct OpenTicketEntry {
  PersonId agent_id = 0;
  bool escalation_pending = false;
  TimeMs overdue_since = 0; // the deadline that passed, 0 when not overdue
  bool first_response_overdue = false;
  bool operator==(const OpenTicketEntry&) const = default;
};

// ---- Agents' support records ------------------------------------------------------------

struct AgentWarning {
  TimeMs at = 0;
  std::string reason;
  TimeMs monitor_until = 0; // monitored for 14 days (docs/requirements.md, Partner status)
  PersonId by = 0;
  bool operator==(const AgentWarning&) const = default;
};

// One line of an agent's performance history.
struct HistoryEntry {
  TimeMs at = 0;
  std::string kind; // overdue_first_response, overdue_resolution, escalated, warning, suspended, reinstated, removed, ...
  TicketId ticket_id = 0;
  std::string detail;
  bool operator==(const HistoryEntry&) const = default;
};

struct ResponseSample {
  TimeMs at = 0;             // when the first response was sent
  std::int64_t elapsed_ms = 0; // since the ticket opened
  bool in_time = false;
  bool operator==(const ResponseSample&) const = default;
};

// Whether a ticket got its first response in time, known when it is answered or when the
// window passes unanswered (one per ticket).
struct SlaOutcome {
  TimeMs at = 0;
  bool in_time = false;
  bool operator==(const SlaOutcome&) const = default;
};

// A rating of the agent's handling of a ticket, when it was given (for the score over time).
struct RatingSample {
  TimeMs at = 0;
  TicketId ticket_id = 0;
  bool by_business = false; // the business's rating of the handling; else the customer's overall satisfaction
  int score = 0;            // 1-5
  bool operator==(const RatingSample&) const = default;
};

// The remediation a suspension required, recorded as done: what, by whom (the business member
// who recorded it), when.
struct Remediation {
  std::string what;
  PersonId by = 0;
  TimeMs at = 0; // 0: none recorded
  bool operator==(const Remediation&) const = default;
};

struct AgentSupport {
  std::vector<AgentWarning> warnings;
  bool remediation_required = false; // set by a suspension that requires it, until reinstatement
  Remediation remediation;           // the latest recorded (reset by a new suspension that requires one)
  int overdue_flags = 0;
  std::deque<HistoryEntry> history;      // newest last; capped at max_history
  std::vector<ResponseSample> responses; // first responses, for response-time averages
  std::vector<SlaOutcome> outcomes;      // first-response SLA outcomes, for the SLA health score
  int customer_ratings = 0;
  std::int64_t customer_rating_sum = 0; // of overall satisfaction, 1-5
  int business_ratings = 0;
  std::int64_t business_rating_sum = 0;
  std::vector<RatingSample> ratings; // every rating counted above, oldest first
  bool operator==(const AgentSupport&) const = default;
};

// ---- Notifications ----------------------------------------------------------------------

struct Notification {
  std::int64_t id = 0;
  TimeMs at = 0;
  std::string kind; // ticket_opened, reply, overdue, escalated, taken_over, assigned, warning, ...
  std::string text;
  TicketId ticket_id = 0;
  CustomerId customer_id = 0;
  bool operator==(const Notification&) const = default;
};

struct Inbox {
  std::deque<Notification> items; // newest last, at most max_notifications kept
  std::int64_t read_up_to = 0;    // notification ids up to this are read
  std::int64_t next_id = 1;
  int unread() const;
  bool operator==(const Inbox&) const = default;
};
inline constexpr std::size_t max_notifications = 200;

// Notifications just made, for whoever collects them (ProgramState::fresh_notifications).
struct FreshNotification {
  PersonId person = 0;
  Notification notification;
};
struct FreshNotifications {
  bool collecting = false;
  std::vector<FreshNotification> items;
  bool operator==(const FreshNotifications&) const { return true; } // not part of the program's state
};
inline constexpr std::size_t max_history = 500;

// Follow-up check-ins an agent schedules for a customer.
struct CheckIn {
  std::int64_t id = 0;
  CustomerId customer_id = 0;
  PersonId agent_id = 0;
  TimeMs due_at = 0;
  std::string note;
  bool done = false;
  TimeMs done_at = 0;
  bool operator==(const CheckIn&) const = default;
};

// JSON codecs.
PD_JSON_TYPE(SlaTier, key, name, first_response_minutes, resolution_minutes, calendar)
PD_JSON_TYPE(PriorityTarget, first_response_minutes, resolution_minutes)
PD_JSON_TYPE(SupportSettings, tiers, segment_tiers, default_tier, priority_matrix, priority_targets,
                                                reopen_window_hours, auto_escalate_factor_percent, quiet_days, max_attachment_bytes,
                                                restricted_topics, update_hours, critical_update_hours)
PD_JSON_TYPE(Attachment, name, content_type, size, sha256)
PD_JSON_TYPE(TicketMessage, id, kind, author, author_name, author_role, text, at, attachments,
                                                restricted_topics, sent_despite_warning, automatic, merged_from, channel,
                                                duration_minutes, summary_of)
PD_JSON_TYPE(EscalationNote, summary, attempts_so_far, customer_sentiment, business_impact, recommended_action)
PD_JSON_TYPE(Escalation, source, by, at, reason, note, pending, agent_id)
PD_JSON_TYPE(SlaClock, tier, first_response_ms, resolution_ms, first_response_due, first_responded_at,
                                                resolution_due, running_since, resolution_used_ms, paused_at, auto_escalate_due, resolved_at, first_response_overdue_at,
                                                resolution_overdue_at, auto_escalated_at, first_response_overdue_agent, resolution_overdue_agent, held)
PD_JSON_TYPE(TicketProgress, estimate, estimate_note, estimated_at, estimated_by, last_update_at, update_due, update_warn_at,
                                                update_warned_at, update_missed_at, third_party, third_party_reference, third_party_since,
                                                follow_up_at, follow_up_reminded, wait_accepted)
PD_JSON_TYPE(CustomerRating, responsiveness, knowledge, professionalism, overall, comment, at, business_response)
PD_JSON_TYPE(CustomerShown, status, escalation, updated_at, version)
PD_JSON_TYPE(TicketChange, kind, at, by, agent_id, previous_agent, status, priority, previous_priority, category,
                                                previous_category, target, due, escalation, rule, detail)
void to_json(nlohmann::json& j, const BusinessRating& r);
void from_json(const nlohmann::json& j, BusinessRating& r);
void to_json(nlohmann::json& j, const Ticket& t);
void from_json(const nlohmann::json& j, Ticket& t);
PD_JSON_TYPE(AgentWarning, at, reason, monitor_until, by)
PD_JSON_TYPE(HistoryEntry, at, kind, ticket_id, detail)
PD_JSON_TYPE(ResponseSample, at, elapsed_ms, in_time)
PD_JSON_TYPE(SlaOutcome, at, in_time)
PD_JSON_TYPE(RatingSample, at, ticket_id, by_business, score)
PD_JSON_TYPE(Remediation, what, by, at)
PD_JSON_TYPE(AgentSupport, warnings, remediation_required, remediation, overdue_flags, history, responses, outcomes,
                                                customer_ratings, customer_rating_sum, business_ratings, business_rating_sum, ratings)
PD_JSON_TYPE(Notification, id, at, kind, text, ticket_id, customer_id)
PD_JSON_TYPE(Inbox, items, read_up_to, next_id)
PD_JSON_TYPE(CheckIn, id, customer_id, agent_id, due_at, note, done, done_at)

} // namespace pd::domain
