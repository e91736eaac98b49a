// Issue 14's items 1 and 4 over HTTP: an agent who may not work support now gets and answers
// no tickets; its customers' tickets are in the business's queue, the business is told at
// once, the agent reads them read-only; on reinstatement the business chooses whether the
// customers come back. A suspension requiring remediation is reinstated only once the
// remediation is recorded. Each case runs on a fresh demo program of its own, so counts are
// exact.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace test_server_support_access_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

json snapshot(Session& s) { return json_of(s.get("/api/v1/programs/1/snapshot")); }

std::vector<std::int64_t> customers_of(const json& snap, std::int64_t agent) {
  std::vector<std::int64_t> out;
  for (const auto& c : snap["customers"])
    if (c["assigned_agent"] == agent) out.push_back(c["id"].get<std::int64_t>());
  return out;
}

std::int64_t count_type(const json& events, const std::string& type) {
  return std::count_if(events.begin(), events.end(), [&](const json& e) { return e["type"] == type; });
}

std::int64_t open_ticket(Session& customer, const std::string& subject) {
  auto r = customer.command(1, "OpenTicket", {{"subject", subject}, {"text", "The export button does nothing."}, {"category", "bug"}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json_of(r)["events"][0]["data"]["ticket_id"].get<std::int64_t>();
}

} // namespace

TEST_CASE("a suspended agent's customers: tickets in the business queue, the business told at once, the agent read-only, the customers come back") {
  ServerProcess server;
  Session maya(server, "owner@acme.test"), daniel(server, "staff@acme.test"), ava(server, "agent@acme.test"), jordan(server, "customer@acme.test");
  const auto before = snapshot(maya);
  const auto avas = customers_of(before, ava.person_id());
  REQUIRE(avas.size() == 5);
  std::int64_t open_before = 0;
  for (const auto& t : before["tickets"])
    if (t["agent_id"] == ava.person_id() && t["status"] != "resolved" && t["status"] != "closed") ++open_before;
  REQUIRE(open_before > 0);
  const auto daniel_unread = json_of(daniel.get("/api/v1/programs/1/notifications"))["unread"].get<int>();

  auto suspended = maya.command(1, "SetAgentStatus", {{"person_id", ava.person_id()}, {"status", "suspended"}, {"reason", "Away for two weeks"}});
  REQUIRE(suspended->status == 200);
  const auto events = json_of(suspended)["events"];
  CHECK(events.size() == 6);
  CHECK(count_type(events, "AgentStatusChanged") == 1);
  CHECK(count_type(events, "CustomerSupportHeld") == 5); // every customer of Ava's, still assigned to her
  // Ava's open tickets are all in the business queue now.
  const auto after = snapshot(maya);
  CHECK(customers_of(after, ava.person_id()).size() == 5);
  for (const auto& t : after["tickets"])
    if (t["status"] != "resolved" && t["status"] != "closed") CHECK(t["agent_id"] != ava.person_id());
  auto queue = json_of(maya.get("/api/v1/programs/1/tickets?view=open&agent=0&limit=200"));
  std::int64_t from_ava = 0;
  for (const auto& t : queue["items"])
    if (std::find(avas.begin(), avas.end(), t["customer_id"].get<std::int64_t>()) != avas.end()) ++from_ava;
  CHECK(from_ava == open_before);
  // Daniel (who did not suspend her) is told at once.
  const auto notes = json_of(daniel.get("/api/v1/programs/1/notifications"));
  CHECK(notes["unread"].get<int>() == daniel_unread + 1);
  CHECK(notes["items"][0]["kind"] == "support_held"); // newest first
  CHECK(notes["items"][0]["text"] ==
        "Ava Martinez may not work support now (suspended): the new and open tickets of 5 customers are handled in your queue.");

  // Jordan's new ticket goes to the queue; Ava reads it, her answer is refused, Daniel answers.
  const auto id = open_ticket(jordan, "Export does nothing");
  const auto path = "/api/v1/programs/1/tickets/" + std::to_string(id);
  auto seen = ava.get(path);
  REQUIRE(seen->status == 200);
  CHECK(json_of(seen)["agent_id"] == 0);
  auto refused = ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Looking into it"}});
  CHECK(refused->status == 403);
  CHECK(ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "note"}, {"internal", true}})->status == 403);
  CHECK(ava.command(1, "TriageTicket", {{"ticket_id", id}, {"priority", "P1"}, {"category", "bug"}})->status == 403);
  CHECK(daniel.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Fixed on our side, please retry."}})->status == 200);
  CHECK(json_of(jordan.get(path))["messages"].size() == 3); // with the automatic acknowledgement
  // The support record says why, and which customers wait.
  auto record = json_of(maya.get("/api/v1/programs/1/agents/" + std::to_string(ava.person_id()) + "/support"));
  CHECK(record["may_work_support"] == false);
  CHECK(record["why_no_support"] == "suspended");
  CHECK(record["held_customers"].size() == 5);

  // Reinstated, and the customers come back: every open ticket of theirs is Ava's again.
  auto back = maya.command(1, "SetAgentStatus", {{"person_id", ava.person_id()}, {"status", "active"}, {"customers_come_back", true}});
  REQUIRE(back->status == 200);
  CHECK(count_type(json_of(back)["events"], "CustomerSupportHeld") == 5);
  CHECK(json_of(ava.get(path))["agent_id"] == ava.person_id());
  CHECK(ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "I am back: did the retry work?"}})->status == 200);
  CHECK(json_of(maya.get("/api/v1/programs/1/agents/" + std::to_string(ava.person_id()) + "/support"))["held_customers"].empty());
}

