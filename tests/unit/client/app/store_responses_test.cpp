// The responses page's forms in the store (views/desk/responses_view.cpp): the lists follow the
// replica until edited, and a list just saved is not put back while its event is on its way; a
// template refused keeps the editor open with the server's message under its field, and once
// saved the editor closes.
#include "store_fixture.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_responses { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

Program with_areas() {
  auto p = acme();
  p.event(1, domain::ProductAreasChanged{{"Reports", "Billing portal"}});
  return p;
}

std::string answer_of(const domain::Event& e) { return R"({"events":[)" + event_json(e) + "]}"; }

} // namespace

TEST_CASE("the product areas follow the replica until edited; saved, the list is not put back while its event is on its way") {
  StoreFixture t;
  auto program = with_areas();
  t.open_signed_in("#/p/7/settings/responses");
  t.load(program);
  auto& f = t.ui().responses;
  REQUIRE(f.ready);
  CHECK(f.areas == std::vector<std::string>{"Reports", "Billing portal"});

  // Someone else adds one: the unedited list shows it at once.
  t.feed(program.event(2, domain::ProductAreasChanged{{"Reports", "Billing portal", "Exports"}}));
  CHECK(f.areas == std::vector<std::string>{"Reports", "Billing portal", "Exports"});
  CHECK_FALSE(f.areas_dirty());

  // The owner adds one and saves: the list stays as saved before the stream brings the event.
  f.areas.push_back("Coupons");
  CHECK(f.areas_dirty());
  t.act(SendCommand{FormId::product_areas, domain::SetProductAreas{f.areas}});
  CHECK(t.last_command()["type"] == "SetProductAreas");
  const auto saved = program.event(1, domain::ProductAreasChanged{f.areas});
  t.answer(Method::post, program_path("/commands"), 200, answer_of(saved));
  CHECK(f.areas == std::vector<std::string>{"Reports", "Billing portal", "Exports", "Coupons"});
  CHECK_FALSE(f.areas_dirty());
  CHECK(f.areas_notice == "Product areas saved.");
  t.feed(saved);
  CHECK(f.areas.back() == "Coupons");
  CHECK_FALSE(f.areas_dirty());

  // Edits of one's own are kept when someone else saves (saving replaces the list whole).
  f.areas.push_back("Mobile app");
  t.feed(program.event(2, domain::ProductAreasChanged{{"Reports"}}));
  CHECK(f.areas.back() == "Mobile app");
  CHECK(f.areas_dirty());
}

TEST_CASE("a template refused keeps the editor open with the message under its field; saved, the editor closes") {
  StoreFixture t;
  auto program = with_areas();
  t.open_signed_in("#/p/7/settings/responses");
  t.load(program);
  auto& f = t.ui().responses;
  f.editor_open = true;
  f.name = "Coupon code question";
  f.category = "billing";
  f.text = "Your code is [Coupon].";
  t.act(SendCommand{FormId::response_template, domain::SaveResponseTemplate{0, f.name, f.category, f.text}});
  CHECK(t.last_command()["type"] == "SaveResponseTemplate");
  t.answer(Method::post, program_path("/commands"), 400,
           error_json(core::invalid("[Coupon] is not a field the desk fills in.", "data.text")));
  const auto& form = t.ui().form(FormId::response_template);
  REQUIRE(form.errors.field("text") != nullptr); // where the editor shows it, under the text
  CHECK(*form.errors.field("text") == "[Coupon] is not a field the desk fills in.");
  CHECK(f.editor_open);
  CHECK(f.text == "Your code is [Coupon].");

  f.text = "Your code is [the coupon code].";
  t.act(SendCommand{FormId::response_template, domain::SaveResponseTemplate{0, f.name, f.category, f.text}});
  const auto saved = program.event(1, domain::ResponseTemplateSaved{domain::desk::ResponseTemplate{7, "", f.name, f.category, f.text}});
  t.answer(Method::post, program_path("/commands"), 200, answer_of(saved));
  CHECK(t.ui().form(FormId::response_template).errors.empty());
  CHECK_FALSE(f.editor_open);
  CHECK(f.text.empty());
  CHECK(f.template_notice == "Template saved: Coupon code question.");
  CHECK(t.ui().toast == "Template saved.");
}

} // namespace test_unit_client_app_store_responses
