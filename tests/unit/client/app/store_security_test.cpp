// Two-factor in the store: the code asked after a right password, a sensitive command held for a
// fresh code and sent again with the same command id, and a program's requirement that keeps the
// person on the account page until two-factor is on.
#include "store_fixture.hpp"

#include "client/app/route.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_security { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

std::string me_with(bool two_factor, std::vector<std::string> required_by) {
  api::Me me{api::Person{1, "olivia@acme.test", "Olivia"}, {api::Membership{program_id, "Acme Partners", identity::Role::owner}},
             two_factor, std::move(required_by)};
  return nlohmann::json(me).dump();
}

} // namespace

TEST_CASE("sign-in asks for the two-factor code after a right password, and sends it with the password") {
  StoreFixture t;
  t.browser.hash = "#/signin";
  t.start();
  t.answer(Method::get, "/api/v1/me", 401, error_json(core::make_error(core::ErrorCode::unauthenticated, "Sign in to continue.")));
  t.ui().email = "olivia@acme.test";
  t.ui().password = "a-long-password";
  t.act(SubmitSignIn{});
  t.answer(Method::post, "/api/v1/session", 401,
           error_json(core::make_error(core::ErrorCode::two_factor_required, "Enter the 6-digit code.", "code")));
  CHECK(t.ui().signin_needs_code);
  CHECK(t.ui().signin_error.empty());
  CHECK(t.ui().password == "a-long-password"); // kept for the second step

  t.act(SubmitSignIn{}); // no code yet: not sent
  CHECK_FALSE(t.asked(Method::post, "/api/v1/session"));
  CHECK_FALSE(t.ui().signin_error.empty());

  t.ui().signin_code = " 123456 ";
  t.act(SubmitSignIn{});
  auto sent = nlohmann::json::parse(t.http.sent().back().body);
  CHECK(sent["code"] == "123456");
  CHECK(sent["password"] == "a-long-password");
  // A wrong code keeps the password and empties the code.
  t.answer(Method::post, "/api/v1/session", 401,
           error_json(core::make_error(core::ErrorCode::invalid_credentials, "That code is not right.", "code")));
  CHECK(t.ui().signin_error == "That code is not right.");
  CHECK(t.ui().signin_code.empty());
  CHECK(t.ui().password == "a-long-password");
  t.ui().signin_code = "654321";
  t.act(SubmitSignIn{});
  t.answer(Method::post, "/api/v1/session", 200, me_with(true, {}));
  REQUIRE(t.app().me);
  CHECK(t.app().me->two_factor);
  CHECK_FALSE(t.ui().signin_needs_code);
  CHECK(t.ui().password.empty());
}

TEST_CASE("a sensitive command refused for step-up waits for the code, then goes again with the same command id") {
  StoreFixture t;
  t.open_signed_in("#/p/7/settings");
  t.load(acme());
  t.act(SendCommand{FormId::security_policy, domain::ChangeSecurityPolicy{{true, false}}});
  const auto first = t.last_command();
  t.answer(Method::post, program_path("/commands"), 403,
           error_json(core::make_error(core::ErrorCode::step_up_required, "Confirm it is you.", "code")));
  CHECK(t.ui().step_up.open);
  CHECK(t.ui().form(FormId::security_policy).sending); // still waiting, not refused
  CHECK(t.ui().form(FormId::security_policy).errors.empty());

  t.act(SubmitStepUp{}); // empty code: asked for, nothing sent
  CHECK(t.ui().step_up.errors.field("code") != nullptr);
  CHECK_FALSE(t.asked(Method::post, "/api/v1/session/step-up"));

  t.ui().step_up.code = "000000";
  t.act(SubmitStepUp{});
  t.answer(Method::post, "/api/v1/session/step-up", 400,
           error_json(core::make_error(core::ErrorCode::invalid_field, "That code is not right.", "code")));
  CHECK(t.ui().step_up.open);
  REQUIRE(t.ui().step_up.errors.field("code") != nullptr);
  CHECK(*t.ui().step_up.errors.field("code") == "That code is not right.");
  CHECK_FALSE(t.asked(Method::post, program_path("/commands")));

  t.ui().step_up.code = "123456";
  t.act(SubmitStepUp{});
  t.answer(Method::post, "/api/v1/session/step-up", 200, R"({"step_up_until":1})");
  CHECK_FALSE(t.ui().step_up.open);
  REQUIRE(t.asked(Method::post, program_path("/commands")));
  CHECK(t.last_command() == first); // the same command, the same id: applied once
  auto program = acme();
  const auto changed = program.event(1, domain::SecurityPolicyChanged{{true, false}});
  t.answer(Method::post, program_path("/commands"), 200, R"({"events":[)" + event_json(changed) + "]}");
  CHECK_FALSE(t.ui().form(FormId::security_policy).sending);
  CHECK(t.ui().toast == "Sign-in security saved.");
}

