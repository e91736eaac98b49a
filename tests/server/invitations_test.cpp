// An invitation works only for the invited email, and its token is never written to the log.
#include "api_client.hpp"
#include "mail_join.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

namespace test_server_invitations { // one namespace per test file: unity batches (PD_UNITY) share a unit

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

// A server whose log (its stderr, at level info) goes to a file of its own.
class LoggedServer {
public:
  LoggedServer() {
    char tmpl[] = "/tmp/pd-invitations-log-XXXXXX";
    const int fd = mkstemp(tmpl);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    path_ = tmpl;
    const int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO); // the server process inherits this as its stderr
    try {
      server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--log-level", "info"});
    } catch (...) {
      dup2(saved, STDERR_FILENO);
      close(saved);
      close(fd);
      throw;
    }
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
  }
  ~LoggedServer() {
    server_.reset();
    std::remove(path_.c_str());
  }
  const ServerProcess& server() const { return *server_; }
  std::string log() const {
    std::ifstream in(path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // Waits until the log holds `count` request lines for paths starting with `prefix`.
  bool wait_for_requests(const std::string& prefix, int count) const {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
      int n = 0;
      const auto text = log();
      const std::string needle = "\"path\":\"" + prefix;
      for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
      if (n >= count) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

private:
  std::string path_;
  std::unique_ptr<ServerProcess> server_;
};

std::string invite(Session& by, const std::string& email, const std::string& role) {
  auto r = by.command(1, "InviteMember", {{"email", email}, {"role", role}});
  REQUIRE(r->status == 200);
  return json_of(r)["invitation_link"].get<std::string>().substr(std::string("/#/invite/").size());
}

// Someone with an account of their own and no membership in program 1.
Session new_person(const std::string& email) {
  const std::string password = "their-own-password";
  auto r = Session(server()).post("/api/v1/accounts", {{"email", email}, {"name", "Someone Else"}, {"password", password}});
  REQUIRE(r);
  REQUIRE(r->status < 300);
  return Session(server(), email, password);
}

bool member_of_program_1(Session& s) {
  const auto me = json_of(s.get("/api/v1/me"));
  for (const auto& m : me["memberships"])
    if (m["program_id"] == 1) return true;
  return false;
}

} // namespace

TEST_CASE("an invitation link that reaches another account is refused with 403 and changes nothing") {
  Session owner(server(), "owner@acme.test");
  const auto token = invite(owner, "new.admin@acme.test", "admin");
  Session wrong = new_person("forwarded.to@elsewhere.test"); // signed in, with another email
  auto before = json_of(wrong.get("/api/v1/me"));

  auto r = wrong.post("/api/v1/invitations/accept", {{"token", token}});
  REQUIRE(r);
  CHECK(r->status == 403);
  auto e = json_of(r)["error"];
  CHECK(e["code"] == "forbidden");
  CHECK(e["field"] == "token");
  CHECK(e["message"].get<std::string>().find("new.admin@acme.test") != std::string::npos);
  CHECK(json_of(wrong.get("/api/v1/me")) == before); // no membership, no admin
  CHECK_FALSE(member_of_program_1(wrong));
  CHECK(json_of(Session(server()).get("/api/v1/invitations/" + token))["status"] == "pending");
  // Also with a command id of their own, and again: still refused.
  CHECK(wrong.post("/api/v1/invitations/accept", {{"token", token}, {"command_id", fresh_command_id()}})->status == 403);

  // The invited person can still use it: the account is created for the invited email.
  join_through_mail(server(), mailed().sink, token, "new.admin@acme.test", "Noor Admin", "a-long-password");
  Session noor(server(), "new.admin@acme.test", "a-long-password");
  CHECK(json_of(noor.get("/api/v1/me"))["memberships"][0]["role"] == "admin");
  CHECK(noor.get("/api/v1/programs/1/members")->status == 200);
}

TEST_CASE("a customer invitation cannot link another signed-in person to the customer's record") {
  Session staff(server(), "staff@acme.test");
  auto profile = json{{"name", "Quill Co"}, {"email", "buyer@quill.test"}, {"segment", "Growth"}, {"subscription", "active"},
                      {"started_on", "2026-03-01"}, {"mrr", {{"minor", 1000}, {"currency", "USD"}}}};
  REQUIRE(staff.command(1, "AddCustomer", {{"profile", profile}})->status == 200);
  const auto token = invite(staff, "buyer@quill.test", "customer");
  Session other = new_person("not.the.buyer@elsewhere.test");
  auto r = other.post("/api/v1/invitations/accept", {{"token", token}});
  CHECK(r->status == 403);
  CHECK_FALSE(member_of_program_1(other));
}

TEST_CASE("the person invited, signed in with the invited email, accepts") {
  Session owner(server(), "owner@acme.test");
  const auto token = invite(owner, "owner@brightside.test", "agent");
  Session rosa(server(), "owner@brightside.test");
  auto r = rosa.post("/api/v1/invitations/accept", {{"token", token}});
  REQUIRE(r->status == 200);
  CHECK(member_of_program_1(rosa));
}

TEST_CASE("invitation tokens never appear in the server's log") {
  LoggedServer logged;
  Session staff(logged.server(), "staff@acme.test");
  const auto token = invite(staff, "logged.agent@acme.test", "agent");
  Session anon(logged.server());
  CHECK(anon.get("/api/v1/invitations/" + token)->status == 200);
  // The account is created; joining waits for the confirmation link (no relay here).
  CHECK(anon.post("/api/v1/invitations/accept", {{"token", token}, {"name", "Lo Gged"}, {"password", "a-long-password"}})->status == 403);
  CHECK(anon.get("/api/v1/invitations/" + token)->status == 200);
  CHECK(anon.get("/api/v1/invitations/" + std::string(64, 'e'))->status == 404);
  CHECK(anon.get("/api/v1/invitations/" + token + "/")->status == 404);

  REQUIRE(logged.wait_for_requests("/api/v1/invitations/", 5));
  const auto log = logged.log();
  CHECK(log.find(token) == std::string::npos);
  CHECK(log.find(token.substr(0, 16)) == std::string::npos);
  CHECK(log.find(std::string(64, 'e')) == std::string::npos);
  CHECK(log.find("\"path\":\"/api/v1/invitations/[redacted]\"") != std::string::npos);
  CHECK(log.find("\"path\":\"/api/v1/invitations/accept\"") != std::string::npos);
}

} // namespace test_server_invitations
