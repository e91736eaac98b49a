// A ticket's progress over HTTP (docs/api.md "Estimates, updates and third parties"): the agent
// sets an estimate and a third party's wait, the business accepts it (the SLA clock held), the
// customer reads both on its ticket and never the scheduler's marks; who may, and bad input by
// its field.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <chrono>

namespace test_server_progress_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s;
  return s;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t open_ticket(Session& customer, const std::string& subject) {
  auto r = customer.command(1, "OpenTicket", {{"subject", subject}, {"text", "Our payout is pending since Monday."}, {"category", "billing"}});
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
} // namespace

TEST_CASE("the agent gives an estimate and waits on a third party; the business accepts; the customer reads both") {
  Session jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test"), daniel(server(), "staff@acme.test");
  const auto id = open_ticket(jordan, "Payout pending a week");
  const auto estimate = now_ms() + 3LL * 24 * 3'600'000;
  auto r = ava.command(1, "SetResolutionEstimate", {{"ticket_id", id}, {"estimate", estimate}, {"note", "The bank confirms within three days"}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  CHECK(json_of(r)["events"][0]["type"] == "ResolutionEstimated");
  const auto follow_up = now_ms() + 24LL * 3'600'000;
  REQUIRE(ava.command(1, "WaitOnThirdParty", {{"ticket_id", id}, {"party", "First Bank"}, {"reference", "Case 9"}, {"follow_up_at", follow_up}})->status ==
          200);
  CHECK(ava.command(1, "AcceptThirdPartyWait", {{"ticket_id", id}})->status == 403); // the business accepts
  CHECK(jordan.command(1, "AcceptThirdPartyWait", {{"ticket_id", id}})->status == 403);
  REQUIRE(daniel.command(1, "AcceptThirdPartyWait", {{"ticket_id", id}})->status == 200);

  const auto seen = ticket(jordan, id);
  CHECK(seen["progress"]["estimate"] == estimate);
  CHECK(seen["progress"]["estimate_note"] == "The bank confirms within three days");
  CHECK(seen["progress"]["third_party"] == "First Bank");
  CHECK(seen["progress"]["third_party_reference"] == "Case 9");
  CHECK(seen["progress"]["wait_accepted"] == true);
  CHECK(seen["progress"]["update_due"].get<std::int64_t>() > now_ms());
  const auto desk = ticket(daniel, id);
  CHECK(desk["sla"]["held"] == true);
  CHECK(desk["sla"]["resolution_due"] == 0);
  const auto& audit = seen["audit"];
  CHECK(std::any_of(audit.begin(), audit.end(), [](const json& a) { return a["kind"] == "progress"; }));

  REQUIRE(ava.command(1, "EndThirdPartyWait", {{"ticket_id", id}})->status == 200);
  const auto after = ticket(daniel, id);
  CHECK(after["sla"]["held"] == false);
  CHECK(after["sla"]["resolution_due"].get<std::int64_t>() > 0);
  CHECK(after["progress"]["third_party"] == "");
}

TEST_CASE("bad progress input names its field; a closed ticket takes none") {
  Session jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test");
  const auto id = open_ticket(jordan, "Payout again");
  auto field_of = [&](const char* type, json data) {
    auto r = ava.command(1, type, data);
    REQUIRE(r);
    CHECK(r->status == 400);
    return json_of(r)["error"]["field"].get<std::string>();
  };
  CHECK(field_of("SetResolutionEstimate", {{"ticket_id", id}, {"estimate", now_ms() - 1000}}) == "data.estimate");
  CHECK(field_of("SetResolutionEstimate", {{"ticket_id", id}, {"estimate", "soon"}}) == "data.estimate");
  CHECK(field_of("WaitOnThirdParty", {{"ticket_id", id}, {"party", ""}, {"follow_up_at", now_ms() + 3'600'000}}) == "data.party");
  CHECK(field_of("WaitOnThirdParty", {{"ticket_id", id}, {"party", "Bank"}, {"follow_up_at", now_ms() + 100LL * 24 * 3'600'000}}) ==
        "data.follow_up_at");
  CHECK(jordan.command(1, "SetResolutionEstimate", {{"ticket_id", id}, {"estimate", now_ms() + 3'600'000}})->status == 403);
  REQUIRE(jordan.command(1, "CloseTicket", {{"ticket_id", id}})->status == 200);
  CHECK(ava.command(1, "SetResolutionEstimate", {{"ticket_id", id}, {"estimate", now_ms() + 3'600'000}})->status == 409);
}

} // namespace test_server_progress_api
