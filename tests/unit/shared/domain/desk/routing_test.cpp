// The routing rules engine (shared/domain/desk/routing.hpp): teams, rules and their checks, what
// fires when a ticket is opened or triaged, the security hold, the audit trail and the trial.
#include "../program_fixture.hpp"

#include "shared/domain/desk/routing.hpp"
#include "shared/domain/support/ticket_audit.hpp"
#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_desk_routing {

using namespace pd::domain;
using namespace pd::domain::testing;
using desk::ActionKind;
using desk::ConditionField;

namespace {

constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, jordan = 6;

// Acme with the defaults a new program gets, Jordan (Ava's customer) on the enterprise plan.
Given routed_acme() {
  Given g = acme();
  g.event(owner, RoutingChanged{desk::default_routing(owner)});
  auto p = g.state.customer(1)->profile;
  p.segment = "Enterprise";
  g.event(staff, CustomerUpdated{1, p});
  return g;
}

TicketId open(Given& g, Category category, Priority priority = Priority::p2, const char* subject = "Help") {
  auto events = run(g, OpenTicket{0, subject, "Details", priority, category, {}, {}}, jordan);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}

bool has_event_type(const std::vector<EventBody>& events, std::string_view type) {
  for (const auto& e : events)
    if (type_of(e) == type) return true;
  return false;
}

// The on-call team is the owner and the admin, the admin on call around the clock.
void put_admin_on_call(Given& g) {
  auto r = g.state.routing;
  for (auto& team : r.teams)
    if (team.key == "on-call") {
      team.members = {owner, admin};
      team.rota.clear();
      for (int d = 0; d < 7; ++d) team.rota.push_back({d, 0, 1440, admin});
    }
  run(g, ChangeRouting{r}, owner);
}

desk::RoutingRule rule(std::string id, std::vector<desk::RuleCondition> when, std::vector<desk::RuleAction> then) {
  return desk::RoutingRule{id, "Rule " + id, true, std::move(when), std::move(then)};
}

} // namespace

TEST_CASE("a new program starts with the seed's teams and rules; a replayed older program keeps none") {
  Given fresh;
  fresh.event(owner, ProgramCreated{"Acme", "USD", owner, "Maya", "maya@acme.test", true, true});
  CHECK(fresh.state.routing.teams.size() == 7);
  CHECK(fresh.state.routing.rules.size() == 9);
  CHECK(fresh.state.routing.team("security") != nullptr);
  auto check = desk::check_routing(fresh.state, fresh.state.routing);
  CHECK_FALSE(check.error);
  CHECK(check.warnings.empty()); // the owner is on call around the clock
  CHECK(acme().state.routing.rules.empty());
  auto created = when_ok(ProgramState{}, CreateProgram{"New", "USD"}, owner);
  CHECK(std::get<ProgramCreated>(created.at(0)).routing_defaults);
}

TEST_CASE("a P0 security ticket is routed to security, escalated at once and held from the agent") {
  auto g = routed_acme();
  auto events = when_ok(g.state, OpenTicket{0, "Someone logged into my account", "Strange logins", Priority::p2, Category::security, {}, {}}, jordan);
  CHECK(has_event_type(events, "TicketRouted"));
  CHECK(has_event_type(events, "TicketEscalated"));
  CHECK(std::get<TicketOpened>(events.at(0)).priority == Priority::p0); // the rule set P0
  for (auto& e : events) g.event(jordan, e);
  const auto id = std::get<TicketOpened>(events.at(0)).ticket_id;
  const auto& t = *g.state.ticket(id);
  CHECK(t.routing.team == "security");
  CHECK(t.routing.held_for_business);
  CHECK(t.status == TicketStatus::escalated);
  CHECK(t.escalation.source == EscalationSource::rule);
  CHECK(t.agent_id == ava); // the agent keeps the customer's ticket

  // The agent cannot answer; the same check the ticket page asks.
  auto refused = when_refused(g.state, ReplyToTicket{id, "Let me check", false, {}, {}, false}, ava);
  CHECK(refused.code == pd::core::ErrorCode::forbidden);
  CHECK(refused.message.find("held for the business") != std::string::npos);
  CHECK(desk::why_not_reply(g.state, ava, t));
  CHECK_FALSE(desk::why_not_reply(g.state, staff, t));
  // An internal note is still fine.
  when_ok(g.state, ReplyToTicket{id, "Customer says logins from abroad", true, {}, {}, false}, ava);
  // Once the business takes it over, the business answers.
  run(g, TakeOverTicket{id}, staff);
  when_ok(g.state, ReplyToTicket{id, "We locked the account", false, {}, {}, false}, staff);
}

