#include "shared/domain/commissions/commission.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/state.hpp"

#include <algorithm>
#include <cstdio>

namespace pd::domain {

namespace {

constexpr std::int64_t ms_per_day = core::ms_per_day;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

} // namespace

const char* label_of(LedgerSide s) { return s == LedgerSide::referral ? "Referral" : "Support"; }

const char* label_of(LineKind k) {
  switch (k) {
  case LineKind::accrual: return "Accrual";
  case LineKind::reversal: return "Reversal";
  case LineKind::adjustment: return "Adjustment";
  case LineKind::payout: return "Payout";
  }
  return "Line";
}

const char* label_of(LineState s) {
  switch (s) {
  case LineState::pending: return "Pending";
  case LineState::approved: return "Approved";
  case LineState::paid: return "Paid";
  }
  return "Pending";
}

bool CommissionPlan::same_terms(const CommissionPlan& o) const {
  return currency == o.currency && effective_from == o.effective_from && referral_first_bps == o.referral_first_bps &&
         referral_recurring_bps == o.referral_recurring_bps && referral_recurring_months == o.referral_recurring_months &&
         support_basis == o.support_basis && support_flat_minor == o.support_flat_minor && support_mrr_bps == o.support_mrr_bps &&
         hold_days == o.hold_days;
}

// ---- Months and days -----------------------------------------------------------------------

std::int64_t day_of(TimeMs at) { return floor_div(at, ms_per_day); }

MonthIndex month_of_day(std::int64_t day) {
  const auto d = core::civil_from_days(day);
  return static_cast<MonthIndex>(d.year) * 12 + (d.month - 1);
}

MonthIndex month_of(TimeMs at) { return month_of_day(day_of(at)); }

TimeMs month_start(MonthIndex m) {
  const core::Date d{static_cast<int>(m / 12), static_cast<int>(m % 12) + 1, 1};
  return core::days_from_civil(d) * ms_per_day;
}

int days_in(MonthIndex m) { return core::days_in_month(static_cast<int>(m / 12), static_cast<int>(m % 12) + 1); }

std::string month_label(MonthIndex m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(m / 12) % 10000, static_cast<int>(m % 12) + 1);
  return buf;
}

std::optional<MonthIndex> parse_month(const std::string& label) {
  auto d = core::parse_date(label + "-01");
  if (label.size() != 7 || !d) return std::nullopt;
  return static_cast<MonthIndex>(d->year) * 12 + (d->month - 1);
}

std::int64_t day_of_date(const std::string& yyyy_mm_dd) {
  auto d = core::parse_date(yyyy_mm_dd);
  return d ? core::days_from_civil(*d) : -1;
}

std::int64_t mul_div(std::int64_t a, std::int64_t b, std::int64_t c) {
  __extension__ using Wide = unsigned __int128;
  if (a <= 0 || b <= 0 || c <= 0) return 0;
  return static_cast<std::int64_t>(static_cast<Wide>(a) * static_cast<Wide>(b) / static_cast<Wide>(c));
}

// ---- CommissionState -----------------------------------------------------------------------

const CommissionPlan* CommissionState::plan_in_effect(const std::string& currency, std::int64_t day) const {
  const CommissionPlan* found = nullptr;
  std::int64_t found_day = 0;
  for (const auto& p : plans) {
    if (p.currency != currency) continue;
    const auto from = day_of_date(p.effective_from);
    if (from < 0 || from > day) continue;
    if (!found || from >= found_day) found = &p, found_day = from;
  }
  return found;
}

const Payment* CommissionState::payment(PaymentId id) const {
  auto it = payments.find(id);
  return it == payments.end() ? nullptr : &it->second;
}

const Payment* CommissionState::payment_by_external_id(const std::string& external_id) const {
  auto it = payment_by_external.find(external_id);
  return it == payment_by_external.end() ? nullptr : payment(it->second);
}

const LedgerLine* CommissionState::line(LineId id) const {
  auto it = lines.find(id);
  return it == lines.end() ? nullptr : &it->second;
}

void CommissionState::track_line(const LedgerLine& l, const LedgerLine* before) {
  if (before && before->state == LineState::pending) pending.erase({before->approve_at, before->id});
  // The scheduler approves what waits for its holding period, never an adjustment waiting for a second person.
  if (l.state == LineState::pending && !awaits_second_approval(l)) pending.insert({l.approve_at, l.id});
  if (before) return;
  if (l.side == LedgerSide::referral && l.kind == LineKind::accrual && l.payment_id) referral_line_of[l.payment_id] = l.id;
  if (l.kind == LineKind::reversal && l.reverses) reversals_of[l.reverses].push_back(l.id);
}

void CommissionState::index() {
  payment_by_external.clear();
  first_payment.clear();
  referral_line_of.clear();
  reversals_of.clear();
  pending.clear();
  open_spans.clear();
  for (const auto& [customer, list] : spans)
    if (!list.empty() && list.back().to == 0) ++open_spans[list.back().agent_id];
  for (const auto& [id, p] : payments) {
    payment_by_external[p.external_id] = id;
    if (p.kind == PaymentKind::payment) first_payment.emplace(p.customer_id, id); // the lowest id wins
  }
  for (const auto& [id, l] : lines) track_line(l, nullptr);
}

