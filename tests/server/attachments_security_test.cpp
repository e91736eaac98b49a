// Attachments and uploads, tried as an attacker would: a file is attached only by someone who
// may read it (so attaching never grants access), uploads stay within the program's and each
// person's limits, pieces sent at once never write past the declared size, and an abandoned
// upload is removed with its bytes. Against the demo program, each test with its own files.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

namespace test_server_attachments_security { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

ServerProcess& server() {
  static ServerProcess s;
  return s;
}

// Small limits: a customer or agent 1 MiB, the program 3 MiB.
ServerProcess& small_quota_server() {
  static ServerProcess s({"--upload-quota-person-mb", "1", "--upload-quota-program-mb", "3"});
  return s;
}

// Uploads expire after 3 seconds without a piece; a customer or agent may hold 1 MiB.
ServerProcess& expiring_server() {
  static ServerProcess s({"--upload-expiry-seconds", "3", "--upload-quota-person-mb", "1"});
  return s;
}

constexpr std::int64_t kib = 1024;

// Content nobody else uploads: the test's name and a counter.
std::string unique_text(const std::string& what) {
  static std::atomic<int> n{0};
  return what + " " + std::to_string(::getpid()) + "-" + std::to_string(++n) + "\n";
}

std::string unique_email() {
  static std::atomic<int> n{0};
  return "attach-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + "@attach.test";
}

httplib::Headers raw_headers(const Session& s) { return {{"Cookie", s.cookie()}, {"X-Requested-With", "partnerdesk"}}; }

httplib::Result begin_upload(Session& s, const std::string& name, const std::string& type, std::int64_t size, const char* purpose = nullptr) {
  json body{{"name", name}, {"content_type", type}, {"size", size}};
  if (purpose) body["purpose"] = purpose;
  return s.post("/api/v1/programs/1/uploads", body);
}

// The whole upload in one piece; returns the file's sha256.
std::string upload(const ServerProcess& srv, Session& s, const std::string& name, const std::string& type, const std::string& bytes,
                   const char* purpose = nullptr) {
  auto begun = begin_upload(s, name, type, static_cast<std::int64_t>(bytes.size()), purpose);
  REQUIRE(begun);
  REQUIRE(begun->status == 201);
  const auto base = "/api/v1/programs/1/uploads/" + json_of(begun)["upload_id"].get<std::string>();
  httplib::Client raw("127.0.0.1", srv.port());
  auto piece = raw.Put(base + "?offset=0", raw_headers(s), bytes, "application/octet-stream");
  REQUIRE(piece);
  REQUIRE(piece->status == 200);
  auto done = raw.Post(base + "/complete", raw_headers(s), "", "application/json");
  REQUIRE(done);
  REQUIRE(done->status == 200);
  return json_of(done)["sha256"].get<std::string>();
}

json attachment(const std::string& sha, const std::string& name = "file.txt") {
  return json::array({{{"name", name}, {"content_type", "text/plain"}, {"size", 1}, {"sha256", sha}}});
}

std::string file_url(const std::string& sha) { return "/api/v1/programs/1/files/" + sha; }

std::int64_t add_customer(Session& business, const std::string& name, std::int64_t agent) {
  auto added = business.command(1, "AddCustomer", {{"profile",
                                                    {{"name", name},
                                                     {"email", unique_email()},
                                                     {"segment", "Growth"},
                                                     {"subscription", "active"},
                                                     {"started_on", "2026-01-05"},
                                                     {"mrr", {{"minor", 5000}, {"currency", "USD"}}}}}});
  REQUIRE(added->status == 200);
  const auto id = json_of(added)["events"][0]["data"]["customer_id"].get<std::int64_t>();
  REQUIRE(business.command(1, "AssignCustomer", {{"customer_id", id}, {"agent_id", agent}})->status == 200);
  return id;
}

std::int64_t open_ticket(Session& s, std::int64_t customer, const std::string& subject, const json& attachments = json::array()) {
  auto opened = s.command(1, "OpenTicket", {{"customer_id", customer}, {"subject", subject}, {"text", "Details inside."}, {"attachments", attachments}});
  REQUIRE(opened->status == 200);
  return json_of(opened)["events"][0]["data"]["ticket_id"].get<std::int64_t>();
}

} // namespace

