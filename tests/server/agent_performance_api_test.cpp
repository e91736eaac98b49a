// Issue 14's items 7, 8 and 12 over HTTP. Response standards: a new program starts with the
// priority matrix on and a ticket read names the target that applies and why. Check-ins are
// scheduled, moved and completed (RescheduleCheckIn, with its refusals). The support record of
// an agent carries its performance history: the score's components with their weights in words
// and numbers, the score day by day and the counts. Cases that count things run on a program
// of their own on a server without the demo.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <memory>

namespace test_server_agent_performance_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

constexpr std::int64_t minute = 60'000, hour = 3'600'000, day = 86'400'000;

struct OwnProgram {
  ServerProcess server{{}, false};
  std::unique_ptr<Session> owner;
  std::int64_t id = 0;

  OwnProgram() {
    Session anon(server);
    REQUIRE(anon.post("/api/v1/accounts", {{"email", "olga@own.test"}, {"name", "Olga Owner"}, {"password", "a-long-password"}})->status == 202);
    owner = std::make_unique<Session>(server, "olga@own.test", "a-long-password");
    auto created = owner->post("/api/v1/programs", {{"command_id", fresh_command_id()}, {"name", "Own Co"}, {"currency", "USD"}});
    REQUIRE(created->status == 201);
    id = json_of(created)["program_id"].get<std::int64_t>();
  }
  std::string path(const std::string& rest) const { return "/api/v1/programs/" + std::to_string(id) + rest; }
  json snapshot() { return json_of(owner->get(path("/snapshot"))); }
  json events_after(std::int64_t after) { return json_of(owner->get(path("/events?limit=1000&after=" + std::to_string(after))))["events"]; }
  httplib::Result command(const std::string& type, const json& data) { return owner->command(id, type, data); }
  std::int64_t add_customer(const std::string& segment) {
    auto r = command("AddCustomer", {{"profile",
                                      {{"name", "Li Wei"}, {"email", "li@harborline.test"}, {"segment", segment}, {"subscription", "active"},
                                       {"started_on", "2026-03-01"}, {"mrr", {{"minor", 4900}, {"currency", "USD"}}}}}});
    REQUIRE(r->status == 200);
    return json_of(r)["events"][0]["data"]["customer_id"].get<std::int64_t>();
  }
};

} // namespace

