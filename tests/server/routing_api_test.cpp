// The routing rules over HTTP: a new program's default teams and rules, a security ticket
// escalated at once and closed to the agent's replies, the account managers' queue, the rule
// trial, and bad input on every field of ChangeRouting and the trial (status plus the field).
#include "own_support_program.hpp"

#include <doctest/doctest.h>

namespace test_server_routing_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

json rule_json(const std::string& category) {
  return {{"id", "try"}, {"name", "Try"}, {"conditions", {{{"field", "category"}, {"value", category}}}}, {"actions", {{{"kind", "flag"}, {"value", "x"}}}}};
}

// A command refused with this status and field.
void refused(OwnSupportProgram& p, Session& who, const std::string& type, const json& data, int status, const std::string& field) {
  auto r = who.command(p.id, type, data);
  REQUIRE(r);
  INFO(r->body);
  CHECK(r->status == status);
  CHECK(json_of(r)["error"]["field"] == field);
}

} // namespace

TEST_CASE("a new program has the seed's teams and rules; the business reads them with the editor's warnings, the agent cannot") {
  OwnSupportProgram p;
  auto routing = p.get(*p.owner, "/routing");
  CHECK(routing["teams"].size() == 7);
  CHECK(routing["rules"].size() == 9);
  CHECK(routing["warnings"].empty());
  CHECK(p.agent->get(p.path("/routing"))->status == 403);
  CHECK(p.customer->get(p.path("/routing"))->status == 403);
}

