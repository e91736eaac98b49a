// A ticket's audit trail and the agent's escalation note over HTTP: GET /tickets/{id} carries
// "audit" as the reader may see it, the business reads the whole note on the ticket and in the
// escalation queue, the customer is told only that its ticket was escalated. Each case runs its
// own demo server (its own program), and counts only what happens to a ticket it opened itself.
#include "api_client.hpp"

#include <doctest/doctest.h>

namespace test_server_ticket_audit_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

const json note = {{"summary", "Customer charged twice for March"},
                   {"attempts_so_far", "1. Checked both invoices\n2. Asked for the bank statement"},
                   {"customer_sentiment", "frustrated"},
                   {"business_impact", "$49 MRR, renewal in May"},
                   {"recommended_action", "Refund the duplicate charge"}};

std::int64_t open_ticket(Session& customer, const std::string& subject) {
  auto r = customer.command(1, "OpenTicket", {{"subject", subject}, {"text", "Something is wrong."}, {"category", "billing"}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json_of(r)["events"][0]["data"]["ticket_id"].get<std::int64_t>();
}

std::string ticket_path(std::int64_t id) { return "/api/v1/programs/1/tickets/" + std::to_string(id); }

} // namespace

TEST_CASE("an agent's escalation note reaches the business on the ticket, in its audit trail and in the escalation queue; the customer is told only that it was escalated") {
  ServerProcess server;
  Session jordan(server, "customer@acme.test"), ava(server, "agent@acme.test"), maya(server, "owner@acme.test");
  const auto id = open_ticket(jordan, "Charged twice in March");
  auto r = ava.command(1, "EscalateTicket", {{"ticket_id", id}, {"note", note}});
  REQUIRE(r);
  REQUIRE(r->status == 200);

  // The business: the note on the ticket and one audit entry naming Ava, with when.
  const auto seen = json_of(maya.get(ticket_path(id)));
  CHECK(seen["escalation"]["note"] == note);
  CHECK(seen["escalation"]["pending"] == true);
  REQUIRE(seen["audit"].size() == 2); // the automatic acknowledgement when it was opened, then the escalation
  CHECK(seen["audit"][0]["kind"] == "auto_responded");
  const auto& entry = seen["audit"][1];
  CHECK(entry["kind"] == "escalated");
  CHECK(entry["who"] == "Ava Martinez");
  CHECK(entry["by"] == ava.person_id());
  CHECK(entry["at"] == seen["escalation"]["at"]);
  CHECK(entry["text"] == "Escalated to the business: Customer charged twice for March");
  CHECK(entry["internal"] == true);
  CHECK(entry["note"] == note);
  // The agent reads the same trail.
  CHECK(json_of(ava.get(ticket_path(id)))["audit"] == seen["audit"]);

  // The escalation queue of the support overview carries the whole note.
  const auto overview = json_of(maya.get("/api/v1/programs/1/support/overview"));
  json queued;
  for (const auto& q : overview["awaiting_escalation"])
    if (q["id"] == id) queued = q;
  REQUIRE(queued.is_object());
  CHECK(queued["escalation"]["note"] == note);

  // The customer: one entry, no one named, no note; the held status stays internal.
  const auto mine = json_of(jordan.get(ticket_path(id)));
  REQUIRE(mine["audit"].size() == 1);
  CHECK(mine["audit"][0]["text"] == "Your ticket was escalated to the Acme Analytics team.");
  CHECK(mine["audit"][0]["by"] == 0);
  CHECK_FALSE(mine["audit"][0].contains("note"));
  CHECK(mine["status"] == "new");
  CHECK(mine["escalation"]["note"]["summary"] == "");
  CHECK(mine.dump().find("charged twice for March") == std::string::npos);
  // Its feed tells it the same, and no more.
  const auto feed = json_of(jordan.get("/api/v1/programs/1/events?after=0&limit=1000"));
  int escalations = 0;
  for (const auto& e : feed["events"])
    if (e["type"] == "TicketEscalated" && e["data"]["ticket_id"] == id) {
      ++escalations;
      CHECK(e["data"]["escalation"]["source"] == "none");
      CHECK(e["data"]["escalation"]["by"] == 0);
      CHECK(e["data"]["escalation"]["note"]["summary"] == "");
    }
  CHECK(escalations == 1);
}

TEST_CASE("the audit trail records triage, take-over, status changes and reassignment with who and when; the customer sees the status changes only") {
  ServerProcess server;
  Session jordan(server, "customer@acme.test"), ava(server, "agent@acme.test"), daniel(server, "staff@acme.test"),
      maya(server, "owner@acme.test"), priya(server, "priya@acme.test");
  const auto id = open_ticket(jordan, "Invoice shows the wrong plan");
  const auto customer = json_of(maya.get(ticket_path(id)))["customer_id"];
  auto ok = [](const httplib::Result& r) {
    REQUIRE(r);
    CHECK(r->status == 200);
  };
  ok(ava.command(1, "TriageTicket", {{"ticket_id", id}, {"priority", "P1"}, {"category", "billing"}, {"tags", {"account"}}}));
  ok(daniel.command(1, "TakeOverTicket", {{"ticket_id", id}}));
  ok(daniel.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Which plan do you expect?"}, {"status", "waiting_on_customer"}}));
  ok(jordan.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Growth, not Starter."}}));
  ok(daniel.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Check the plan change log"}, {"internal", true}}));
  ok(maya.command(1, "AssignCustomer", {{"customer_id", customer}, {"agent_id", priya.person_id()}}));
  ok(daniel.command(1, "ResolveTicket", {{"ticket_id", id}}));

  const auto whole = json_of(maya.get(ticket_path(id)))["audit"];
  CAPTURE(whole.dump(1));
  // First the automatic acknowledgement (when the ticket was opened); then what people did.
  REQUIRE(!whole.empty());
  CHECK(whole[0]["kind"] == "auto_responded");
  CHECK(whole[0]["who"] == "Automatic reply");
  auto staff = nlohmann::json::array();
  for (const auto& e : whole)
    if (e["kind"] != "auto_responded") staff.push_back(e);
  REQUIRE(staff.size() == 6);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"Ava Martinez", "Priority changed from P2 Medium to P1 High."},
      {"Daniel Brooks", "Took over the ticket from Ava Martinez."},
      {"Daniel Brooks", "Status changed to Waiting on customer."},
      {"Jordan Lee", "Status changed to Open."},
      {"Maya Chen", "Reassigned the customer from Ava Martinez to Priya Nair."},
      {"Daniel Brooks", "Status changed to Resolved."}};
  std::int64_t last = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(staff[i]["who"] == expected[i].first);
    CHECK(staff[i]["text"] == expected[i].second);
    CHECK(staff[i]["at"].get<std::int64_t>() >= last);
    last = staff[i]["at"].get<std::int64_t>();
  }

  const auto mine = json_of(jordan.get(ticket_path(id)))["audit"];
  CAPTURE(mine.dump(1));
  REQUIRE(mine.size() == 3);
  CHECK(mine[0]["text"] == "Status changed to Waiting on customer.");
  CHECK(mine[1]["who"] == "You");
  CHECK(mine[1]["text"] == "Status changed to Open.");
  CHECK(mine[2]["text"] == "Status changed to Resolved.");
  for (const auto& e : mine) CHECK(e["internal"] == false);
}

} // namespace test_server_ticket_audit_api