TEST_CASE("a billing ticket from an enterprise customer lands with the account managers, and the agent still sees it and why") {
  auto g = routed_acme();
  const auto id = open(g, Category::billing);
  const auto& t = *g.state.ticket(id);
  CHECK(t.routing.team == "account-managers");
  CHECK(t.routing.because == "Billing from an enterprise customer: account managers");
  CHECK_FALSE(t.routing.held_for_business);
  CHECK(desk::team_queue(g.state, "account-managers") == std::vector<TicketId>{id});
  // Ava keeps seeing the ticket, with the routing and why.
  auto seen = visible_state(g.state, ava);
  REQUIRE(seen.ticket(id));
  CHECK(seen.ticket(id)->routing.team_name == "Account managers");
  CHECK(seen.ticket(id)->routing.because == "Billing from an enterprise customer: account managers");
  CHECK(seen.ticket(id)->agent_id == ava);
  // The customer sees none of it.
  auto customer = visible_state(g.state, jordan);
  CHECK(customer.ticket(id)->routing == desk::TicketRouting{});
  CHECK(customer.routing.rules.empty());
  // The audit trail names the rule for staff, not for the customer.
  bool entry = false;
  for (const auto& a : audit_trail(g.state, t, ava)) entry = entry || (a.kind == TicketChangeKind::routed && a.who.find("enterprise") != std::string::npos &&
                                                                      a.text.find("routed to Account managers") != std::string::npos);
  CHECK(entry);
  for (const auto& a : audit_trail(g.state, customer.tickets.at(id), jordan)) CHECK(a.kind != TicketChangeKind::routed);
  // Ava is told where her customer's ticket went and why, in her one notification of the new ticket.
  int told = 0, about = 0;
  for (const auto& n : g.state.inboxes[ava].items) {
    about += n.ticket_id == id ? 1 : 0;
    told += (n.ticket_id == id && n.text.find("Routed to Account managers") != std::string::npos &&
             n.text.find("you keep the ticket and its customer") != std::string::npos)
                ? 1
                : 0;
  }
  CHECK(told == 1);
  CHECK(about == 1);
  // Routed later (triage into billing by the business), she gets a notification of its own.
  const auto later = open(g, Category::how_to);
  run(g, TriageTicket{later, Priority::p2, Category::billing, {}}, staff, t0 + 3'600'000);
  bool routed = false;
  for (const auto& n : g.state.inboxes[ava].items)
    routed = routed || (n.kind == "routed" && n.ticket_id == later && n.text.find("you keep the ticket and its customer") != std::string::npos);
  CHECK(routed);
}

TEST_CASE("a P0 ticket notifies whoever is on call by the rota") {
  auto g = routed_acme();
  put_admin_on_call(g);
  const auto id = open(g, Category::bug, Priority::p0);
  bool told = false;
  for (const auto& n : g.state.inboxes[admin].items) told = told || (n.kind == "routed" && n.ticket_id == id);
  CHECK(told);
  CHECK(std::find(g.state.ticket(id)->routing.flags.begin(), g.state.ticket(id)->routing.flags.end(), "immediate_response") !=
        g.state.ticket(id)->routing.flags.end());
}