TEST_CASE("an agent cannot regain a file of a customer it no longer serves by attaching its hash") {
  Session maya(server(), "owner@acme.test"), ava(server(), "agent@acme.test");
  const auto first = add_customer(maya, "Former Co", ava.person_id());
  const auto second = add_customer(maya, "Current Co", ava.person_id());
  const auto sha = upload(server(), maya, "contract.txt", "text/plain", unique_text("the former customer's contract"));
  open_ticket(maya, first, "Contract questions", attachment(sha, "contract.txt"));
  const auto current = open_ticket(maya, second, "Onboarding");
  REQUIRE(ava.get(file_url(sha))->status == 200); // while Ava serves the customer

  REQUIRE(maya.command(1, "AssignCustomer", {{"customer_id", first}, {"agent_id", 0}})->status == 200);
  REQUIRE(ava.get(file_url(sha))->status == 404);

  for (bool internal : {false, true}) {
    auto sneaked = ava.command(1, "ReplyToTicket", {{"ticket_id", current}, {"text", "see attached"}, {"internal", internal}, {"attachments", attachment(sha)}});
    REQUIRE(sneaked);
    CHECK(sneaked->status == 400);
    CHECK(json_of(sneaked)["error"]["field"] == "data.attachments[0].sha256");
  }
  CHECK(ava.get(file_url(sha))->status == 404);
  CHECK(json_of(maya.get("/api/v1/programs/1/tickets/" + std::to_string(current)))["messages"].size() == 2); // the opening message and the automatic acknowledgement: nothing was added
}

TEST_CASE("a customer cannot attach a business-only training PDF by its hash and then read it") {
  Session maya(server(), "owner@acme.test"), jordan(server(), "customer@acme.test");
  const auto pdf = "%PDF-1.4\n" + unique_text("internal escalation playbook") + "%%EOF\n";
  const auto sha = upload(server(), maya, "playbook.pdf", "application/pdf", pdf, "training");
  auto saved = maya.command(1, "SaveTrainingModule", {{"module",
                                                        {{"kind", "pdf"},
                                                         {"title", "Escalation playbook"},
                                                         {"required", false},
                                                         {"file", {{"name", "playbook.pdf"}, {"content_type", "application/pdf"}, {"size", 1}, {"sha256", sha}}}}}});
  REQUIRE(saved->status == 200);
  CHECK(json_of(saved)["events"][0]["data"]["module"]["file"]["size"] == pdf.size()); // from the store, not the request
  REQUIRE(jordan.get(file_url(sha))->status == 404);

  auto sneaked = jordan.command(1, "OpenTicket", {{"subject", "A question"}, {"text", "see attached"}, {"attachments", attachment(sha, "playbook.pdf")}});
  REQUIRE(sneaked);
  CHECK(sneaked->status == 400);
  CHECK(json_of(sneaked)["error"]["field"] == "data.attachments[0].sha256");
  CHECK(jordan.get(file_url(sha))->status == 404);

  // A training module takes only a file of the program its author may read.
  auto phantom = maya.command(1, "SaveTrainingModule", {{"module",
                                                          {{"kind", "pdf"},
                                                           {"title", "Phantom"},
                                                           {"file", {{"name", "x.pdf"}, {"content_type", "application/pdf"}, {"size", 10},
                                                                     {"sha256", std::string(64, 'b')}}}}}});
  CHECK(phantom->status == 400);
  CHECK(json_of(phantom)["error"]["field"] == "data.module.file.sha256");
}

TEST_CASE("attaching your own upload works, also when someone else uploaded the same bytes first") {
  Session maya(server(), "owner@acme.test"), jordan(server(), "customer@acme.test"), ava(server(), "agent@acme.test");
  const auto bytes = unique_text("a screenshot both of them had");
  const auto first = upload(server(), maya, "shared.txt", "text/plain", bytes);
  const auto again = upload(server(), jordan, "mine.txt", "text/plain", bytes);
  REQUIRE(again == first); // stored once
  auto opened = jordan.command(1, "OpenTicket", {{"subject", "My screenshot"}, {"text", "attached"}, {"attachments", attachment(again, "mine.txt")}});
  REQUIRE(opened->status == 200);
  CHECK(jordan.get(file_url(again))->body == bytes);
  CHECK(ava.get(file_url(again))->status == 200); // Jordan's agent, through the ticket
}

TEST_CASE("uploads past the program's or a person's limit are refused with the field named, counting files and uploads in progress") {
  auto& srv = small_quota_server();
  Session maya(srv, "owner@acme.test"), jordan(srv, "customer@acme.test"), ava(srv, "agent@acme.test");
  // Jordan stores 700 KiB; another 400 KiB would pass his 1 MiB.
  upload(srv, jordan, "export.txt", "text/plain", std::string(700 * kib - 1, 'x') + "\n");
  auto over = begin_upload(jordan, "more.txt", "text/plain", 400 * kib);
  REQUIRE(over);
  CHECK(over->status == 413);
  CHECK(json_of(over)["error"]["field"] == "size");
  CHECK(json_of(over)["error"]["message"].get<std::string>().find("1 MB") != std::string::npos);
  CHECK(begin_upload(jordan, "small.txt", "text/plain", 300 * kib)->status == 201); // what is left still fits

  // Reserved bytes count: Ava's 900 KiB in progress.
  REQUIRE(begin_upload(ava, "logs.txt", "text/plain", 900 * kib)->status == 201);
  CHECK(begin_upload(ava, "logs2.txt", "text/plain", 200 * kib)->status == 413);
  // The business is bounded by the program only: 1,100 KiB fits (3,000 of 3,072 KiB), 300 KiB more does not.
  REQUIRE(begin_upload(maya, "deck.pdf", "application/pdf", 1100 * kib)->status == 201);
  auto full = begin_upload(maya, "extra.pdf", "application/pdf", 300 * kib);
  REQUIRE(full);
  CHECK(full->status == 413);
  CHECK(json_of(full)["error"]["field"] == "size");
  CHECK(json_of(full)["error"]["message"].get<std::string>().find("program") != std::string::npos);
}

