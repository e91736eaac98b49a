#include "shared/domain/commissions/commission_reports.hpp"

#include "shared/core/dates.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace pd::domain {

std::string referral_stop_notice(const CommissionState& c, PersonId agent) {
  const auto* r = referrer(c, agent);
  if (!r || !r->referral_stopped()) return {};
  std::string why = r->referral_stop_reason;
  while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
  return "Referral commission stopped on " + core::format_date(core::date_of_ms(r->referral_stopped_at)) +
         ", after the partnership was terminated for fraud: " + why +
         ". Payments made since earn no referral commission; every line written before stays on this ledger.";
}

MonthIndex earning_month(const LedgerLine& l) {
  if (l.side == LedgerSide::support && l.kind == LineKind::accrual)
    if (auto m = parse_month(l.month)) return *m;
  return month_of(l.at);
}

std::vector<MonthEarnings> earnings_by_month(const CommissionState& c, PersonId agent, const std::string& currency, MonthIndex from,
                                             MonthIndex to) {
  std::vector<MonthEarnings> out;
  if (to < from) return out;
  for (auto m = from; m <= to; ++m) out.push_back(MonthEarnings{m, 0, 0});
  for (const auto& [id, l] : c.lines) {
    if (l.agent_id != agent || l.amount.currency != currency || l.kind == LineKind::payout) continue;
    const auto m = earning_month(l);
    if (m < from || m > to) continue;
    auto& e = out[static_cast<std::size_t>(m - from)];
    (l.side == LedgerSide::referral ? e.referral : e.support) += l.amount.minor;
  }
  return out;
}

std::vector<CustomerEarnings> earnings_by_customer(const CommissionState& c, PersonId agent, const std::string& currency) {
  std::map<CustomerId, CustomerEarnings> by;
  for (const auto& [id, l] : c.lines) {
    if (l.agent_id != agent || l.amount.currency != currency || l.kind == LineKind::payout || l.customer_id == 0) continue;
    auto& e = by[l.customer_id];
    e.customer_id = l.customer_id;
    (l.side == LedgerSide::referral ? e.referral : e.support) += l.amount.minor;
  }
  std::vector<CustomerEarnings> out;
  for (auto& [id, e] : by) out.push_back(e);
  return out;
}

Statement statement(const CommissionState& c, PersonId agent, const std::string& currency, MonthIndex month) {
  Statement s;
  s.agent_id = agent;
  s.month = month;
  s.currency = currency;
  const auto start = month_start(month);
  const auto end = month_start(month + 1);
  for (const auto& [id, l] : c.lines) {
    if (l.agent_id != agent || l.amount.currency != currency || l.at >= end) continue;
    auto& side = l.side == LedgerSide::referral ? s.referral : s.support;
    if (l.at < start) {
      side.opening += l.amount.minor;
      continue;
    }
    (l.kind == LineKind::payout ? side.paid_out : side.earned) += l.amount.minor;
    s.lines.push_back(l);
  }
  return s;
}

std::vector<MonthIndex> statement_months(const CommissionState& c, PersonId agent, const std::string& currency) {
  std::set<MonthIndex> months;
  for (const auto& [id, l] : c.lines)
    if (l.agent_id == agent && l.amount.currency == currency) months.insert(month_of(l.at));
  return {months.rbegin(), months.rend()};
}

std::vector<std::string> commission_currencies(const CommissionState& c, const std::string& fallback) {
  std::set<std::string> out;
  for (const auto& p : c.plans) out.insert(p.currency);
  for (const auto& [id, l] : c.lines) out.insert(l.amount.currency);
  if (out.empty() && !fallback.empty()) out.insert(fallback);
  return {out.begin(), out.end()};
}

} // namespace pd::domain
