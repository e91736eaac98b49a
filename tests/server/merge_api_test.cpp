// Merging tickets over HTTP (docs/api.md "Merging tickets"): the agent merges a customer's two
// tickets; the customer reads one conversation and a pointer on the other; a reply or rating
// on the merged ticket is refused with where it continues; bad merges name their field; the
// event reaches the ticket's readers only.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace test_server_merge_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s;
  return s;
}

std::int64_t open_ticket(Session& customer, const std::string& subject, const std::string& text) {
  auto r = customer.command(1, "OpenTicket", {{"subject", subject}, {"text", text}, {"category", "billing"}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json_of(r)["events"][0]["data"]["ticket_id"].get<std::int64_t>();
}

json ticket(Session& reader, std::int64_t id) {
  auto r = reader.get("/api/v1/programs/1/tickets/" + std::to_string(id));
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json_of(r);
}

bool feed_has_merge(Session& reader, std::int64_t kept) {
  for (std::int64_t after = 0;;) {
    auto r = reader.get("/api/v1/programs/1/events?limit=1000&after=" + std::to_string(after));
    REQUIRE(r->status == 200);
    const auto page = json_of(r);
    for (const auto& e : page["events"])
      if (e["type"] == "TicketsMerged" && e["data"]["ticket_id"] == kept) return true;
    const auto next = page["next_after"].get<std::int64_t>();
    if (next <= after) return false;
    after = next;
  }
}
} // namespace

TEST_CASE("the agent merges a customer's two tickets: one conversation, a pointer on the other, replies sent where it continues") {
  Session jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test"), priya(server(), "priya@acme.test");
  const auto first = open_ticket(jordan, "Invoice shows our old address", "The November invoice still has Elm Street.");
  const auto second = open_ticket(jordan, "Wrong address on invoice", "Please fix the billing address on my invoices.");
  REQUIRE(ava.command(1, "ReplyToTicket", {{"ticket_id", first}, {"text", "Same as their other ticket"}, {"internal", true}})->status == 200);

  auto r = ava.command(1, "MergeTickets", {{"ticket_id", second}, {"merged_ids", {first}}});
  REQUIRE(r);
  CHECK(r->status == 200);
  const auto answer = json_of(r);
  REQUIRE(answer["events"].size() == 1);
  CHECK(answer["events"][0]["type"] == "TicketsMerged");
  CHECK(answer["events"][0]["data"]["merged_ids"] == json::array({first}));

  // The customer: the first ticket closed with its pointer, the second holding both threads.
  const auto gone = ticket(jordan, first);
  CHECK(gone["status"] == "closed");
  CHECK(gone["merged_into"] == second);
  const auto kept = ticket(jordan, second);
  CHECK(kept["merged"] == json::array({first}));
  const auto& messages = kept["messages"];
  CHECK(std::any_of(messages.begin(), messages.end(), [&](const json& m) {
    return m["merged_from"] == first && m["text"] == "The November invoice still has Elm Street.";
  }));
  CHECK(std::none_of(messages.begin(), messages.end(), [](const json& m) { return m["kind"] == "internal_note"; }));
  const auto& audit = kept["audit"];
  CHECK(std::any_of(audit.begin(), audit.end(), [](const json& a) { return a["kind"] == "merged"; }));
  // The desk keeps the internal note, on the kept ticket too.
  const auto desk = ticket(ava, second);
  CHECK(std::any_of(desk["messages"].begin(), desk["messages"].end(),
                    [&](const json& m) { return m["merged_from"] == first && m["kind"] == "internal_note"; }));

  // A reply or a rating on the merged ticket is sent where it continues.
  auto reply = jordan.command(1, "ReplyToTicket", {{"ticket_id", first}, {"text", "Any news?"}});
  REQUIRE(reply);
  CHECK(reply->status == 409);
  CHECK(json_of(reply)["error"]["field"] == "data.ticket_id");
  CHECK(json_of(reply)["error"]["message"].get<std::string>().find("merged into #" + std::to_string(second)) != std::string::npos);
  auto rate = jordan.command(1, "RateTicket", {{"ticket_id", first}, {"responsiveness", 5}, {"knowledge", 5}, {"professionalism", 5}, {"overall", 5}});
  CHECK(rate->status == 409);
  CHECK(jordan.command(1, "ReplyToTicket", {{"ticket_id", second}, {"text", "Any news?"}})->status == 200);

  // Ava's feed has the merge; Priya, who handles other customers, never hears of it.
  CHECK(feed_has_merge(ava, second));
  CHECK_FALSE(feed_has_merge(priya, second));
}

TEST_CASE("a bad merge is refused with the field it is about") {
  Session jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test"), daniel(server(), "staff@acme.test");
  const auto mine = open_ticket(jordan, "Export stuck", "The export has been running for an hour.");
  const auto also = open_ticket(jordan, "Export still stuck", "Still running.");
  // Another customer's open ticket (the business opens one for Sam).
  auto sam = daniel.command(1, "OpenTicket", {{"customer_id", 2}, {"subject", "Webhook retries"}, {"text", "Retries pile up."}, {"category", "bug"}});
  REQUIRE(sam->status == 200);
  const auto other = json_of(sam)["events"][0]["data"]["ticket_id"].get<std::int64_t>();

  auto another = daniel.command(1, "MergeTickets", {{"ticket_id", mine}, {"merged_ids", {also, other}}});
  CHECK(another->status == 400);
  CHECK(json_of(another)["error"]["field"] == "data.merged_ids[1]");
  auto itself = ava.command(1, "MergeTickets", {{"ticket_id", mine}, {"merged_ids", {mine}}});
  CHECK(itself->status == 400);
  CHECK(json_of(itself)["error"]["field"] == "data.merged_ids[0]");
  auto missing = ava.command(1, "MergeTickets", {{"ticket_id", mine}, {"merged_ids", {99999999}}});
  CHECK(missing->status == 404);
  CHECK(json_of(missing)["error"]["field"] == "data.merged_ids[0]");
  auto wrong_type = ava.command(1, "MergeTickets", {{"ticket_id", mine}, {"merged_ids", "2"}});
  CHECK(wrong_type->status == 400);
  CHECK(json_of(wrong_type)["error"]["field"] == "data.merged_ids");
  auto by_customer = jordan.command(1, "MergeTickets", {{"ticket_id", mine}, {"merged_ids", {also}}});
  CHECK(by_customer->status == 403);
  // Nothing happened: both still open and unmerged.
  CHECK(ticket(jordan, also).value("merged_into", 0) == 0);
  CHECK(ticket(jordan, mine)["status"] != "closed");
}

} // namespace test_server_merge_api
