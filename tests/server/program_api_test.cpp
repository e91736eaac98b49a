// Commands over HTTP: idempotency, conflicts, invitations, sign-up, sign-out everywhere,
// the event feed and the live stream.
#include "api_client.hpp"
#include "mail_join.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace test_server_program_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
// The demo server, its mail going to a sink (an invited person joins through the mailed link).
struct MailedServer {
  SmtpSink sink;
  ServerProcess server{sink_relay_flags(sink)};
};
MailedServer& mailed() {
  static MailedServer s;
  return s;
}
ServerProcess& server() { return mailed().server; }
json profile(const std::string& name, const std::string& email, std::int64_t mrr = 9900) {
  return {{"name", name}, {"email", email}, {"segment", "Growth"}, {"subscription", "active"},
          {"started_on", "2026-03-01"}, {"mrr", {{"minor", mrr}, {"currency", "USD"}}}};
}
// The events after `after` (a snapshot's version) sent by `person`. The scheduler adds events
// of its own (actor 0: overdue flags and escalations of the demo's tickets, on its first pass
// and whenever a deadline passes), so counting every event would race it.
json events_by(Session& reader, std::int64_t after, std::int64_t person) {
  json out = json::array();
  const auto feed = json_of(reader.get("/api/v1/programs/1/events?limit=1000&after=" + std::to_string(after)));
  for (const auto& e : feed["events"])
    if (e["actor"] == person) out.push_back(e);
  return out;
}

// A live stream read on a thread of its own; `opened()` waits until the server has sent its
// first bytes (": connected"), so what the test does next happens to an open stream.
class StreamReader {
public:
  StreamReader(const std::string& path, const std::string& cookie, std::function<bool(const std::string&)> stop_when = {})
      : thread_([this, path, cookie, done = std::move(stop_when)] {
          auto c = server().client();
          c.set_read_timeout(30);
          c.Get(path, api_headers(cookie), [&](const char* data, std::size_t n) {
            std::lock_guard lock(mutex_);
            received_.append(data, n);
            cv_.notify_all();
            return !(done && done(received_));
          });
          std::lock_guard lock(mutex_);
          ended_ = std::chrono::steady_clock::now();
          finished_ = true;
          cv_.notify_all();
        }) {}
  ~StreamReader() {
    if (thread_.joinable()) thread_.join();
  }
  bool opened() {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, std::chrono::seconds(30), [&] { return finished_ || received_.find(": connected") != std::string::npos; }) &&
           !finished_;
  }
  // Waits for the stream to end (the server closed it, or `stop_when` said so); when it ended.
  std::chrono::steady_clock::time_point ended() {
    thread_.join();
    return ended_;
  }
  std::string received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::string received_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point ended_;
  std::thread thread_;
};
} // namespace

TEST_CASE("a retried command with the same id is answered the same and applied once") {
  Session staff(server(), "staff@acme.test");
  const auto before = json_of(staff.get("/api/v1/programs/1/snapshot"))["version"].get<std::int64_t>();
  auto id = fresh_command_id();
  auto first = staff.command(1, "AddCustomer", {{"profile", profile("Retry Co", "retry@x.test")}}, id);
  auto second = staff.command(1, "AddCustomer", {{"profile", profile("Retry Co", "retry@x.test")}}, id);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->status == 200);
  CHECK(second->status == 200);
  CHECK(second->body == first->body);
  CHECK(second->get_header_value("Idempotent-Replayed") == "true");
  auto events = events_by(staff, before, staff.person_id());
  REQUIRE(events.size() == 1);
  CHECK(events[0]["type"] == "CustomerAdded");
}

TEST_CASE("two people edit the same customer: the second gets 409 with the current version") {
  Session maya(server(), "owner@acme.test"), daniel(server(), "staff@acme.test");
  auto c = json_of(maya.get("/api/v1/programs/1/customers/8"));
  auto v = c["version"].get<std::int64_t>();
  auto p1 = c["profile"];
  p1["segment"] = "Enterprise Plus";
  auto p2 = c["profile"];
  p2["mrr"]["minor"] = 250000;
  auto win = maya.command(1, "UpdateCustomer", {{"customer_id", 8}, {"profile", p1}, {"expected_version", v}});
  auto lose = daniel.command(1, "UpdateCustomer", {{"customer_id", 8}, {"profile", p2}, {"expected_version", v}});
  CHECK(win->status == 200);
  REQUIRE(lose->status == 409);
  auto e = json_of(lose)["error"];
  CHECK(e["code"] == "conflict");
  CHECK(e["current_version"] == json_of(win)["version"]);
  CHECK(json_of(maya.get("/api/v1/programs/1/customers/8"))["profile"]["segment"] == "Enterprise Plus");
}

