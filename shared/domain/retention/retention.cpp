#include "shared/domain/retention/retention.hpp"

namespace pd::domain {

const RetentionCase* RetentionState::open_case_of(CustomerId c) const {
  for (auto it = cases.rbegin(); it != cases.rend(); ++it)
    if (it->second.customer_id == c && it->second.outcome == CaseOutcome::open) return &it->second;
  return nullptr;
}

const std::array<ReasonResponse, 5>& reason_responses() {
  static const std::array<ReasonResponse, 5> table{{
      {LeaveReason::price, "Price", "Offer an annual discount, a downgrade path, or usage-based pricing."},
      {LeaveReason::missing_feature, "Missing feature", "Show a workaround, share the roadmap ETA, offer beta access."},
      {LeaveReason::bad_experience, "Bad experience", "Apologize genuinely, fix the root cause, offer a credit."},
      {LeaveReason::competitor, "Competitor", "Highlight switching costs, unique value, migration difficulty."},
      {LeaveReason::business_change, "Business change", "Offer a pause instead of cancelling, a reduced plan, seasonal pricing."},
  }};
  return table;
}

const char* reason_label(LeaveReason r) {
  for (const auto& row : reason_responses())
    if (row.reason == r) return row.label;
  return "Not known yet";
}

const std::array<OfferBand, 4>& offer_bands() {
  static const std::array<OfferBand, 4> bands{{
      {0, "Under 100", "1 month free, or 20% off for 3 months", 1, 20, 3, false, false},
      {100'00, "100-500", "2 months free, or 30% off for 6 months", 2, 30, 6, false, false},
      {500'00, "500-2,000", "3 months free, or a custom plan", 3, 30, 6, true, false},
      {2000'00, "2,000 and above", "Executive call, custom contract, dedicated support", 3, 30, 6, true, true},
  }};
  return bands;
}

const OfferBand& offer_band(std::int64_t mrr_minor) {
  const auto& bands = offer_bands();
  const OfferBand* found = &bands.front();
  for (const auto& b : bands)
    if (mrr_minor >= b.from_minor) found = &b;
  return *found;
}

bool offer_within_band(const RetentionOffer& o, std::int64_t mrr_minor) {
  const auto& band = offer_band(mrr_minor);
  switch (o.kind) {
  case OfferKind::months_free: return o.months <= band.max_free_months;
  case OfferKind::discount: return o.percent <= band.max_percent && o.months <= band.max_discount_months;
  case OfferKind::pause: return o.months <= max_pause_months;
  case OfferKind::custom_plan: return band.custom_plan;
  case OfferKind::executive_call:
  case OfferKind::custom_contract:
  case OfferKind::dedicated_support: return band.executive;
  }
  return false;
}

std::string offer_text(const RetentionOffer& o) {
  auto months = [](int n) { return std::to_string(n) + (n == 1 ? " month" : " months"); };
  std::string out;
  switch (o.kind) {
  case OfferKind::months_free: out = months(o.months) + " free"; break;
  case OfferKind::discount: out = std::to_string(o.percent) + "% off for " + months(o.months); break;
  case OfferKind::pause: out = "Pause for " + months(o.months) + " instead of cancelling"; break;
  case OfferKind::custom_plan: out = "A custom plan"; break;
  case OfferKind::executive_call: out = "A call with an executive"; break;
  case OfferKind::custom_contract: out = "A custom contract"; break;
  case OfferKind::dedicated_support: out = "Dedicated support"; break;
  }
  if (!o.note.empty()) out += ": " + o.note;
  return out;
}

const char* outcome_label(CaseOutcome o) {
  switch (o) {
  case CaseOutcome::open: return "Open";
  case CaseOutcome::saved: return "Saved";
  case CaseOutcome::paused: return "Paused";
  case CaseOutcome::downgraded: return "Downgraded";
  case CaseOutcome::lost: return "Lost";
  }
  return "Open";
}

const char* trigger_label(CaseTrigger t) {
  switch (t) {
  case CaseTrigger::by_hand: return "Opened by hand";
  case CaseTrigger::cancel_question: return "Asked how to cancel";
  case CaseTrigger::routing_rule: return "Routing rule";
  case CaseTrigger::score: return "Churn score reached At Risk";
  case CaseTrigger::cancellation_request: return "Cancellation request";
  case CaseTrigger::downgrade_request: return "Downgrade request";
  }
  return "";
}

void to_json(nlohmann::json& j, const RetentionState& s) {
  nlohmann::json signals = nlohmann::json::array();
  for (const auto& [id, sig] : s.signals) signals.push_back({{"customer_id", id}, {"value", sig}});
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& [id, k] : s.cases) cases.push_back(k);
  j = {{"settings", s.settings}, {"signals", signals}, {"cases", cases}, {"next_case_id", s.next_case_id}};
}

void from_json(const nlohmann::json& j, RetentionState& s) {
  s = {};
  if (j.contains("settings")) s.settings = j.at("settings").get<RetentionSettings>();
  for (const auto& e : j.value("signals", nlohmann::json::array())) s.signals[e.at("customer_id").get<CustomerId>()] = e.at("value").get<CustomerSignals>();
  for (const auto& e : j.value("cases", nlohmann::json::array())) {
    auto k = e.get<RetentionCase>();
    s.cases[k.id] = std::move(k);
  }
  s.next_case_id = j.value("next_case_id", s.cases.empty() ? RetentionCaseId{1} : s.cases.rbegin()->first + 1);
}

} // namespace pd::domain
