// Outgoing mail and passwords against real processes: the server and an SMTP sink
// (tests/mail/smtp_sink.py). Password reset by mail, the outbox without a relay and across a
// SIGKILL, the password rule on sign-up, reset and change.
#include "api_client.hpp"
#include "mail_join.hpp"
#include "server_process.hpp"
#include "smtp_sink.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <thread>

namespace test_server_mail { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

std::vector<std::string> relay_flags(const SmtpSink& sink) {
  return {"--smtp-url", sink.url(), "--smtp-plain", "--mail-from", "desk@partnerdesk.test", "--public-url", "https://desk.example.test"};
}

// Signs up a fresh account (sign-up answers 202 either way; the sign-in proves it exists).
void sign_up(const ServerProcess& server, const std::string& email, const std::string& password) {
  Session anon(server);
  auto r = anon.post("/api/v1/accounts", {{"email", email}, {"name", "Rosa Reset"}, {"password", password}});
  REQUIRE(r);
  REQUIRE(r->status == 202);
}

json health(const ServerProcess& server) {
  auto r = server.client().Get("/healthz/mail");
  REQUIRE(r);
  return json_of(r);
}

// Waits until the outbox reports what `ready` wants (false when 20 s passed first).
template <class Ready>
bool wait_for_outbox(const ServerProcess& server, Ready ready) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!ready(health(server))) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

httplib::Result complete(const ServerProcess& server, const std::string& token, const std::string& password) {
  return Session(server).post("/api/v1/account/password-reset/complete", {{"token", token}, {"password", password}});
}

} // namespace

TEST_CASE("a reset mail reaches the relay with a link whose token resets the password once and ends every session") {
  SmtpSink sink;
  ServerProcess server(relay_flags(sink), false);
  sign_up(server, "rosa@reset.test", "first password here");
  Session old_session(server, "rosa@reset.test", "first password here");

  Session anon(server);
  auto asked = anon.post("/api/v1/account/password-reset", {{"email", "Rosa@Reset.test"}});
  REQUIRE(asked);
  CHECK(asked->status == 202);
  const auto mail = wait_for_mail_to(sink, "rosa@reset.test", "Reset your Partnerdesk password"); // after the sign-up's confirmation link
  REQUIRE_FALSE(mail.empty());
  CHECK(mail_header(mail, "X-Sink-Rcpt-To") == "rosa@reset.test");
  CHECK(mail_header(mail, "Subject") == "Reset your Partnerdesk password");
  CHECK(mail_header(mail, "From") == "Partnerdesk <desk@partnerdesk.test>");
  const auto message_id = mail_header(mail, "Message-ID");
  CHECK(message_id.rfind("<reset-", 0) == 0);
  CHECK(message_id.find("@desk.example.test>") != std::string::npos);
  CHECK(mail.find("Content-Type: text/plain; charset=utf-8") != std::string::npos);
  CHECK(mail.find("Content-Type: text/html; charset=utf-8") != std::string::npos);
  const auto token = reset_token_of(mail);
  REQUIRE(token.size() == 64);
  CHECK(mail_text(mail).find("https://desk.example.test/#/reset/" + token) != std::string::npos);

  // A common password is refused, naming the field; the token still works afterwards.
  auto common = complete(server, token, "Password2024!");
  REQUIRE(common);
  CHECK(common->status == 400);
  CHECK(json_of(common)["error"]["field"] == "password");

  auto done = complete(server, token, "a brand new passphrase");
  REQUIRE(done);
  CHECK(done->status == 200);
  // Every session of the person ended; the new password signs in, the old one does not.
  CHECK(old_session.get("/api/v1/me")->status == 401);
  CHECK(anon.post("/api/v1/session", {{"email", "rosa@reset.test"}, {"password", "first password here"}})->status == 401);
  Session fresh(server, "rosa@reset.test", "a brand new passphrase");
  CHECK(fresh.get("/api/v1/me")->status == 200);

  // The link works once.
  auto again = complete(server, token, "yet another passphrase");
  REQUIRE(again);
  CHECK(again->status == 400);
  CHECK(json_of(again)["error"]["field"] == "token");
  CHECK(anon.post("/api/v1/session", {{"email", "rosa@reset.test"}, {"password", "yet another passphrase"}})->status == 401);
  // A token nobody was sent is refused the same way.
  CHECK(json_of(complete(server, std::string(64, 'a'), "yet another passphrase"))["error"]["field"] == "token");

  // The confirmation link of the sign-up, the reset, and the sign-in of `fresh` (a browser the
  // account had not used: these sessions keep no device cookie).
  REQUIRE(wait_for_outbox(server, [](const json& h) { return h["sent"] == 3 && h["queued"] == 0; }));
  CHECK(health(server)["relay"] == "configured");
}

