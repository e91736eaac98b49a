// Triage and response templates over HTTP: the triage facts (with the lifetime value from the
// payment records) and one-step triage of an untriaged ticket; a reply from a template refused
// while a placeholder is left; "How do I cancel?" starting the retention workflow; and bad input
// on every field of the new commands and routes (status plus the field).
#include "own_support_program.hpp"

#include <doctest/doctest.h>

namespace test_server_triage_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

void refused(OwnSupportProgram& p, Session& who, const std::string& type, const json& data, int status, const std::string& field) {
  auto r = who.command(p.id, type, data);
  REQUIRE(r);
  INFO(type << ": " << r->body);
  CHECK(r->status == status);
  const auto error = json_of(r)["error"];
  if (field.empty()) CHECK_FALSE(error.contains("field"));
  else CHECK(error.value("field", std::string()) == field);
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

} // namespace

TEST_CASE("the triage panel's facts come from the records; one TriageTicket takes the ticket off the untriaged queue") {
  OwnSupportProgram p;
  p.ok(*p.owner, "SetProductAreas", {{"product_areas", {"Reports", "Integrations"}}});
  p.ok(*p.owner, "RecordPayment", {{"external_id", "ch_1"}, {"customer_id", p.customer_id}, {"kind", "payment"}, {"amount", {{"minor", 4900}, {"currency", "USD"}}}});
  const auto id = p.open_ticket("Export stopped");
  auto queue = p.get(*p.agent, "/tickets?view=untriaged");
  REQUIRE(queue["items"].size() == 1);
  CHECK(queue["items"][0]["id"] == id);

  auto panel = p.get(*p.agent, "/tickets/" + std::to_string(id) + "/triage");
  CHECK(panel["facts"]["lifetime_value"]["minor"] == 4900);
  CHECK(panel["facts"]["previous_tickets"] == 0);
  CHECK(panel["facts"]["first_contact"] == true);
  CHECK(panel["facts"]["repeat_issue"] == false);
  CHECK(panel["facts"]["sentiment_history"] == "neutral");
  CHECK(panel["facts"]["tenure"]["days"].get<std::int64_t>() >= 0);
  CHECK(panel["triaged"] == false);
  CHECK(panel["product_areas"].size() == 2);
  CHECK(p.customer->get(p.path("/tickets/" + std::to_string(id) + "/triage"))->status == 403);
  CHECK(p.agent->get(p.path("/tickets/999/triage"))->status == 404);

  p.ok(*p.agent, "TriageTicket",
       {{"ticket_id", id}, {"priority", "P2"}, {"category", "bug"}, {"tags", json::array()}, {"summary", "CSV export does nothing."},
        {"product_area", "Reports"}, {"steps_to_reproduce", "Open Reports, click Export"}, {"error_messages", "E42"}, {"screenshots", true},
        {"environment", "Chrome 131"}});
  CHECK(p.get(*p.agent, "/tickets?view=untriaged")["items"].empty());
  const auto seen = p.get(*p.agent, "/tickets/" + std::to_string(id));
  CHECK(seen["triage"]["summary"] == "CSV export does nothing.");
  CHECK(seen["triage"]["product_area"] == "Reports");
  CHECK(seen["triage"]["screenshots"] == true);
  // The customer's copy holds none of it.
  CHECK(p.get(*p.customer, "/tickets/" + std::to_string(id))["triage"]["summary"] == "");
}

TEST_CASE("an agent answers a how-to with a template: an unfilled placeholder blocks the reply until it is filled") {
  OwnSupportProgram p;
  const auto id = p.open_ticket("How do I export a report?");
  auto templates = p.get(*p.agent, "/templates?q=how-to&ticket_id=" + std::to_string(id));
  REQUIRE(templates["items"].size() >= 1);
  const auto how_to = templates["items"][0];
  CHECK(how_to["name"] == "First response: how-to question");
  std::string text = how_to["filled"];
  CHECK(text.rfind("Hi Li,", 0) == 0);
  CHECK(text.find("Ava Martinez") != std::string::npos);
  auto r = p.agent->command(p.id, "ReplyToTicket", {{"ticket_id", id}, {"text", text}, {"template_id", how_to["id"]}});
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(json_of(r)["error"]["field"] == "data.text");
  CHECK(json_of(r)["error"]["message"].get<std::string>().find("[do the thing]") != std::string::npos);
  for (const auto& left : how_to["placeholders"]) text = replace_all(text, left.get<std::string>(), "Reports");
  p.ok(*p.agent, "ReplyToTicket", {{"ticket_id", id}, {"text", text}, {"template_id", how_to["id"]}});
  CHECK(p.customer->get(p.path("/templates"))->status == 403);
  CHECK(p.agent->get(p.path("/templates?ticket_id=999"))->status == 404);
  CHECK(p.agent->get(p.path("/templates?ticket_id=abc"))->status == 400);
}

