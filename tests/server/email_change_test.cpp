// A person changes their own email address, against real processes (the server, an SMTP sink,
// a clock the test moves): the current password and, with two-factor on, a fresh code are
// required; the new address waits until the link mailed to it is opened, the old address is
// told before and after; the link works once, expires, gives way to a newer request or a
// cancel; an address taken in the meantime is refused at confirmation, and one taken already
// is not revealed when asking; the change signs the other sessions out.
#include "api_client.hpp"
#include "mail_join.hpp"
#include "server_process.hpp"
#include "smtp_sink.hpp"

#include "tests/oathtool.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

namespace test_server_email_change { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

const std::string kLinkSubject = "Confirm your new email for Partnerdesk";
const std::string kAskedSubject = "Your Partnerdesk email is being changed";
const std::string kChangedSubject = "Your Partnerdesk email was changed";

// A new account with a confirmed address.
void confirmed_account(const ServerProcess& server, const SmtpSink& sink, const std::string& email,
                       const std::string& password) {
  auto r =
      Session(server).post("/api/v1/accounts", {{"email", email}, {"name", "Cora Change"}, {"password", password}});
  REQUIRE(r);
  REQUIRE(r->status == 202);
  REQUIRE(verify_through_mail(server, sink, email)["http_status"] == 200);
}

int sign_in_status(const ServerProcess& server, const std::string& email, const std::string& password) {
  auto r = server.client().Post("/api/v1/session", api_headers(), json{{"email", email}, {"password", password}}.dump(),
                                "application/json");
  REQUIRE(r);
  return r->status;
}

httplib::Result open_link(const ServerProcess& server, const std::string& token, Session* as = nullptr) {
  if (as) return as->post("/api/v1/account/email-verification", {{"token", token}});
  return Session(server).post("/api/v1/account/email-verification", {{"token", token}});
}

std::string change_token(const SmtpSink& sink, const std::string& to) {
  const auto token = link_token_in(wait_for_mail_to(sink, to, kLinkSubject), "/#/verify/");
  REQUIRE(token.size() == 64);
  return token;
}

} // namespace

TEST_CASE(
    "a new address waits for its link; the old one is told; opening the link changes it and signs other sessions out") {
  SmtpSink sink;
  ServerProcess server(sink_relay_flags(sink), false);
  const std::string pw = "cora-password-1";
  confirmed_account(server, sink, "cora@old.test", pw);
  Session asking(server, "cora@old.test", pw);
  Session other(server, "cora@old.test", pw);

  // The current password is required, checked like a sign-in.
  auto wrong =
      asking.post("/api/v1/account/email", {{"current_password", "not-my-password"}, {"email", "cora@new.test"}});
  REQUIRE(wrong);
  CHECK(wrong->status == 403);
  CHECK(json_of(wrong)["error"]["code"] == "invalid_credentials");
  CHECK(json_of(wrong)["error"]["field"] == "current_password");
  // The address follows the email rules, and must be a new one.
  auto bad = asking.post("/api/v1/account/email", {{"current_password", pw}, {"email", "cora@"}});
  CHECK(bad->status == 400);
  CHECK(json_of(bad)["error"]["field"] == "email");
  auto same = asking.post("/api/v1/account/email", {{"current_password", pw}, {"email", " CORA@old.test"}});
  CHECK(same->status == 400);
  CHECK(json_of(same)["error"]["message"] == "That is already your email address.");
  CHECK(Session(server).post("/api/v1/account/email", {{"current_password", pw}, {"email", "x@new.test"}})->status ==
        401);

  auto asked = asking.post("/api/v1/account/email", {{"current_password", pw}, {"email", "Cora@New.test"}});
  REQUIRE(asked);
  INFO(asked->body);
  CHECK(asked->status == 202);
  CHECK(json_of(asked)["status"] == "pending");
  CHECK(json_of(asked)["email"] == "cora@new.test");
  CHECK(json_of(asked)["me"]["pending_email"] == "cora@new.test");

  // Pending: the account keeps its address until the link is opened.
  auto me = json_of(asking.get("/api/v1/me"));
  CHECK(me["person"]["email"] == "cora@old.test");
  CHECK(me["pending_email"] == "cora@new.test");
  CHECK(sign_in_status(server, "cora@new.test", pw) == 401);
  CHECK(sign_in_status(server, "cora@old.test", pw) == 200);

  const auto mail = wait_for_mail_to(sink, "cora@new.test", kLinkSubject);
  CHECK(mail_header(mail, "Message-ID").rfind("<change-", 0) == 0);
  const auto token = link_token_in(mail, "/#/verify/");
  REQUIRE(token.size() == 64);
  CHECK(mail_text(mail).find("https://desk.example.test/#/verify/" + token) != std::string::npos);
  const auto notice = wait_for_mail_to(sink, "cora@old.test", kAskedSubject);
  REQUIRE_FALSE(notice.empty());
  CHECK(mail_text(notice).find("cora@new.test") != std::string::npos);
  CHECK(mail_text(notice).find(token) == std::string::npos); // the old address never gets the link

  // Opened in a browser that is not signed in: the asking session stays, the others end.
  auto done = open_link(server, token);
  REQUIRE(done);
  INFO(done->body);
  CHECK(done->status == 200);
  CHECK(json_of(done)["status"] == "changed");
  CHECK(json_of(done)["email"] == "cora@new.test");
  CHECK_FALSE(json_of(done).contains("me"));
  me = json_of(asking.get("/api/v1/me"));
  CHECK(me["person"]["email"] == "cora@new.test");
  CHECK(me["email_verified"] == true);
  CHECK(me["pending_email"] == "");
  CHECK(other.get("/api/v1/me")->status == 401);
  CHECK(sign_in_status(server, "cora@new.test", pw) == 200);
  CHECK(sign_in_status(server, "cora@old.test", pw) == 401);

  // The link works once; the old address hears that it was done.
  auto again = open_link(server, token);
  CHECK(again->status == 400);
  CHECK(json_of(again)["error"]["field"] == "token");
  const auto changed = wait_for_mail_to(sink, "cora@old.test", kChangedSubject);
  REQUIRE_FALSE(changed.empty());
  CHECK(mail_text(changed).find("cora@new.test") != std::string::npos);
}

