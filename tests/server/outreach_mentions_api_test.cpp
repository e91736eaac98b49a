// Proactive outreach and the mention rule over HTTP (seed 002 sections 6 and 7), on the demo:
// the business writes first to a customer, who finds a ticket waiting on them; the template's
// unfilled placeholders, another agent's customer and a customer sending it are refused; the
// messages behind the mention counts equal the counts; the word lists are checked field by field.
#include "api_client.hpp"

#include "shared/domain/support/support_metrics.hpp"

#include <doctest/doctest.h>

#include <ctime>

namespace test_server_outreach_mentions_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

std::int64_t customer_with_email(Session& business, const std::string& email) {
  const auto snapshot = json_of(business.get("/api/v1/programs/1/snapshot"));
  for (const auto& c : snapshot["customers"])
    if (c["profile"]["email"] == email) return c["id"].get<std::int64_t>();
  return 0;
}

} // namespace

TEST_CASE("the business reaches out to a customer, who finds the message waiting on their answer") {
  ServerProcess server;
  Session daniel(server, "staff@acme.test"), priya(server, "priya@acme.test"), jordan(server, "customer@acme.test");
  const auto jordan_c = customer_with_email(daniel, "customer@acme.test");
  REQUIRE(jordan_c != 0);
  const json plain = {{"customer_id", jordan_c}, {"subject", "Checking in from Acme"}, {"text", "Hi Jordan, how are the scheduled exports working out?"}};

  CHECK(jordan.command(1, "ReachOut", plain)->status == 403);
  auto other = priya.command(1, "ReachOut", plain); // Jordan is Ava's customer
  REQUIRE(other->status == 404);
  CHECK(json_of(other)["error"]["field"] == "data.customer_id");
  auto unfilled = daniel.command(1, "ReachOut", {{"customer_id", jordan_c}, {"subject", "Checking in"}, {"template_id", 6},
                                                 {"text", "Hi Jordan,\n\nA few things that might help:\n- [Feature they're not using]"}});
  REQUIRE(unfilled->status == 400);
  CHECK(json_of(unfilled)["error"]["field"] == "data.text");
  auto empty = daniel.command(1, "ReachOut", {{"customer_id", jordan_c}, {"subject", ""}, {"text", "Hi"}});
  REQUIRE(empty->status == 400);
  CHECK(json_of(empty)["error"]["field"] == "data.subject");

  auto sent = daniel.command(1, "ReachOut", plain);
  REQUIRE(sent->status == 200);
  const auto id = json_of(sent)["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  auto seen = jordan.get("/api/v1/programs/1/tickets/" + std::to_string(id));
  REQUIRE(seen->status == 200);
  const auto t = json_of(seen);
  CHECK(t["status"] == "waiting_on_customer");
  CHECK(t["outreach"] == true);
  CHECK(t["messages"][0]["text"] == plain["text"]);
  REQUIRE(jordan.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Going well, thanks!"}})->status == 200);
}

TEST_CASE("the messages behind the mention counts equal the counts, and the word lists are checked field by field") {
  ServerProcess server;
  Session maya(server, "owner@acme.test"), ava(server, "agent@acme.test"), jordan(server, "customer@acme.test");
  const auto now = static_cast<std::int64_t>(std::time(nullptr)) * 1000;
  const auto from = pd::domain::week_label(pd::domain::week_of(now) - 11), to = pd::domain::week_label(pd::domain::week_of(now));
  const auto range = "from=" + from + "&to=" + to;
  const auto metrics = json_of(maya.get("/api/v1/programs/1/support/metrics?" + range))["current"]["satisfaction"];
  for (const char* kind : {"positive", "negative"}) {
    auto hits = maya.get("/api/v1/programs/1/support/mentions?kind=" + std::string(kind) + "&" + range + "&limit=500");
    REQUIRE(hits->status == 200);
    const auto body = json_of(hits);
    CHECK(body["total"] == metrics[std::string(kind) + "_mentions"]);
    CHECK(body["total"].get<int>() > 0); // twelve weeks of the demo's tickets
    CHECK(body["mentions"].size() == body["total"].get<std::size_t>());
    CHECK_FALSE(body["mentions"][0]["word"].get<std::string>().empty());
  }
  auto bad = maya.get("/api/v1/programs/1/support/mentions?kind=sideways");
  REQUIRE(bad->status == 400);
  CHECK(json_of(bad)["error"]["field"] == "kind");
  CHECK(maya.get("/api/v1/programs/1/support/mentions?kind=positive&limit=0")->status == 400);
  CHECK(jordan.get("/api/v1/programs/1/support/mentions?kind=positive")->status == 403);
  CHECK(ava.get("/api/v1/programs/1/support/mentions?kind=positive")->status == 403); // the whole program
  CHECK(ava.get("/api/v1/programs/1/support/mentions?kind=positive&scope=agent:" +
                std::to_string(json_of(ava.get("/api/v1/me"))["person"]["id"].get<std::int64_t>()))
            ->status == 200);

  // The word lists: owners and admins, every field checked.
  const json lists = {{{"language", "en"}, {"positive", {"lifesaver"}}, {"negative", {"slow*", "broken"}}}};
  CHECK(ava.command(1, "ChangeMentionWords", {{"lists", lists}})->status == 403);
  auto two_words = maya.command(1, "ChangeMentionWords", {{"lists", {{{"language", "en"}, {"positive", {"very good"}}, {"negative", json::array()}}}}});
  REQUIRE(two_words->status == 400);
  CHECK(json_of(two_words)["error"]["field"] == "data.lists[0].positive[0]");
  auto unknown = maya.command(1, "ChangeMentionWords", {{"lists", {{{"language", "en"}, {"positive", json::array()}, {"negative", json::array()}, {"x", 1}}}}});
  CHECK(unknown->status == 400);
  REQUIRE(maya.command(1, "ChangeMentionWords", {{"lists", lists}})->status == 200);
  const auto after = json_of(maya.get("/api/v1/programs/1/snapshot"))["mention_lists"];
  CHECK(after == lists);
  // Customers never see the lists.
  auto customer_view = json_of(jordan.get("/api/v1/programs/1/snapshot"));
  CHECK(customer_view["mention_lists"].empty());
}

} // namespace test_server_outreach_mentions_api
