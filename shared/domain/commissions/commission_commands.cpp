#include "shared/domain/commissions/commission_commands.hpp"

#include "shared/core/field_reader.hpp"
#include "shared/domain/commands.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::FieldReader;
using core::enum_word;
using core::make_error;

namespace {

std::string read_currency(FieldReader& r, const char* field) {
  auto c = r.text(field, {3, 3, false});
  if (r.error()) return {};
  for (char ch : c)
    if (ch < 'A' || ch > 'Z') {
      r.fail(make_error(ErrorCode::invalid_field, "'" + r.name_of(field) + "' must be a three-letter ISO 4217 code such as USD.", r.name_of(field)));
      return {};
    }
  return c;
}

// {"minor": ..., "currency": "USD"} at data[field], minor in [lo, hi].
Money read_money(FieldReader& r, const char* field, std::int64_t lo, std::int64_t hi) {
  const auto& obj = r.object(field);
  if (r.error()) return {};
  FieldReader m(obj, {"minor", "currency"}, r.name_of(field));
  Money out;
  out.minor = m.integer("minor", lo, hi);
  out.currency = read_currency(m, "currency");
  if (m.error()) r.fail(*m.error());
  return out;
}

// A required, non-empty list of line ids (at most max_lines_per_command, no repeats).
std::vector<LineId> read_line_ids(FieldReader& r, const nlohmann::json& data) {
  std::vector<LineId> out;
  if (r.error()) return out;
  if (!r.has("line_ids")) {
    r.fail(make_error(ErrorCode::missing_field, "'data.line_ids' is required.", "data.line_ids"));
    return out;
  }
  const auto& a = data.at("line_ids");
  if (!a.is_array() || a.empty() || a.size() > max_lines_per_command) {
    r.fail(make_error(ErrorCode::invalid_field, "'data.line_ids' must list 1-" + std::to_string(max_lines_per_command) + " line ids.",
                      "data.line_ids"));
    return out;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto name = "data.line_ids[" + std::to_string(i) + "]";
    if (!a[i].is_number_integer() || a[i].get<std::int64_t>() < 1) {
      r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' must be a line id.", name));
      return {};
    }
    const auto id = a[i].get<LineId>();
    for (auto seen : out)
      if (seen == id) {
        r.fail(make_error(ErrorCode::invalid_field, "'" + name + "' lists a line twice.", name));
        return {};
      }
    out.push_back(id);
  }
  return out;
}

} // namespace

std::optional<core::Error> read_command(const nlohmann::json& data, SaveCommissionPlan& c) {
  FieldReader r(data, {"plan"}, "data");
  const auto& obj = r.object("plan");
  if (r.error()) return r.error();
  FieldReader p(obj,
                {"currency", "effective_from", "referral_first_bps", "referral_recurring_bps", "referral_recurring_months", "support_basis",
                 "support_flat_minor", "support_mrr_bps", "hold_days"},
                "data.plan");
  auto& x = c.plan;
  x.currency = read_currency(p, "currency");
  x.effective_from = p.text("effective_from", {10, 10, false});
  if (!p.error() && day_of_date(x.effective_from) < 0)
    p.fail(make_error(ErrorCode::invalid_field, "'data.plan.effective_from' must be a real date as YYYY-MM-DD.", "data.plan.effective_from"));
  x.referral_first_bps = static_cast<int>(p.optional_integer("referral_first_bps", 0, bps_whole).value_or(0));
  x.referral_recurring_bps = static_cast<int>(p.optional_integer("referral_recurring_bps", 0, bps_whole).value_or(0));
  x.referral_recurring_months = static_cast<int>(p.optional_integer("referral_recurring_months", 0, max_recurring_months).value_or(0));
  x.support_basis = p.has("support_basis") ? enum_word(p, "support_basis", {"none", "flat", "mrr_share"}, SupportBasis::none) : SupportBasis::none;
  x.support_flat_minor = p.optional_integer("support_flat_minor", 0, max_money_minor).value_or(0);
  x.support_mrr_bps = static_cast<int>(p.optional_integer("support_mrr_bps", 0, bps_whole).value_or(0));
  x.hold_days = static_cast<int>(p.optional_integer("hold_days", 0, max_hold_days).value_or(30));
  return p.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RecordPayment& c) {
  FieldReader r(data, {"external_id", "customer_id", "kind", "amount", "paid_at", "refund_of"}, "data");
  c.external_id = r.text("external_id", {1, max_external_id, false});
  c.customer_id = r.integer("customer_id", 1, INT64_MAX);
  c.kind = enum_word(r, "kind", {"payment", "refund"}, PaymentKind::payment);
  c.amount = read_money(r, "amount", 1, max_money_minor);
  c.paid_at = r.optional_integer("paid_at", 1, max_time_ms).value_or(0);
  c.refund_of = r.optional_text("refund_of", {1, max_external_id, false}).value_or("");
  if (!r.error() && c.kind == PaymentKind::refund && c.refund_of.empty())
    r.fail(make_error(ErrorCode::missing_field, "A refund names the payment it gives back in 'data.refund_of'.", "data.refund_of"));
  if (!r.error() && c.kind == PaymentKind::payment && !c.refund_of.empty())
    r.fail(make_error(ErrorCode::invalid_field, "Only a refund names a payment in 'data.refund_of'.", "data.refund_of"));
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, AdjustCommission& c) {
  FieldReader r(data, {"agent_id", "side", "amount", "reason", "customer_id"}, "data");
  c.agent_id = r.integer("agent_id", 1, INT64_MAX);
  c.side = enum_word(r, "side", {"referral", "support"}, LedgerSide::referral);
  c.amount = read_money(r, "amount", -max_money_minor, max_money_minor);
  if (!r.error() && c.amount.minor == 0)
    r.fail(make_error(ErrorCode::invalid_field, "An adjustment moves a non-zero amount.", "data.amount.minor"));
  c.reason = r.text("reason", {1, max_commission_reason});
  c.customer_id = r.optional_integer("customer_id", 1, INT64_MAX).value_or(0);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, ApproveCommissionLines& c) {
  FieldReader r(data, {"line_ids"}, "data");
  c.line_ids = read_line_ids(r, data);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RecordPayout& c) {
  FieldReader r(data, {"reference", "currency", "line_ids"}, "data");
  c.reference = r.text("reference", {1, max_payout_reference});
  c.currency = read_currency(r, "currency");
  c.line_ids = read_line_ids(r, data);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, SetAdjustmentThreshold& c) {
  FieldReader r(data, {"threshold"}, "data");
  c.threshold = read_money(r, "threshold", 0, max_money_minor);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, CreateApiKey& c) {
  FieldReader r(data, {"label"}, "data");
  c.label = r.text("label", {1, max_api_key_label});
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, RevokeApiKey& c) {
  FieldReader r(data, {"key_id"}, "data");
  c.key_id = r.integer("key_id", 1, INT64_MAX);
  return r.error();
}