TEST_CASE("a newer request replaces the older one, a cancel ends it, and a link expires") {
  SmtpSink sink;
  ShiftableClock clock;
  ServerProcess server(sink_relay_flags(sink), false, {}, clock.env());
  const std::string pw = "dora-password-1";
  confirmed_account(server, sink, "dora@old.test", pw);
  Session dora(server, "dora@old.test", pw);

  REQUIRE(dora.post("/api/v1/account/email", {{"current_password", pw}, {"email", "dora@first.test"}})->status == 202);
  const auto first = change_token(sink, "dora@first.test");
  // Each request mails someone: one a minute.
  auto soon = dora.post("/api/v1/account/email", {{"current_password", pw}, {"email", "dora@second.test"}});
  CHECK(soon->status == 429);
  CHECK(soon->has_header("Retry-After"));
  clock.shift("+2m");
  REQUIRE(dora.post("/api/v1/account/email", {{"current_password", pw}, {"email", "dora@second.test"}})->status == 202);
  const auto second = change_token(sink, "dora@second.test");
  CHECK(json_of(dora.get("/api/v1/me"))["pending_email"] == "dora@second.test");
  CHECK(open_link(server, first)->status == 400); // replaced

  auto cancelled = dora.del("/api/v1/account/email");
  REQUIRE(cancelled);
  CHECK(cancelled->status == 200);
  CHECK(json_of(cancelled)["status"] == "cancelled");
  CHECK(json_of(cancelled)["me"]["pending_email"] == "");
  CHECK(json_of(dora.del("/api/v1/account/email"))["status"] == "none");
  CHECK(open_link(server, second)->status == 400); // cancelled

  clock.shift("+4m");
  REQUIRE(dora.post("/api/v1/account/email", {{"current_password", pw}, {"email", "dora@third.test"}})->status == 202);
  const auto third = change_token(sink, "dora@third.test");
  clock.shift("+49h");
  CHECK(json_of(dora.get("/api/v1/me"))["pending_email"] == "");
  auto late = open_link(server, third);
  CHECK(late->status == 400);
  CHECK(json_of(late)["error"]["message"].get<std::string>().find("expired or was already used") != std::string::npos);
  CHECK(json_of(dora.get("/api/v1/me"))["person"]["email"] == "dora@old.test");
}

TEST_CASE("asking for an address another account uses answers as for a free one, and mails that address a notice") {
  SmtpSink sink;
  ServerProcess server(sink_relay_flags(sink), false);
  const std::string pw = "eli-password-12";
  confirmed_account(server, sink, "eli@old.test", pw);
  confirmed_account(server, sink, "fay@taken.test", "fay-password-1");
  Session eli(server, "eli@old.test", pw);

  // Asking for an address with an account: the same answer as for a free one; the address
  // gets a notice instead of a link.
  auto taken = eli.post("/api/v1/account/email", {{"current_password", pw}, {"email", "fay@taken.test"}});
  REQUIRE(taken);
  CHECK(taken->status == 202);
  CHECK(json_of(taken)["status"] == "pending");
  const auto in_use = wait_for_mail_to(sink, "fay@taken.test", "Your email already has a Partnerdesk account");
  REQUIRE_FALSE(in_use.empty());
  CHECK(mail_text(in_use).find("already uses this address") != std::string::npos);
  CHECK(link_token_in(in_use, "/#/verify/").empty());
  CHECK(sign_in_status(server, "fay@taken.test", "fay-password-1") == 200);

  // The page shows it waiting, as for any address, until cancelled; nothing changes.
  CHECK(json_of(eli.get("/api/v1/me"))["pending_email"] == "fay@taken.test");
  CHECK(json_of(eli.del("/api/v1/account/email"))["status"] == "cancelled");
  CHECK(json_of(eli.get("/api/v1/me"))["person"]["email"] == "eli@old.test");
}