TEST_CASE("\"How do I cancel?\" starts the retention workflow first, on the ticket and in its audit trail") {
  OwnSupportProgram p;
  auto opened = p.ok(*p.customer, "OpenTicket", {{"subject", "Leaving"}, {"text", "How do I cancel? We found another tool."}, {"category", "account"}});
  const auto id = opened["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  // The customer's own answer leaves the internal retention step out; the desk sees it below.
  bool started = false;
  for (const auto& e : opened["events"]) started = started || e["type"] == "RetentionWorkflowStarted";
  CHECK_FALSE(started);
  const auto seen = p.get(*p.agent, "/tickets/" + std::to_string(id));
  CHECK(seen["triage"]["retention_trigger"] == "How do I cancel?");
  bool audit = false;
  for (const auto& a : seen["audit"]) audit = audit || a["kind"] == "retention_started";
  CHECK(audit);
  const auto theirs = p.get(*p.customer, "/tickets/" + std::to_string(id));
  for (const auto& a : theirs["audit"]) CHECK(a["kind"] != "retention_started");
  auto panel = p.get(*p.agent, "/tickets/" + std::to_string(id) + "/triage");
  REQUIRE(panel["triggers"].size() == 1);
  CHECK(panel["triggers"][0]["starts_retention"] == true);
}

TEST_CASE("bad input on every field of the triage and template commands is refused with the field named") {
  OwnSupportProgram p;
  const auto id = p.open_ticket("Export stopped");
  const json base = {{"ticket_id", id}, {"priority", "P2"}, {"category", "bug"}, {"tags", json::array()}};
  auto with = [&](const char* field, json value) {
    json d = base;
    d[field] = std::move(value);
    return d;
  };
  refused(p, *p.agent, "TriageTicket", with("summary", std::string(301, 'x')), 400, "data.summary");
  refused(p, *p.agent, "TriageTicket", with("summary", 5), 400, "data.summary");
  refused(p, *p.agent, "TriageTicket", with("product_area", "Nowhere"), 400, "data.product_area");
  refused(p, *p.agent, "TriageTicket", with("product_area", std::string(61, 'x')), 400, "data.product_area");
  refused(p, *p.agent, "TriageTicket", with("steps_to_reproduce", std::string(4001, 'x')), 400, "data.steps_to_reproduce");
  refused(p, *p.agent, "TriageTicket", with("error_messages", json::array()), 400, "data.error_messages");
  refused(p, *p.agent, "TriageTicket", with("screenshots", "yes"), 400, "data.screenshots");
  refused(p, *p.agent, "TriageTicket", with("environment", std::string(301, 'x')), 400, "data.environment");
  refused(p, *p.agent, "TriageTicket", with("mood", "calm"), 400, "data.mood");

  refused(p, *p.owner, "SetProductAreas", json::object(), 400, "data.product_areas");
  refused(p, *p.owner, "SetProductAreas", {{"product_areas", {"Reports", 3}}}, 400, "data.product_areas[1]");
  refused(p, *p.owner, "SetProductAreas", {{"product_areas", {"Reports", "reports"}}}, 400, "data.product_areas[1]");
  refused(p, *p.owner, "SetProductAreas", {{"product_areas", json(std::vector<std::string>(51, "x"))}}, 400, "data.product_areas");
  refused(p, *p.agent, "SetProductAreas", {{"product_areas", {"Reports"}}}, 403, "");

  refused(p, *p.owner, "SaveResponseTemplate", {{"text", "Hi"}}, 400, "data.name");
  refused(p, *p.owner, "SaveResponseTemplate", {{"name", std::string(101, 'x')}, {"text", "Hi"}}, 400, "data.name");
  refused(p, *p.owner, "SaveResponseTemplate", {{"name", "Welcome"}}, 400, "data.text");
  refused(p, *p.owner, "SaveResponseTemplate", {{"name", "Welcome"}, {"text", std::string(10'001, 'x')}}, 400, "data.text");
  refused(p, *p.owner, "SaveResponseTemplate", {{"name", "Welcome"}, {"text", "Hi [Nmae]"}}, 400, "data.text");
  refused(p, *p.owner, "SaveResponseTemplate", {{"name", "Welcome"}, {"text", "Hi"}, {"category", "gossip"}}, 400, "data.category");
  refused(p, *p.owner, "SaveResponseTemplate", {{"name", "Welcome"}, {"text", "Hi"}, {"template_id", 999}}, 404, "data.template_id");
  refused(p, *p.owner, "SaveResponseTemplate", {{"name", "Welcome"}, {"text", "Hi"}, {"template_id", -1}}, 400, "data.template_id");
  refused(p, *p.agent, "SaveResponseTemplate", {{"name", "Welcome"}, {"text", "Hi"}}, 403, "");
  auto saved = p.ok(*p.owner, "SaveResponseTemplate", {{"name", "Welcome"}, {"text", "Hi [Name], welcome to [Program]!"}, {"category", "onboarding"}});
  const auto tid = saved["events"][0]["data"]["response_template"]["id"];
  p.ok(*p.owner, "SaveResponseTemplate", {{"template_id", tid}, {"name", "Welcome aboard"}, {"text", "Hi [Name]!"}});

  refused(p, *p.owner, "RemoveResponseTemplate", json::object(), 400, "data.template_id");
  refused(p, *p.owner, "RemoveResponseTemplate", {{"template_id", 999}}, 404, "data.template_id");
  refused(p, *p.owner, "RemoveResponseTemplate", {{"template_id", 4}}, 409, "data.template_id"); // a trigger suggests it
  p.ok(*p.owner, "RemoveResponseTemplate", {{"template_id", tid}});

  refused(p, *p.owner, "SetCannedTriggers", json::object(), 400, "data.triggers");
  refused(p, *p.owner, "SetCannedTriggers", {{"triggers", {{{"template_id", 1}}}}}, 400, "data.triggers[0].phrase");
  refused(p, *p.owner, "SetCannedTriggers", {{"triggers", {{{"phrase", "Help"}, {"template_id", 999}}}}}, 404, "data.triggers[0].template_id");
  refused(p, *p.owner, "SetCannedTriggers", {{"triggers", {{{"phrase", "Help"}, {"template_id", "one"}}}}}, 400, "data.triggers[0].template_id");
  refused(p, *p.owner, "SetCannedTriggers", {{"triggers", {{{"phrase", "Help"}}}}}, 400, "data.triggers[0].template_id");
  refused(p, *p.owner, "SetCannedTriggers", {{"triggers", {{{"phrase", "Help"}, {"template_id", 1}, {"hint", std::string(301, 'x')}}}}}, 400,
          "data.triggers[0].hint");
  refused(p, *p.owner, "SetCannedTriggers", {{"triggers", {{{"phrase", "Help"}, {"template_id", 1}, {"starts_retention", "no"}}}}}, 400,
          "data.triggers[0].starts_retention");
  refused(p, *p.owner, "SetCannedTriggers", {{"triggers", {{{"phrase", "Help"}, {"template_id", 1}}, {{"phrase", "help!"}, {"template_id", 2}}}}}, 400,
          "data.triggers[1].phrase");
  refused(p, *p.agent, "SetCannedTriggers", {{"triggers", json::array()}}, 403, "");

  refused(p, *p.agent, "ReplyToTicket", {{"ticket_id", id}, {"text", "Hi"}, {"template_id", 999}}, 404, "data.template_id");
  refused(p, *p.agent, "ReplyToTicket", {{"ticket_id", id}, {"text", "Hi"}, {"template_id", "x"}}, 400, "data.template_id");
  CHECK(p.agent->get(p.path("/templates?q=" + std::string(201, 'x')))->status == 400);
}

} // namespace test_server_triage_api
