// Mail caused by events, against real processes (the server with the demo program and the
// aiosmtpd sink): a customer's ticket update with the reply's text and a reply address, never
// an internal note; one-click unsubscribe (RFC 8058) without a session; the person's choices;
// the invitation mail; overdue and escalation alerts; the daily digest on a shifted clock.
#include "api_client.hpp"
#include "mail_join.hpp"
#include "server_process.hpp"
#include "smtp_sink.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "shared/domain/support/support_metrics.hpp"

#include <chrono>
#include <ctime>
#include <thread>

namespace test_server_event_mail { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

std::vector<std::string> flags(const SmtpSink& sink) {
  auto f = sink_relay_flags(sink);
  f.insert(f.end(), {"--public-url", "https://desk.example.test", "--reply-address", "support@acme.test", "--digest-hour", "8"});
  return f;
}

std::vector<std::string> mails_to(const SmtpSink& sink, const std::string& to) {
  std::vector<std::string> out;
  for (const auto& m : sink.messages())
    if (mail_header(m, "X-Sink-Rcpt-To") == to) out.push_back(m);
  return out;
}

// The first message to `to` whose text holds `marker`, waiting up to 20 s; empty when none came.
std::string wait_for_text(const SmtpSink& sink, const std::string& to, const std::string& marker) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    for (const auto& m : mails_to(sink, to))
      if (mail_text(m).find(marker) != std::string::npos) return m;
    if (std::chrono::steady_clock::now() > until) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool any_text(const SmtpSink& sink, const std::string& to, const std::string& marker) {
  for (const auto& m : mails_to(sink, to))
    if (mail_text(m).find(marker) != std::string::npos) return true;
  return false;
}

std::int64_t jordans_ticket(Session& jordan) {
  auto mine = json_of(jordan.get("/api/v1/programs/1/tickets?view=all&q=custom%20field"));
  REQUIRE(mine["items"].size() == 1);
  return mine["items"][0]["id"].get<std::int64_t>();
}

// Invites an address and returns the mail that invitation sent. Mail goes out in the order it
// was queued, so everything queued before has been sent when it arrives.
std::string invite_and_wait(Session& owner, const SmtpSink& sink, const std::string& email) {
  auto r = owner.command(1, "InviteMember", {{"email", email}, {"role", "staff"}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  const auto link = json_of(r)["invitation_link"].get<std::string>();
  auto mail = wait_for_text(sink, email, "https://desk.example.test" + link);
  REQUIRE_FALSE(mail.empty());
  return mail;
}

} // namespace

TEST_CASE("a customer gets the agent's reply by mail with its text and a reply address, never an internal note; one click stops it") {
  SmtpSink sink;
  ServerProcess server(flags(sink));
  Session maya(server, "owner@acme.test"), ava(server, "agent@acme.test"), jordan(server, "customer@acme.test");
  const auto id = jordans_ticket(jordan);

  REQUIRE(ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Checked with billing: SECRET-NOTE-7731"}, {"internal", true}})->status == 200);
  REQUIRE(ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "Custom fields are under Settings > Fields. REPLY-4410"}})->status == 200);
  const auto mail = wait_for_text(sink, "customer@acme.test", "REPLY-4410");
  REQUIRE_FALSE(mail.empty());
  CHECK(mail_header(mail, "Subject").find("New reply on") != std::string::npos);
  CHECK(mail_header(mail, "Message-ID").rfind("<n1-", 0) == 0);
  CHECK(mail_text(mail).find("https://desk.example.test/#/p/1/tickets/" + std::to_string(id)) != std::string::npos);
  // Replying to the mail goes to the ticket's own signed address on the support mailbox.
  const auto reply_to = mail_header(mail, "Reply-To");
  CHECK(reply_to.rfind("<support+t1-" + std::to_string(id) + ".", 0) == 0);
  CHECK(reply_to.find("@acme.test>") != std::string::npos);
  // RFC 8058: a one-click link and the header that says a POST to it is enough.
  CHECK(mail_header(mail, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click");
  auto unsubscribe = mail_header(mail, "List-Unsubscribe");
  const std::string base = "<https://desk.example.test";
  REQUIRE(unsubscribe.rfind(base, 0) == 0);
  const auto path = unsubscribe.substr(base.size(), unsubscribe.size() - base.size() - 1);
  CHECK(path.rfind("/unsubscribe/", 0) == 0);
  // The customer never gets the internal note, in any mail.
  CHECK_FALSE(any_text(sink, "customer@acme.test", "SECRET-NOTE-7731"));

  // A forged or altered link does nothing.
  httplib::Client anon("127.0.0.1", server.port());
  auto forged = anon.Post(path.substr(0, path.size() - 1) + (path.back() == '0' ? "1" : "0"), "List-Unsubscribe=One-Click",
                          "application/x-www-form-urlencoded");
  REQUIRE(forged);
  CHECK(forged->status == 400);
  CHECK(json_of(forged)["error"]["field"] == "token");
  CHECK(json_of(jordan.get("/api/v1/account/mail-preferences"))["categories"][0]["mode"] == "each");
  // The mail program's one-click POST, without cookies or headers of the app.
  auto clicked = anon.Post(path, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
  REQUIRE(clicked);
  CHECK(clicked->status == 200);
  auto prefs = json_of(jordan.get("/api/v1/account/mail-preferences"));
  REQUIRE(prefs["categories"][0]["key"] == "my_tickets");
  CHECK(prefs["categories"][0]["mode"] == "off");
  CHECK(prefs["relay"] == true);

  // The next reply reaches the ticket, not Jordan's mailbox.
  REQUIRE(ava.command(1, "ReplyToTicket", {{"ticket_id", id}, {"text", "One more thing: REPLY-5521"}})->status == 200);
  invite_and_wait(maya, sink, "newcomer@example.test");
  CHECK_FALSE(any_text(sink, "customer@acme.test", "REPLY-5521"));
}

TEST_CASE("an invitation is mailed with its link once; the person's choices are checked field by field") {
  SmtpSink sink;
  ServerProcess server(flags(sink));
  Session maya(server, "owner@acme.test"), ava(server, "agent@acme.test");
  const auto mail = invite_and_wait(maya, sink, "invitee@example.test");
  CHECK(mail_header(mail, "Subject").find("invited you to join") != std::string::npos);
  CHECK(mail_header(mail, "List-Unsubscribe").empty()); // it protects nobody's account but is no newsletter either: always sent
  CHECK(mail_header(mail, "Message-ID").rfind("<invite-1-", 0) == 0);
  CHECK(mails_to(sink, "invitee@example.test").size() == 1);

  auto bad_mode = ava.post("/api/v1/account/mail-preferences", {{"modes", {{"alerts", "weekly"}}}});
  REQUIRE(bad_mode);
  CHECK(bad_mode->status == 400);
  CHECK(json_of(bad_mode)["error"]["field"] == "modes.alerts");
  auto bad_kind = ava.post("/api/v1/account/mail-preferences", {{"modes", {{"newsletters", "off"}}}});
  CHECK(json_of(bad_kind)["error"]["field"] == "modes.newsletters");
  auto not_object = ava.post("/api/v1/account/mail-preferences", {{"modes", "off"}});
  CHECK(json_of(not_object)["error"]["field"] == "modes");
  auto unknown = ava.post("/api/v1/account/mail-preferences", {{"modes", {{"alerts", "off"}}}, {"extra", 1}});
  CHECK(unknown->status == 400);
  auto saved = ava.post("/api/v1/account/mail-preferences", {{"modes", {{"alerts", "daily_digest"}, {"assignments", "off"}}}});
  REQUIRE(saved->status == 200);
  const auto saved_json = json_of(saved);
  for (const auto& c : saved_json["categories"]) {
    if (c["key"] == "alerts") CHECK(c["mode"] == "daily_digest");
    if (c["key"] == "assignments") CHECK(c["mode"] == "off");
  }
  CHECK(Session(server).get("/api/v1/account/mail-preferences")->status == 401);

  // Mail delivery for owners and admins; not for agents.
  auto status = json_of(maya.get("/api/v1/programs/1/mail-status"));
  CHECK(status["relay"] == true);
  CHECK(status["sent"].get<int>() >= 1);
  CHECK(ava.get("/api/v1/programs/1/mail-status")->status == 403);
}

TEST_CASE("overdue and escalation alerts reach the agent and the business; who chose a digest gets one message the next day") {
  SmtpSink sink;
  ShiftableClock clock;
  ServerProcess server(flags(sink), true, {}, clock.env());
  Session maya(server, "owner@acme.test"), daniel(server, "staff@acme.test"), ava(server, "agent@acme.test"),
      jordan(server, "customer@acme.test");
  // Maya takes alerts as a daily digest; Daniel and Ava keep every message.
  REQUIRE(maya.post("/api/v1/account/mail-preferences", {{"modes", {{"alerts", "daily_digest"}}}})->status == 200);
  const auto id = jordans_ticket(jordan);
  const auto subject = json_of(jordan.get("/api/v1/programs/1/tickets/" + std::to_string(id)))["subject"].get<std::string>();

  REQUIRE(ava.command(1, "EscalateTicket", {{"ticket_id", id}, {"note", {{"summary", "Custom fields need the Pro plan"}, {"attempts_so_far", "None"},
                                                                          {"customer_sentiment", "calm"}, {"business_impact", "Upsell"},
                                                                          {"recommended_action", "Offer the Pro trial"}}}})
              ->status == 200);
  const auto escalated = wait_for_text(sink, "staff@acme.test", "escalated \"" + subject);
  REQUIRE_FALSE(escalated.empty());
  CHECK(mail_header(escalated, "List-Unsubscribe").find("/unsubscribe/") != std::string::npos);

  // P0 answers within a minute: the ticket (opened 18 minutes ago) is overdue at once.
  auto settings = json_of(maya.get("/api/v1/programs/1/snapshot"))["support"];
  settings["priority_matrix"] = true;
  settings["priority_targets"][0] = {{"first_response_minutes", 1}, {"resolution_minutes", 1}};
  REQUIRE(maya.command(1, "ChangeSupportSettings", {{"settings", settings}})->status == 200);
  REQUIRE(ava.command(1, "TriageTicket", {{"ticket_id", id}, {"priority", "P0"}, {"category", "how-to"}, {"tags", json::array()}})->status == 200);
  const auto overdue = wait_for_text(sink, "agent@acme.test", "Overdue: no first response on \"" + subject);
  REQUIRE_FALSE(overdue.empty());
  CHECK(mail_header(overdue, "Subject").find("Overdue: ") != std::string::npos);
  REQUIRE_FALSE(wait_for_text(sink, "staff@acme.test", "Overdue: no first response on \"" + subject).empty());

  // Maya got none of them yet (the alerts of the demo's other tickets, flagged as the server
  // started, may have reached her before she chose the digest); the next day at 08:00 UTC one
  // digest gathers them.
  invite_and_wait(maya, sink, "flush@example.test");
  CHECK_FALSE(any_text(sink, "owner@acme.test", "escalated \"" + subject));
  CHECK_FALSE(any_text(sink, "owner@acme.test", "Overdue: no first response on \"" + subject));
  clock.shift("+1d");
  const auto digest = wait_for_text(sink, "owner@acme.test", "What happened since your last digest");
  REQUIRE_FALSE(digest.empty());
  CHECK(mail_header(digest, "Subject").rfind("Your Partnerdesk digest: ", 0) == 0);
  CHECK(mail_text(digest).find("escalated \"" + subject) != std::string::npos);
  CHECK(mail_text(digest).find("Overdue: no first response on \"" + subject) != std::string::npos);
  CHECK(mail_header(digest, "Message-ID").rfind("<digest-", 0) == 0);
  clock.shift("+0");
}

TEST_CASE("every Monday the business gets last week's report by mail, with its figures and a link to the reports page") {
  SmtpSink sink;
  ShiftableClock clock;
  ServerProcess server(flags(sink), true, {}, clock.env());
  Session maya(server, "owner@acme.test");
  // A week later the scheduler writes the week that has just ended, and mails it.
  const auto later = static_cast<std::int64_t>(std::time(nullptr)) * 1000 + 7 * 24 * 3'600'000LL;
  const auto week = pd::domain::week_label(pd::domain::week_of(later) - 1);
  clock.shift("+7d");
  const auto mail = wait_for_text(sink, "owner@acme.test", "Weekly support report for the week of " + week);
  REQUIRE_FALSE(mail.empty());
  CHECK(mail_text(mail).find("- Total tickets: ") != std::string::npos);
  CHECK(mail_text(mail).find("https://desk.example.test/#/p/1/reports") != std::string::npos);
  CHECK(mail_header(mail, "List-Unsubscribe").find("/unsubscribe/") != std::string::npos);
  // The business's members get it; agents do not.
  REQUIRE_FALSE(wait_for_text(sink, "staff@acme.test", "Weekly support report for the week of " + week).empty());
  CHECK_FALSE(any_text(sink, "agent@acme.test", "Weekly support report"));
  clock.shift("+0");
}

} // namespace test_server_event_mail