TEST_CASE("an address someone signed up with before the link was opened is refused clearly") {
  SmtpSink sink;
  ServerProcess server(sink_relay_flags(sink), false);
  const std::string pw = "hal-password-12";
  confirmed_account(server, sink, "hal@old.test", pw);
  Session hal(server, "hal@old.test", pw);
  REQUIRE(hal.post("/api/v1/account/email", {{"current_password", pw}, {"email", "hal@race.test"}})->status == 202);
  const auto token = change_token(sink, "hal@race.test");
  REQUIRE(Session(server)
              .post("/api/v1/accounts",
                    {{"email", "hal@race.test"}, {"name", "Other Hal"}, {"password", "other-password-1"}})
              ->status == 202);

  auto refused = open_link(server, token, &hal);
  REQUIRE(refused);
  CHECK(refused->status == 409);
  CHECK(json_of(refused)["error"]["code"] == "conflict");
  CHECK(json_of(refused)["error"]["field"] == "email");
  CHECK(json_of(refused)["error"]["message"].get<std::string>().find("Another account already uses hal@race.test") !=
        std::string::npos);
  auto me = json_of(hal.get("/api/v1/me"));
  CHECK(me["person"]["email"] == "hal@old.test");
  CHECK(me["pending_email"] == ""); // the link is used up
  CHECK(open_link(server, token)->status == 400);
}

TEST_CASE("with two-factor on, a change needs a fresh code; opened where the person is signed in, that session stays") {
  SmtpSink sink;
  ShiftableClock clock;
  ServerProcess server(sink_relay_flags(sink), false, {}, clock.env());
  const std::string pw = "ivy-password-12";
  confirmed_account(server, sink, "ivy@old.test", pw);
  Session ivy(server, "ivy@old.test", pw);
  Session phone(server, "ivy@old.test", pw);
  auto setup = ivy.post("/api/v1/account/two-factor/setup", json::object());
  REQUIRE(setup->status == 200);
  Authenticator auth{json_of(setup)["secret"].get<std::string>()};
  REQUIRE(ivy.post("/api/v1/account/two-factor/enable", {{"code", auth.next_code()}})->status == 200);

  clock.shift("+11m");
  auth.offset_seconds = 11 * 60;
  auto stale = ivy.post("/api/v1/account/email", {{"current_password", pw}, {"email", "ivy@new.test"}});
  REQUIRE(stale);
  CHECK(stale->status == 403);
  CHECK(json_of(stale)["error"]["code"] == "step_up_required");
  CHECK(json_of(stale)["error"]["field"] == "code");
  CHECK(json_of(ivy.get("/api/v1/me"))["pending_email"] == "");

  REQUIRE(ivy.post("/api/v1/session/step-up", {{"code", auth.next_code()}})->status == 200);
  auto asked = ivy.post("/api/v1/account/email", {{"current_password", pw}, {"email", "ivy@new.test"}});
  CHECK(asked->status == 202);

  // Opened in the phone's browser, signed in as Ivy: the phone stays, the asking session ends.
  auto done = open_link(server, change_token(sink, "ivy@new.test"), &phone);
  REQUIRE(done);
  CHECK(done->status == 200);
  CHECK(json_of(done)["me"]["person"]["email"] == "ivy@new.test");
  CHECK(phone.get("/api/v1/me")->status == 200);
  CHECK(ivy.get("/api/v1/me")->status == 401);
}

TEST_CASE("after the change, a program's mail goes to the new address") {
  SmtpSink sink;
  ServerProcess server(sink_relay_flags(sink));
  Session jordan(server, "customer@acme.test");
  Session ava(server, "agent@acme.test");
  REQUIRE(jordan.post("/api/v1/account/email", {{"current_password", "demo-password"}, {"email", "jordan@home.test"}})
              ->status == 202);
  auto done = open_link(server, change_token(sink, "jordan@home.test"), &jordan);
  REQUIRE(done);
  REQUIRE(done->status == 200);
  CHECK_FALSE(wait_for_mail_to(sink, "customer@acme.test", kChangedSubject).empty());

  // The business's member list shows the new address, not the old one.
  Session staff(server, "staff@acme.test");
  std::vector<std::string> emails;
  const auto snapshot = json_of(staff.get("/api/v1/programs/1/snapshot"));
  for (const auto& m : snapshot["members"]) emails.push_back(m["email"].get<std::string>());
  CHECK(std::count(emails.begin(), emails.end(), "jordan@home.test") == 1);
  CHECK(std::count(emails.begin(), emails.end(), "customer@acme.test") == 0);

  auto mine = json_of(jordan.get("/api/v1/programs/1/tickets?view=all&q=custom%20field"));
  REQUIRE(mine["items"].size() == 1);
  const auto id = mine["items"][0]["id"].get<std::int64_t>();
  REQUIRE(ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Custom fields are under Settings. MOVED-5521"}})
              ->status == 200);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string reply;
  while (reply.empty() && std::chrono::steady_clock::now() < until) {
    for (const auto& m : sink.messages())
      if (mail_text(m).find("MOVED-5521") != std::string::npos) reply = m;
    if (reply.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  REQUIRE_FALSE(reply.empty());
  CHECK(mail_header(reply, "X-Sink-Rcpt-To") == "jordan@home.test");
}

} // namespace test_server_email_change
