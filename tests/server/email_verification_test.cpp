// Email verification and the new-browser sign-in mail against real processes: the server and
// an SMTP sink. Sign-up mails a link that confirms the address once; accepting an invitation
// waits for it (403 email_unverified), and the link of an account made through an invitation
// link joins; expired and reused links are refused; a sign-in from a browser the account had
// not used mails the person, one from a known browser (its device cookie) does not.
#include "api_client.hpp"
#include "mail_join.hpp"
#include "server_process.hpp"
#include "smtp_sink.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

namespace test_server_email_verification { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

const std::string kVerifySubject = "Confirm your email for Partnerdesk";
const std::string kSignInSubject = "New sign-in to Partnerdesk";

void sign_up(const ServerProcess& server, const std::string& email, const std::string& password) {
  auto r = Session(server).post("/api/v1/accounts", {{"email", email}, {"name", "Vera Verify"}, {"password", password}});
  REQUIRE(r);
  REQUIRE(r->status == 202);
}

httplib::Result verify(const ServerProcess& server, const std::string& token) {
  return Session(server).post("/api/v1/account/email-verification", {{"token", token}});
}

std::string invite(const ServerProcess& server, const std::string& email) {
  Session owner(server, "owner@acme.test");
  auto r = owner.command(1, "InviteMember", {{"email", email}, {"role", "agent"}});
  REQUIRE(r->status == 200);
  return json_of(r)["invitation_link"].get<std::string>().substr(std::string("/#/invite/").size());
}

bool member_of_program_1(const json& me) {
  for (const auto& m : me["memberships"])
    if (m["program_id"] == 1) return true;
  return false;
}

// The value of the Set-Cookie header that starts with `name=` ("" when none).
std::string set_cookie_named(const httplib::Result& r, const std::string& name) {
  for (const auto& [key, value] : r->headers)
    if (key == "Set-Cookie" && value.rfind(name + "=", 0) == 0) return value;
  return {};
}

httplib::Result sign_in(const ServerProcess& server, const std::string& email, const std::string& cookie, const std::string& agent) {
  auto headers = api_headers(cookie);
  headers.emplace("User-Agent", agent);
  return server.client().Post("/api/v1/session", headers, json{{"email", email}, {"password", "demo-password"}}.dump(), "application/json");
}

std::size_t mails_to(const SmtpSink& sink, const std::string& to, const std::string& subject) {
  std::size_t n = 0;
  for (const auto& m : sink.messages()) n += mail_header(m, "X-Sink-Rcpt-To") == to && mail_header(m, "Subject") == subject;
  return n;
}

} // namespace

TEST_CASE("sign-up mails a link that confirms the address once, and /me says so") {
  SmtpSink sink;
  ServerProcess server(sink_relay_flags(sink), false);
  sign_up(server, "vera@verify.test", "vera-password-1");
  const auto mail = wait_for_mail_to(sink, "vera@verify.test", kVerifySubject);
  REQUIRE_FALSE(mail.empty());
  CHECK(mail_header(mail, "Message-ID").rfind("<verify-", 0) == 0);
  CHECK(mail_header(mail, "List-Unsubscribe").empty()); // essential mail
  const auto token = link_token_in(mail, "/#/verify/");
  REQUIRE(token.size() == 64);
  CHECK(mail_text(mail).find("https://desk.example.test/#/verify/" + token) != std::string::npos);

  Session vera(server, "vera@verify.test", "vera-password-1");
  CHECK(json_of(vera.get("/api/v1/me"))["email_verified"] == false);
  auto done = verify(server, token);
  REQUIRE(done);
  CHECK(done->status == 200);
  CHECK(json_of(done)["status"] == "verified");
  CHECK(json_of(done)["email"] == "vera@verify.test");
  CHECK(json_of(vera.get("/api/v1/me"))["email_verified"] == true);

  // The link works once; a token nobody was sent is refused the same way.
  auto again = verify(server, token);
  REQUIRE(again);
  CHECK(again->status == 400);
  CHECK(json_of(again)["error"]["field"] == "token");
  CHECK(json_of(again)["error"]["message"].get<std::string>().find("expired or was already used") != std::string::npos);
  CHECK(json_of(verify(server, std::string(64, 'a')))["error"]["field"] == "token");
  // Asking for another one once verified sends nothing.
  auto resend = vera.post("/api/v1/account/email-verification/resend", json::object());
  CHECK(resend->status == 200);
  CHECK(json_of(resend)["status"] == "verified");
}

