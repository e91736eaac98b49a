#include "shared/domain/retention/retention_report.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/retention/decide_retention.hpp"

namespace pd::domain {

bool may_read_churn(const ProgramState& s, PersonId reader) {
  const auto role = s.role_of(reader);
  return identity::is_business_role(role) || role == identity::Role::agent;
}

std::vector<ChurnScore> visible_churn_scores(const ProgramState& s, PersonId reader, TimeMs now) {
  auto all = churn_scores(s, now);
  if (identity::is_business_role(s.role_of(reader))) return all;
  std::erase_if(all, [&](const ChurnScore& c) { return !retention_rules::may_work_case(s, reader, c.customer_id); });
  return all;
}

std::vector<const ChurnScore*> visible_churn_scores(const ChurnBoard& board, const ProgramState& s, PersonId reader) {
  std::vector<const ChurnScore*> out;
  const bool business = identity::is_business_role(s.role_of(reader));
  out.reserve(business ? board.size() : 0);
  for (std::size_t i = 0; i < board.size(); ++i)
    if (business || retention_rules::may_work_case(s, reader, board[i].customer_id)) out.push_back(&board[i]);
  return out;
}

ChurnSaves churn_saves(const ProgramState& s, TimeMs from, TimeMs to, PersonId reader) {
  ChurnSaves out;
  for (const auto& [id, k] : s.retention.cases) {
    if (k.outcome == CaseOutcome::open || k.closed_at < from || k.closed_at >= to) continue;
    if (reader != 0 && !retention_rules::may_work_case(s, reader, k.customer_id)) continue;
    switch (k.outcome) {
    case CaseOutcome::saved: ++out.saved; break;
    case CaseOutcome::paused: ++out.paused; break;
    case CaseOutcome::downgraded: ++out.downgraded; break;
    case CaseOutcome::lost: ++out.lost; break;
    case CaseOutcome::open: break;
    }
    out.mrr_retained_minor += k.mrr_retained_minor;
  }
  return out;
}

ChurnSaves churn_saves_this_month(const ProgramState& s, TimeMs now, PersonId reader) {
  const auto today = core::date_of_ms(now);
  const TimeMs month_start = core::days_from_civil(core::Date{today.year, today.month, 1}) * core::ms_per_day;
  return churn_saves(s, month_start, now + 1, reader);
}

nlohmann::json retention_json(const ProgramState& s, PersonId reader, TimeMs now) {
  nlohmann::json cases = nlohmann::json::array();
  for (auto it = s.retention.cases.rbegin(); it != s.retention.cases.rend(); ++it) {
    const auto& k = it->second;
    if (!retention_rules::may_work_case(s, reader, k.customer_id)) continue;
    nlohmann::json j = k;
    if (const auto* c = s.customer(k.customer_id)) {
      j["customer_name"] = c->profile.name;
      j["mrr"] = c->profile.mrr;
      j["band"] = offer_band(c->profile.mrr.minor).label;
    }
    cases.push_back(std::move(j));
  }
  auto saves_json = [](const ChurnSaves& v) {
    return nlohmann::json{{"saved", v.saved}, {"paused", v.paused}, {"downgraded", v.downgraded}, {"lost", v.lost}, {"mrr_retained_minor", v.mrr_retained_minor}};
  };
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& r : reason_responses()) reasons.push_back({{"reason", r.reason}, {"label", r.label}, {"response", r.response}});
  nlohmann::json bands = nlohmann::json::array();
  for (const auto& b : offer_bands())
    bands.push_back({{"from_minor", b.from_minor}, {"label", b.label}, {"max_offer", b.max_offer}, {"max_free_months", b.max_free_months},
                     {"max_percent", b.max_percent}, {"max_discount_months", b.max_discount_months}, {"custom_plan", b.custom_plan},
                     {"executive", b.executive}});
  return {{"cases", cases},
          {"saves", {{"this_month", saves_json(churn_saves_this_month(s, now, reader))}, {"all_time", saves_json(churn_saves(s, 0, now + 1, reader))}}},
          {"reasons", reasons},
          {"bands", bands},
          {"currency", s.currency}};
}

} // namespace pd::domain