TEST_CASE("bad commands are refused with the field named and change nothing") {
  Session staff(server(), "staff@acme.test");
  const auto before = json_of(staff.get("/api/v1/programs/1/snapshot"))["version"].get<std::int64_t>();
  auto bad_date = profile("X", "x1@x.test");
  bad_date["started_on"] = "2026-02-30";
  auto r = staff.command(1, "AddCustomer", {{"profile", bad_date}});
  CHECK(r->status == 400);
  CHECK(json_of(r)["error"]["field"] == "data.profile.started_on");
  auto extra = staff.post("/api/v1/programs/1/commands", {{"command_id", fresh_command_id()}, {"type", "AddCustomer"},
                                                          {"data", {{"profile", profile("X", "x2@x.test")}}}, {"priority", 1}});
  CHECK(json_of(extra)["error"]["field"] == "priority");
  auto negative = profile("X", "x3@x.test", -5);
  CHECK(json_of(staff.command(1, "AddCustomer", {{"profile", negative}}))["error"]["field"] == "data.profile.mrr.minor");
  CHECK(json_of(staff.command(1, "SetAgentStatus", {{"person_id", 4}, {"status", "suspended"}}))["error"]["field"] == "data.reason");
  CHECK(events_by(staff, before, staff.person_id()).empty());
}

TEST_CASE("an invitation link creates an account, works once, and shows its program first") {
  Session staff(server(), "staff@acme.test");
  auto r = staff.command(1, "InviteMember", {{"email", "new.agent@acme.test"}, {"role", "agent"}});
  REQUIRE(r->status == 200);
  std::string link = json_of(r)["invitation_link"];
  REQUIRE(link.rfind("/#/invite/", 0) == 0);
  auto token = link.substr(10);
  Session anon(server());
  auto preview = json_of(anon.get("/api/v1/invitations/" + token));
  CHECK(preview["program_name"] == "Acme Analytics");
  CHECK(preview["role"] == "agent");
  CHECK(preview["status"] == "pending");
  // The link is shown once: the invitation list never carries it.
  CHECK(json_of(staff.get("/api/v1/programs/1/invitations")).dump().find(token) == std::string::npos);

  CHECK(json_of(anon.post("/api/v1/invitations/accept", {{"token", token}, {"name", "Nia"}, {"password", "short"}}))["error"]["field"] == "password");
  const auto joined = join_through_mail(server(), mailed().sink, token, "new.agent@acme.test", "Nia Brown", "a-long-password");
  CHECK(joined["joined"]["program_id"] == 1);
  Session nia(server(), "new.agent@acme.test", "a-long-password");
  CHECK(json_of(nia.get("/api/v1/me"))["memberships"][0]["role"] == "agent");
  CHECK(nia.get("/api/v1/programs/1/snapshot")->status == 200);
  auto again = Session(server()).post("/api/v1/invitations/accept", {{"token", token}, {"name", "Mallory"}, {"password", "another-password"}});
  CHECK(again->status == 401); // the invited email now has an account: sign in first
  // Nia retrying gets her first answer again (idempotent); anyone else finds it used.
  CHECK(nia.post("/api/v1/invitations/accept", {{"token", token}})->status == 200);
  auto other = Session(server(), "trainee@acme.test").post("/api/v1/invitations/accept", {{"token", token}});
  CHECK(other->status == 409);
  CHECK(json_of(other)["error"]["message"] == "This invitation has already been used.");
  CHECK(anon.get("/api/v1/invitations/" + std::string(64, 'f'))->status == 404);
}

TEST_CASE("a withdrawn invitation creates no account when someone tries to accept it") {
  Session staff(server(), "staff@acme.test");
  auto r = staff.command(1, "InviteMember", {{"email", "late@acme.test"}, {"role", "agent"}});
  std::string token = json_of(r)["invitation_link"].get<std::string>().substr(10);
  auto id = json_of(r)["events"][0]["data"]["invitation_id"].get<int>();
  REQUIRE(staff.command(1, "RevokeInvitation", {{"invitation_id", id}})->status == 200);
  Session anon(server());
  auto accept = anon.post("/api/v1/invitations/accept", {{"token", token}, {"name", "Late"}, {"password", "a-long-password"}});
  CHECK(accept->status == 409);
  CHECK(json_of(accept)["error"]["message"] == "This invitation was withdrawn.");
  CHECK_FALSE(accept->has_header("Set-Cookie"));
  auto signin = anon.post("/api/v1/session", {{"email", "late@acme.test"}, {"password", "a-long-password"}});
  CHECK(signin->status == 401); // no account was created
}

TEST_CASE("signing out ends the live stream of that session at once") {
  Session ava(server(), "agent@acme.test");
  StreamReader stream("/api/v1/programs/1/stream", ava.cookie());
  REQUIRE(stream.opened());
  const auto signed_out = std::chrono::steady_clock::now();
  CHECK(ava.del("/api/v1/sessions")->status == 204);
  const auto ended = stream.ended(); // the server ends the stream (the reader's own timeout is 30 s)
  CHECK(ended - signed_out < std::chrono::seconds(3));
}