TEST_CASE("pieces sent at the same offset at once never write past the declared size") {
  Session jordan(server(), "customer@acme.test");
  const auto content = "%PDF-1.4\n" + std::string(900 * kib, 'p') + unique_text("end") + "%%EOF\n"; // one piece, under the body limit
  auto begun = begin_upload(jordan, "race.pdf", "application/pdf", static_cast<std::int64_t>(content.size()));
  REQUIRE(begun->status == 201);
  const auto base = "/api/v1/programs/1/uploads/" + json_of(begun)["upload_id"].get<std::string>();
  constexpr int senders = 16;
  std::latch ready(senders);
  std::atomic<int> accepted{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < senders; ++i)
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", server().port());
      c.set_read_timeout(30, 0);
      c.set_write_timeout(30, 0);
      ready.arrive_and_wait();
      auto r = c.Put(base + "?offset=0", raw_headers(jordan), content, "application/octet-stream");
      if (r && r->status == 200) ++accepted;
      else if (r && r->status == 409) ++conflicts;
      else ++other;
    });
  for (auto& t : threads) t.join();
  CHECK(accepted == 1);
  CHECK(conflicts == senders - 1);
  CHECK(other == 0);
  httplib::Client raw("127.0.0.1", server().port());
  auto done = raw.Post(base + "/complete", raw_headers(jordan), "", "application/json");
  REQUIRE(done);
  REQUIRE(done->status == 200);
  CHECK(json_of(done)["size"] == content.size());
  auto served = jordan.get(file_url(json_of(done)["sha256"].get<std::string>()));
  REQUIRE(served->status == 200);
  CHECK(served->body.size() == content.size());
  CHECK(served->body == content);
}

TEST_CASE("an upload without a new piece expires: its part file is removed and its bytes are free again") {
  auto& srv = expiring_server();
  Session maya(srv, "owner@acme.test"), jordan(srv, "customer@acme.test"), ava(srv, "agent@acme.test");
  // Jordan reserves 900 KiB of his 1 MiB and sends a first piece; Ava begins one and sends nothing.
  auto begun = begin_upload(jordan, "big.txt", "text/plain", 900 * kib);
  REQUIRE(begun->status == 201);
  const auto jordans = json_of(begun)["upload_id"].get<std::string>();
  httplib::Client raw("127.0.0.1", srv.port());
  REQUIRE(raw.Put("/api/v1/programs/1/uploads/" + jordans + "?offset=0", raw_headers(jordan), std::string(1000, 'a'), "application/octet-stream")
              ->status == 200);
  auto abandoned = begin_upload(ava, "never.txt", "text/plain", 5000);
  REQUIRE(abandoned->status == 201);
  const auto avas = json_of(abandoned)["upload_id"].get<std::string>();
  const auto part = [&](const std::string& id) { return srv.data_dir() / "uploads" / (id + ".part"); };
  REQUIRE(std::filesystem::exists(part(jordans)));
  REQUIRE(std::filesystem::exists(part(avas)));
  CHECK(begin_upload(jordan, "second.txt", "text/plain", 900 * kib)->status == 413); // still reserved

  // Nobody touches either upload; other people's uploads begin meanwhile (when expired ones are
  // removed). Wait, bounded, until both part files are gone.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while ((std::filesystem::exists(part(jordans)) || std::filesystem::exists(part(avas))) && std::chrono::steady_clock::now() < deadline) {
    REQUIRE(begin_upload(maya, "tick.txt", "text/plain", 10)->status == 201);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK_FALSE(std::filesystem::exists(part(jordans)));
  CHECK_FALSE(std::filesystem::exists(part(avas)));
  auto late = raw.Put("/api/v1/programs/1/uploads/" + jordans + "?offset=1000", raw_headers(jordan), std::string(10, 'a'), "application/octet-stream");
  CHECK(late->status == 404);
  CHECK(json_of(late)["error"]["field"] == "upload_id");
  CHECK(raw.Post("/api/v1/programs/1/uploads/" + avas + "/complete", raw_headers(ava), "", "application/json")->status == 404);
  CHECK(begin_upload(jordan, "second.txt", "text/plain", 900 * kib)->status == 201); // the reservation is free again
}

} // namespace test_server_attachments_security