// ---- Rules ---------------------------------------------------------------------------------

bool currency_accepted(const CommissionState& c, const std::string& program_currency, const std::string& currency) {
  if (c.plans.empty()) return currency == program_currency;
  return std::any_of(c.plans.begin(), c.plans.end(), [&](const CommissionPlan& p) { return p.currency == currency; });
}

bool cancelled_at(const CommissionState& c, CustomerId customer, TimeMs at) {
  auto it = c.cancelled.find(customer);
  if (it == c.cancelled.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](const Stretch& s) { return s.from <= at && (s.to == 0 || at < s.to); });
}

PersonId support_earner(const ProgramState& s, const Customer& customer) {
  const PersonId agent = customer.assigned_agent;
  // Held (support_access.hpp): the business's queue supports the customer, not the agent.
  if (agent == 0 || customer.support_held || customer.profile.subscription == SubscriptionStatus::cancelled) return 0;
  auto it = s.agents.find(agent);
  if (it == s.agents.end() || it->second.status != PartnerStatus::active) return 0;
  return is_certified(s.certification, agent) ? agent : 0;
}

const Referrer* referrer(const CommissionState& c, PersonId person) {
  auto it = c.referrers.find(person);
  return it == c.referrers.end() ? nullptr : &it->second;
}

bool may_refer(const ProgramState& s, PersonId person) {
  return person != 0 && (s.role_of(person) == identity::Role::agent || referrer(s.commissions, person) != nullptr);
}

PersonId referral_earner(const ProgramState& s, const Customer& customer, TimeMs paid_at) {
  const PersonId agent = customer.profile.referring_agent;
  if (!may_refer(s, agent)) return 0;
  // Termination for fraud stops what is paid from then on; what was paid before still earns.
  if (auto r = referrer(s.commissions, agent); r && r->referral_stopped() && paid_at >= r->referral_stopped_at) return 0;
  return agent;
}

ReferralShare referral_share(const CommissionPlan& plan, std::int64_t amount_minor, bool first, TimeMs first_paid_at, TimeMs paid_at,
                             bool cancelled) {
  ReferralShare out;
  std::int64_t units = 0; // minor units x basis points
  if (first && plan.referral_first_bps > 0) {
    units += amount_minor * plan.referral_first_bps;
    out.one_off = true;
  }
  const bool in_window = plan.referral_recurring_months == 0 || paid_at < add_months(first_paid_at, plan.referral_recurring_months);
  if (plan.referral_recurring_bps > 0 && in_window && !cancelled) {
    units += amount_minor * plan.referral_recurring_bps;
    out.recurring = true;
  }
  out.minor = (units + bps_whole / 2) / bps_whole;
  return out;
}

std::vector<SupportAccrual> support_accruals(const CommissionState& c, const std::string& program_currency, MonthIndex month) {
  const auto first_day = day_of(month_start(month));
  const auto end_day = day_of(month_start(month + 1));
  const std::int64_t per_month_units = static_cast<std::int64_t>(bps_whole) * days_in(month);
  struct Sum {
    int days = 0;
    std::int64_t units = 0; // minor units x basis points, summed over the days
    std::int64_t mrr = 0;
    std::string currency;
  };
  std::map<std::pair<PersonId, CustomerId>, Sum> sums;
  for (const auto& [customer, spans] : c.spans) {
    for (const auto& span : spans) {
      // A day counts when the span holds the day's last instant: days [day(from), day(to)).
      const auto d0 = std::max(first_day, day_of(span.from));
      const auto d1 = std::min(end_day, span.to == 0 ? end_day : day_of(span.to));
      if (d0 >= d1) continue;
      const auto currency = span.mrr.currency.empty() ? program_currency : span.mrr.currency;
      auto& sum = sums[{span.agent_id, customer}];
      sum.currency = currency;
      sum.mrr = span.mrr.minor;
      for (auto d = d0; d < d1; ++d) {
        ++sum.days;
        auto plan = c.plan_in_effect(currency, d);
        if (!plan) continue;
        if (plan->support_basis == SupportBasis::flat) sum.units += plan->support_flat_minor * bps_whole;
        else if (plan->support_basis == SupportBasis::mrr_share) sum.units += span.mrr.minor * plan->support_mrr_bps;
      }
    }
  }
  std::vector<SupportAccrual> out;
  for (const auto& [key, sum] : sums) {
    const auto amount = (sum.units + per_month_units / 2) / per_month_units;
    out.push_back(SupportAccrual{key.first, key.second, sum.days, Money{amount, sum.currency}, sum.mrr});
  }
  return out;
}

Balances balances(const CommissionState& c, PersonId agent, LedgerSide side, const std::string& currency) {
  Balances b;
  for (const auto& [id, l] : c.lines) {
    if (l.agent_id != agent || l.side != side || l.amount.currency != currency || l.kind == LineKind::payout) continue;
    switch (l.state) {
    case LineState::pending: b.pending += l.amount.minor; break;
    case LineState::approved: b.approved += l.amount.minor; break;
    case LineState::paid: b.paid += l.amount.minor; break;
    }
  }
  return b;
}

