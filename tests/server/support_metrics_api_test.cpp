// The support metrics over HTTP (seed 002 section 6): a program of the case's own whose week is
// counted exactly in the JSON and the CSV, the period before it, the checks on scope and range,
// and who may read which scope (the business every one, an agent its own, a customer none).
#include "api_client.hpp"

#include "shared/domain/support/support_metrics.hpp"

#include <doctest/doctest.h>

#include <memory>

namespace test_server_support_metrics_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

ServerProcess& demo() {
  static ServerProcess s;
  return s;
}

std::string this_monday() { return pd::domain::week_label(pd::domain::week_of(static_cast<std::int64_t>(std::time(nullptr)) * 1000)); }

} // namespace

TEST_CASE("a program's week in the metrics: opened, answered, resolved and rated tickets counted in the JSON and the CSV alike") {
  ServerProcess server{{}, false};
  Session anon(server);
  REQUIRE(anon.post("/api/v1/accounts", {{"email", "mia@metrics.test"}, {"name", "Mia Metrics"}, {"password", "a-long-password"}})->status == 202);
  Session owner(server, "mia@metrics.test", "a-long-password");
  auto created = owner.post("/api/v1/programs", {{"command_id", fresh_command_id()}, {"name", "Metrics Co"}, {"currency", "USD"}});
  REQUIRE(created->status == 201);
  const auto id = json_of(created)["program_id"].get<std::int64_t>();
  const auto path = [&](const std::string& rest) { return "/api/v1/programs/" + std::to_string(id) + rest; };
  auto add = owner.command(id, "AddCustomer",
                           {{"profile",
                             {{"name", "Li Wei"}, {"email", "li@harborline.test"}, {"segment", "Enterprise"}, {"subscription", "active"},
                              {"started_on", "2026-03-01"}, {"mrr", {{"minor", 4900}, {"currency", "USD"}}}}}});
  REQUIRE(add->status == 200);
  const auto customer = json_of(add)["events"][0]["data"]["customer_id"].get<std::int64_t>();
  std::vector<std::int64_t> tickets;
  for (const char* priority : {"P1", "P2", "P2"}) {
    auto opened = owner.command(id, "OpenTicket", {{"customer_id", customer}, {"subject", "Export fails"}, {"text", "It is broken."},
                                                   {"priority", priority}, {"category", "bug"}});
    REQUIRE(opened->status == 200);
    tickets.push_back(json_of(opened)["events"][0]["data"]["ticket_id"].get<std::int64_t>());
  }
  REQUIRE(owner.command(id, "ReplyToTicket", {{"ticket_id", tickets[0]}, {"text", "Fixed it."}, {"status", "resolved"}})->status == 200);
  REQUIRE(owner.command(id, "ReplyToTicket", {{"ticket_id", tickets[1]}, {"text", "Looking into it."}})->status == 200);

  auto r = owner.get(path("/support/metrics"));
  REQUIRE(r->status == 200);
  const auto j = json_of(r);
  CHECK(j["scope"] == "program");
  const auto& week = j["current"];
  CHECK(week["week_of"] == this_monday());
  CHECK(week["volume"]["total_tickets"] == 3);
  CHECK(week["volume"]["by_priority"]["P1"] == 1);
  CHECK(week["volume"]["by_priority"]["P2"] == 2);
  CHECK(week["volume"]["by_category"]["bug"] == 3);
  CHECK(week["counts"]["responses"] == 2);
  CHECK(week["resolution"]["first_contact_resolution_pct"] == 100.0);
  CHECK(week["resolution"]["tickets_per_customer"] == 3.0);
  CHECK(week["health"]["backlog_count"] == 2);
  CHECK(week["health"]["oldest_open_ticket_hours"].is_number());
  CHECK(week["satisfaction"]["csat_score"].is_null()); // nobody rated yet
  CHECK(week["satisfaction"]["negative_mentions"] == 0); // the business opened them: no customer's words
  CHECK(j["previous"]["volume"]["total_tickets"] == 0);
  CHECK(j["weeks"].size() == 1);

  // The segment holds the same tickets; another segment none.
  CHECK(json_of(owner.get(path("/support/metrics?scope=segment:Enterprise")))["current"]["volume"]["total_tickets"] == 3);
  CHECK(json_of(owner.get(path("/support/metrics?scope=segment:Starter")))["current"]["volume"]["total_tickets"] == 0);

  // The CSV: a header and one line for the week, with the same figures.
  auto csv = owner.get(path("/support/metrics.csv?from=" + this_monday()));
  REQUIRE(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
  const auto& body = csv->body;
  const auto header_end = body.find("\r\n");
  REQUIRE(header_end != std::string::npos);
  CHECK(body.rfind("week_of,total_tickets,priority_P0,", 0) == 0);
  CHECK(body.find(this_monday() + ",", header_end) != std::string::npos);
  CHECK(std::count(body.begin(), body.end(), '\n') == 2);
}

TEST_CASE("the metrics refuse a malformed scope or range with the field named") {
  Session maya(demo(), "owner@acme.test");
  const auto error_field = [&](const std::string& query, int status) {
    auto r = maya.get("/api/v1/programs/1/support/metrics" + query);
    REQUIRE(r);
    CHECK(r->status == status);
    return json_of(r)["error"]["field"].get<std::string>();
  };
  CHECK(error_field("?scope=region:eu", 400) == "scope");
  CHECK(error_field("?scope=agent:abc", 400) == "scope");
  CHECK(error_field("?scope=team:no-such-team", 404) == "scope");
  CHECK(error_field("?scope=agent:999999", 404) == "scope");
  CHECK(error_field("?from=2026-02-30", 400) == "from");
  CHECK(error_field("?to=yesterday", 400) == "to");
  CHECK(error_field("?from=2026-06-01&to=2026-05-01", 400) == "from");
  CHECK(error_field("?from=2020-01-06&to=2026-01-05", 400) == "from"); // more than 104 weeks
  CHECK(maya.get("/api/v1/programs/999/support/metrics")->status == 404);
}

TEST_CASE("the business reads every scope and twelve weeks of the demo's history; an agent only its own; a customer none") {
  Session maya(demo(), "owner@acme.test"), ava(demo(), "agent@acme.test"), jordan(demo(), "customer@acme.test");
  const auto now = static_cast<std::int64_t>(std::time(nullptr)) * 1000;
  const auto from = pd::domain::week_label(pd::domain::week_of(now) - 11);
  auto r = maya.get("/api/v1/programs/1/support/metrics?from=" + from);
  REQUIRE(r->status == 200);
  const auto j = json_of(r);
  REQUIRE(j["weeks"].size() == 12);
  int weeks_with_tickets = 0, weeks_with_ratings = 0;
  for (const auto& w : j["weeks"]) {
    weeks_with_tickets += w["volume"]["total_tickets"].get<int>() > 0 ? 1 : 0;
    weeks_with_ratings += w["satisfaction"]["csat_score"].is_null() ? 0 : 1;
  }
  CHECK(weeks_with_tickets >= 11); // the demo's history fills every week but perhaps the current one
  CHECK(weeks_with_ratings >= 9);
  CHECK(j["current"]["satisfaction"]["csat_score"].get<double>() > 1.0);

  const auto me = json_of(ava.get("/api/v1/me"))["person"]["id"].get<std::int64_t>();
  CHECK(ava.get("/api/v1/programs/1/support/metrics")->status == 403);
  CHECK(ava.get("/api/v1/programs/1/support/metrics?scope=segment:Growth")->status == 403);
  CHECK(ava.get("/api/v1/programs/1/support/metrics?scope=agent:" + std::to_string(me))->status == 200);
  CHECK(jordan.get("/api/v1/programs/1/support/metrics?scope=agent:" + std::to_string(me))->status == 403);
  CHECK(json_of(jordan.get("/api/v1/programs/1/support/metrics"))["error"]["field"] == "scope");
}

} // namespace test_server_support_metrics_api
