// The customer form: a save that loses to someone else's change, and the server's refusals.
#include "store_fixture.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_customer { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

const std::string customer_path = program_path("/customers/1");

// Olivia has Northwind open; Ben changes its segment meanwhile (Growth -> Strategic).
struct OnNorthwind : StoreFixture {
  Program program = acme();
  OnNorthwind() {
    open_signed_in("#/p/7/customers/1");
    load(program);
    REQUIRE(ui().customer.ready);
  }
  // Ben's change as the server holds it after his save.
  domain::Customer changed_by_ben() {
    auto profile = northwind();
    profile.segment = "Strategic";
    program.event(2, domain::CustomerUpdated{1, profile});
    return *program.state.customer(1);
  }
  void save_segment(const std::string& segment) {
    ui().customer.fields.segment = segment;
    act(CustomerEdited{});
    act(SaveCustomer{});
  }
};

} // namespace

TEST_CASE("the customer form shows the record it edits") {
  OnNorthwind t;
  const auto& f = t.ui().customer;
  CHECK(f.fields.name == "Northwind");
  CHECK(f.fields.segment == "Growth");
  CHECK(f.fields.mrr == "1450.00");
  CHECK(f.base_version == 4);
  CHECK_FALSE(f.dirty());
}

TEST_CASE("a save that loses to someone else's change shows their value and keeps the person's own aside") {
  OnNorthwind t;
  t.save_segment("Enterprise");
  const auto sent = t.last_command();
  CHECK(sent["type"] == "UpdateCustomer");
  CHECK(sent["data"]["expected_version"] == 4);
  CHECK(sent["data"]["profile"]["segment"] == "Enterprise");
  CHECK(t.ui().customer.saving);

  const auto ben = t.changed_by_ben();
  t.answer(Method::post, program_path("/commands"), 409,
           error_json(core::conflict("Someone else changed this customer.", "data.expected_version", ben.version)));
  // The form asks for the record as it is now, and shows it once it arrives.
  CHECK(t.ui().customer.reloading);
  t.answer(Method::get, customer_path, 200, nlohmann::json(ben).dump());

  const auto& f = t.ui().customer;
  CHECK(f.conflict);
  CHECK_FALSE(f.saving);
  CHECK_FALSE(f.reloading);
  CHECK(f.fields.segment == "Strategic"); // the other person's value
  CHECK(f.base_version == ben.version);
  REQUIRE(f.set_aside.size() == 1);       // only what the person changed is set aside
  CHECK(f.set_aside[0].field == "segment");
  CHECK(f.set_aside[0].label == "Segment");
  CHECK(f.set_aside[0].mine == "Enterprise");
  CHECK(f.notice.empty());

  SUBCASE("putting the person's edit back and saving again starts from the other person's version") {
    t.act(ReapplyMyEdits{});
    CHECK(t.ui().customer.fields.segment == "Enterprise");
    CHECK_FALSE(t.ui().customer.conflict);
    CHECK(t.ui().customer.set_aside.empty());
    t.act(SaveCustomer{});
    CHECK(t.last_command()["data"]["expected_version"] == ben.version);
    CHECK(t.last_command()["data"]["profile"]["segment"] == "Enterprise");
    t.answer(Method::post, program_path("/commands"), 200,
             R"({"events":[{"seq":6,"type":"CustomerUpdated","data":{"customer_id":1}}]})");
    CHECK(t.ui().customer.notice == "Changes saved.");
    CHECK_FALSE(t.ui().customer.dirty());
    CHECK(t.ui().customer.base_version == 6);
  }

  SUBCASE("keeping the other person's value drops the person's edit") {
    t.act(DismissSetAside{});
    CHECK_FALSE(t.ui().customer.conflict);
    CHECK(t.ui().customer.fields.segment == "Strategic");
    CHECK_FALSE(t.ui().customer.dirty());
  }

  SUBCASE("a reload of the page still shows the conflict and the edit set aside") {
    StoreFixture reloaded;
    reloaded.browser.storage = t.browser.storage;
    reloaded.open_signed_in("#/p/7/customers/1");
    reloaded.load(t.program);
    const auto& again = reloaded.ui().customer;
    CHECK(again.conflict);
    CHECK(again.fields.segment == "Strategic");
    REQUIRE(again.set_aside.size() == 1);
    CHECK(again.set_aside[0].mine == "Enterprise");
  }
}

