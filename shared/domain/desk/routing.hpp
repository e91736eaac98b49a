// The routing rules engine (seed 002, sections 1 and 8): the program's teams with their members
// and on-call rota, and its ordered rules. A rule's conditions are all tested against a ticket
// and its customer; when they all hold, the rule fires and its actions apply (route to a team or a
// person, set or raise the priority, escalate at once, hold for the business, notify, add a tag,
// start the retention workflow, apply an SLA tier, send an auto-response, flag). Every matching
// rule fires, in order, and sees the priority and tags the rules before it set; when a rule
// changes them, the rules that had not matched are tested again (the security rule sets P0, so
// the P0 rule notifies on-call). The first rule that routes chooses the team.
//
// Pure: evaluate() is what decide() runs when a ticket is opened or triaged, what the rule
// editor's trial runs over past tickets, and what bench/routing_rules.cpp times.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/core/error.hpp"
#include "shared/domain/desk/ticket_routing.hpp"
#include "shared/domain/support/support.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd::domain {
struct ProgramState;
}

namespace pd::domain::desk {

// Limits (docs/api.md, ChangeRouting).
inline constexpr std::size_t max_teams = 30;
inline constexpr std::size_t max_team_members = 100;
inline constexpr std::size_t max_rota_slots = 200;
inline constexpr std::size_t max_rules = 100;
inline constexpr std::size_t max_conditions = 10;
inline constexpr std::size_t max_actions = 10;
inline constexpr std::size_t max_key = 40;
inline constexpr std::size_t max_name = 80;
inline constexpr std::size_t max_value = 80;
inline constexpr std::size_t trial_tickets = 500; // "would have matched N of the last 500 tickets"

// ---- Teams --------------------------------------------------------------------------------

enum class TeamKind { on_call, account_managers, security, senior_support, onboarding, retention, product, other };
NLOHMANN_JSON_SERIALIZE_ENUM(TeamKind, {{TeamKind::other, "other"},
                                        {TeamKind::on_call, "on-call"},
                                        {TeamKind::account_managers, "account-managers"},
                                        {TeamKind::security, "security"},
                                        {TeamKind::senior_support, "senior-support"},
                                        {TeamKind::onboarding, "onboarding"},
                                        {TeamKind::retention, "retention"},
                                        {TeamKind::product, "product"}})
const char* to_string(TeamKind k);

// One weekly slot of a rota, in UTC: weekday 0 = Sunday .. 6 = Saturday, [start, end) minutes.
struct RotaSlot {
  int weekday = 1;
  int start_minute = 0;
  int end_minute = 1440;
  PersonId person_id = 0;
  bool operator==(const RotaSlot&) const = default;
};

struct Team {
  std::string key;  // "security"
  std::string name; // "Security"
  TeamKind kind = TeamKind::other;
  std::vector<PersonId> members; // business staff or agents of the program; at least one
  std::vector<RotaSlot> rota;    // who is on call when (members only); may be empty
  bool operator==(const Team&) const = default;
};

// ---- Rules --------------------------------------------------------------------------------

enum class ConditionField {
  category,          // value: a category word
  tag,               // value: a category word among the secondary tags
  priority,          // value: P0..P3
  segment,           // value: the customer's plan or segment (case-insensitive)
  mrr_above,         // amount: minor units; the customer's MRR is above it
  mrr_below,
  ltv_above,         // amount: minor units; what the customer has paid, net of refunds
  ltv_below,
  sentiment,         // value: positive|neutral|negative|mixed (history) or an escalation sentiment (angry, ...)
  first_contact,     // is: true or false
  repeat_issue,      // is: true or false (3+ tickets of the same category or product area in 30 days)
  tenure_under_days, // amount: the customer started fewer than this many days ago
  restricted_topic,  // value: a restricted topic's key, or "any"
};
NLOHMANN_JSON_SERIALIZE_ENUM(ConditionField, {{ConditionField::category, "category"},
                                              {ConditionField::tag, "tag"},
                                              {ConditionField::priority, "priority"},
                                              {ConditionField::segment, "segment"},
                                              {ConditionField::mrr_above, "mrr_above"},
                                              {ConditionField::mrr_below, "mrr_below"},
                                              {ConditionField::ltv_above, "ltv_above"},
                                              {ConditionField::ltv_below, "ltv_below"},
                                              {ConditionField::sentiment, "sentiment"},
                                              {ConditionField::first_contact, "first_contact"},
                                              {ConditionField::repeat_issue, "repeat_issue"},
                                              {ConditionField::tenure_under_days, "tenure_under_days"},
                                              {ConditionField::restricted_topic, "restricted_topic"}})
const char* to_string(ConditionField f);
const char* label_of(ConditionField f); // "Category is"
enum class ConditionInput { word, amount, money, boolean };
ConditionInput input_of(ConditionField f);

struct RuleCondition {
  ConditionField field = ConditionField::category;
  std::string value;      // word fields
  std::int64_t amount = 0; // amounts (minor units) and days
  bool is = true;          // first_contact, repeat_issue
  bool operator==(const RuleCondition&) const = default;
};

enum class ActionKind {
  route_to_team,      // team
  route_to_person,    // person_id
  set_priority,       // value: P0..P3
  raise_priority,     // one step more urgent (P0 stays P0)
  escalate,           // escalated to the business at once
  hold_for_business,  // agents may not reply until the business takes the ticket over
  notify,             // team (its on-call person now, else every member) or person_id
  add_tag,            // value: a category word, added as a secondary tag when there is room
  retention_workflow, // recorded on the ticket for the retention workflow (issue 13)
  sla_tier,           // value: an SLA tier key, recorded on the ticket
  auto_response,      // value: a response template id, recorded on the ticket
  flag,               // value: a flag word shown to whoever answers (onboarding_tone, product_team, ...)
};
NLOHMANN_JSON_SERIALIZE_ENUM(ActionKind, {{ActionKind::route_to_team, "route_to_team"},
                                          {ActionKind::route_to_person, "route_to_person"},
                                          {ActionKind::set_priority, "set_priority"},
                                          {ActionKind::raise_priority, "raise_priority"},
                                          {ActionKind::escalate, "escalate"},
                                          {ActionKind::hold_for_business, "hold_for_business"},
                                          {ActionKind::notify, "notify"},
                                          {ActionKind::add_tag, "add_tag"},
                                          {ActionKind::retention_workflow, "retention_workflow"},
                                          {ActionKind::sla_tier, "sla_tier"},
                                          {ActionKind::auto_response, "auto_response"},
                                          {ActionKind::flag, "flag"}})
const char* to_string(ActionKind k);
const char* label_of(ActionKind k); // "Route to team"

struct RuleAction {
  ActionKind kind = ActionKind::route_to_team;
  std::string team;      // route_to_team, notify
  PersonId person_id = 0; // route_to_person, notify
  std::string value;     // set_priority, add_tag, sla_tier, auto_response, flag
  bool operator==(const RuleAction&) const = default;
};

struct RoutingRule {
  std::string id;   // "security"; unique in the program
  std::string name; // "Security: escalate, do not attempt resolution"
  bool enabled = true;
  std::vector<RuleCondition> conditions; // all must hold; 1..max_conditions
  std::vector<RuleAction> actions;       // 1..max_actions
  bool operator==(const RoutingRule&) const = default;
};

struct RoutingSettings {
  std::vector<Team> teams;
  std::vector<RoutingRule> rules; // in order
  bool operator==(const RoutingSettings&) const = default;
  const Team* team(const std::string& key) const;
};

PD_JSON_TYPE(RotaSlot, weekday, start_minute, end_minute, person_id)
PD_JSON_TYPE(Team, key, name, kind, members, rota)
PD_JSON_TYPE(RuleCondition, field, value, amount, is)
PD_JSON_TYPE(RuleAction, kind, team, person_id, value)
PD_JSON_TYPE(RoutingRule, id, name, enabled, conditions, actions)
PD_JSON_TYPE(RoutingSettings, teams, rules)

// The defaults of a new program (seed 002 section 1's six rules and section 8's five), its
// seven teams each holding the owner, the on-call rota the owner around the clock.
RoutingSettings default_routing(PersonId owner);

// ---- Checking the settings (decide() refuses the errors; the editor shows the warnings) ----

struct RoutingWarning {
  std::string field; // "data.routing.teams[0].rota"
  std::string text;
  bool operator==(const RoutingWarning&) const = default;
};
struct RoutingCheck {
  std::optional<core::Error> error; // the first: a team without members, a rule that can never match, ...
  std::vector<RoutingWarning> warnings; // a rota with gaps, a rule whose route an earlier rule always takes
};
// `prefix` names the settings in field names ("data.routing").
RoutingCheck check_routing(const ProgramState& s, const RoutingSettings& r, const std::string& prefix = "data.routing");
// Why a single rule can never match, or nullopt.
std::optional<std::string> never_matches(const RoutingRule& rule);

// ---- Evaluating -----------------------------------------------------------------------------

// What the rules test, about one ticket and its customer.
struct RoutingFacts {
  Category category = Category::how_to;
  std::vector<Category> tags;
  Priority priority = Priority::p2;
  std::string segment;
  std::int64_t mrr_minor = 0;
  std::int64_t ltv_minor = 0;
  std::string sentiment;            // positive | neutral | negative | mixed (the customer's history)
  std::string escalation_sentiment; // the latest escalation note's sentiment on the customer's tickets ("" none)
  bool first_contact = false;
  bool repeat_issue = false;
  std::optional<std::int64_t> tenure_days; // nullopt: start date unknown
  std::vector<std::string> restricted_topics;
};

// The facts of a ticket about to be opened (id: the id it will get) or being triaged, as of `at`.
RoutingFacts routing_facts(const ProgramState& s, CustomerId customer, TicketId id, TimeMs at, Category category,
                           const std::vector<Category>& tags, Priority priority, const std::vector<std::string>& restricted_topics);
RoutingFacts routing_facts(const ProgramState& s, const Ticket& t); // as of the ticket's opening

bool matches(const RoutingRule& rule, const RoutingFacts& f);

// What the rules that fired do, together.
struct RoutingOutcome {
  std::vector<std::size_t> fired; // indexes into the rules
  std::optional<Priority> priority; // the priority after the rules, if one changed it
  std::string team;                 // the first route to a team
  PersonId person = 0;              // the first route to a person
  std::size_t routed_by = SIZE_MAX; // the rule that chose team or person
  bool escalate = false;
  bool hold_for_business = false;
  std::vector<std::string> notify_teams;
  std::vector<PersonId> notify_people;
  std::vector<Category> add_tags;
  std::vector<std::string> flags;
  std::string sla_tier;
  std::string auto_response;
  bool operator==(const RoutingOutcome&) const = default;
};
RoutingOutcome evaluate(const RoutingSettings& r, const RoutingFacts& f);
// Fewer allocations for a hot loop (the benchmark and the trial): the fired rules only.
std::size_t count_fired(const RoutingSettings& r, const RoutingFacts& f);

// The record kept on the ticket (names and words from the settings and the state).
TicketRouting routing_record(const ProgramState& s, const RoutingSettings& r, const RoutingOutcome& o, Priority before, TimeMs at);
// The action in words: "routed to Security", "priority set to P0".
std::string describe(const ProgramState& s, const RoutingSettings& r, const RuleAction& a);
std::string describe(const RuleCondition& c);
// A flag's words for people: "immediate_response" -> "Immediate response"; the business's own
// words with their underscores as spaces.
std::string flag_label(std::string_view flag);

// Who is on call in a team at `at` by its rota (0: no slot covers it).
PersonId on_call(const Team& t, TimeMs at);
// The people a notify action reaches at `at`.
std::vector<PersonId> notified(const RoutingSettings& r, const RoutingOutcome& o, TimeMs at);

// ---- Trial ------------------------------------------------------------------------------------

// "This rule would have matched N of the last 500 tickets": the rule alone against the program's
// latest tickets, each as of its opening.
struct RuleTrial {
  int matched = 0;
  int considered = 0;
  std::vector<TicketId> examples; // up to 5 of the matched, newest first
  bool operator==(const RuleTrial&) const = default;
};
RuleTrial try_rule(const ProgramState& s, const RoutingRule& rule, std::size_t last = trial_tickets);

// ---- The security hold --------------------------------------------------------------------------

// Why `person` may not send a public reply on `t` because of the routing rules (a ticket held for
// the business: agents cannot reply until the business takes it over), or nullopt. decide()
// refuses ReplyToTicket with it and the ticket page disables the reply box with its text.
std::optional<core::Error> why_not_reply(const ProgramState& s, PersonId person, const Ticket& t);

// The tickets in a team's queue (open, routed to the team), oldest first.
std::vector<TicketId> team_queue(const ProgramState& s, const std::string& team);

} // namespace pd::domain::desk