TEST_CASE("a rule sees the priority an earlier rule set: the security rule's P0 notifies on-call") {
  auto g = routed_acme();
  put_admin_on_call(g);
  // Opened as P2: the security rule (fourth) sets P0, then the P0 rule (first) fires on the next pass.
  const auto id = open(g, Category::security, Priority::p2, "Someone logged into my account");
  const auto& t = *g.state.ticket(id);
  CHECK(t.priority == Priority::p0);
  REQUIRE(t.routing.fired.size() >= 2);
  CHECK(t.routing.fired[0].rule_id == "security");
  CHECK(t.routing.fired[1].rule_id == "p0-on-call");
  CHECK(t.routing.team == "security"); // the first route still chooses
  bool told = false;
  for (const auto& n : g.state.inboxes[admin].items) told = told || (n.kind == "routed" && n.ticket_id == id);
  CHECK(told);
  // The fast count agrees with the evaluation.
  const auto facts = desk::routing_facts(g.state, t.customer_id, id + 1, t.opened_at, Category::security, {}, Priority::p2, {});
  CHECK(desk::count_fired(g.state.routing, facts) == desk::evaluate(g.state.routing, facts).fired.size());
  // A rule that raises the priority fires once, however many passes there are.
  desk::RoutingSettings loop;
  loop.rules.push_back(rule("raise", {desk::RuleCondition{ConditionField::category, "bug", 0, true}}, {desk::RuleAction{ActionKind::raise_priority, {}, 0, {}}}));
  loop.rules.push_back(rule("raise-p1", {desk::RuleCondition{ConditionField::priority, "P1", 0, true}}, {desk::RuleAction{ActionKind::raise_priority, {}, 0, {}}}));
  desk::RoutingFacts bug;
  bug.category = Category::bug;
  bug.priority = Priority::p2;
  const auto o = desk::evaluate(loop, bug);
  CHECK(o.fired == std::vector<std::size_t>{0, 1});
  CHECK(o.priority == Priority::p0);
}

TEST_CASE("triage into another category runs the rules again") {
  auto g = routed_acme();
  const auto id = open(g, Category::account);
  CHECK(g.state.ticket(id)->routing.fired.empty());
  run(g, TriageTicket{id, Priority::p2, Category::security, {}}, ava);
  const auto& t = *g.state.ticket(id);
  CHECK(t.routing.team == "security");
  CHECK(t.priority == Priority::p0);
  CHECK(t.routing.held_for_business);
  CHECK(t.escalation.pending);
}

TEST_CASE("a team without members is refused, a rota with gaps is warned about, each naming the field") {
  auto g = routed_acme();
  auto r = g.state.routing;
  r.teams[1].members.clear();
  auto e = when_refused(g.state, ChangeRouting{r}, owner);
  CHECK(e.field == "data.routing.teams[1].members");
  r = g.state.routing;
  r.teams[0].rota.pop_back(); // Saturday uncovered
  auto check = desk::check_routing(g.state, r);
  CHECK_FALSE(check.error);
  REQUIRE(check.warnings.size() == 1);
  CHECK(check.warnings[0].field == "data.routing.teams[0].rota");
  CHECK(check.warnings[0].text.find("Saturday") != std::string::npos);
  // Only the business edits routing.
  CHECK(when_refused(g.state, ChangeRouting{g.state.routing}, ava).code == pd::core::ErrorCode::forbidden);
}

TEST_CASE("a rule that can never match, repeats an earlier one or names unknown things is refused; a conflicting route is warned about") {
  auto g = routed_acme();
  auto r = g.state.routing;
  r.rules.push_back(rule("never", {{ConditionField::category, "billing", 0, true}, {ConditionField::category, "bug", 0, true}},
                         {{ActionKind::flag, {}, 0, "x"}}));
  auto e = when_refused(g.state, ChangeRouting{r}, owner);
  CHECK(e.field == "data.routing.rules[9].conditions");
  CHECK(e.message.find("can never match") != std::string::npos);

  r = g.state.routing;
  r.rules.push_back(rule("mrr", {{ConditionField::mrr_above, {}, 5000, true}, {ConditionField::mrr_below, {}, 4000, true}},
                         {{ActionKind::flag, {}, 0, "x"}}));
  CHECK(when_refused(g.state, ChangeRouting{r}, owner).field == "data.routing.rules[9].conditions");

  r = g.state.routing;
  r.rules.push_back(rule("team", {{ConditionField::category, "bug", 0, true}}, {{ActionKind::route_to_team, "nobody", 0, {}}}));
  CHECK(when_refused(g.state, ChangeRouting{r}, owner).field == "data.routing.rules[9].actions[0].team");

  r = g.state.routing;
  auto again = r.rules[1];
  again.id = "again";
  r.rules.push_back(again);
  CHECK(when_refused(g.state, ChangeRouting{r}, owner).field == "data.routing.rules[9].conditions");

  r = g.state.routing;
  again.actions = {{ActionKind::route_to_team, "product", 0, {}}};
  r.rules.push_back(again);
  auto check = desk::check_routing(g.state, r);
  CHECK_FALSE(check.error);
  REQUIRE_FALSE(check.warnings.empty());
  CHECK(check.warnings.back().field == "data.routing.rules[9].actions");
}

