// Retention periods over real HTTP (docs/api.md, "Retention periods"): an owner sets them; once a
// closed ticket is older than the period (the server's clock moved by libfaketime), the
// scheduler erases its text and removes its files: no byte of it remains in the database file,
// its write-ahead log, a backup taken then or the files, while the open ticket, the ticket's
// dates and the metrics stay; the server started again on the same data shows the same.
#include "api_client.hpp"
#include "own_support_program.hpp"
#include "raw_files.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <thread>

namespace test_server_data_retention { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

// The snapshot's ticket `id`, or null.
const json* ticket_in(const json& snapshot, std::int64_t id) {
  for (const auto& t : snapshot["tickets"])
    if (t["id"] == id) return &t;
  return nullptr;
}

} // namespace

TEST_CASE("a closed ticket past the retention period is in no byte of the database, a backup or the files; the rest stays") {
  ShiftableClock clock;
  OwnSupportProgram p(clock.env());
  const std::string file_bytes = "Wombat statement 7731: balance due\n";
  const auto sha = p.upload(*p.customer, "wombat-7731.txt", file_bytes);
  auto opened = p.ok(*p.customer, "OpenTicket",
                     {{"subject", "Wombat invoice disputed"},
                      {"text", "Invoice 7731 charges us for the Numbat seats we cancelled."},
                      {"category", "billing"},
                      {"attachments", json::array({{{"name", "wombat-7731.txt"}, {"content_type", "text/plain"}, {"size", file_bytes.size()}, {"sha256", sha}}})}});
  const auto ticket = opened["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  p.ok(*p.agent, "ReplyToTicket", {{"ticket_id", ticket}, {"text", "Credited the Numbat seats on invoice 7731."}});
  p.ok(*p.customer, "CloseTicket", {{"ticket_id", ticket}});
  const auto kept = p.ok(*p.customer, "OpenTicket", {{"subject", "Platypus report question"}, {"text", "Where is the Platypus report?"}, {"category", "how-to"}});
  const auto open_ticket = kept["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  const auto metrics_before = p.get(*p.owner, "/support/metrics");

  // Only an owner or admin, within the bounds; the agent may not.
  auto short_period = p.owner->command(p.id, "SetDataRetention", {{"closed_ticket_days", 29}, {"attachment_days", 0}});
  CHECK(short_period->status == 400);
  CHECK(json_of(short_period)["error"]["field"] == "data.closed_ticket_days");
  CHECK(p.agent->command(p.id, "SetDataRetention", {{"closed_ticket_days", 30}, {"attachment_days", 0}})->status == 403);
  auto set = p.ok(*p.owner, "SetDataRetention", {{"closed_ticket_days", 30}, {"attachment_days", 0}});
  CHECK(set["events"][0]["type"] == "DataRetentionSet");
  CHECK(p.get(*p.customer, "/snapshot")["erasure"]["retention"]["closed_ticket_days"] == 30); // the customer is told

  // A month and a day later the scheduler's pass expires the closed ticket.
  clock.shift("+31d");
  Session owner(p.server, "olga@support.test", "a-long-password");
  json live;
  for (int i = 0; i < 400; ++i) {
    live = json::parse(owner.get(p.path("/snapshot"))->body);
    const auto* t = ticket_in(live, ticket);
    if (t && t->value("text_expired_at", 0) != 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto* expired = ticket_in(live, ticket);
  REQUIRE(expired);
  REQUIRE(expired->value("text_expired_at", 0) != 0);
  CHECK((*expired)["subject"] == "(erased)");
  CHECK((*expired)["status"] == "closed");
  CHECK((*expired)["messages"].size() >= 2);
  CHECK((*expired)["messages"][0]["attachments"][0]["name"] == "(erased)");
  CHECK((*expired)["messages"][0]["attachments"][0]["sha256"] == "");
  const auto* still = ticket_in(live, open_ticket);
  REQUIRE(still);
  CHECK((*still)["subject"] == "Platypus report question");
  for (const char* gone : {"Wombat", "Numbat", "statement 7731"}) {
    INFO(gone);
    CHECK(live.dump().find(gone) == std::string::npos);
  }
  CHECK(owner.get(p.path("/files/") + sha)->status == 404);
  // The week the tickets were written in counts them as before.
  const auto week = metrics_before["current"]["week_of"].get<std::string>();
  const auto metrics_after = json::parse(owner.get(p.path("/support/metrics?from=" + week + "&to=" + week))->body);
  REQUIRE(metrics_before["current"]["volume"]["total_tickets"] == 2);
  CHECK(metrics_after["current"]["volume"] == metrics_before["current"]["volume"]);
  // A rating is refused now: the ticket takes no new text.
  Session customer(p.server, "li@harborline.test", "a-long-password");
  auto rating = customer.command(p.id, "RateTicket", {{"ticket_id", ticket}, {"responsiveness", 5}, {"knowledge", 5}, {"professionalism", 5}, {"overall", 5}});
  CHECK(rating->status == 409);

  // A backup taken now, then the raw files of the stopped server: no byte of the ticket.
  const auto backup = p.server.data_dir().parent_path() / "after-retention.db";
  const auto backed_up = run_server_command({"backup", "--data", p.server.data_dir().string(), "--to", backup.string()});
  INFO(backed_up.second);
  REQUIRE(backed_up.first == 0);
  const auto data_dir = p.server.data_dir();
  live = json::parse(owner.get(p.path("/snapshot"))->body);
  REQUIRE(p.server.stop() == 0);
  for (const char* gone : {"Wombat", "Numbat", "statement 7731", "wombat-7731"}) {
    INFO(gone);
    CHECK(files_holding(data_dir, gone).empty());
    CHECK(bytes_of(backup).find(gone) == std::string::npos);
  }
  CHECK_FALSE(files_holding(data_dir, "Platypus").empty()); // the open ticket is still there

  // Started again on the same data: the replay of the log reads the expired ticket (and what the
  // team was told of it) as the live server showed it. (The rest of the state is not compared:
  // the scheduler's passes after a month go on writing about the open ticket.)
  ServerProcess again({"--data", data_dir.string()}, false, {}, clock.env());
  Session owner_again(again, "olga@support.test", "a-long-password");
  auto replayed = owner_again.get(p.path("/snapshot"));
  REQUIRE(replayed->status == 200);
  const auto replayed_json = json::parse(replayed->body);
  const auto* replayed_ticket = ticket_in(replayed_json, ticket);
  REQUIRE(replayed_ticket);
  CHECK(*replayed_ticket == *ticket_in(live, ticket));
  CHECK(replayed_json["erasure"] == live["erasure"]);
}

} // namespace test_server_data_retention
