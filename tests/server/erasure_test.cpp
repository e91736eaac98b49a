// Erasure over real HTTP (docs/api.md, "Erasure of a customer's data"): the customer asks, confirms
// from the mailed link without signing in, an owner approves; afterwards no byte of the
// customer's personal data is in the database file, its write-ahead log, a backup taken then, or
// the uploaded files, while its tickets, amounts and the metrics stay; the server started again
// on the same data (a replay of the log) shows exactly what the live server showed.
#include "api_client.hpp"
#include "own_support_program.hpp"
#include "raw_files.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace test_server_erasure { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

// The erasure link's token from the mail the customer got.
std::string erasure_token(const SmtpSink& sink, const std::string& to) {
  const std::string marker = "/#/erasure/";
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < until) {
    for (const auto& m : sink.messages()) {
      if (mail_header(m, "To").find(to) == std::string::npos) continue;
      const auto text = mail_text(m);
      const auto at = text.find(marker);
      if (at == std::string::npos) continue;
      auto end = text.find_first_of(" \r\n\"<", at + marker.size());
      return text.substr(at + marker.size(), end - at - marker.size());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return {};
}

} // namespace

TEST_CASE("an erased customer is in no byte of the database, its log, a backup or the files; amounts and metrics stay; a replay shows the same") {
  OwnSupportProgram p;
  const std::string file_bytes = "Quokka ledger 5521: the card ends 4242\n";
  const auto sha = p.upload(*p.customer, "quokka-invoice-5521.txt", file_bytes);
  auto opened = p.ok(*p.customer, "OpenTicket",
                     {{"subject", "Zanzibar export fails"},
                      {"text", "My passport number is QX-88123 and the export fails."},
                      {"category", "billing"},
                      {"attachments", json::array({{{"name", "quokka-invoice-5521.txt"}, {"content_type", "text/plain"}, {"size", file_bytes.size()}, {"sha256", sha}}})}});
  const auto ticket = opened["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  p.ok(*p.agent, "ReplyToTicket", {{"ticket_id", ticket}, {"text", "Hello Li Wei, checking QX-88123 now."}});
  p.ok(*p.agent, "ReplyToTicket", {{"ticket_id", ticket}, {"text", "Note: Li Wei sounds upset about QX-88123."}, {"internal", true}});
  const auto metrics_before = p.get(*p.owner, "/support/metrics");
  REQUIRE(metrics_before["current"]["volume"]["total_tickets"] == 1);

  // The customer asks; the business sees the request waiting for the customer's confirmation.
  auto asked = p.ok(*p.customer, "RequestErasure", {{"customer_id", p.customer_id}, {"note", "Please forget the Zanzibar matter"}});
  const auto erasure_id = asked["events"][0]["data"]["request"]["id"].get<std::int64_t>();
  CHECK(asked["events"][0]["data"]["request"]["status"] == "awaiting_confirmation");
  auto early = p.owner->command(p.id, "DecideErasure", {{"erasure_id", erasure_id}, {"approve", true}});
  CHECK(early->status == 409); // not confirmed yet
  // The command of the link cannot come through the API.
  auto forged = p.customer->command(p.id, "ConfirmErasure", {{"erasure_id", erasure_id}});
  CHECK(forged->status == 400);
  CHECK(json_of(forged)["error"]["field"] == "type");

  // The mailed link confirms it, without signing in; a changed token does not.
  const auto token = erasure_token(p.sink, "li@harborline.test");
  REQUIRE_FALSE(token.empty());
  Session anon(p.server);
  auto bad = anon.post("/api/v1/erasure/confirm", {{"token", token.substr(0, token.size() - 1) + (token.back() == '0' ? "1" : "0")}});
  CHECK(bad->status == 400);
  CHECK(json_of(bad)["error"]["field"] == "token");
  auto confirmed = anon.post("/api/v1/erasure/confirm", {{"token", token}});
  REQUIRE(confirmed->status == 200);
  CHECK(json_of(confirmed)["erasure_id"] == erasure_id);

  // Staff may not decide; the owner approves.
  auto by_staff = p.agent->command(p.id, "DecideErasure", {{"erasure_id", erasure_id}, {"approve", true}});
  CHECK(by_staff->status == 403);
  auto erased = p.ok(*p.owner, "DecideErasure", {{"erasure_id", erasure_id}, {"approve", true}});
  CHECK(erased["events"][0]["type"] == "CustomerErased");
  CHECK_FALSE(erased["events"][0]["data"]["report"]["erased"].empty());
  CHECK_FALSE(erased["events"][0]["data"]["report"]["kept"].empty());

  // What the business reads now: the record and the ticket remain, without the personal data.
  const auto customer = p.get(*p.owner, "/customers/" + std::to_string(p.customer_id));
  INFO(customer.dump());
  CHECK(customer.dump().find("Li Wei") == std::string::npos);
  CHECK(customer.dump().find("Erased customer #" + std::to_string(p.customer_id)) != std::string::npos);
  const auto snapshot = p.get(*p.owner, "/snapshot");
  const auto text = snapshot.dump();
  for (const char* gone : {"Li Wei", "li@harborline.test", "Zanzibar", "QX-88123", "quokka-invoice", "forget the"}) {
    INFO(gone);
    CHECK(text.find(gone) == std::string::npos);
  }
  REQUIRE(snapshot["tickets"].size() == 1); // the ticket stays, without its words
  CHECK(snapshot["tickets"][0]["id"] == ticket);
  CHECK(snapshot["tickets"][0]["messages"].size() == 4);
  // The metrics count the same tickets as before.
  const auto metrics_after = p.get(*p.owner, "/support/metrics");
  CHECK(metrics_after["current"]["volume"] == metrics_before["current"]["volume"]);
  // The customer's account no longer signs in.
  auto signin = anon.post("/api/v1/session", {{"email", "li@harborline.test"}, {"password", "a-long-password"}});
  CHECK(signin->status == 401);
  // Its file is gone from the server.
  auto file = p.owner->get(p.path("/files/") + sha);
  CHECK(file->status == 404);

  // The state as the server leaves it: once its scheduler's first pass (this week's knowledge
  // hygiene) is in, nothing else is due.
  json live;
  for (int i = 0; i < 400; ++i) {
    live = p.get(*p.owner, "/snapshot");
    if (!live["knowledge"]["hygiene_weeks"].empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE_FALSE(live["knowledge"]["hygiene_weeks"].empty());

  // A backup taken now, then the raw files of the stopped server: no byte of the customer.
  const auto backup = p.server.data_dir().parent_path() / "after-erasure.db";
  const auto backed_up = run_server_command({"backup", "--data", p.server.data_dir().string(), "--to", backup.string()});
  INFO(backed_up.second);
  REQUIRE(backed_up.first == 0);
  const auto data_dir = p.server.data_dir();
  REQUIRE(p.server.stop() == 0);
  for (const char* gone : {"Li Wei", "li@harborline.test", "Zanzibar", "QX-88123", "Quokka ledger", "quokka-invoice", "forget the"}) {
    INFO(gone);
    CHECK(files_holding(data_dir, gone).empty());
    CHECK(bytes_of(backup).find(gone) == std::string::npos);
  }

  // Started again on the same data: the replay of the log shows what the live server showed.
  ServerProcess again({"--data", data_dir.string()}, false);
  Session owner(again, "olga@support.test", "a-long-password");
  auto replayed = owner.get(p.path("/snapshot"));
  REQUIRE(replayed->status == 200);
  const auto replayed_json = json::parse(replayed->body);
  for (auto it = live.begin(); it != live.end(); ++it) {
    const std::string key = it.key();
    if (key == "version") continue;
    INFO(key << ": " << it.value().dump().substr(0, 600) << "\n  replayed: " << replayed_json[key].dump().substr(0, 600));
    CHECK(replayed_json[key] == it.value());
  }
}

TEST_CASE("an owner asks to erase a customer who has no account; another owner's rejection is told with its reason") {
  OwnSupportProgram p;
  auto added = p.ok(*p.owner, "AddCustomer",
                    {{"profile",
                      {{"name", "Rafa Nadal-Ortiz"}, {"email", "rafa@ortiz.test"}, {"segment", "Growth"}, {"subscription", "active"},
                       {"started_on", "2026-04-01"}, {"mrr", {{"minor", 2500}, {"currency", "USD"}}}}}});
  const auto customer = added["events"][0]["data"]["customer_id"].get<std::int64_t>();
  // Staff may not ask; the owner's request needs no mailed confirmation.
  auto by_agent = p.agent->command(p.id, "RequestErasure", {{"customer_id", customer}});
  CHECK(by_agent->status == 403);
  auto asked = p.ok(*p.owner, "RequestErasure", {{"customer_id", customer}, {"note", "Asked by phone"}});
  const auto id = asked["events"][0]["data"]["request"]["id"].get<std::int64_t>();
  CHECK(asked["events"][0]["data"]["request"]["status"] == "awaiting_approval");
  auto twice = p.owner->command(p.id, "RequestErasure", {{"customer_id", customer}});
  CHECK(twice->status == 409);
  // A rejection needs its reason.
  auto no_reason = p.owner->command(p.id, "DecideErasure", {{"erasure_id", id}, {"approve", false}});
  CHECK(no_reason->status == 400);
  CHECK(json_of(no_reason)["error"]["field"] == "data.reason");
  auto rejected = p.ok(*p.owner, "DecideErasure", {{"erasure_id", id}, {"approve", false}, {"reason", "Open invoices must be settled first"}});
  CHECK(rejected["events"][0]["type"] == "ErasureRejected");
  const auto snapshot = p.get(*p.owner, "/snapshot");
  CHECK(snapshot.dump().find("Rafa Nadal-Ortiz") != std::string::npos); // nothing erased
  CHECK(snapshot["erasure"]["requests"][0]["status"] == "rejected");
  CHECK(snapshot["erasure"]["requests"][0]["reason"] == "Open invoices must be settled first");
}

TEST_CASE("a customer who asks in a ticket to delete its account gets the confirmation mail; the request waits in the queue") {
  OwnSupportProgram p;
  auto opened = p.ok(*p.customer, "OpenTicket",
                     {{"subject", "Goodbye"}, {"text", "Please delete my account and all my data."}, {"category", "account"}});
  bool requested = false;
  for (const auto& e : opened["events"])
    if (e["type"] == "ErasureRequested") {
      requested = true;
      CHECK(e["data"]["request"]["source"] == "ticket");
      CHECK(e["data"]["request"]["status"] == "awaiting_confirmation");
    }
  CHECK(requested);
  CHECK_FALSE(erasure_token(p.sink, "li@harborline.test").empty());
  // Saying it again in the thread does not make a second request.
  const auto ticket = opened["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  auto again = p.ok(*p.customer, "ReplyToTicket", {{"ticket_id", ticket}, {"text", "Did you delete my account yet?"}});
  for (const auto& e : again["events"]) CHECK(e["type"] != "ErasureRequested");
}

} // namespace test_server_erasure