TEST_CASE("a new program's critical ticket from a Standard customer is due in 15 minutes, and the ticket read says why") {
  OwnProgram p;
  CHECK(p.snapshot()["support"]["priority_matrix"] == true);
  const auto customer = p.add_customer("Growth"); // the Standard tier (12 h)
  auto opened = p.command("OpenTicket", {{"customer_id", customer}, {"subject", "Checkout is down"}, {"text", "Nobody can pay since 09:00."},
                                         {"priority", "P0"}, {"category", "bug"}});
  REQUIRE(opened->status == 200);
  const auto ticket_id = json_of(opened)["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  const auto t = json_of(p.owner->get(p.path("/tickets/" + std::to_string(ticket_id))));
  CHECK(t["sla"]["tier"] == "standard");
  CHECK(t["sla"]["first_response_ms"] == 15 * minute);
  CHECK(t["sla"]["resolution_ms"] == 2 * hour);
  CHECK(t["sla"]["first_response_due"].get<std::int64_t>() - t["opened_at"].get<std::int64_t>() == 15 * minute);
  REQUIRE(t["targets"].size() == 2);
  const auto& first = t["targets"][0];
  CHECK(first["key"] == "first_response");
  CHECK(first["state"] == "due");
  CHECK(first["window_minutes"] == 15);
  CHECK(first["source"] == "priority");
  CHECK(first["reason"] == "P0 Critical: 15 min, stricter than the Standard tier's 12 h");
  CHECK(first["due"] == t["sla"]["first_response_due"]);
  CHECK(first["text"].get<std::string>().rfind("First response due ", 0) == 0);
  CHECK(t["targets"][1]["reason"] == "P0 Critical: 2 h, stricter than the Standard tier's 48 h");
}

TEST_CASE("check-ins: scheduled, moved and completed over the API, with exact counts and named refusals") {
  OwnProgram p;
  const auto customer = p.add_customer("Growth");
  const auto v0 = p.snapshot()["version"].get<std::int64_t>();
  const std::int64_t base = p.snapshot()["created_at"].get<std::int64_t>();
  auto scheduled = p.command("ScheduleCheckIn", {{"customer_id", customer}, {"due_at", base + 2 * day}, {"note", "Trial check-in"}});
  REQUIRE(scheduled->status == 200);
  const auto id = json_of(scheduled)["events"][0]["data"]["check_in"]["id"].get<std::int64_t>();

  auto moved = p.command("RescheduleCheckIn", {{"check_in_id", id}, {"due_at", base + 5 * day}, {"note", "After their launch"}});
  REQUIRE(moved->status == 200);
  const auto events = p.events_after(v0);
  REQUIRE(events.size() == 2);
  CHECK(events[0]["type"] == "CheckInScheduled");
  CHECK(events[1]["type"] == "CheckInRescheduled");
  CHECK(events[1]["data"] == json{{"check_in_id", id}, {"due_at", base + 5 * day}, {"note", "After their launch"}});
  auto check_ins = p.snapshot()["check_ins"];
  REQUIRE(check_ins.size() == 1);
  CHECK(check_ins[0]["due_at"] == base + 5 * day);
  CHECK(check_ins[0]["note"] == "After their launch");
  CHECK(check_ins[0]["done"] == false);

  auto past = p.command("RescheduleCheckIn", {{"check_in_id", id}, {"due_at", base - 3 * day}});
  CHECK(past->status == 400);
  CHECK(json_of(past)["error"]["field"] == "data.due_at");
  auto missing = p.command("RescheduleCheckIn", {{"check_in_id", id + 7}, {"due_at", base + 3 * day}});
  CHECK(missing->status == 404);
  CHECK(json_of(missing)["error"]["field"] == "data.check_in_id");
  auto fraction = p.command("RescheduleCheckIn", {{"check_in_id", id}, {"due_at", 1.5}});
  CHECK(fraction->status == 400);
  CHECK(json_of(fraction)["error"]["field"] == "data.due_at");
  auto extra = p.command("RescheduleCheckIn", {{"check_in_id", id}, {"due_at", base + 3 * day}, {"when", "tomorrow"}});
  CHECK(extra->status == 400);
  CHECK(json_of(extra)["error"]["field"] == "data.when");

  REQUIRE(p.command("CompleteCheckIn", {{"check_in_id", id}})->status == 200);
  auto done = p.snapshot()["check_ins"];
  REQUIRE(done.size() == 1);
  CHECK(done[0]["done"] == true);
  CHECK(done[0]["done_at"].get<std::int64_t>() > 0);
  auto after_done = p.command("RescheduleCheckIn", {{"check_in_id", id}, {"due_at", base + 9 * day}});
  CHECK(after_done->status == 409);
  CHECK(json_of(after_done)["error"]["field"] == "data.check_in_id");
  CHECK(p.events_after(v0).size() == 3); // scheduled, moved, completed: the refusals wrote nothing
}

TEST_CASE("an agent's support record carries its performance history; another agent and customers cannot read it") {
  ServerProcess demo; // a demo program of this case's own: the counts below are exact
  Session ava(demo, "agent@acme.test"), maya(demo, "owner@acme.test"), theo(demo, "trainee@acme.test"), jordan(demo, "customer@acme.test");
  const auto path = "/api/v1/programs/1/agents/" + std::to_string(ava.person_id()) + "/support";
  for (Session* reader : {&ava, &maya}) {
    // The record and the feed at one version (the scheduler flags overdue tickets when it likes).
    json record;
    int missed_first_responses = 0;
    for (int tries = 0;; ++tries) {
      REQUIRE(tries < 20);
      const auto version = json_of(maya.get("/api/v1/programs/1/snapshot"))["version"];
      auto r = reader->get(path);
      REQUIRE(r->status == 200);
      record = json_of(r);
      missed_first_responses = 0;
      for (std::int64_t after = 0;;) { // the whole feed, a page (at most 1000 events) at a time
        auto feed = maya.get("/api/v1/programs/1/events?limit=1000&after=" + std::to_string(after));
        REQUIRE(feed->status == 200);
        const auto page = json_of(feed);
        for (const auto& e : page["events"])
          missed_first_responses += e["type"] == "TicketSlaMissed" && e["data"]["target"] == "first_response" && e["data"]["agent_id"] == ava.person_id();
        const auto next = page["next_after"].get<std::int64_t>();
        if (next <= after) break;
        after = next;
      }
      if (json_of(maya.get("/api/v1/programs/1/snapshot"))["version"] == version) break;
    }
    const auto& h = record["performance_history"];
    REQUIRE(h["components"].size() == 4);
    CHECK(h["components"][0]["name"] == "SLA compliance");
    CHECK(h["components"][0]["weight"] == 0.4);
    CHECK(h["components"][1]["weight"] == 0.2);
    CHECK(h["components"][2]["weight"] == 0.25);
    CHECK(h["components"][3]["weight"] == 0.15);
    for (const auto& c : h["components"]) CHECK_FALSE(c["measures"].get<std::string>().empty());
    CHECK(h["explanation"].get<std::string>().rfind("Score ", 0) == 0);
    REQUIRE(h["score_history"].size() == 31);
    const auto& last = h["score_history"].back();
    CHECK(last["score"] == record["performance"]["score"]);
    CHECK(h["score_history"][0]["at"].get<std::int64_t>() == last["at"].get<std::int64_t>() - 30 * day);
    // The demo: Jordan rated two of Ava's tickets, the business one; the invite ticket went overdue.
    CHECK(h["summary"]["customer_ratings"] == 2);
    CHECK(h["summary"]["business_ratings"] == 1);
    REQUIRE(missed_first_responses > 0);
    CHECK(h["summary"]["overdue_first_response"].get<int>() == missed_first_responses);
    bool rating_in_history = false;
    for (const auto& e : record["history"]) rating_in_history = rating_in_history || e["kind"] == "customer_rating";
    CHECK(rating_in_history);
  }
  CHECK(theo.get(path)->status == 404);
  CHECK(jordan.get(path)->status == 404);
}

} // namespace test_server_agent_performance_api