TEST_CASE("a change made elsewhere shows at once in a form without edits, never over the person's edits") {
  OnNorthwind t;
  SUBCASE("no edits: the change shows") {
    auto profile = northwind();
    profile.segment = "Strategic";
    t.feed(t.program.event(2, domain::CustomerUpdated{1, profile}));
    CHECK(t.ui().customer.fields.segment == "Strategic");
  }
  SUBCASE("edits: they stay") {
    t.ui().customer.fields.name = "Northwind Traders";
    t.act(CustomerEdited{});
    auto profile = northwind();
    profile.segment = "Strategic";
    t.feed(t.program.event(2, domain::CustomerUpdated{1, profile}));
    CHECK(t.ui().customer.fields.name == "Northwind Traders");
    CHECK(t.ui().customer.fields.segment == "Growth");
  }
}

TEST_CASE("a refused save shows the server's message under its field and keeps what was typed") {
  OnNorthwind t;
  t.ui().customer.fields.started_on = "2025-02-30";
  t.act(CustomerEdited{});
  t.act(SaveCustomer{});
  t.answer(Method::post, program_path("/commands"), 400,
           error_json(core::make_error(core::ErrorCode::invalid_field, "'data.profile.started_on' must be a date (YYYY-MM-DD).",
                                       "data.profile.started_on")));
  const auto& f = t.ui().customer;
  REQUIRE(f.errors.field("started_on") != nullptr);
  CHECK(*f.errors.field("started_on") == "Customer since must be a date (YYYY-MM-DD)."); // named by its label
  CHECK(f.errors.general.empty());
  CHECK_FALSE(f.saving);
  CHECK(f.fields.started_on == "2025-02-30"); // still there to correct
  CHECK(f.dirty());
  CHECK(f.notice.empty());

  SUBCASE("the corrected save clears the error") {
    t.ui().customer.fields.started_on = "2025-02-28";
    t.act(CustomerEdited{});
    t.act(SaveCustomer{});
    CHECK(t.ui().customer.errors.empty());
    t.answer(Method::post, program_path("/commands"), 200, R"({"events":[{"seq":5,"type":"CustomerUpdated","data":{"customer_id":1}}]})");
    CHECK(t.ui().customer.errors.empty());
    CHECK(t.ui().customer.notice == "Changes saved.");
    CHECK_FALSE(t.ui().customer.dirty());
  }
}

TEST_CASE("an amount that cannot be read is refused before anything is sent") {
  OnNorthwind t;
  const auto sent = t.http.sent().size();
  t.ui().customer.fields.mrr = "12.345";
  t.act(SaveCustomer{});
  REQUIRE(t.ui().customer.errors.field("mrr") != nullptr);
  CHECK(*t.ui().customer.errors.field("mrr") == "Enter an amount such as 1450.00, in USD.");
  CHECK(t.http.sent().size() == sent);
  t.ui().customer.fields.mrr = " ";
  t.act(SaveCustomer{});
  CHECK(*t.ui().customer.errors.field("mrr") == "Enter the monthly recurring revenue (0 when there is none).");
  // Typed with a symbol and grouping: sent in minor units and shown the way the field writes amounts.
  t.ui().customer.fields.mrr = "$2,000.5";
  t.act(SaveCustomer{});
  CHECK(t.ui().customer.errors.empty());
  CHECK(t.last_command()["data"]["profile"]["mrr"]["minor"] == 200050);
  CHECK(t.ui().customer.fields.mrr == "2000.50");
}

} // namespace test_unit_client_app_store_customer
