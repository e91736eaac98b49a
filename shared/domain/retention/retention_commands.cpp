#include "shared/domain/retention/retention_commands.hpp"
#include "shared/domain/retention/outreach.hpp"

#include "shared/core/field_reader.hpp"

#include <cctype>

namespace pd::domain {

using core::ErrorCode;
using core::FieldReader;
using core::make_error;

namespace {

std::int64_t case_id_of(FieldReader& r) { return r.integer("case_id", 1, INT64_MAX); }

bool month_text_ok(const std::string& m) {
  if (m.size() != 7 || m[4] != '-') return false;
  for (std::size_t i = 0; i < 7; ++i)
    if (i != 4 && (m[i] < '0' || m[i] > '9')) return false;
  const int month = (m[5] - '0') * 10 + (m[6] - '0');
  return month >= 1 && month <= 12 && m.substr(0, 4) >= "1970";
}

std::string retention_trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::string retention_lowered(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

} // namespace

std::optional<core::Error> read_command(const nlohmann::json& data, ChangeRetentionSettings& c) {
  FieldReader top(data, {"settings"}, "data");
  const auto& settings = top.object("settings");
  if (top.error()) return top.error();
  FieldReader r(settings, {"competitors"}, "data.settings");
  if (const auto* list = r.list("competitors", max_competitors, true)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& v = (*list)[i];
      const std::string field = "data.settings.competitors[" + std::to_string(i) + "]";
      if (!v.is_string()) return make_error(ErrorCode::invalid_field, "'" + field + "' must be text.", field);
      auto name = retention_trimmed(v.get<std::string>());
      if (name.empty() || name.size() > max_competitor_name || !core::is_clean_utf8(name))
        return make_error(ErrorCode::invalid_field, "'" + field + "' must be a name of 1 to 60 characters.", field);
      for (const auto& other : c.settings.competitors)
        if (retention_lowered(other) == retention_lowered(name))
          return make_error(ErrorCode::invalid_field, "'" + field + "' repeats " + name + ".", field);
      c.settings.competitors.push_back(std::move(name));
    }
  }
  return r.error();
}
nlohmann::json write_command(const ChangeRetentionSettings& c) { return {{"settings", c.settings}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, ReachOut& c) {
  FieldReader r(data, {"customer_id", "subject", "text", "template_id"}, "data");
  c.customer_id = r.integer("customer_id", 1, INT64_MAX);
  c.subject = r.text("subject", {1, max_outreach_subject});
  c.text = r.text("text", {1, max_outreach_text});
  c.template_id = r.optional_integer("template_id", 0, INT64_MAX).value_or(0);
  return r.error();
}
nlohmann::json write_command(const ReachOut& c) {
  nlohmann::json j = {{"customer_id", c.customer_id}, {"subject", c.subject}, {"text", c.text}};
  if (c.template_id != 0) j["template_id"] = c.template_id;
  return j;
}

std::optional<core::Error> read_command(const nlohmann::json& data, RecordUsage& c) {
  FieldReader r(data, {"customer_id", "month", "units"}, "data");
  c.customer_id = r.integer("customer_id", 1, INT64_MAX);
  c.month = r.text("month", {7, 7, false});
  if (!r.error() && !month_text_ok(c.month)) r.fail(make_error(ErrorCode::invalid_field, "'data.month' must be a month as YYYY-MM.", "data.month"));
  c.units = r.integer("units", 0, 1'000'000'000'000'000);
  return r.error();
}
nlohmann::json write_command(const RecordUsage& c) { return {{"customer_id", c.customer_id}, {"month", c.month}, {"units", c.units}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, RecordPaymentFailure& c) {
  FieldReader r(data, {"customer_id", "payment_id", "amount", "reason", "failed_at"}, "data");
  c.customer_id = r.integer("customer_id", 1, INT64_MAX);
  c.external_id = r.text("payment_id", {1, 120, false});
  const auto& amount = r.object("amount");
  if (!r.error()) {
    FieldReader m(amount, {"minor", "currency"}, "data.amount");
    c.amount.minor = m.integer("minor", 1, 1'000'000'000'000);
    c.amount.currency = m.text("currency", {3, 3, false});
    if (!m.error())
      for (char ch : c.amount.currency)
        if (ch < 'A' || ch > 'Z') {
          m.fail(make_error(ErrorCode::invalid_field, "'data.amount.currency' must be a three-letter ISO 4217 code such as USD.", "data.amount.currency"));
          break;
        }
    if (m.error()) r.fail(*m.error());
  }
  c.reason = r.optional_text("reason", {0, 200}).value_or("");
  c.failed_at = r.optional_integer("failed_at", 1, 253'402'300'799'999).value_or(0);
  return r.error();
}
nlohmann::json write_command(const RecordPaymentFailure& c) {
  nlohmann::json j = {{"customer_id", c.customer_id}, {"payment_id", c.external_id}, {"amount", c.amount}, {"reason", c.reason}};
  if (c.failed_at) j["failed_at"] = c.failed_at;
  return j;
}

std::optional<core::Error> read_command(const nlohmann::json& data, RecordSignIn&) {
  FieldReader r(data, {}, "data");
  return r.error();
}
nlohmann::json write_command(const RecordSignIn&) { return nlohmann::json::object(); }

std::optional<core::Error> read_command(const nlohmann::json& data, RequestPlanChange& c) {
  FieldReader r(data, {"request", "note"}, "data");
  c.request = core::enum_word(r, "request", {"cancel", "downgrade"}, PlanRequest::cancel);
  c.note = r.optional_text("note", {0, max_retention_text}).value_or("");
  return r.error();
}
nlohmann::json write_command(const RequestPlanChange& c) { return {{"request", c.request}, {"note", c.note}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, OpenRetentionCase& c) {
  FieldReader r(data, {"customer_id", "request", "note"}, "data");
  c.customer_id = r.integer("customer_id", 1, INT64_MAX);
  c.request = r.has("request") ? core::enum_word(r, "request", {"none", "cancel", "downgrade"}, PlanRequest::none) : PlanRequest::none;
  c.note = r.optional_text("note", {0, max_retention_text}).value_or("");
  return r.error();
}
nlohmann::json write_command(const OpenRetentionCase& c) { return {{"customer_id", c.customer_id}, {"request", c.request}, {"note", c.note}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, RecordRetentionReason& c) {
  FieldReader r(data, {"case_id", "reason", "understanding"}, "data");
  c.case_id = case_id_of(r);
  c.reason = core::enum_word(r, "reason", {"price", "missing_feature", "bad_experience", "competitor", "business_change"}, LeaveReason::unknown);
  c.understanding = r.optional_text("understanding", {0, max_retention_text}).value_or("");
  return r.error();
}
nlohmann::json write_command(const RecordRetentionReason& c) {
  return {{"case_id", c.case_id}, {"reason", c.reason}, {"understanding", c.understanding}};
}

std::optional<core::Error> read_command(const nlohmann::json& data, MakeRetentionOffer& c) {
  FieldReader r(data, {"case_id", "kind", "months", "percent", "note"}, "data");
  c.case_id = case_id_of(r);
  c.kind = core::enum_word(
      r, "kind", {"months_free", "discount", "pause", "custom_plan", "executive_call", "custom_contract", "dedicated_support"}, OfferKind::months_free);
  const bool with_months = c.kind == OfferKind::months_free || c.kind == OfferKind::discount || c.kind == OfferKind::pause;
  c.months = static_cast<int>(r.optional_integer("months", with_months ? 1 : 0, 24).value_or(0));
  c.percent = static_cast<int>(r.optional_integer("percent", c.kind == OfferKind::discount ? 1 : 0, 100).value_or(0));
  c.note = r.optional_text("note", {0, 500}).value_or("");
  if (!r.error() && with_months && c.months == 0)
    r.fail(make_error(ErrorCode::missing_field, "This offer needs 'data.months' (1 to 24).", "data.months"));
  if (!r.error() && c.kind == OfferKind::discount && c.percent == 0)
    r.fail(make_error(ErrorCode::missing_field, "A discount needs 'data.percent' (1 to 100).", "data.percent"));
  if (!r.error() && !with_months && c.months != 0)
    r.fail(make_error(ErrorCode::invalid_field, "Only free months, discounts and pauses count months.", "data.months"));
  if (!r.error() && c.kind != OfferKind::discount && c.percent != 0)
    r.fail(make_error(ErrorCode::invalid_field, "Only a discount has a percent.", "data.percent"));
  if (!r.error() && (c.kind == OfferKind::custom_plan || c.kind == OfferKind::custom_contract) && retention_trimmed(c.note).empty())
    r.fail(make_error(ErrorCode::missing_field, "Describe the custom offer in 'data.note'.", "data.note"));
  return r.error();
}
nlohmann::json write_command(const MakeRetentionOffer& c) {
  nlohmann::json j = {{"case_id", c.case_id}, {"kind", c.kind}, {"note", c.note}};
  if (c.months) j["months"] = c.months;
  if (c.percent) j["percent"] = c.percent;
  return j;
}

std::optional<core::Error> read_command(const nlohmann::json& data, DecideRetentionOffer& c) {
  FieldReader r(data, {"case_id", "offer", "approve"}, "data");
  c.case_id = case_id_of(r);
  c.offer = static_cast<int>(r.integer("offer", 0, static_cast<std::int64_t>(max_case_offers) - 1));
  c.approve = r.boolean("approve");
  return r.error();
}
nlohmann::json write_command(const DecideRetentionOffer& c) { return {{"case_id", c.case_id}, {"offer", c.offer}, {"approve", c.approve}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, AnswerRetentionOffer& c) {
  FieldReader r(data, {"case_id", "offer", "accept"}, "data");
  c.case_id = case_id_of(r);
  c.offer = static_cast<int>(r.integer("offer", 0, static_cast<std::int64_t>(max_case_offers) - 1));
  c.accept = r.boolean("accept");
  return r.error();
}
nlohmann::json write_command(const AnswerRetentionOffer& c) { return {{"case_id", c.case_id}, {"offer", c.offer}, {"accept", c.accept}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, CloseRetentionCase& c) {
  FieldReader r(data, {"case_id", "outcome", "mrr_retained_minor", "exit_feedback", "win_back"}, "data");
  c.case_id = case_id_of(r);
  c.outcome = core::enum_word(r, "outcome", {"saved", "paused", "downgraded", "lost"}, CaseOutcome::saved);
  c.mrr_retained_minor = r.optional_integer("mrr_retained_minor", 0, 1'000'000'000'000);
  c.exit_feedback = r.optional_text("exit_feedback", {0, max_retention_text}).value_or("");
  c.win_back = r.has("win_back") ? r.boolean("win_back") : true;
  if (!r.error() && c.outcome == CaseOutcome::downgraded && !c.mrr_retained_minor)
    r.fail(make_error(ErrorCode::missing_field, "A downgrade names the MRR kept in 'data.mrr_retained_minor'.", "data.mrr_retained_minor"));
  if (!r.error() && c.outcome == CaseOutcome::lost && c.mrr_retained_minor.value_or(0) != 0)
    r.fail(make_error(ErrorCode::invalid_field, "A lost customer keeps no MRR.", "data.mrr_retained_minor"));
  return r.error();
}
nlohmann::json write_command(const CloseRetentionCase& c) {
  nlohmann::json j = {{"case_id", c.case_id}, {"outcome", c.outcome}, {"exit_feedback", c.exit_feedback}, {"win_back", c.win_back}};
  if (c.mrr_retained_minor) j["mrr_retained_minor"] = *c.mrr_retained_minor;
  return j;
}

} // namespace pd::domain
