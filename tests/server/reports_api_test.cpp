// The weekly support reports and the quarterly review over HTTP (seed 002 section 9), on the
// demo, whose server wrote the last twelve weeks' reports: the list, one report as JSON, CSV and
// a printable page, action items added through the commands, the quarter's talking points with
// the business's support cost, the checks on the week and the quarter, and who may read them.
#include "api_client.hpp"

#include "shared/domain/support/support_metrics.hpp"

#include <doctest/doctest.h>

#include <ctime>

namespace test_server_reports_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

TEST_CASE("the business reads last week's report as JSON, CSV and a printable page, and adds an action item") {
  ServerProcess server;
  Session maya(server, "owner@acme.test"), daniel(server, "staff@acme.test"), ava(server, "agent@acme.test"), jordan(server, "customer@acme.test");
  const auto now = static_cast<std::int64_t>(std::time(nullptr)) * 1000;
  const auto last_week = pd::domain::week_label(pd::domain::week_of(now) - 1);

  auto list = maya.get("/api/v1/programs/1/support/reports");
  REQUIRE(list->status == 200);
  const auto items = json_of(list)["items"];
  REQUIRE(items.size() >= 12); // the demo's scheduler passes wrote its weeks' reports as the story went
  CHECK(items[0]["week_of"] == last_week);
  CHECK(items[0]["actions"] == 2);
  CHECK(ava.get("/api/v1/programs/1/support/reports")->status == 403);
  CHECK(jordan.get("/api/v1/programs/1/support/reports")->status == 403);

  auto one = daniel.get("/api/v1/programs/1/support/reports/" + last_week);
  REQUIRE(one->status == 200);
  const auto report = json_of(one);
  std::vector<std::string> titles;
  for (const auto& s : report["sections"]) titles.push_back(s["title"].get<std::string>());
  CHECK(titles == std::vector<std::string>{"Headlines", "Volume", "Performance", "Patterns", "Product feedback", "Retention"});
  CHECK(report["sections"][1]["lines"][0].get<std::string>().rfind("Total tickets: ", 0) == 0);
  CHECK(report["sections"][0]["lines"][0].get<std::string>().rfind("Biggest win: ", 0) == 0);

  auto csv = maya.get("/api/v1/programs/1/support/reports/" + last_week + ".csv");
  REQUIRE(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
  CHECK(csv->body.rfind("figure,value", 0) == 0);
  CHECK(csv->body.find("week_of," + last_week) != std::string::npos);
  auto html = maya.get("/api/v1/programs/1/support/reports/" + last_week + ".html");
  REQUIRE(html->status == 200);
  CHECK(html->get_header_value("Content-Type").find("text/html") == 0);
  CHECK(html->get_header_value("Content-Security-Policy").find("default-src 'none'") == 0);
  CHECK(html->body.find("Support Report: Week of " + last_week) != std::string::npos);
  CHECK(html->body.find("Add a second person to the business queue") != std::string::npos);

  CHECK(maya.get("/api/v1/programs/1/support/reports/2026-02-31")->status == 400);
  CHECK(maya.get("/api/v1/programs/1/support/reports/1999-01-04")->status == 404);

  auto added = daniel.command(1, "AddReportAction", {{"week", last_week}, {"action", "Call Ironoak about Freshdesk"}, {"owner", "Daniel"}, {"due_on", "2027-01-15"}});
  REQUIRE(added->status == 200);
  auto bad = daniel.command(1, "AddReportAction", {{"week", last_week}, {"action", "x"}, {"owner", "Daniel"}, {"due_on", "soon"}});
  REQUIRE(bad->status == 400);
  CHECK(json_of(bad)["error"]["field"] == "data.due_on");
  CHECK(json_of(maya.get("/api/v1/programs/1/support/reports/" + last_week))["actions"].size() == 3);

  auto quarter = json_of(maya.get("/api/v1/programs/1/support/quarterly"));
  CHECK(quarter["support_cost_minor"] == 1'800'000);
  REQUIRE(quarter["sections"].size() == 6);
  CHECK(quarter["sections"][3]["lines"][0].get<std::string>().rfind("Support cost 18000.00 USD over ", 0) == 0);
  CHECK(maya.get("/api/v1/programs/1/support/quarterly?quarter=2026-Q9")->status == 400);
  CHECK(ava.get("/api/v1/programs/1/support/quarterly")->status == 403);
}

} // namespace test_server_reports_api
