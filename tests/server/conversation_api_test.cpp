// Calls and chats over HTTP (docs/api.md "Calls and chats"): the agent logs a call; the customer
// reads the written summary in the thread and never the call notes, in the ticket or the event
// feed; the customer may not log one; bad input names its field.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace test_server_conversation_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s;
  return s;
}

std::int64_t open_ticket(Session& customer, const std::string& subject) {
  auto r = customer.command(1, "OpenTicket", {{"subject", subject}, {"text", "Our CSV export stops at 80%."}, {"category", "bug"}});
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

std::string feed_text(Session& reader) {
  std::string all;
  for (std::int64_t after = 0;;) {
    auto r = reader.get("/api/v1/programs/1/events?limit=1000&after=" + std::to_string(after));
    REQUIRE(r->status == 200);
    const auto page = json_of(r);
    all += page["events"].dump();
    const auto next = page["next_after"].get<std::int64_t>();
    if (next <= after) return all;
    after = next;
  }
}

const char* const notes = "Jordan read out the job id 7f3a-cafe; export has 41,000 rows.";
const char* const summary = "Thanks for the call, Jordan. We agreed to export by month until the limit is raised on Friday.";
} // namespace

TEST_CASE("the agent logs a call: the customer reads the summary in the thread, never the notes") {
  Session jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test");
  const auto id = open_ticket(jordan, "Export stops at 80 percent");
  auto r = ava.command(1, "LogConversation",
                       {{"ticket_id", id}, {"channel", "phone"}, {"duration_minutes", 9}, {"record", notes}, {"summary", summary}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  const auto answer = json_of(r);
  REQUIRE(answer["events"].size() == 2);
  CHECK(answer["events"][0]["data"]["message"]["kind"] == "internal_note");
  CHECK(answer["events"][1]["data"]["message"]["kind"] == "reply");

  const auto seen = ticket(jordan, id);
  const auto& messages = seen["messages"];
  CHECK(std::any_of(messages.begin(), messages.end(), [](const json& m) {
    return m["text"] == summary && m["channel"] == "phone" && m["duration_minutes"] == 9 && m["summary_of"].get<std::int64_t>() > 0;
  }));
  CHECK(seen.dump().find("7f3a-cafe") == std::string::npos);
  CHECK(seen["status"] == "waiting_on_customer");
  CHECK(feed_text(jordan).find("7f3a-cafe") == std::string::npos);
  CHECK(feed_text(ava).find("7f3a-cafe") != std::string::npos);
  CHECK(ticket(ava, id).dump().find("7f3a-cafe") != std::string::npos);
}

TEST_CASE("a call is logged by the agent or the business only, on an open ticket, and bad input names its field") {
  Session jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test");
  const auto id = open_ticket(jordan, "Export again");
  const json good = {{"ticket_id", id}, {"channel", "chat"}, {"record", "[10:01] Jordan: hi"}, {"summary", "We spoke on chat."}};
  auto by_customer = jordan.command(1, "LogConversation", good);
  CHECK(by_customer->status == 403);

  auto bad = [&](const char* key, json value, const char* field) {
    auto body = good;
    body[key] = std::move(value);
    auto r = ava.command(1, "LogConversation", body);
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(json_of(r)["error"]["field"] == field);
  };
  bad("channel", "fax", "data.channel");
  bad("summary", "", "data.summary");
  bad("record", std::string(100'001, 'x'), "data.record");
  bad("duration_minutes", 100'000, "data.duration_minutes");
  bad("ticket_id", "one", "data.ticket_id");

  REQUIRE(jordan.command(1, "CloseTicket", {{"ticket_id", id}})->status == 200);
  auto closed = ava.command(1, "LogConversation", good);
  CHECK(closed->status == 409);
}

} // namespace test_server_conversation_api