// ---- Separation of duties on money ---------------------------------------------------------

std::int64_t adjustment_threshold(const CommissionState& c, const std::string& currency) {
  auto it = c.adjustment_thresholds.find(currency);
  return it == c.adjustment_thresholds.end() ? default_adjustment_threshold_minor : it->second.minor;
}

bool adjustment_needs_second_approval(const CommissionState& c, const Money& amount) {
  const auto size = amount.minor < 0 ? -amount.minor : amount.minor; // |amount| <= max_money_minor: no overflow
  return size > adjustment_threshold(c, amount.currency);
}

bool awaits_second_approval(const LedgerLine& l) { return l.kind == LineKind::adjustment && l.state == LineState::pending; }

LineApproval may_approve_line(const ProgramState& s, PersonId approver, const LedgerLine& l) {
  if (!is_allowed(s, approver, Action::approve_commission)) return LineApproval::not_business;
  if (l.kind == LineKind::payout) return LineApproval::payout_line;
  if (l.state == LineState::approved) return LineApproval::already_approved;
  if (l.state == LineState::paid) return LineApproval::already_paid;
  if (l.by != 0 && l.by == approver) return LineApproval::own_line;
  if (awaits_second_approval(l) && !is_allowed(s, approver, Action::approve_large_adjustment)) return LineApproval::owner_or_admin_only;
  return LineApproval::allowed;
}

std::string line_approval_text(LineApproval a, const LedgerLine& l) {
  const auto line = "Line " + std::to_string(l.id);
  switch (a) {
  case LineApproval::allowed: return {};
  case LineApproval::not_business: return "Only the business approves commission lines.";
  case LineApproval::payout_line: return "A payout line is not approved.";
  case LineApproval::already_approved: return line + " is already approved.";
  case LineApproval::already_paid: return line + " is already paid.";
  case LineApproval::own_line:
    return l.kind == LineKind::adjustment ? line + " is your own adjustment: an owner or admin other than you approves it."
                                          : line + " comes from a payment or refund you entered: someone else in the business approves it.";
  case LineApproval::owner_or_admin_only:
    return line + " is an adjustment above the approval threshold: an owner or admin other than its author approves it.";
  }
  return {};
}

// ---- JSON ----------------------------------------------------------------------------------

void to_json(nlohmann::json& j, const CommissionState& c) {
  auto values = [](const auto& map) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& [id, v] : map) a.push_back(v);
    return a;
  };
  auto per_customer = [](const auto& map) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& [id, v] : map) a.push_back({{"customer_id", id}, {"items", v}});
    return a;
  };
  j = {{"plans", c.plans},
       {"payments", values(c.payments)},
       {"next_payment_id", c.next_payment_id},
       {"lines", values(c.lines)},
       {"next_line_id", c.next_line_id},
       {"batches", values(c.batches)},
       {"next_batch_id", c.next_batch_id},
       {"spans", per_customer(c.spans)},
       {"cancelled", per_customer(c.cancelled)},
       {"next_close", c.next_close},
       {"adjustment_thresholds", values(c.adjustment_thresholds)},
       {"referrers", values(c.referrers)}};
}

void from_json(const nlohmann::json& j, CommissionState& c) {
  c = CommissionState{};
  c.plans = j.value("plans", std::vector<CommissionPlan>{});
  for (const auto& p : j.value("payments", nlohmann::json::array())) {
    auto v = p.get<Payment>();
    c.payments[v.id] = std::move(v);
  }
  c.next_payment_id = j.value("next_payment_id", PaymentId{1});
  for (const auto& l : j.value("lines", nlohmann::json::array())) {
    auto v = l.get<LedgerLine>();
    c.lines[v.id] = std::move(v);
  }
  c.next_line_id = j.value("next_line_id", LineId{1});
  for (const auto& b : j.value("batches", nlohmann::json::array())) {
    auto v = b.get<PayoutBatch>();
    c.batches[v.id] = std::move(v);
  }
  c.next_batch_id = j.value("next_batch_id", BatchId{1});
  for (const auto& s : j.value("spans", nlohmann::json::array()))
    c.spans[s.at("customer_id").get<CustomerId>()] = s.at("items").get<std::vector<SupportSpan>>();
  for (const auto& s : j.value("cancelled", nlohmann::json::array()))
    c.cancelled[s.at("customer_id").get<CustomerId>()] = s.at("items").get<std::vector<Stretch>>();
  c.next_close = j.value("next_close", MonthIndex{0});
  for (const auto& t : j.value("adjustment_thresholds", nlohmann::json::array())) {
    auto v = t.get<AdjustmentThreshold>();
    c.adjustment_thresholds[v.currency] = std::move(v);
  }
  for (const auto& r : j.value("referrers", nlohmann::json::array())) {
    auto v = r.get<Referrer>();
    c.referrers[v.person_id] = std::move(v);
  }
  c.index();
}

} // namespace pd::domain
