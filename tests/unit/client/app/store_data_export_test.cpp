// A customer's data export from the browser: the store asks what the archive holds, then has
// the browser save the ZIP from the answer's address; a person with two-factor proves it first
// (the request is held for the code and sent again); a refusal is shown in the server's words.
#include "store_fixture.hpp"

#include <doctest/doctest.h>

namespace test_unit_client_app_store_data_export { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

const char* preview = R"({"customer_id":3,"file_name":"partnerdesk-customer-3-2026-12-07.zip","tickets":5,"messages":17,"ratings":2,)"
                      R"("attachments":1,"attachment_bytes":2048,"download":"/api/v1/programs/7/customers/3/export.zip"})";

std::vector<std::string> downloads(const StoreFixture& t) {
  std::vector<std::string> out;
  for (const auto& e : t.ran)
    if (const auto* d = std::get_if<Download>(&e)) out.push_back(d->url);
  return out;
}

} // namespace

TEST_CASE("exporting a customer's data saves the ZIP from the server's address and says what it holds") {
  StoreFixture t;
  t.open_signed_in("#/p/7/customers/3");
  t.act(ExportCustomerData{3});
  t.act(ExportCustomerData{3}); // one at a time
  CHECK(t.ui().data_export.busy);
  CHECK(downloads(t).empty()); // nothing saved before the server agrees
  t.answer(Method::get, "/api/v1/programs/7/customers/3/export", 200, preview);
  const auto& x = t.ui().data_export;
  CHECK_FALSE(x.busy);
  CHECK(x.saved);
  CHECK(x.file_name == "partnerdesk-customer-3-2026-12-07.zip");
  CHECK(x.tickets == 5);
  CHECK(x.attachment_bytes == 2048);
  CHECK(downloads(t) == std::vector<std::string>{"/api/v1/programs/7/customers/3/export.zip"});
}

TEST_CASE("a stale second factor holds the export for the code, then sends it again; cancelling says why nothing was saved") {
  StoreFixture t;
  t.open_signed_in("#/p/7/customers/3");
  t.act(ExportCustomerData{3});
  t.answer(Method::get, "/api/v1/programs/7/customers/3/export", 403,
           error_json(core::make_error(core::ErrorCode::step_up_required, "Confirm it is you.", "code")));
  CHECK(t.ui().step_up.open);
  CHECK(t.ui().data_export.busy);
  t.ui().step_up.code = "123456";
  t.act(SubmitStepUp{});
  t.answer(Method::post, "/api/v1/session/step-up", 200, R"({"step_up_until":1})");
  REQUIRE(t.asked(Method::get, "/api/v1/programs/7/customers/3/export"));
  t.answer(Method::get, "/api/v1/programs/7/customers/3/export", 200, preview);
  CHECK(downloads(t).size() == 1);

  t.act(ExportCustomerData{3});
  t.answer(Method::get, "/api/v1/programs/7/customers/3/export", 403,
           error_json(core::make_error(core::ErrorCode::step_up_required, "Confirm it is you.", "code")));
  t.act(CancelStepUp{});
  CHECK_FALSE(t.ui().data_export.busy);
  CHECK(t.ui().data_export.error == "Not exported: this needs the code from your authenticator app.");
  CHECK(downloads(t).size() == 1);
}

TEST_CASE("a refused export shows the server's sentence and saves nothing") {
  StoreFixture t;
  t.open_signed_in("#/p/7/customers/3");
  t.act(ExportCustomerData{3});
  t.answer(Method::get, "/api/v1/programs/7/customers/3/export", 403,
           error_json(core::make_error(core::ErrorCode::forbidden, "Only an owner or admin exports a customer's data (or the customer its own).")));
  CHECK(t.ui().data_export.error.find("Only an owner or admin") == 0);
  CHECK_FALSE(t.ui().data_export.saved);
  CHECK(downloads(t).empty());
}

} // namespace test_unit_client_app_store_data_export