TEST_CASE("reinstated without the customers: they move to the business's own support; bad choices are refused with the field") {
  ServerProcess server;
  Session maya(server, "owner@acme.test"), ava(server, "agent@acme.test");
  REQUIRE(maya.command(1, "SetAgentStatus", {{"person_id", ava.person_id()}, {"status", "suspended"}, {"reason", "Away"}})->status == 200);
  auto wrong_type = maya.command(1, "SetAgentStatus", {{"person_id", ava.person_id()}, {"status", "active"}, {"customers_come_back", "yes"}});
  CHECK(wrong_type->status == 400);
  CHECK(json_of(wrong_type)["error"]["field"] == "data.customers_come_back");
  auto on_suspend = maya.command(1, "SetAgentStatus", {{"person_id", ava.person_id()}, {"status", "removed"}, {"reason", "x"}, {"customers_come_back", true}});
  CHECK(on_suspend->status == 400);
  CHECK(json_of(on_suspend)["error"]["field"] == "data.customers_come_back");
  // Reinstated with no choice: they wait in the queue; the business decides later.
  REQUIRE(maya.command(1, "SetAgentStatus", {{"person_id", ava.person_id()}, {"status", "active"}})->status == 200);
  CHECK(customers_of(snapshot(maya), ava.person_id()).size() == 5);
  auto unknown = maya.command(1, "DecideHeldCustomers", {{"person_id", ava.person_id()}, {"come_back", false}, {"extra", 1}});
  CHECK(unknown->status == 400);
  CHECK(json_of(unknown)["error"]["field"] == "data.extra");
  CHECK(ava.command(1, "DecideHeldCustomers", {{"person_id", ava.person_id()}, {"come_back", true}})->status == 403);
  auto kept = maya.command(1, "DecideHeldCustomers", {{"person_id", ava.person_id()}, {"come_back", false}});
  REQUIRE(kept->status == 200);
  CHECK(count_type(json_of(kept)["events"], "CustomerAssigned") == 5);
  CHECK(customers_of(snapshot(maya), ava.person_id()).empty());
  auto again = maya.command(1, "DecideHeldCustomers", {{"person_id", ava.person_id()}, {"come_back", false}});
  CHECK(again->status == 409);
  CHECK(json_of(again)["error"]["field"] == "data.person_id");
}