TEST_CASE("sign up, create a program, and become its owner") {
  Session anon(server());
  auto bad = anon.post("/api/v1/accounts", {{"email", "founder@new.test"}, {"name", "Founder"}, {"password", "123"}});
  CHECK(json_of(bad)["error"]["field"] == "password");
  auto r = anon.post("/api/v1/accounts", {{"email", "founder@new.test"}, {"name", "Founder"}, {"password", "correct horse battery"}});
  REQUIRE(r->status == 202); // the same answer for a taken email (sign_up_test.cpp); next: sign in
  CHECK(anon.post("/api/v1/accounts", {{"email", "Founder@new.test"}, {"name", "F"}, {"password", "correct horse battery"}})->status == 202);
  Session founder(server(), "founder@new.test", "correct horse battery");
  auto created = founder.post("/api/v1/programs", {{"command_id", fresh_command_id()}, {"name", "Founder Co"}, {"currency", "EUR"}});
  REQUIRE(created->status == 201);
  auto id = json_of(created)["program_id"].get<int>();
  CHECK(json_of(created)["me"]["memberships"][0]["role"] == "owner");
  auto me = json_of(founder.get("/api/v1/me"));
  REQUIRE(me["memberships"].size() == 1);
  CHECK(me["memberships"][0]["program_id"] == id);
  CHECK(me["memberships"][0]["role"] == "owner");
  CHECK(json_of(founder.post("/api/v1/programs", {{"command_id", fresh_command_id()}, {"name", "X"}, {"currency", "euro"}}))["error"]["field"] == "currency");
}

TEST_CASE("signing out everywhere ends every session of that person") {
  Session a(server(), "priya@acme.test"), b(server(), "priya@acme.test");
  CHECK(a.get("/api/v1/me")->status == 200);
  CHECK(b.del("/api/v1/sessions")->status == 204);
  CHECK(a.get("/api/v1/me")->status == 401);
  CHECK(b.get("/api/v1/me")->status == 401);
}

TEST_CASE("the live stream delivers a change made by someone else within a second") {
  Session ava(server(), "agent@acme.test"), daniel(server(), "staff@acme.test");
  auto after = json_of(ava.get("/api/v1/programs/1/events?limit=1000"))["next_after"].get<std::int64_t>();
  StreamReader stream("/api/v1/programs/1/stream?after=" + std::to_string(after), ava.cookie(),
                      [](const std::string& received) { return received.find("CustomerUpdated") != std::string::npos; });
  REQUIRE(stream.opened());
  auto c = json_of(daniel.get("/api/v1/programs/1/customers/2"));
  auto p = c["profile"];
  p["segment"] = "Enterprise (renewed)";
  REQUIRE(daniel.command(1, "UpdateCustomer", {{"customer_id", 2}, {"profile", p}, {"expected_version", c["version"]}})->status == 200);
  // Timed from the server's answer to the change (stored by then), not from the request, whose
  // own time is the writer's and the disk's on a loaded machine.
  const auto answered = std::chrono::steady_clock::now();
  const auto elapsed = stream.ended() - answered;
  const auto received = stream.received();
  CHECK(received.find("CustomerUpdated") != std::string::npos);
  CHECK(elapsed < std::chrono::seconds(1));
  CHECK(received.find("id: ") != std::string::npos);
  CHECK(received.find("Enterprise (renewed)") != std::string::npos);
}

TEST_CASE("the stream and feed resume after a given point without gaps") {
  Session staff(server(), "staff@acme.test");
  auto all = json_of(staff.get("/api/v1/programs/1/events?limit=1000"))["events"];
  REQUIRE(all.size() > 10);
  auto page1 = json_of(staff.get("/api/v1/programs/1/events?limit=5"));
  auto page2 = json_of(staff.get("/api/v1/programs/1/events?limit=5&after=" + std::to_string(page1["next_after"].get<int>())));
  CHECK(page1["events"].size() == 5);
  CHECK(page2["events"][0]["seq"] == all[5]["seq"]);
  for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i]["seq"].get<int>() > all[i - 1]["seq"].get<int>());
  CHECK(json_of(staff.get("/api/v1/programs/1/events?after=-1"))["error"]["field"] == "after");
}

TEST_CASE("the customer list shows a change at once (rows are cached per version)") {
  Session staff(server(), "staff@acme.test");
  auto before = json_of(staff.get("/api/v1/programs/1/customers?q=Tidewater"));
  REQUIRE(before["items"].size() == 1);
  auto c = before["items"][0];
  auto p = c["profile"];
  p["name"] = "Kenji Sato (Tidewater Surf Co)";
  REQUIRE(staff.command(1, "UpdateCustomer", {{"customer_id", c["id"]}, {"profile", p}, {"expected_version", c["version"]}})->status == 200);
  auto after = json_of(staff.get("/api/v1/programs/1/customers?q=tidewater"));
  REQUIRE(after["items"].size() == 1);
  CHECK(after["items"][0]["profile"]["name"] == "Kenji Sato (Tidewater Surf Co)");
  CHECK(after["items"][0]["version"].get<std::int64_t>() > c["version"].get<std::int64_t>());
}

} // namespace test_server_program_api