TEST_CASE("an expired link is refused with a clear error, and a fresh one works") {
  SmtpSink sink;
  ShiftableClock clock;
  ServerProcess server(sink_relay_flags(sink), false, {}, clock.env());
  sign_up(server, "late@verify.test", "late-password-1");
  const auto token = link_token_in(wait_for_mail_to(sink, "late@verify.test", kVerifySubject), "/#/verify/");
  REQUIRE(token.size() == 64);
  clock.shift("+49h");
  auto late = verify(server, token);
  REQUIRE(late);
  CHECK(late->status == 400);
  CHECK(json_of(late)["error"]["code"] == "invalid_field");
  CHECK(json_of(late)["error"]["message"].get<std::string>().find("Sign in and send yourself a new one") != std::string::npos);

  // Signed in, the person asks for a fresh link (needs a session; at most one a minute).
  CHECK(Session(server).post("/api/v1/account/email-verification/resend", json::object())->status == 401);
  Session late_person(server, "late@verify.test", "late-password-1");
  auto sent = late_person.post("/api/v1/account/email-verification/resend", json::object());
  REQUIRE(sent);
  CHECK(sent->status == 202);
  auto throttled = late_person.post("/api/v1/account/email-verification/resend", json::object());
  CHECK(throttled->status == 429);
  CHECK(throttled->has_header("Retry-After"));
  REQUIRE(sink.wait_for(2));
  auto fresh = verify_through_mail(server, sink, "late@verify.test");
  CHECK(fresh["http_status"] == 200);
  CHECK(json_of(late_person.get("/api/v1/me"))["email_verified"] == true);
}

TEST_CASE("accepting an invitation is refused until the address is confirmed, and works after") {
  SmtpSink sink;
  ServerProcess server(sink_relay_flags(sink), true);
  // Demo people count as verified.
  CHECK(json_of(Session(server, "agent@acme.test").get("/api/v1/me"))["email_verified"] == true);

  // Someone with an account of their own, not confirmed yet.
  sign_up(server, "kai@verify.test", "kai-password-12");
  Session kai(server, "kai@verify.test", "kai-password-12");
  const auto token = invite(server, "kai@verify.test");
  auto refused = kai.post("/api/v1/invitations/accept", {{"token", token}});
  REQUIRE(refused);
  CHECK(refused->status == 403);
  CHECK(json_of(refused)["error"]["code"] == "email_unverified");
  CHECK(json_of(refused)["error"]["message"].get<std::string>().find("open the link we sent to kai@verify.test") != std::string::npos);
  CHECK_FALSE(member_of_program_1(json_of(kai.get("/api/v1/me"))));
  // Someone else's invitation is refused for that reason first, not for the address.
  auto other = kai.post("/api/v1/invitations/accept", {{"token", invite(server, "someone.else@verify.test")}});
  CHECK(other->status == 403);
  CHECK(json_of(other)["error"]["code"] == "forbidden");

  const auto verified = verify_through_mail(server, sink, "kai@verify.test");
  CHECK(verified["http_status"] == 200);
  CHECK_FALSE(verified.contains("joined")); // the sign-up's link carries no invitation
  auto accepted = kai.post("/api/v1/invitations/accept", {{"token", token}});
  REQUIRE(accepted);
  CHECK(accepted->status == 200);
  CHECK(member_of_program_1(json_of(kai.get("/api/v1/me"))));
}