TEST_CASE("a reset request answers the same for a known and an unknown address, and only the known one gets mail") {
  SmtpSink sink;
  ServerProcess server(relay_flags(sink), true);
  Session anon(server);
  auto known = anon.post("/api/v1/account/password-reset", {{"email", "trainee@acme.test"}});
  auto unknown = anon.post("/api/v1/account/password-reset", {{"email", "nobody-here@acme.test"}});
  REQUIRE(known);
  REQUIRE(unknown);
  CHECK(known->status == 202);
  CHECK(unknown->status == known->status);
  CHECK(unknown->body == known->body);
  // The known one's mail was sent; none was queued for the unknown one. (The demo's overdue
  // tickets, flagged as the server starts, mail their alerts meanwhile: only resets count here.)
  REQUIRE_FALSE(wait_for_mail_to(sink, "trainee@acme.test", "Reset your Partnerdesk password").empty());
  REQUIRE(wait_for_outbox(server, [](const json& h) {
    for (const auto& w : h["waiting"])
      if (w["kind"] == "password_reset") return false;
    return true;
  }));
  for (const auto& m : sink.messages()) CHECK(mail_header(m, "X-Sink-Rcpt-To") != "nobody-here@acme.test");

  // A malformed address is a 400 naming the field, as anywhere else.
  auto bad = anon.post("/api/v1/account/password-reset", {{"email", "not-an-address"}});
  CHECK(bad->status == 400);
  CHECK(json_of(bad)["error"]["field"] == "email");
  // Asking again and again for one address from one client is throttled, for known and unknown alike.
  int known_limited = 0, unknown_limited = 0;
  for (int i = 0; i < 4; ++i) {
    known_limited += anon.post("/api/v1/account/password-reset", {{"email", "staff@acme.test"}})->status == 429;
    unknown_limited += anon.post("/api/v1/account/password-reset", {{"email", "ghost@acme.test"}})->status == 429;
  }
  CHECK(known_limited == 1);
  CHECK(unknown_limited == known_limited);
}

TEST_CASE("an expired reset link is refused") {
  SmtpSink sink;
  auto flags = relay_flags(sink);
  flags.insert(flags.end(), {"--password-reset-minutes", "0"});
  ServerProcess server(flags, true);
  Session anon(server);
  REQUIRE(anon.post("/api/v1/account/password-reset", {{"email", "staff@acme.test"}})->status == 202);
  auto token = reset_token_of(wait_for_mail_to(sink, "staff@acme.test", "Reset your Partnerdesk password"));
  REQUIRE(token.size() == 64);
  auto late = complete(server, token, "a brand new passphrase");
  REQUIRE(late);
  CHECK(late->status == 400);
  CHECK(json_of(late)["error"]["field"] == "token");
  Session staff(server, "staff@acme.test"); // the password stayed
}

TEST_CASE("without a relay nothing is sent and the outbox says why") {
  ServerProcess server({}, false);
  sign_up(server, "nora@norelay.test", "first password here"); // queues the confirmation link
  Session anon(server);
  REQUIRE(anon.post("/api/v1/account/password-reset", {{"email", "nora@norelay.test"}})->status == 202);
  REQUIRE(wait_for_outbox(server, [](const json& h) { return h["failing"] == 2; }));
  auto h = health(server);
  CHECK(h["relay"] == "none");
  CHECK(h["queued"] == 2);
  CHECK(h["sent"] == 0);
  CHECK(h["last_error"] == "no relay configured");
  REQUIRE(h["waiting"].size() == 2);
  CHECK(h["waiting"][1]["kind"] == "password_reset");
  CHECK(h["waiting"][1]["attempts"] == 0);
  CHECK(h["waiting"][1]["last_error"] == "no relay configured");
  CHECK_FALSE(h["waiting"][1].contains("recipient"));
  // /healthz carries the summary, /metrics the counts.
  auto summary = json_of(server.client().Get("/healthz"));
  CHECK(summary["mail"]["queued"] == 2);
  CHECK(summary["mail"]["last_error"] == "no relay configured");
  CHECK(server.client().Get("/metrics")->body.find("pd_mail_queued 2\n") != std::string::npos);
}

