// The account page's list of sessions: loaded when the page opens, one ended by its id.
#include "store_fixture.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_sessions { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

TEST_CASE("the account page lists the sessions, and ending one removes it once the server agrees") {
  StoreFixture t;
  t.open_signed_in("#/account");
  REQUIRE(t.app().route.page == Page::account);
  t.answer(Method::get, "/api/v1/account/sessions", 200,
           R"({"items":[{"id":3,"browser":"Firefox on Linux","address":"127.0.0.1","created_at":1,"last_seen_at":2,"current":true},)"
           R"({"id":9,"browser":"Safari on iPhone","address":"10.0.0.2","created_at":1,"last_seen_at":2,"current":false}]})");
  REQUIRE(t.ui().sessions.rows.size() == 2);
  t.answer(Method::get, "/api/v1/account/mail-preferences", 200, R"({"categories":[],"relay":true,"digest_hour":8})");
  CHECK(t.ui().sessions.rows[0].current);
  CHECK(t.ui().sessions.rows[1].browser == "Safari on iPhone");

  t.act(EndSession{9});
  t.act(EndSession{9}); // once while on its way
  CHECK(t.http.waiting_count() == 1);
  CHECK(t.ui().sessions.ending == 9);
  t.answer(Method::del, "/api/v1/account/sessions/9", 204, "");
  CHECK(t.ui().sessions.ending == 0);
  REQUIRE(t.ui().sessions.rows.size() == 1);
  CHECK(t.ui().sessions.rows[0].id == 3);
  CHECK(t.ui().toast == "Signed out of that session.");
}

TEST_CASE("a session that had already ended is refused; the list is asked for again") {
  StoreFixture t;
  t.open_signed_in("#/account");
  t.answer(Method::get, "/api/v1/account/sessions", 200,
           R"({"items":[{"id":9,"browser":"Safari on iPhone","address":"10.0.0.2","created_at":1,"last_seen_at":2,"current":false}]})");
  t.act(EndSession{9});
  t.answer(Method::del, "/api/v1/account/sessions/9", 404,
           error_json(core::make_error(core::ErrorCode::not_found, "No such session of yours.", "session_id")));
  CHECK(t.ui().sessions.error == "No such session of yours.");
  t.answer(Method::get, "/api/v1/account/sessions", 200, R"({"items":[]})");
  CHECK(t.ui().sessions.rows.empty());
}

} // namespace test_unit_client_app_store_sessions
