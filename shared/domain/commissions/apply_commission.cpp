#include "shared/domain/commissions/apply_commission.hpp"

#include "shared/domain/support/apply_support.hpp"

#include <algorithm>

namespace pd::domain::commission_apply {

using support_apply::notify;

namespace {

// Appends a line (a replayed event writes the same line again, unchanged).
void add_line(ProgramState& s, const Event& e, LedgerLine line) {
  auto& c = s.commissions;
  line.version = e.seq;
  c.next_line_id = std::max(c.next_line_id, line.id + 1);
  auto it = c.lines.find(line.id);
  if (it != c.lines.end()) return;
  c.track_line(line, nullptr);
  c.lines.emplace(line.id, std::move(line));
}

// Moves a line to a new state, keeping the pending index in step.
template <class F>
void change_line(ProgramState& s, LineId id, F change) {
  auto& c = s.commissions;
  auto it = c.lines.find(id);
  if (it == c.lines.end()) return;
  const LedgerLine before = it->second;
  change(it->second);
  c.track_line(it->second, &before);
}

// Opens, closes or moves the customer's support span so it matches who earns support
// commission for it now. Time never runs back into a closed month.
void refresh(ProgramState& s, const Event& e, CustomerId id) {
  auto& c = s.commissions;
  const Customer* customer = s.customer(id);
  const PersonId earner = customer ? support_earner(s, *customer) : 0;
  const Money mrr = customer ? customer->profile.mrr : Money{};
  auto it = c.spans.find(id);
  SupportSpan* open = it != c.spans.end() && !it->second.empty() && it->second.back().to == 0 ? &it->second.back() : nullptr;
  if (open ? open->agent_id == earner && open->mrr == mrr : earner == 0) return;
  TimeMs at = e.at;
  if (c.next_close != 0) at = std::max(at, month_start(c.next_close));
  if (open) {
    if (--c.open_spans[open->agent_id] <= 0) c.open_spans.erase(open->agent_id);
    open->to = std::max(at, open->from);
    if (open->to == open->from) it->second.pop_back();
  }
  if (earner != 0) {
    ++c.open_spans[earner];
    c.spans[id].push_back(SupportSpan{earner, at, 0, mrr});
    if (c.next_close == 0) c.next_close = month_of(at);
  }
  if (auto again = c.spans.find(id); again != c.spans.end() && again->second.empty()) c.spans.erase(again);
}

// Every customer assigned to the person (an open span is always the assigned agent's: an
// assignment refreshes its customer's span at once). The index keeps this O(the agent's customers).
void refresh_person(ProgramState& s, const Event& e, PersonId person) {
  auto mine = s.customers_by_agent.find(person);
  if (mine == s.customers_by_agent.end()) return;
  // An agent who cannot earn and has no open span: nothing to open or close.
  auto agent = s.agents.find(person);
  const bool can_earn = agent != s.agents.end() && agent->second.status == PartnerStatus::active && is_certified(s.certification, person);
  if (!can_earn && !s.commissions.open_spans.count(person)) return;
  const std::vector<CustomerId> ids(mine->second.begin(), mine->second.end());
  for (auto id : ids) refresh(s, e, id);
}

void track_cancellation(ProgramState& s, const Event& e, CustomerId id) {
  const Customer* customer = s.customer(id);
  if (!customer) return;
  const bool cancelled = customer->profile.subscription == SubscriptionStatus::cancelled;
  auto found = s.commissions.cancelled.find(id);
  if (!cancelled && found == s.commissions.cancelled.end()) return; // the common case: never cancelled
  auto& list = s.commissions.cancelled[id];
  const bool open = !list.empty() && list.back().to == 0;
  if (cancelled && !open) list.push_back(Stretch{e.at, 0});
  else if (!cancelled && open) list.back().to = std::max(e.at, list.back().from);
  if (list.empty()) s.commissions.cancelled.erase(id);
}

} // namespace

ApplyOutcome apply(ProgramState& s, const Event&, const CommissionPlanSaved& b) {
  auto& plans = s.commissions.plans;
  auto it = std::find_if(plans.begin(), plans.end(),
                         [&](const CommissionPlan& p) { return p.currency == b.plan.currency && p.effective_from == b.plan.effective_from; });
  if (it != plans.end()) *it = b.plan;
  else plans.push_back(b.plan);
  std::sort(plans.begin(), plans.end(), [](const CommissionPlan& x, const CommissionPlan& y) {
    return std::tie(x.currency, x.effective_from) < std::tie(y.currency, y.effective_from);
  });
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const PaymentRecorded& b) {
  auto& c = s.commissions;
  const auto& p = b.payment;
  c.next_payment_id = std::max(c.next_payment_id, p.id + 1);
  if (c.payments.count(p.id)) return {};
  c.payments[p.id] = p;
  c.payment_by_external[p.external_id] = p.id;
  if (p.kind == PaymentKind::payment) c.first_payment.emplace(p.customer_id, p.id);
  if (p.kind == PaymentKind::refund)
    if (auto it = c.payments.find(p.refund_of); it != c.payments.end()) it->second.refunded_minor += p.amount.minor;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ReferralCommissionAccrued& b) {
  add_line(s, e, b.line);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ReferralCommissionReversed& b) {
  add_line(s, e, b.line);
  notify(s, b.line.agent_id, e, "commission", "A customer's refund took back referral commission: " + b.line.note + ".");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const SupportCommissionAccrued& b) {
  add_line(s, e, b.line);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const SupportMonthClosed& b) {
  auto& c = s.commissions;
  auto month = parse_month(b.month);
  if (!month) return {};
  c.next_close = std::max(c.next_close, *month + 1);
  // Spans that ended by the month's end have been turned into lines: drop them.
  const auto end = month_start(*month + 1);
  for (auto it = c.spans.begin(); it != c.spans.end();) {
    std::erase_if(it->second, [&](const SupportSpan& sp) { return sp.to != 0 && sp.to <= end; });
    it = it->second.empty() ? c.spans.erase(it) : std::next(it);
  }
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const CommissionAdjusted& b) {
  add_line(s, e, b.line);
  const std::string side = b.line.side == LedgerSide::referral ? "referral" : "support";
  if (awaits_second_approval(b.line))
    notify(s, b.line.agent_id, e, "commission",
           "The business proposed an adjustment of your " + side + " commission, awaiting a second approval: " + b.line.note);
  else
    notify(s, b.line.agent_id, e, "commission", "The business adjusted your " + side + " commission: " + b.line.note);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const CommissionLinesApproved& b) {
  for (auto id : b.line_ids)
    change_line(s, id, [&](LedgerLine& l) {
      if (l.state != LineState::pending) return;
      l.state = LineState::approved;
      l.approved_at = e.at;
      l.approved_by = e.actor;
      l.version = e.seq;
    });
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const PayoutRecorded& b) {
  auto& c = s.commissions;
  for (auto id : b.line_ids)
    change_line(s, id, [&](LedgerLine& l) {
      l.state = LineState::paid;
      l.batch_id = b.batch_id;
      l.paid_at = e.at;
      l.version = e.seq;
    });
  auto& batch = c.batches[b.batch_id];
  batch.id = b.batch_id;
  batch.reference = b.reference;
  batch.currency = b.currency;
  batch.at = e.at;
  batch.by = e.actor;
  c.next_batch_id = std::max(c.next_batch_id, b.batch_id + 1);
  for (auto id : b.line_ids)
    if (std::find(batch.line_ids.begin(), batch.line_ids.end(), id) == batch.line_ids.end()) batch.line_ids.push_back(id);
  for (const auto& p : b.payouts) {
    if (std::find(batch.payout_line_ids.begin(), batch.payout_line_ids.end(), p.id) == batch.payout_line_ids.end()) {
      batch.payout_line_ids.push_back(p.id);
      batch.total_minor -= p.amount.minor;
    }
    add_line(s, e, p);
  }
  notify(s, b.agent_id, e, "commission", "The business paid out your commission (reference " + b.reference + ").");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const AdjustmentThresholdSet& b) {
  s.commissions.adjustment_thresholds[b.threshold.currency] = AdjustmentThreshold{b.threshold.currency, b.threshold.minor, e.actor, e.at};
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ApiKeyCreated& b) {
  if (s.api_keys.count(b.key_id)) return {};
  s.api_keys[b.key_id] = ApiKey{b.key_id, b.label, b.key_prefix, b.key_hash, e.actor, e.at, 0, 0, e.seq};
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ApiKeyRevoked& b) {
  auto it = s.api_keys.find(b.key_id);
  if (it == s.api_keys.end()) return {};
  if (it->second.revoked_at == 0) {
    it->second.revoked_at = e.at > 0 ? e.at : 1; // 0 means in use
    it->second.revoked_by = e.actor;
  }
  it->second.version = e.seq;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ReferralCommissionStopped& b) {
  auto& r = s.commissions.referrers[b.person_id];
  r.person_id = b.person_id;
  if (r.referral_stopped_at == 0) {
    r.referral_stopped_at = e.at > 0 ? e.at : 1; // 0 means never stopped
    r.referral_stopped_by = e.actor;
    r.referral_stop_reason = b.reason;
  }
  notify(s, b.person_id, e, "commission",
         "The business stopped your referral commission after terminating the partnership for fraud (" + b.reason +
             "). Commission already earned stays on your ledger.");
  return {};
}

void track_support(ProgramState& s, const Event& e) {
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, CustomerAdded> || std::is_same_v<T, CustomerUpdated>) {
          track_cancellation(s, e, b.customer_id);
          refresh(s, e, b.customer_id);
        } else if constexpr (std::is_same_v<T, CustomerAssigned> || std::is_same_v<T, CustomerSupportHeld>) {
          refresh(s, e, b.customer_id);
        } else if constexpr (std::is_same_v<T, AgentStatusChanged> || std::is_same_v<T, CertificationStatusChanged> ||
                             std::is_same_v<T, MemberRemoved> || std::is_same_v<T, MemberRoleChanged>) {
          refresh_person(s, e, b.person_id);
        }
        // The referrer records outlive membership: an agent joining starts (or renews) one, leaving marks it.
        if constexpr (std::is_same_v<T, InvitationAccepted>) {
          if (auto m = s.member(b.person_id); m && m->role == identity::Role::agent) {
            auto& r = s.commissions.referrers[b.person_id];
            r.person_id = b.person_id;
            r.name = m->name;
            r.email = m->email;
            r.joined_at = e.at;
            r.left_at = 0;
          }
        } else if constexpr (std::is_same_v<T, MemberRemoved>) {
          if (auto it = s.commissions.referrers.find(b.person_id); it != s.commissions.referrers.end()) it->second.left_at = e.at > 0 ? e.at : 1;
        }
      },
      e.body);
}

} // namespace pd::domain::commission_apply