TEST_CASE("the decoder bounds rules and conditions and names the field") {
  nlohmann::json cond = {{"field", "category"}, {"value", "bug"}};
  nlohmann::json one = {{"id", "r"}, {"name", "R"}, {"conditions", {cond}}, {"actions", {{{"kind", "escalate"}}}}};
  nlohmann::json rules = nlohmann::json::array();
  for (int i = 0; i < 101; ++i) rules.push_back(one);
  auto r = decode_command("ChangeRouting", {{"routing", {{"teams", nlohmann::json::array()}, {"rules", rules}}}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "data.routing.rules");
  auto many = one;
  many["conditions"] = nlohmann::json::array();
  for (int i = 0; i < 11; ++i) many["conditions"].push_back(cond);
  r = decode_command("ChangeRouting", {{"routing", {{"teams", nlohmann::json::array()}, {"rules", {many}}}}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "data.routing.rules[0].conditions");
  auto bad = one;
  bad["conditions"][0]["field"] = "weather";
  r = decode_command("ChangeRouting", {{"routing", {{"teams", nlohmann::json::array()}, {"rules", {bad}}}}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "data.routing.rules[0].conditions[0].field");
  // A command the decoder accepts comes back the same from its encoding.
  ChangeRouting c{desk::default_routing(1)};
  auto back = decode_command("ChangeRouting", write_command(c));
  REQUIRE(back.ok());
  CHECK(std::get<ChangeRouting>(back.value()) == c);
}

TEST_CASE("a rule is tried against past tickets before it is saved") {
  auto g = routed_acme();
  open(g, Category::billing);
  open(g, Category::bug);
  open(g, Category::billing);
  auto trial = desk::try_rule(g.state, rule("t", {{ConditionField::category, "billing", 0, true}}, {{ActionKind::flag, {}, 0, "x"}}));
  CHECK(trial.matched == 2);
  CHECK(trial.considered == 3);
  CHECK(trial.examples == std::vector<TicketId>{3, 1});
}

TEST_CASE("conditions: segment, amounts, tenure, first contact, restricted topics") {
  desk::RoutingFacts f;
  f.category = Category::how_to;
  f.segment = "enterprise";
  f.mrr_minor = 50'000;
  f.ltv_minor = 200'000;
  f.first_contact = true;
  f.tenure_days = 10;
  f.restricted_topics = {"legal"};
  auto r = [](desk::RuleCondition c) { return rule("x", {c}, {{ActionKind::flag, {}, 0, "x"}}); };
  CHECK(desk::matches(r({ConditionField::segment, "Enterprise", 0, true}), f));
  CHECK(desk::matches(r({ConditionField::mrr_above, {}, 40'000, true}), f));
  CHECK_FALSE(desk::matches(r({ConditionField::mrr_below, {}, 40'000, true}), f));
  CHECK(desk::matches(r({ConditionField::ltv_above, {}, 100'000, true}), f));
  CHECK(desk::matches(r({ConditionField::tenure_under_days, {}, 30, true}), f));
  CHECK(desk::matches(r({ConditionField::first_contact, {}, 0, true}), f));
  CHECK_FALSE(desk::matches(r({ConditionField::repeat_issue, {}, 0, true}), f));
  CHECK(desk::matches(r({ConditionField::restricted_topic, "any", 0, true}), f));
  CHECK_FALSE(desk::matches(r({ConditionField::restricted_topic, "medical", 0, true}), f));
  auto disabled = r({ConditionField::segment, "enterprise", 0, true});
  disabled.enabled = false;
  CHECK_FALSE(desk::matches(disabled, f));
}

} // namespace test_unit_shared_domain_desk_routing
