// Drafts: what a person typed survives a reload of the tab, and is gone once sent or on sign-out.
#include "store_fixture.hpp"

#include "client/app/route.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_drafts { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

domain::ReplyToTicket reply(const char* text) {
  domain::ReplyToTicket r;
  r.ticket_id = 3;
  r.text = text;
  return r;
}

const std::string reply_draft = "partnerdesk.draft.1.reply.7.3"; // person 1, program 7, ticket 3

struct OnTicket : StoreFixture {
  OnTicket() {
    open_signed_in("#/p/7/tickets/3");
    load(acme());
  }
  void type_reply(const std::string& text) {
    ui().ticket.reply = text;
    act(ReplyEdited{});
  }
};

} // namespace

TEST_CASE("a reply being written is restored after a reload of the tab") {
  OnTicket t;
  t.type_reply("Thanks, we are looking into it.");
  CHECK(t.browser.storage[reply_draft] == "Thanks, we are looking into it.");

  StoreFixture reloaded;
  reloaded.browser.storage = t.browser.storage;
  reloaded.open_signed_in("#/p/7/tickets/3");
  CHECK(reloaded.ui().ticket.reply == "Thanks, we are looking into it.");

  SUBCASE("another ticket's composer starts empty") {
    reloaded.act(Navigate{program_route(Page::ticket, program_id, 4)});
    CHECK(reloaded.ui().ticket.reply.empty());
    reloaded.act(Navigate{program_route(Page::ticket, program_id, 3)});
    CHECK(reloaded.ui().ticket.reply == "Thanks, we are looking into it.");
  }
  SUBCASE("another person signed in on the same tab does not see it") {
    StoreFixture other;
    other.browser.storage = t.browser.storage;
    other.open_signed_in("#/p/7/tickets/3", 2, "Ben", identity::Role::admin);
    CHECK(other.ui().ticket.reply.empty());
  }
}

TEST_CASE("a reply emptied by the person leaves no draft") {
  OnTicket t;
  t.type_reply("Thanks");
  t.type_reply("");
  CHECK_FALSE(t.browser.storage.contains(reply_draft));
}

TEST_CASE("a reply sent clears the composer and its draft") {
  OnTicket t;
  t.type_reply("Fixed in the latest release.");
  t.act(SendCommand{FormId::reply, reply("Fixed in the latest release.")});
  CHECK(t.ui().form(FormId::reply).sending);
  CHECK(t.ui().ticket.reply == "Fixed in the latest release."); // kept until the server accepts it
  t.answer(Method::post, program_path("/commands"), 200, R"({"events":[]})");
  CHECK(t.ui().ticket.reply.empty());
  CHECK_FALSE(t.ui().form(FormId::reply).sending);
  CHECK_FALSE(t.browser.storage.contains(reply_draft));
  CHECK(t.ui().toast == "Reply sent.");
}

TEST_CASE("a reply refused stays in the composer and its draft") {
  OnTicket t;
  t.type_reply("Call me at home.");
  t.act(SendCommand{FormId::reply, reply("Call me at home.")});
  t.answer(Method::post, program_path("/commands"), 403,
           error_json(core::make_error(core::ErrorCode::forbidden, "This ticket is closed.")));
  CHECK(t.ui().form(FormId::reply).errors.general == "This ticket is closed.");
  CHECK(t.ui().ticket.reply == "Call me at home.");
  CHECK(t.browser.storage[reply_draft] == "Call me at home.");
}

TEST_CASE("signing out removes the person's drafts and keeps no password") {
  OnTicket t;
  t.type_reply("Draft for later");
  t.act(SignOut{});
  t.answer(Method::del, "/api/v1/session", 204, "");
  CHECK_FALSE(t.app().me.has_value());
  CHECK(t.app().route.page == Page::signin);
  for (const auto& [key_, value] : t.browser.storage) {
    const auto& key = key_; // clang 14: a lambda (CAPTURE) cannot name a structured binding
    CAPTURE(key);
    CHECK_FALSE(key.starts_with("partnerdesk.draft.1."));
  }
}

TEST_CASE("the sign-in email is kept as a draft, the password never") {
  StoreFixture t;
  t.browser.hash = "#/signin";
  t.start();
  t.answer(Method::get, "/api/v1/me", 401, error_json(core::make_error(core::ErrorCode::unauthenticated, "Sign in.")));
  CHECK(t.app().route.page == Page::signin);
  t.ui().email = "olivia@acme.test";
  t.ui().password = "correct horse";
  t.act(EmailEdited{});
  for (const auto& [key, value] : t.browser.storage) CHECK(value.find("correct horse") == std::string::npos);

  StoreFixture reloaded;
  reloaded.browser.storage = t.browser.storage;
  reloaded.start();
  CHECK(reloaded.ui().email == "olivia@acme.test");
  CHECK(reloaded.ui().password.empty());
}

} // namespace test_unit_client_app_store_drafts