TEST_CASE("remediation required: reinstatement refused until recorded (what, by whom, when), then allowed") {
  ServerProcess server;
  Session maya(server, "owner@acme.test"), priya(server, "priya@acme.test");
  const auto p = priya.person_id();
  REQUIRE(maya.command(1, "SetAgentStatus", {{"person_id", p}, {"status", "suspended"}, {"reason", "Quality dropped"}, {"remediation_required", true}})
              ->status == 200);
  auto refused = maya.command(1, "SetAgentStatus", {{"person_id", p}, {"status", "active"}, {"customers_come_back", true}});
  CHECK(refused->status == 409);
  const auto error = json_of(refused)["error"];
  CHECK(error["field"] == "data.status");
  CHECK(error["message"].get<std::string>().find("requires remediation before reinstatement") != std::string::npos);

  auto empty = maya.command(1, "RecordRemediation", {{"person_id", p}, {"what", ""}});
  CHECK(empty->status == 400);
  CHECK(json_of(empty)["error"]["field"] == "data.what");
  CHECK(priya.command(1, "RecordRemediation", {{"person_id", p}, {"what", "Did it"}})->status == 403);
  auto recorded = maya.command(1, "RecordRemediation", {{"person_id", p}, {"what", "Retook the restricted-topics module"}});
  REQUIRE(recorded->status == 200);
  const auto at = json_of(recorded)["events"][0]["at"];
  auto record = json_of(maya.get("/api/v1/programs/1/agents/" + std::to_string(p) + "/support"));
  CHECK(record["remediation_required"] == true);
  CHECK(record["remediation"]["what"] == "Retook the restricted-topics module");
  CHECK(record["remediation"]["by"] == maya.person_id());
  CHECK(record["remediation"]["at"] == at);
  // The agent sees its own record too.
  CHECK(json_of(priya.get("/api/v1/programs/1/agents/" + std::to_string(p) + "/support"))["remediation"]["what"] ==
        "Retook the restricted-topics module");

  REQUIRE(maya.command(1, "SetAgentStatus", {{"person_id", p}, {"status", "active"}, {"customers_come_back", true}})->status == 200);
  record = json_of(maya.get("/api/v1/programs/1/agents/" + std::to_string(p) + "/support"));
  CHECK(record["remediation_required"] == false);
  CHECK(record["may_work_support"] == true);
}

TEST_CASE("a suspended agent schedules, completes and moves no check-ins (403 naming why); the business handles them") {
  ServerProcess server;
  Session daniel(server, "staff@acme.test"), sofia(server, "sofia@acme.test");
  // The demo's Sofia is suspended with a check-in she planned with Amara before.
  const auto snap = snapshot(daniel);
  std::int64_t check_in = 0, amara = 0, due = 0;
  for (const auto& c : snap["check_ins"])
    if (c["agent_id"] == sofia.person_id() && !c["done"].get<bool>()) {
      check_in = c["id"].get<std::int64_t>();
      amara = c["customer_id"].get<std::int64_t>();
      due = c["due_at"].get<std::int64_t>() + 2LL * 86'400'000; // two days later than planned
    }
  REQUIRE(check_in != 0);
  for (const auto& [type_, data] : std::vector<std::pair<std::string, json>>{
           {"ScheduleCheckIn", {{"customer_id", amara}, {"due_at", due}, {"note", "Follow up"}}},
           {"CompleteCheckIn", {{"check_in_id", check_in}}},
           {"RescheduleCheckIn", {{"check_in_id", check_in}, {"due_at", due}}}}) {
    const auto& type = type_; // clang 14: a lambda (CHECK_MESSAGE) cannot name a structured binding
    auto refused = sofia.command(1, type, data);
    REQUIRE(refused);
    CHECK_MESSAGE(refused->status == 403, type);
    CHECK(json_of(refused)["error"]["message"].get<std::string>().find("You may not work support now (suspended)") == 0);
  }
  // The business moves and completes it, and schedules another with her customer.
  CHECK(daniel.command(1, "RescheduleCheckIn", {{"check_in_id", check_in}, {"due_at", due}})->status == 200);
  CHECK(daniel.command(1, "CompleteCheckIn", {{"check_in_id", check_in}})->status == 200);
  CHECK(daniel.command(1, "ScheduleCheckIn", {{"customer_id", amara}, {"due_at", due}, {"note", "Term review"}})->status == 200);
}

} // namespace test_server_support_access_api