TEST_CASE("a security ticket is escalated at once, routed to security, and the agent cannot answer it until the business takes it over") {
  OwnSupportProgram p;
  auto opened = p.ok(*p.customer, "OpenTicket", {{"subject", "Someone changed my password"}, {"text", "I did not do this."}, {"category", "security"}});
  const auto id = opened["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  CHECK(opened["events"][0]["data"]["priority"] == "P0");
  const auto seen = p.get(*p.agent, "/tickets/" + std::to_string(id));
  CHECK(seen["status"] == "escalated");
  CHECK(seen["routing"]["team"] == "security");
  CHECK(seen["routing"]["held_for_business"] == true);
  bool audit = false;
  for (const auto& a : seen["audit"]) audit = audit || (a["kind"] == "routed" && a["text"].get<std::string>().find("Security") != std::string::npos);
  CHECK(audit);
  auto reply = p.agent->command(p.id, "ReplyToTicket", {{"ticket_id", id}, {"text", "Looking into it"}});
  REQUIRE(reply);
  CHECK(reply->status == 403);
  CHECK(json_of(reply)["error"]["message"].get<std::string>().find("held for the business") != std::string::npos);
  p.ok(*p.agent, "ReplyToTicket", {{"ticket_id", id}, {"text", "Customer confirms a login from abroad"}, {"internal", true}});
  // The customer sees neither the routing nor the rules' entries.
  const auto theirs = p.get(*p.customer, "/tickets/" + std::to_string(id));
  CHECK(theirs["routing"]["team"] == "");
  for (const auto& a : theirs["audit"]) CHECK(a["kind"] != "routed");
  p.ok(*p.owner, "TakeOverTicket", {{"ticket_id", id}});
  p.ok(*p.owner, "ReplyToTicket", {{"ticket_id", id}, {"text", "We locked the account and reset the password."}});
}

TEST_CASE("a billing ticket from an enterprise customer lands in the account managers' queue; the agent keeps it") {
  OwnSupportProgram p;
  auto customer = p.get(*p.owner, "/customers/" + std::to_string(p.customer_id));
  auto profile = customer["profile"];
  profile["segment"] = "Enterprise";
  p.ok(*p.owner, "UpdateCustomer", {{"customer_id", p.customer_id}, {"profile", profile}, {"expected_version", customer["version"]}});
  auto opened = p.ok(*p.customer, "OpenTicket", {{"subject", "Invoice is wrong"}, {"text", "We were billed twice."}, {"category", "billing"}});
  const auto id = opened["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  auto queue = p.get(*p.owner, "/tickets?team=account-managers");
  REQUIRE(queue["items"].size() == 1);
  CHECK(queue["items"][0]["id"] == id);
  CHECK(p.get(*p.owner, "/tickets?team=security")["items"].empty());
  const auto seen = p.get(*p.agent, "/tickets/" + std::to_string(id));
  CHECK(seen["agent_id"] == p.agent->person_id());
  CHECK(seen["routing"]["team_name"] == "Account managers");
  CHECK(seen["routing"]["because"] == "Billing from an enterprise customer: account managers");
  CHECK(p.owner->get(p.path("/tickets?team=" + std::string(41, 'x')))->status == 400);
}

TEST_CASE("a rule is tried against the program's tickets before it is saved") {
  OwnSupportProgram p;
  p.ok(*p.customer, "OpenTicket", {{"subject", "Refund"}, {"text", "Please."}, {"category", "billing"}});
  p.ok(*p.customer, "OpenTicket", {{"subject", "How do I export"}, {"text", "?"}, {"category", "how-to"}});
  auto r = p.owner->post(p.path("/routing/trial"), {{"rule", rule_json("billing")}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  CHECK(json_of(r)["matched"] == 1);
  CHECK(json_of(r)["considered"] == 2);
  // Bad input: each names the field.
  auto bad = [&](const json& body, int status, const std::string& field) {
    auto out = p.owner->post(p.path("/routing/trial"), body);
    REQUIRE(out);
    INFO(out->body);
    CHECK(out->status == status);
    CHECK(json_of(out)["error"]["field"] == field);
  };
  bad(json::object(), 400, "rule");
  bad({{"rule", rule_json("billing")}, {"extra", 1}}, 400, "extra");
  bad({{"rule", rule_json("weather")}}, 400, "rule.conditions[0].value");
  auto r2 = rule_json("billing");
  r2["conditions"][0]["field"] = "moon";
  bad({{"rule", r2}}, 400, "rule.conditions[0].field");
  r2 = rule_json("billing");
  r2["actions"] = json::array();
  bad({{"rule", r2}}, 400, "rule.actions");
  CHECK(p.agent->post(p.path("/routing/trial"), {{"rule", rule_json("billing")}})->status == 403);
  auto raw = p.owner->post(p.path("/routing/trial"), json("not an object"));
  REQUIRE(raw);
  CHECK(raw->status == 400);
}

TEST_CASE("ChangeRouting refuses bad input on every field, naming it") {
  OwnSupportProgram p;
  const json routing = p.get(*p.owner, "/routing");
  json base = {{"teams", routing["teams"]}, {"rules", routing["rules"]}};
  auto with = [&](const std::function<void(json&)>& change) {
    json r = base;
    change(r);
    return json{{"routing", r}};
  };
  // Saved as read: accepted (no events: nothing changed).
  p.ok(*p.owner, "ChangeRouting", {{"routing", base}});
  refused(p, *p.owner, "ChangeRouting", json::object(), 400, "data.routing");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["extra"] = 1; }), 400, "data.routing.extra");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r.erase("teams"); }), 400, "data.routing.teams");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["teams"][0]["members"] = json::array(); }), 400, "data.routing.teams[0].members");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["teams"][0]["members"] = {999}; }), 400, "data.routing.teams[0].members[0]");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["teams"][0]["members"] = {"x"}; }), 400, "data.routing.teams[0].members[0]");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["teams"][0]["key"] = ""; }), 400, "data.routing.teams[0].key");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["teams"][0]["name"] = std::string(81, 'n'); }), 400, "data.routing.teams[0].name");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["teams"][0]["kind"] = "pirates"; }), 400, "data.routing.teams[0].kind");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["teams"][1]["key"] = r["teams"][0]["key"]; }), 400, "data.routing.teams[1].key");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["teams"][0]["rota"][0]["weekday"] = 7; }), 400, "data.routing.teams[0].rota[0].weekday");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["teams"][0]["rota"][0]["start_minute"] = -1; }), 400,
          "data.routing.teams[0].rota[0].start_minute");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["teams"][0]["rota"][0]["end_minute"] = 2000; }), 400,
          "data.routing.teams[0].rota[0].end_minute");
  refused(p, *p.owner, "ChangeRouting", with([&](json& r) { r["teams"][0]["rota"][0]["person_id"] = p.customer->person_id(); }), 400,
          "data.routing.teams[0].rota[0].person_id");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][0]["id"] = r["rules"][1]["id"]; }), 400, "data.routing.rules[1].id");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][0]["name"] = ""; }), 400, "data.routing.rules[0].name");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][0]["enabled"] = "yes"; }), 400, "data.routing.rules[0].enabled");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][0]["conditions"] = json::array(); }), 400, "data.routing.rules[0].conditions");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][0]["conditions"][0]["value"] = "P9"; }), 400,
          "data.routing.rules[0].conditions[0].value");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][5]["conditions"][0]["amount"] = 0; }), 400,
          "data.routing.rules[5].conditions[0].amount");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][7]["conditions"][1]["amount"] = -5; }), 400,
          "data.routing.rules[7].conditions[1].amount");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][4]["conditions"][0]["is"] = 1; }), 400,
          "data.routing.rules[4].conditions[0].is");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][1]["conditions"].push_back({{"field", "category"}, {"value", "bug"}}); }), 400,
          "data.routing.rules[1].conditions");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][0]["actions"] = json::array(); }), 400, "data.routing.rules[0].actions");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][0]["actions"][0]["kind"] = "explode"; }), 400,
          "data.routing.rules[0].actions[0].kind");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][1]["actions"][0]["team"] = "ghosts"; }), 400,
          "data.routing.rules[1].actions[0].team");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][0]["actions"][0] = {{"kind", "notify"}}; }), 400,
          "data.routing.rules[0].actions[0].team");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][3]["actions"][1]["value"] = "urgent"; }), 400,
          "data.routing.rules[3].actions[1].value");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) { r["rules"][0]["actions"][0] = {{"kind", "sla_tier"}, {"value", "gold"}}; }), 400,
          "data.routing.rules[0].actions[0].value");
  refused(p, *p.owner, "ChangeRouting", with([&](json& r) { r["rules"][0]["actions"][0] = {{"kind", "route_to_person"}, {"person_id", p.agent->person_id()}}; }),
          400, "data.routing.rules[0].actions[0].person_id");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) {
            json many = json::array();
            for (int i = 0; i < 101; ++i) many.push_back(r["rules"][0]);
            r["rules"] = many;
          }),
          400, "data.routing.rules");
  refused(p, *p.owner, "ChangeRouting", with([](json& r) {
            for (int i = 0; i < 10; ++i) r["rules"][0]["conditions"].push_back({{"field", "priority"}, {"value", "P0"}});
          }),
          400, "data.routing.rules[0].conditions");
  // Only the business edits routing.
  auto r = p.agent->command(p.id, "ChangeRouting", {{"routing", base}});
  REQUIRE(r);
  CHECK(r->status == 403);
}

} // namespace test_server_routing_api