TEST_CASE("mail queued while the relay is down survives a SIGKILL and arrives exactly once after the restart") {
  auto dir = std::filesystem::temp_directory_path() / ("pd-outbox-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::string message_id;
  {
    // A relay address where nothing listens: the sink is started and stopped to find a free port.
    int closed_port = 0;
    {
      SmtpSink gone;
      closed_port = gone.port();
    }
    auto server = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--data", dir.string(), "--smtp-url", "smtp://127.0.0.1:" + std::to_string(closed_port), "--smtp-plain",
                                 "--mail-from", "desk@partnerdesk.test", "--public-url", "https://desk.example.test"},
        false);
    sign_up(*server, "kim@outbox.test", "first password here"); // queues the confirmation link
    Session anon(*server);
    REQUIRE(anon.post("/api/v1/account/password-reset", {{"email", "kim@outbox.test"}})->status == 202);
    REQUIRE(wait_for_outbox(*server, [](const json& h) { return h["failing"] == 2; }));
    auto h = health(*server);
    CHECK(h["queued"] == 2);
    REQUIRE(h["waiting"][1]["kind"] == "password_reset");
    CHECK(h["waiting"][1]["attempts"] == 1);
    CHECK(h["waiting"][1]["last_error"].get<std::string>().find("connect") != std::string::npos);
    message_id = "<" + h["waiting"][1]["message_id"].get<std::string>() + ">";
    server->kill_hard();
  }
  SmtpSink sink;
  auto flags = relay_flags(sink);
  flags.insert(flags.begin(), {"--data", dir.string()});
  ServerProcess server(flags, false);
  REQUIRE(sink.wait_for(2));
  REQUIRE(wait_for_outbox(server, [](const json& h) { return h["sent"] == 2 && h["queued"] == 0; }));
  auto messages = sink.messages();
  REQUIRE(messages.size() == 2);
  int resets = 0;
  for (const auto& m : messages) {
    CHECK(mail_header(m, "X-Sink-Rcpt-To") == "kim@outbox.test");
    resets += mail_header(m, "Message-ID") == message_id;
  }
  CHECK(resets == 1);
  server.stop();
  std::filesystem::remove_all(dir);
}

TEST_CASE("new passwords: short and common ones are refused with the field named, on sign-up and on a change") {
  ServerProcess server({}, true);
  Session anon(server);
  auto short_one = anon.post("/api/v1/accounts", {{"email", "pat@rules.test"}, {"name", "Pat"}, {"password", "eleven-char"}});
  REQUIRE(short_one);
  CHECK(short_one->status == 400);
  CHECK(json_of(short_one)["error"]["field"] == "password");
  CHECK(json_of(short_one)["error"]["message"] == "Choose a password of at least 12 characters.");
  auto common = anon.post("/api/v1/accounts", {{"email", "pat@rules.test"}, {"name", "Pat"}, {"password", "WinnieThePooh"}});
  CHECK(common->status == 400);
  CHECK(json_of(common)["error"]["field"] == "password");
  CHECK(json_of(common)["error"]["message"].get<std::string>().find("too common") != std::string::npos);
  CHECK(anon.post("/api/v1/session", {{"email", "pat@rules.test"}, {"password", "WinnieThePooh"}})->status == 401);

  // A change while signed in: the current password is checked, the rule applies, and every
  // other session of the person ends while this one stays.
  sign_up(server, "pat@rules.test", "pats first password");
  Session here(server, "pat@rules.test", "pats first password");
  Session elsewhere(server, "pat@rules.test", "pats first password");
  auto wrong = here.post("/api/v1/account/password", {{"current_password", "not my password"}, {"password", "pats second password"}});
  CHECK(wrong->status == 403);
  CHECK(json_of(wrong)["error"]["field"] == "current_password");
  auto weak = here.post("/api/v1/account/password", {{"current_password", "pats first password"}, {"password", "short"}});
  CHECK(weak->status == 400);
  CHECK(json_of(weak)["error"]["field"] == "password");
  auto changed = here.post("/api/v1/account/password", {{"current_password", "pats first password"}, {"password", "pats second password"}});
  REQUIRE(changed);
  CHECK(changed->status == 200);
  CHECK(here.get("/api/v1/me")->status == 200);
  CHECK(elsewhere.get("/api/v1/me")->status == 401);
  Session again(server, "pat@rules.test", "pats second password");
  CHECK(anon.post("/api/v1/session", {{"email", "pat@rules.test"}, {"password", "pats first password"}})->status == 401);
  CHECK(anon.post("/api/v1/account/password", {{"current_password", "x"}, {"password", "pats third password"}})->status == 401);
}

} // namespace test_server_mail
