// The support settings page's Held mail card: the list, loaded when the page opens, and a
// decision on one (discard, add to ticket) that removes it once the server agrees.
#include "store_fixture.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_held_mail { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

const char* held_two =
    R"({"held_mail":[{"id":7,"program_id":7,"ticket_id":14,"sender":"Sam <sam@lumen.test>","subject":"Re: Your ticket","text":"March.",)"
    R"("reason":"It comes from sam@lumen.test, not from the ticket's customer.","received_at":5},)"
    R"({"id":4,"program_id":7,"ticket_id":0,"sender":"x@y.test","subject":"","text":"Hi","reason":"It was not sent to a ticket's reply address.","received_at":3}]})";

} // namespace

TEST_CASE("held mail is listed on the support settings page; discarding one removes it once the server agrees") {
  StoreFixture t;
  t.open_signed_in("#/p/7/settings/support");
  REQUIRE(t.app().route.page == Page::support_settings);
  t.answer(Method::get, "/api/v1/programs/7/held-mail", 200, held_two);
  REQUIRE(t.ui().held_mail.items.size() == 2);
  CHECK(t.ui().held_mail.items[0].sender == "Sam <sam@lumen.test>");
  CHECK(t.ui().held_mail.items[0].ticket_id == 14);
  CHECK(t.ui().held_mail.items[1].reason == "It was not sent to a ticket's reply address.");

  t.act(DecideHeldMail{7, false});
  t.act(DecideHeldMail{4, false}); // one at a time
  CHECK(t.ui().held_mail.busy_id == 7);
  t.answer(Method::post, "/api/v1/programs/7/held-mail/7/discard", 200, R"({"discarded":7})");
  CHECK(t.ui().held_mail.busy_id == 0);
  REQUIRE(t.ui().held_mail.items.size() == 1);
  CHECK(t.ui().held_mail.items[0].id == 4);
  CHECK(t.ui().toast == "Discarded.");
}

TEST_CASE("adding held mail to its ticket that the ticket refuses keeps it, with the server's sentence") {
  StoreFixture t;
  t.open_signed_in("#/p/7/settings/support");
  t.answer(Method::get, "/api/v1/programs/7/held-mail", 200, held_two);
  t.act(DecideHeldMail{7, true});
  t.answer(Method::post, "/api/v1/programs/7/held-mail/7/append", 409,
           error_json(core::make_error(core::ErrorCode::conflict,
                                       "This ticket is closed. Open a new ticket to continue.", "ticket_id")));
  CHECK(t.ui().held_mail.items.size() == 2);
  CHECK(t.ui().held_mail.error == "This ticket is closed. Open a new ticket to continue.");
  t.act(DecideHeldMail{7, true});
  t.answer(Method::post, "/api/v1/programs/7/held-mail/7/append", 200, R"({"events":[]})");
  CHECK(t.ui().held_mail.items.size() == 1);
  CHECK(t.ui().toast == "Added to the ticket.");
}

} // namespace test_unit_client_app_store_held_mail