TEST_CASE("cancelling the code dialog ends the wait with a message on the form, and sends nothing") {
  StoreFixture t;
  t.open_signed_in("#/p/7/settings");
  t.load(acme());
  // The owner's settings page also asks how the program's mail is delivered.
  t.answer(Method::get, program_path("/mail-status"), 200, R"({"relay":true,"queued":0,"failing":0,"sent":3,"waiting":[]})");
  CHECK(t.ui().mail_status.sent == 3);
  t.act(SendCommand{FormId::security_policy, domain::ChangeSecurityPolicy{{true, false}}});
  t.answer(Method::post, program_path("/commands"), 403,
           error_json(core::make_error(core::ErrorCode::step_up_required, "Confirm it is you.", "code")));
  t.act(CancelStepUp{});
  CHECK_FALSE(t.ui().step_up.open);
  CHECK_FALSE(t.ui().form(FormId::security_policy).sending);
  CHECK_FALSE(t.ui().form(FormId::security_policy).errors.empty());
  CHECK(t.http.waiting_count() == 0);
}

TEST_CASE("a program's two-factor requirement keeps the person on the account page until it is on") {
  StoreFixture t;
  t.browser.hash = "#/p/7/tickets";
  t.start();
  t.answer(Method::get, "/api/v1/me", 200, me_with(false, {"Acme Partners"}));
  CHECK(t.app().route.page == Page::account);
  t.act(Navigate{program_route(Page::overview, program_id)});
  CHECK(t.app().route.page == Page::account);

  // Setting it up: the QR code and the secret, then a first code.
  t.act(StartTwoFactorSetup{});
  t.answer(Method::post, "/api/v1/account/two-factor/setup", 200,
           R"({"secret":"JBSWY3DPEHPK3PXP","otpauth_uri":"otpauth://totp/x","qr":{"size":2,"rows":["10","01"]}})");
  CHECK(t.ui().two_factor.secret == "JBSWY3DPEHPK3PXP");
  CHECK(t.ui().two_factor.qr_size == 2);
  t.ui().two_factor.code = "123456";
  t.act(SubmitTwoFactorCode{});
  t.answer(Method::post, "/api/v1/account/two-factor/enable", 200, R"({"two_factor":true,"recovery_codes":["aaaa-bbbb-cccc","dddd-eeee-ffff"]})");
  CHECK(t.app().me->two_factor);
  CHECK(t.ui().two_factor.recovery_codes.size() == 2); // shown once
  t.answer(Method::get, "/api/v1/me", 200, me_with(true, {}));
  t.act(Navigate{program_route(Page::overview, program_id)});
  CHECK(t.app().route.page == Page::overview);
}

TEST_CASE("a 403 two_factor_enrolment_required asks who the person is again, which leads to the account page") {
  StoreFixture t;
  t.open_signed_in("#/p/7/overview");
  t.answer(Method::get, program_path("/snapshot"), 403,
           error_json(core::make_error(core::ErrorCode::two_factor_enrolment_required, "Acme Partners requires two-factor sign-in.")));
  REQUIRE(t.asked(Method::get, "/api/v1/me"));
  t.answer(Method::get, "/api/v1/me", 200, me_with(false, {"Acme Partners"}));
  CHECK(t.app().route.page == Page::account);
}

} // namespace test_unit_client_app_store_security
