// A refused command changes nothing a reader could notice: no event is appended to the log and
// the program's version stays where it was. Checked after the route, on a program of the test's
// own (no demo, so no scheduler events can move the version while the test looks), for
// refusals of the decoder and of decide() alike. Also: ChangeSupportSettings decodes as
// strictly as every other command.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <memory>

namespace test_server_command_refusal { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

struct FreshProgram {
  ServerProcess server{{}, false};
  std::unique_ptr<Session> owner;
  std::int64_t id = 0;

  FreshProgram() {
    Session anon(server);
    REQUIRE(anon.post("/api/v1/accounts", {{"email", "owner@fresh.test"}, {"name", "Olga Owner"}, {"password", "a-long-password"}})->status == 202);
    owner = std::make_unique<Session>(server, "owner@fresh.test", "a-long-password");
    auto created = owner->post("/api/v1/programs", {{"command_id", fresh_command_id()}, {"name", "Fresh Co"}, {"currency", "EUR"}});
    REQUIRE(created->status == 201);
    id = json_of(created)["program_id"].get<std::int64_t>();
  }
  std::string path(const std::string& rest) const { return "/api/v1/programs/" + std::to_string(id) + rest; }
  std::int64_t version() {
    auto r = owner->get(path("/snapshot"));
    REQUIRE(r->status == 200);
    return json_of(r)["version"].get<std::int64_t>();
  }
  // Every event of the log after `after` (the owner sees all of them).
  json events_after(std::int64_t after) { return json_of(owner->get(path("/events?limit=1000&after=" + std::to_string(after))))["events"]; }
  json support_settings() { return json_of(owner->get(path("/snapshot")))["support"]; }
};

json profile(const std::string& currency) {
  return {{"name", "Li Wei"}, {"email", "li@harborline.test"}, {"segment", "Growth"}, {"subscription", "active"},
          {"started_on", "2026-03-01"}, {"mrr", {{"minor", 4900}, {"currency", currency}}}};
}

} // namespace

TEST_CASE("a refused command appends no event and leaves the program's version unchanged") {
  FreshProgram p;
  // A command that succeeds moves the version by exactly its one event: the check below can see a change.
  auto v0 = p.version();
  REQUIRE(p.owner->command(p.id, "AddCustomer", {{"profile", profile("EUR")}})->status == 200);
  REQUIRE(p.version() == v0 + 1);
  REQUIRE(p.events_after(v0).size() == 1);

  struct Refusal {
    const char* what;
    const char* type;
    json data;
    int status;
    const char* field;
  };
  auto bad_settings = p.support_settings();
  bad_settings["tiers"][0]["first_response_minutes"] = 0;
  const Refusal refusals[] = {
      {"the decoder: a wrong currency code", "AddCustomer", {{"profile", profile("euro")}}, 400, "data.profile.mrr.currency"},
      {"decide: the email is taken", "AddCustomer", {{"profile", profile("EUR")}}, 409, "data.profile.email"},
      {"decide: no such customer", "AssignCustomer", {{"customer_id", 99}, {"agent_id", 0}}, 404, "data.customer_id"},
      {"decide: a zero SLA window", "ChangeSupportSettings", {{"settings", bad_settings}}, 400, "data.settings.tiers[0].first_response_minutes"},
      {"decide: no such ticket", "ReplyToTicket", {{"ticket_id", 7}, {"text", "Hello"}}, 404, "data.ticket_id"},
  };
  const auto before = p.version();
  for (const auto& r : refusals) {
    CAPTURE(r.what);
    auto res = p.owner->command(p.id, r.type, r.data);
    REQUIRE(res);
    CHECK(res->status == r.status);
    CHECK(json_of(res)["error"]["field"] == r.field);
    CHECK(p.version() == before);
    CHECK(p.events_after(before).empty());
  }
}

TEST_CASE("ChangeSupportSettings is decoded strictly: unknown fields, fractions and text numbers refused naming the exact field") {
  FreshProgram p;
  const auto settings = p.support_settings();
  const auto before = p.version();
  struct Case {
    const char* what;
    std::function<void(json&)> change;
    const char* field;
    const char* code;
  };
  const Case cases[] = {
      {"90.7 minutes", [](json& s) { s["tiers"][0]["first_response_minutes"] = 90.7; }, "data.settings.tiers[0].first_response_minutes", "invalid_field"},
      {"a number as text", [](json& s) { s["tiers"][1]["resolution_minutes"] = "600"; }, "data.settings.tiers[1].resolution_minutes", "invalid_field"},
      {"an unknown top-level field", [](json& s) { s["sla_bonus"] = true; }, "data.settings.sla_bonus", "unknown_field"},
      {"an unknown field inside a tier", [](json& s) { s["tiers"][0]["colour"] = "red"; }, "data.settings.tiers[0].colour", "unknown_field"},
      {"an unknown field inside a calendar", [](json& s) { s["tiers"][2]["calendar"]["dst"] = 1; }, "data.settings.tiers[2].calendar.dst",
       "unknown_field"},
  };
  for (const auto& k : cases) {
    CAPTURE(k.what);
    auto s = settings;
    k.change(s);
    auto r = p.owner->command(p.id, "ChangeSupportSettings", {{"settings", s}});
    REQUIRE(r);
    CHECK(r->status == 400);
    const auto error = json_of(r)["error"];
    CHECK(error["field"] == k.field);
    CHECK(error["code"] == k.code);
    CHECK(error["message"].get<std::string>().find("json.exception") == std::string::npos); // no library internals
  }
  CHECK(p.version() == before);
  // The snapshot's support object, sent back whole (with its server-computed offsets), is accepted.
  auto changed = settings;
  changed["quiet_days"] = 14;
  REQUIRE(p.owner->command(p.id, "ChangeSupportSettings", {{"settings", changed}})->status == 200);
  CHECK(p.support_settings()["quiet_days"] == 14);
}

} // namespace test_server_command_refusal