std::optional<core::Error> read_command(const nlohmann::json& data, StopReferralCommission& c) {
  FieldReader r(data, {"person_id", "reason", "fraud_confirmed"}, "data");
  c.person_id = r.integer("person_id", 1, INT64_MAX);
  c.reason = r.text("reason", {1, max_commission_reason});
  c.fraud_confirmed = r.boolean("fraud_confirmed");
  return r.error();
}

nlohmann::json write_command(const SaveCommissionPlan& c) {
  const auto& p = c.plan;
  return {{"plan",
           {{"currency", p.currency},
            {"effective_from", p.effective_from},
            {"referral_first_bps", p.referral_first_bps},
            {"referral_recurring_bps", p.referral_recurring_bps},
            {"referral_recurring_months", p.referral_recurring_months},
            {"support_basis", p.support_basis},
            {"support_flat_minor", p.support_flat_minor},
            {"support_mrr_bps", p.support_mrr_bps},
            {"hold_days", p.hold_days}}}};
}
nlohmann::json write_command(const RecordPayment& c) {
  nlohmann::json j = {{"external_id", c.external_id}, {"customer_id", c.customer_id}, {"kind", c.kind}, {"amount", c.amount}};
  if (c.paid_at) j["paid_at"] = c.paid_at;
  if (!c.refund_of.empty()) j["refund_of"] = c.refund_of;
  return j;
}
nlohmann::json write_command(const AdjustCommission& c) {
  nlohmann::json j = {{"agent_id", c.agent_id}, {"side", c.side}, {"amount", c.amount}, {"reason", c.reason}};
  if (c.customer_id) j["customer_id"] = c.customer_id;
  return j;
}
nlohmann::json write_command(const ApproveCommissionLines& c) { return {{"line_ids", c.line_ids}}; }
nlohmann::json write_command(const RecordPayout& c) { return {{"reference", c.reference}, {"currency", c.currency}, {"line_ids", c.line_ids}}; }
nlohmann::json write_command(const SetAdjustmentThreshold& c) { return {{"threshold", c.threshold}}; }
nlohmann::json write_command(const CreateApiKey& c) { return {{"label", c.label}}; } // the key's prefix and hash are the server's
nlohmann::json write_command(const RevokeApiKey& c) { return {{"key_id", c.key_id}}; }

nlohmann::json write_command(const StopReferralCommission& c) {
  return {{"person_id", c.person_id}, {"reason", c.reason}, {"fraud_confirmed", c.fraud_confirmed}};
}

} // namespace pd::domain
