// The account page's Email card (one kind of mail changed with a tap, saved at once), the page a
// mail's "Stop these" link opens, signed in or not, and the page of an erasure confirmation link.
#include "store_fixture.hpp"

#include "client/app/route.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_mail { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

const char* const preferences =
    R"({"categories":[{"key":"my_tickets","label":"My tickets","description":"d","mode":"each"},)"
    R"({"key":"alerts","label":"Overdue and escalation alerts","description":"d","mode":"off"}],"relay":false,"digest_hour":7})";

// The last request sent with this method and path; nullptr when none.
const FakeHttp::Request* last_sent(const StoreFixture& t, Method method, const std::string& path) {
  for (auto it = t.http.sent().rbegin(); it != t.http.sent().rend(); ++it)
    if (it->method == method && it->path == path) return &*it;
  return nullptr;
}

// The page is loaded at `hash` by someone not signed in.
void open_signed_out(StoreFixture& t, const std::string& hash) {
  t.browser.hash = hash;
  t.start();
  t.answer(Method::get, "/api/v1/me", 401, error_json(core::make_error(core::ErrorCode::unauthenticated, "Sign in to continue.")));
}

} // namespace

TEST_CASE("the account page loads the person's mail choices; a tap saves one kind at once, once") {
  StoreFixture t;
  t.open_signed_in("#/account");
  t.answer(Method::get, "/api/v1/account/mail-preferences", 200, preferences);
  const auto& f = t.ui().mail_preferences;
  REQUIRE(f.rows.size() == 2);
  CHECK(f.rows[1].mode == domain::MailMode::off);
  CHECK_FALSE(f.relay); // the card says the server sends no mail
  CHECK(f.digest_hour == 7);

  t.act(SetMailMode{"alerts", domain::MailMode::daily_digest});
  t.act(SetMailMode{"my_tickets", domain::MailMode::off}); // one save at a time
  CHECK(f.rows[1].mode == domain::MailMode::daily_digest);
  CHECK(f.rows[0].mode == domain::MailMode::each);
  CHECK(f.saving == "alerts");
  const auto* sent = last_sent(t, Method::post, "/api/v1/account/mail-preferences");
  REQUIRE(sent);
  CHECK(sent->body == R"({"modes":{"alerts":"daily_digest"}})");
  t.answer(Method::post, "/api/v1/account/mail-preferences", 200,
           R"({"categories":[{"key":"my_tickets","label":"My tickets","description":"d","mode":"each"},)"
           R"({"key":"alerts","label":"Overdue and escalation alerts","description":"d","mode":"daily_digest"}],"relay":true,"digest_hour":7})");
  CHECK(f.saving.empty());
  CHECK(f.rows[1].mode == domain::MailMode::daily_digest);
  CHECK(f.relay);
}

TEST_CASE("a refused save shows the server's sentence and the list as the server has it") {
  StoreFixture t;
  t.open_signed_in("#/account");
  t.answer(Method::get, "/api/v1/account/mail-preferences", 200, preferences);
  t.act(SetMailMode{"alerts", domain::MailMode::each});
  t.answer(Method::post, "/api/v1/account/mail-preferences", 400,
           error_json(core::make_error(core::ErrorCode::invalid_field, "Unknown kind of mail 'alerts'.", "modes.alerts")));
  CHECK(t.ui().mail_preferences.error == "Unknown kind of mail 'alerts'.");
  CHECK(t.ui().mail_preferences.saving.empty());
}

TEST_CASE("the unsubscribe page works signed out: one tap posts the link's token, and says it is done") {
  StoreFixture t;
  open_signed_out(t, "#/unsubscribe/12-alerts.0123456789abcdef");
  REQUIRE(t.app().route.page == Page::unsubscribe);
  CHECK(t.app().route.token == "12-alerts.0123456789abcdef");
  t.act(SubmitUnsubscribe{});
  t.act(SubmitUnsubscribe{});
  const auto* sent = last_sent(t, Method::post, "/api/v1/mail/unsubscribe");
  REQUIRE(sent);
  CHECK(sent->body == R"({"token":"12-alerts.0123456789abcdef"})");
  CHECK(t.http.waiting_count() == 1);
  t.answer(Method::post, "/api/v1/mail/unsubscribe", 200, R"({"kind":"alerts","label":"Overdue and escalation alerts","mode":"off"})");
  CHECK(t.ui().unsubscribe.done);
}

TEST_CASE("an altered unsubscribe link shows the server's refusal; a malformed one is not the unsubscribe page") {
  StoreFixture t;
  open_signed_out(t, "#/unsubscribe/12-alerts.0123456789abcdef");
  t.act(SubmitUnsubscribe{});
  t.answer(Method::post, "/api/v1/mail/unsubscribe", 400,
           error_json(core::make_error(core::ErrorCode::invalid_field, "This unsubscribe link is not valid.", "token")));
  CHECK(t.ui().unsubscribe.error == "This unsubscribe link is not valid.");
  CHECK_FALSE(t.ui().unsubscribe.done);
  CHECK(parse_route("#/unsubscribe/12-alerts.0123").page != Page::unsubscribe);
  CHECK(parse_route("#/unsubscribe/x-alerts.0123456789abcdef").page != Page::unsubscribe);
  CHECK(parse_route("#/unsubscribe/12-Alerts.0123456789abcdef").page != Page::unsubscribe);
  CHECK(format_route(parse_route("#/unsubscribe/12-alerts.0123456789abcdef")) == "#/unsubscribe/12-alerts.0123456789abcdef");
}

TEST_CASE("the erasure link's page confirms signed out: one tap posts the token; opened twice it is confirmed all the same") {
  StoreFixture t;
  open_signed_out(t, "#/erasure/3-12.0123456789abcdef");
  REQUIRE(t.app().route.page == Page::erasure);
  CHECK(t.app().route.token == "3-12.0123456789abcdef");
  t.act(SubmitErasureConfirm{});
  t.act(SubmitErasureConfirm{});
  const auto* sent = last_sent(t, Method::post, "/api/v1/erasure/confirm");
  REQUIRE(sent);
  CHECK(sent->body == R"({"token":"3-12.0123456789abcdef"})");
  CHECK(t.http.waiting_count() == 1);
  t.answer(Method::post, "/api/v1/erasure/confirm", 409,
           error_json(core::make_error(core::ErrorCode::conflict, "This request is confirmed already.", "data.erasure_id")));
  CHECK(t.ui().erasure.confirm_done);
  CHECK(t.ui().erasure.confirm_error.empty());
}

TEST_CASE("an altered erasure link shows the server's refusal; a malformed one is not the erasure page") {
  StoreFixture t;
  open_signed_out(t, "#/erasure/3-12.0123456789abcdef");
  t.act(SubmitErasureConfirm{});
  t.answer(Method::post, "/api/v1/erasure/confirm", 400,
           error_json(core::make_error(core::ErrorCode::invalid_field, "This confirmation link is not valid.", "token")));
  CHECK(t.ui().erasure.confirm_error == "This confirmation link is not valid.");
  CHECK_FALSE(t.ui().erasure.confirm_done);
  CHECK(parse_route("#/erasure/3-12.0123").page != Page::erasure);
  CHECK(parse_route("#/erasure/3-x.0123456789abcdef").page != Page::erasure);
  CHECK(parse_route("#/erasure/3-12.0123456789ABCDEF").page != Page::erasure);
  CHECK(format_route(parse_route("#/erasure/3-12.0123456789abcdef")) == "#/erasure/3-12.0123456789abcdef");
}

} // namespace test_unit_client_app_store_mail
