#include "shared/domain/privacy/privacy_commands.hpp"

#include "shared/core/field_reader.hpp"

namespace pd::domain {

std::optional<core::Error> read_command(const nlohmann::json& data, RequestErasure& c) {
  core::FieldReader r(data, {"customer_id", "note"}, "data");
  c.customer_id = r.integer("customer_id", 1, INT64_MAX);
  c.note = r.optional_text("note", {0, 2000}).value_or("");
  return r.error();
}
nlohmann::json write_command(const RequestErasure& c) { return {{"customer_id", c.customer_id}, {"note", c.note}}; }

// Built by the server's link route only (POST /api/v1/erasure/confirm): the link is the proof.
std::optional<core::Error> read_command(const nlohmann::json&, ConfirmErasure&) {
  return core::make_error(core::ErrorCode::invalid_field, "'ConfirmErasure' is not sent to this endpoint: open the mailed link.", "type");
}
nlohmann::json write_command(const ConfirmErasure& c) { return {{"erasure_id", c.erasure_id}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, DecideErasure& c) {
  core::FieldReader r(data, {"erasure_id", "approve", "reason"}, "data");
  c.erasure_id = r.integer("erasure_id", 1, INT64_MAX);
  c.approve = r.boolean("approve");
  c.reason = r.optional_text("reason", {0, 2000}).value_or("");
  if (!r.error() && !c.approve && c.reason.empty()) return core::missing("Say why the request is rejected: the customer is told.", "data.reason");
  return r.error();
}
nlohmann::json write_command(const DecideErasure& c) { return {{"erasure_id", c.erasure_id}, {"approve", c.approve}, {"reason", c.reason}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, SetDataRetention& c) {
  core::FieldReader r(data, {"closed_ticket_days", "attachment_days"}, "data");
  c.closed_ticket_days = r.integer("closed_ticket_days", 0, max_retention_days);
  c.attachment_days = r.integer("attachment_days", 0, max_retention_days);
  if (r.error()) return r.error();
  return retention_problem(c.closed_ticket_days, c.attachment_days);
}
nlohmann::json write_command(const SetDataRetention& c) {
  return {{"closed_ticket_days", c.closed_ticket_days}, {"attachment_days", c.attachment_days}};
}

} // namespace pd::domain
