// Commands over HTTP: idempotency, conflicts, invitations, sign-up, sign-out everywhere,
// the event feed and the live stream.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s;
  return s;
}
json profile(const std::string& name, const std::string& email, std::int64_t mrr = 9900) {
  return {{"name", name}, {"email", email}, {"segment", "Growth"}, {"subscription", "active"},
          {"started_on", "2026-03-01"}, {"mrr", {{"minor", mrr}, {"currency", "USD"}}}};
}
} // namespace

TEST_CASE("a retried command with the same id is answered the same and applied once") {
  Session staff(server(), "staff@acme.test");
  auto before = json_of(staff.get("/api/v1/programs/1/events?limit=1000"))["next_after"].get<std::int64_t>();
  auto id = fresh_command_id();
  auto first = staff.command(1, "AddCustomer", {{"profile", profile("Retry Co", "retry@x.test")}}, id);
  auto second = staff.command(1, "AddCustomer", {{"profile", profile("Retry Co", "retry@x.test")}}, id);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->status == 200);
  CHECK(second->status == 200);
  CHECK(second->body == first->body);
  CHECK(second->get_header_value("Idempotent-Replayed") == "true");
  auto events = json_of(staff.get("/api/v1/programs/1/events?after=" + std::to_string(before)))["events"];
  CHECK(events.size() == 1);
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
  auto before = json_of(staff.get("/api/v1/programs/1/snapshot"))["version"];
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
  CHECK(json_of(staff.get("/api/v1/programs/1/snapshot"))["version"] == before);
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
  auto accepted = anon.post("/api/v1/invitations/accept", {{"token", token}, {"name", "Nia Brown"}, {"password", "a-long-password"}});
  REQUIRE(accepted->status == 200);
  CHECK(json_of(accepted)["me"]["memberships"][0]["role"] == "agent");
  Session nia(server(), "new.agent@acme.test", "a-long-password");
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
  auto start = std::chrono::steady_clock::now();
  std::thread reader([&] {
    auto c = server().client();
    c.set_read_timeout(30);
    c.Get("/api/v1/programs/1/stream", api_headers(ava.cookie()), [&](const char*, std::size_t) { return true; });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(ava.del("/api/v1/sessions")->status == 204);
  reader.join(); // returns when the server ends the stream
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
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
  std::string received;
  std::atomic<bool> got{false};
  std::chrono::steady_clock::time_point sent;
  std::thread reader([&] {
    auto c = server().client();
    c.set_read_timeout(5);
    c.Get("/api/v1/programs/1/stream?after=" + std::to_string(after), api_headers(ava.cookie()),
          [&](const char* data, std::size_t n) {
            received.append(data, n);
            if (received.find("CustomerUpdated") != std::string::npos) {
              got = true;
              return false;
            }
            return true;
          });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto c = json_of(daniel.get("/api/v1/programs/1/customers/2"));
  auto p = c["profile"];
  p["segment"] = "Enterprise (renewed)";
  sent = std::chrono::steady_clock::now();
  REQUIRE(daniel.command(1, "UpdateCustomer", {{"customer_id", 2}, {"profile", p}, {"expected_version", c["version"]}})->status == 200);
  reader.join();
  auto elapsed = std::chrono::steady_clock::now() - sent;
  CHECK(got.load());
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