TEST_CASE("an account made through an invitation link is signed in, told to confirm, and joins by opening the mailed link") {
  SmtpSink sink;
  ServerProcess server(sink_relay_flags(sink), true);
  const auto token = invite(server, "noor@verify.test");
  auto r = Session(server).post("/api/v1/invitations/accept", {{"token", token}, {"name", "Noor Verify"}, {"password", "noor-password-1"}});
  REQUIRE(r);
  CHECK(r->status == 403);
  CHECK(json_of(r)["error"]["code"] == "email_unverified");
  CHECK(json_of(r)["error"]["message"] == "We sent a link to noor@verify.test. Open it to confirm your email address and join Acme Analytics.");
  const auto cookie = session_cookie_of(r);
  REQUIRE_FALSE(cookie.empty());
  auto me = server.client().Get("/api/v1/me", api_headers(cookie));
  CHECK(json_of(me)["email_verified"] == false);
  CHECK_FALSE(member_of_program_1(json_of(me)));

  const auto joined = verify_through_mail(server, sink, "noor@verify.test");
  CHECK(joined["http_status"] == 200);
  CHECK(joined["joined"]["program_id"] == 1);
  CHECK(joined["joined"]["program_name"] == "Acme Analytics");
  me = server.client().Get("/api/v1/me", api_headers(cookie));
  CHECK(json_of(me)["email_verified"] == true);
  CHECK(member_of_program_1(json_of(me)));
  // Accepting again from the invitation page answers as the first time (one join).
  auto again = server.client().Post("/api/v1/invitations/accept", api_headers(cookie), json{{"token", token}}.dump(), "application/json");
  CHECK(again->status == 200);
}

TEST_CASE("a sign-in from a browser the account had not used mails the person; the same browser again does not") {
  SmtpSink sink;
  ServerProcess server(sink_relay_flags(sink), true);
  const std::string firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
  // The account's first browser: remembered, no mail. It gets a device cookie.
  auto first = sign_in(server, "trainee@acme.test", "", firefox);
  REQUIRE(first->status == 200);
  const auto device = set_cookie_named(first, "pd_device");
  REQUIRE_FALSE(device.empty());
  CHECK(device.find("HttpOnly") != std::string::npos);
  CHECK(device.find("SameSite=Strict") != std::string::npos);
  CHECK(session_cookie_of(first).rfind("pd_session=", 0) == 0); // beside the session cookie
  const auto device_cookie = device.substr(0, device.find(';'));
  // The same browser (its cookie) again: no mail, no new cookie.
  auto second = sign_in(server, "trainee@acme.test", device_cookie, firefox);
  REQUIRE(second->status == 200);
  CHECK(set_cookie_named(second, "pd_device").empty());
  // Another browser: the mail.
  auto third = sign_in(server, "trainee@acme.test", "", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36");
  REQUIRE(third->status == 200);
  const auto mail = wait_for_mail_to(sink, "trainee@acme.test", kSignInSubject);
  REQUIRE_FALSE(mail.empty());
  const auto text = mail_text(mail);
  CHECK(text.find("Chrome on Windows") != std::string::npos);
  CHECK(text.find("127.0.0.1") != std::string::npos);
  CHECK(text.find("UTC") != std::string::npos);
  CHECK(text.find("https://desk.example.test/#/account") != std::string::npos);
  CHECK(text.find("https://desk.example.test/#/forgot") != std::string::npos);
  CHECK(mail_header(mail, "Message-ID").rfind("<signin-", 0) == 0);
  CHECK(mail_header(mail, "List-Unsubscribe").empty());
  // The first browser again, later: still known. Only the one mail was sent.
  REQUIRE(sign_in(server, "trainee@acme.test", device_cookie, firefox)->status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(mails_to(sink, "trainee@acme.test", kSignInSubject) == 1);
}

} // namespace test_server_email_verification
