// A customer's data export (docs/api.md, "Customer data export"): the store asks what the
// archive will hold (GET …/customers/{id}/export; a person with two-factor proves it first, as
// for a sensitive command: the request is held for the code and sent again), then has the
// browser save the ZIP from the answer's download address. The server decides who may.
#include "client/app/store.hpp"

#include <nlohmann/json.hpp>

namespace pd::client {

void Store::handle(const ExportCustomerData& a) {
  auto& x = ui_.data_export;
  const auto program = app_.route.program_id;
  if (program == 0 || a.customer_id <= 0 || x.busy) return;
  x = DataExport{};
  x.program_id = program;
  x.customer_id = a.customer_id;
  x.busy = true;
  Pending p;
  p.kind = Request::data_export;
  p.method = platform::Method::get;
  p.program_id = program;
  p.item_id = a.customer_id;
  p.path = "/api/v1/programs/" + std::to_string(program) + "/customers/" + std::to_string(a.customer_id) + "/export";
  send(std::move(p));
}

void Store::on_data_export(const Pending& p, const platform::HttpResponse& r) {
  auto& x = ui_.data_export;
  if (x.program_id != p.program_id || x.customer_id != p.item_id) return; // another export began since
  x.busy = false;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  const std::string download = r.status == 200 && body.is_object() ? body.value("download", std::string{}) : std::string{};
  if (download.rfind("/api/v1/", 0) != 0) {
    const auto error = error_of(r);
    x.error = error.code == core::ErrorCode::step_up_required ? "Not exported: this needs the code from your authenticator app." : error.message;
    return;
  }
  x.file_name = body.value("file_name", std::string{});
  x.tickets = body.value("tickets", std::int64_t{0});
  x.messages = body.value("messages", std::int64_t{0});
  x.ratings = body.value("ratings", std::int64_t{0});
  x.attachments = body.value("attachments", std::int64_t{0});
  x.attachment_bytes = body.value("attachment_bytes", std::int64_t{0});
  x.saved = true;
  effects_.push_back(Download{download});
}

} // namespace pd::client
