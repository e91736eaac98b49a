// Email verification in the store: the mailed link's page sends its token once, shows what the
// server said (and the program the link joined), a link that failed offers a fresh one; an
// invitation refused for an unconfirmed address asks who is signed in and keeps the reason.
#include "store_fixture.hpp"

#include "client/app/route.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_verification { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

const std::string kToken(64, 'c');

std::string unverified_me() {
  api::Me me{api::Person{1, "kim@acme.test", "Kim"}, {}};
  me.email_verified = false;
  return nlohmann::json(me).dump();
}

} // namespace

TEST_CASE("the mailed link's page confirms the address once, signed out, and says the program it joined") {
  StoreFixture t;
  t.browser.hash = "#/verify/" + kToken;
  t.start();
  t.answer(Method::get, "/api/v1/me", 401, error_json(core::make_error(core::ErrorCode::unauthenticated, "Sign in to continue.")));
  REQUIRE(t.app().route.page == Page::verify_email);
  CHECK(t.ui().verification.sending);
  t.answer(Method::post, "/api/v1/account/email-verification", 200,
           R"({"status":"verified","email":"kim@acme.test","message":"Your email address is confirmed, and you joined Acme Partners.",)"
           R"("joined":{"program_id":1,"program_name":"Acme Partners"}})");
  const auto& v = t.ui().verification;
  CHECK(v.done);
  CHECK(v.message == "Your email address is confirmed, and you joined Acme Partners.");
  CHECK(v.joined_program_id == 1);
  CHECK(v.joined_program_name == "Acme Partners");
  // The same route again sends nothing more: a link is used once.
  t.act(Navigate{parse_route("#/verify/" + kToken)});
  CHECK_FALSE(t.asked(Method::post, "/api/v1/account/email-verification"));
}

TEST_CASE("a link that no longer works says so, and a signed-in person asks for a fresh one") {
  StoreFixture t;
  t.browser.hash = "#/verify/" + kToken;
  t.start();
  t.answer(Method::get, "/api/v1/me", 200, unverified_me());
  t.answer(Method::post, "/api/v1/account/email-verification", 400,
           error_json(core::make_error(core::ErrorCode::invalid_field,
                                       "This confirmation link has expired or was already used. Sign in and send yourself a new one.", "token")));
  CHECK_FALSE(t.ui().verification.done);
  CHECK(t.ui().verification.error.find("expired or was already used") != std::string::npos);
  t.act(ResendVerification{});
  CHECK(t.ui().verification.resending);
  t.answer(Method::post, "/api/v1/account/email-verification/resend", 202,
           R"({"status":"sent","email":"kim@acme.test","message":"We sent a new link to kim@acme.test. It works once, for 48 hours."})");
  CHECK(t.ui().verification.resend_notice == "We sent a new link to kim@acme.test. It works once, for 48 hours.");
  const auto& sent = t.http.sent().back();
  CHECK(sent.body == "{}"); // not on an invitation page: the link joins nothing
}

TEST_CASE("an invitation refused for an unconfirmed address keeps the reason and asks who is signed in") {
  StoreFixture t;
  t.browser.hash = "#/invite/" + kToken;
  t.start();
  t.answer(Method::get, "/api/v1/me", 401, error_json(core::make_error(core::ErrorCode::unauthenticated, "Sign in to continue.")));
  t.answer(Method::get, "/api/v1/invitations/" + kToken, 200,
           R"({"program_name":"Acme Partners","role":"agent","email":"kim@acme.test","status":"pending","expires_at":9999999999999,"has_account":false})");
  t.ui().join.name = "Kim";
  t.ui().join.password = "a long enough password";
  t.act(SubmitJoin{});
  const std::string why = "We sent a link to kim@acme.test. Open it to confirm your email address and join Acme Partners.";
  t.answer(Method::post, "/api/v1/invitations/accept", 403, error_json(core::make_error(core::ErrorCode::email_unverified, why)));
  CHECK(t.ui().join.unverified == why);
  CHECK(t.ui().join.password.empty());
  t.answer(Method::get, "/api/v1/me", 200, unverified_me()); // the new account's session
  REQUIRE(t.app().me.has_value());
  CHECK_FALSE(t.app().me->email_verified);
  CHECK(t.app().route.page == Page::invite);
  // "Send the link again" from here: the fresh link also joins this invitation.
  t.act(ResendVerification{});
  CHECK(nlohmann::json::parse(t.http.sent().back().body)["invitation_token"] == kToken);
}

} // namespace test_unit_client_app_store_verification
