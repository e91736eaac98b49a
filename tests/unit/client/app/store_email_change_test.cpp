// Changing one's email address in the store (the account page's Email address card): the
// address checked by the server's rule before sending, the pending address the server answers
// with, a request refused for step-up held for the code and sent again, and a cancel.
#include "store_fixture.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_email_change { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

std::string me_pending(const std::string& pending) {
  api::Me me{api::Person{1, "olivia@acme.test", "Olivia"}, {}};
  me.email_verified = true;
  me.pending_email = pending;
  return nlohmann::json(me).dump();
}

} // namespace

TEST_CASE("a new address is checked before sending, and the answer shows it waiting for confirmation") {
  StoreFixture t;
  t.open_signed_in("#/account");
  auto& f = t.ui().email_change;
  f.open = true;
  f.email = "olivia@";
  t.act(SubmitEmailChange{}); // not an address, no password: said under the fields, nothing sent
  REQUIRE(f.errors.field("email") != nullptr);
  CHECK(*f.errors.field("email") == "That does not look like an email address.");
  CHECK(f.errors.field("current_password") != nullptr);
  CHECK_FALSE(t.asked(Method::post, "/api/v1/account/email"));

  f.email = " Olivia@New.test ";
  f.password = "the current one";
  t.act(SubmitEmailChange{});
  REQUIRE(t.asked(Method::post, "/api/v1/account/email"));
  CHECK(nlohmann::json::parse(t.http.sent().back().body) ==
        nlohmann::json{{"current_password", "the current one"}, {"email", "olivia@new.test"}});
  CHECK(t.ui().email_change.sending);
  t.answer(Method::post, "/api/v1/account/email", 202,
           R"({"status":"pending","email":"olivia@new.test","message":"We sent a link to olivia@new.test.","me":)" +
               me_pending("olivia@new.test") + "}");
  CHECK(t.app().me->pending_email == "olivia@new.test");
  CHECK(t.app().me->person.email == "olivia@acme.test");
  CHECK_FALSE(t.ui().email_change.open);
  CHECK(t.ui().email_change.password.empty());
  CHECK(t.ui().email_change.notice == "We sent a link to olivia@new.test.");

  t.act(CancelEmailChange{});
  t.answer(Method::del, "/api/v1/account/email", 200, R"({"status":"cancelled","message":"The change was cancelled.","me":)" + me_pending("") + "}");
  CHECK(t.app().me->pending_email.empty());
}

TEST_CASE("a wrong password is said under its field; a change refused for step-up goes again after the code") {
  StoreFixture t;
  t.open_signed_in("#/account");
  auto& f = t.ui().email_change;
  f.open = true;
  f.email = "olivia@new.test";
  f.password = "not it";
  t.act(SubmitEmailChange{});
  t.answer(Method::post, "/api/v1/account/email", 403,
           error_json(core::make_error(core::ErrorCode::invalid_credentials, "That is not your current password.", "current_password")));
  REQUIRE(f.errors.field("current_password") != nullptr);
  CHECK(*f.errors.field("current_password") == "That is not your current password.");
  CHECK(f.open);

  f.password = "the current one";
  t.act(SubmitEmailChange{});
  const auto body = t.http.sent().back().body;
  t.answer(Method::post, "/api/v1/account/email", 403,
           error_json(core::make_error(core::ErrorCode::step_up_required, "Confirm it is you.", "code")));
  CHECK(t.ui().step_up.open);
  CHECK(t.ui().email_change.sending); // still waiting, not refused
  t.ui().step_up.code = "123456";
  t.act(SubmitStepUp{});
  t.answer(Method::post, "/api/v1/session/step-up", 200, R"({"step_up_until":1})");
  REQUIRE(t.asked(Method::post, "/api/v1/account/email"));
  CHECK(t.http.sent().back().body == body);
  t.answer(Method::post, "/api/v1/account/email", 202, R"({"status":"pending","message":"Sent.","me":)" + me_pending("olivia@new.test") + "}");
  CHECK(t.app().me->pending_email == "olivia@new.test");
}

} // namespace test_unit_client_app_store_email_change
