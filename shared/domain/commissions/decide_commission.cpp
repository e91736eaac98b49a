#include "shared/domain/commissions/decide_commission.hpp"

#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/decide_support.hpp"

#include <algorithm>
#include <set>

namespace pd::domain::commission_rules {

using core::ErrorCode;
using core::make_error;
using core::forbidden;
using core::invalid;
using core::missing;
using core::conflict;
using core::not_found;
using Events = std::vector<EventBody>;

namespace {


bool may(const ProgramState& s, const Actor& a, Action action, Target t = {}) { return is_allowed(s, a.id, action, t); }

bool is_currency_code(const std::string& c) {
  return c.size() == 3 && std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; });
}

std::string line_field(std::size_t i) { return "data.line_ids[" + std::to_string(i) + "]"; }

// The currencies payments may be in, for messages: "USD" or "USD, EUR".
std::string accepted_currencies(const ProgramState& s) {
  std::set<std::string> all;
  for (const auto& p : s.commissions.plans) all.insert(p.currency);
  if (all.empty()) return s.currency;
  std::string out;
  for (const auto& c : all) out += (out.empty() ? "" : ", ") + c;
  return out;
}

int hold_days_of(const CommissionState& c, const std::string& currency, TimeMs now) {
  auto plan = c.plan_in_effect(currency, day_of(now));
  return plan ? plan->hold_days : CommissionPlan{}.hold_days;
}

std::optional<core::Error> check_plan(const CommissionPlan& p, TimeMs now) {
  if (!is_currency_code(p.currency)) return invalid("The plan's currency is a three-letter ISO 4217 code such as USD.", "data.plan.currency");
  const auto from = day_of_date(p.effective_from);
  if (from < 0) return invalid("The plan's first day is a real date as YYYY-MM-DD.", "data.plan.effective_from");
  if (from < day_of(now))
    return invalid("A plan change takes effect from today or a later day: lines already written are never rewritten.", "data.plan.effective_from");
  auto bps = [](int v) { return v >= 0 && v <= bps_whole; };
  if (!bps(p.referral_first_bps)) return invalid("A share is 0-10000 basis points (0-100%).", "data.plan.referral_first_bps");
  if (!bps(p.referral_recurring_bps)) return invalid("A share is 0-10000 basis points (0-100%).", "data.plan.referral_recurring_bps");
  if (p.referral_recurring_months < 0 || p.referral_recurring_months > max_recurring_months)
    return invalid("Recurring commission runs for 0 (the customer's lifetime) to 240 months.", "data.plan.referral_recurring_months");
  if (p.hold_days < 0 || p.hold_days > max_hold_days) return invalid("The holding period is 0-365 days.", "data.plan.hold_days");
  switch (p.support_basis) {
  case SupportBasis::none:
    if (p.support_flat_minor != 0) return invalid("Without support commission there is no flat amount.", "data.plan.support_flat_minor");
    if (p.support_mrr_bps != 0) return invalid("Without support commission there is no share of MRR.", "data.plan.support_mrr_bps");
    break;
  case SupportBasis::flat:
    if (p.support_flat_minor <= 0 || p.support_flat_minor > max_money_minor)
      return invalid("A flat support commission is a positive amount per customer per month.", "data.plan.support_flat_minor");
    if (p.support_mrr_bps != 0) return invalid("A flat support commission has no share of MRR.", "data.plan.support_mrr_bps");
    break;
  case SupportBasis::mrr_share:
    if (p.support_mrr_bps <= 0 || p.support_mrr_bps > bps_whole)
      return invalid("A share of MRR is 1-10000 basis points (0.01-100%).", "data.plan.support_mrr_bps");
    if (p.support_flat_minor != 0) return invalid("A share of MRR has no flat amount.", "data.plan.support_flat_minor");
    break;
  }
  return std::nullopt;
}

// Whether a repeat of a recorded payment says the same thing (then it changes nothing).
bool same_payment(const CommissionState& c, const Payment& old, const RecordPayment& cmd) {
  const Payment* refunded = old.refund_of ? c.payment(old.refund_of) : nullptr;
  const std::string old_refund_of = refunded ? refunded->external_id : std::string{};
  return old.customer_id == cmd.customer_id && old.kind == cmd.kind && old.amount == cmd.amount &&
         (cmd.paid_at == 0 || cmd.paid_at == old.paid_at) && (old.refund_of == 0 || old_refund_of == cmd.refund_of);
}

std::string percent(int bps) {
  auto text = std::to_string(bps / 100);
  if (bps % 100) text += (bps % 100 < 10 ? ".0" : ".") + std::to_string(bps % 100);
  return text + "%";
}

Outcome record_refund(const ProgramState& s, const RecordPayment& c, const Actor& a, TimeMs now, TimeMs paid_at) {
  const auto& cm = s.commissions;
  const Payment* original = cm.payment_by_external_id(c.refund_of);
  if (!original) return not_found("No payment with that id was recorded.", "data.refund_of");
  if (original->kind != PaymentKind::payment) return invalid("A refund gives back a payment, not another refund.", "data.refund_of");
  if (original->customer_id != c.customer_id) return invalid("That payment is another customer's.", "data.refund_of");
  if (c.amount.currency != original->amount.currency)
    return invalid("A refund is in the currency of the payment it gives back (" + original->amount.currency + ").", "data.amount.currency");
  const auto refundable = original->amount.minor - original->refunded_minor;
  if (c.amount.minor > refundable)
    return invalid("At most " + std::to_string(refundable) + " (minor units) of that payment can still be refunded.", "data.amount.minor");
  if (paid_at < original->paid_at) return invalid("A refund cannot come before the payment it gives back.", "data.paid_at");

  Payment refund{cm.next_payment_id, c.external_id, c.customer_id, PaymentKind::refund, c.amount, paid_at, original->id, 0, a.id, now};
  Events out{PaymentRecorded{refund}};
  // Claw back the referral commission the payment produced, in proportion; the running total is
  // rounded down, so a full refund takes back exactly what was accrued.
  auto it = cm.referral_line_of.find(original->id);
  const LedgerLine* accrual = it == cm.referral_line_of.end() ? nullptr : cm.line(it->second);
  if (accrual && accrual->amount.minor > 0) {
    const auto a_minor = accrual->amount.minor;
    const auto before = mul_div(a_minor, original->refunded_minor, original->amount.minor);
    const auto after = original->refunded_minor + c.amount.minor >= original->amount.minor
                           ? a_minor
                           : mul_div(a_minor, original->refunded_minor + c.amount.minor, original->amount.minor);
    if (after > before) {
      LedgerLine l;
      l.id = cm.next_line_id;
      l.agent_id = accrual->agent_id;
      l.side = LedgerSide::referral;
      l.kind = LineKind::reversal;
      l.amount = Money{-(after - before), accrual->amount.currency};
      l.customer_id = c.customer_id;
      l.payment_id = refund.id;
      l.basis_minor = c.amount.minor;
      l.reverses = accrual->id;
      l.note = "Refund " + c.external_id + " of payment " + original->external_id;
      l.at = now;
      l.by = a.id;
      // A reversal follows its accrual: approved together while the accrual waits; otherwise
      // approved at once, so it comes off the next payout.
      if (accrual->state == LineState::pending) {
        l.state = LineState::pending;
        l.approve_at = accrual->approve_at;
      } else {
        l.state = LineState::approved;
        l.approve_at = l.approved_at = now;
        l.approved_by = a.id;
      }
      out.push_back(ReferralCommissionReversed{std::move(l)});
    }
  }
  return out;
}

} // namespace

Outcome decide(const ProgramState& s, const SaveCommissionPlan& c, const Actor& a, TimeMs now) {
  if (!may(s, a, Action::manage_commission_plans)) return forbidden("Only an owner or admin changes the commission plans.");
  if (auto e = check_plan(c.plan, now)) return *e;
  CommissionPlan plan = c.plan;
  plan.saved_by = a.id;
  plan.saved_at = now;
  for (const auto& p : s.commissions.plans)
    if (p.currency == plan.currency && p.effective_from == plan.effective_from && p.same_terms(plan)) return Events{};
  return Events{CommissionPlanSaved{std::move(plan)}};
}

Outcome decide(const ProgramState& s, const RecordPayment& c, const Actor& a, TimeMs now) {
  if (a.id != support_rules::system_actor && !may(s, a, Action::record_payment))
    return forbidden("Only the business or its billing system records payments.");
  const auto& cm = s.commissions;
  // The decoder checks these too; a server route may build the command itself.
  if (c.external_id.empty() || c.external_id.size() > max_external_id)
    return invalid("The payment's id in the billing system is 1-100 characters.", "data.external_id");
  if (c.amount.minor <= 0) return invalid("A payment or refund is a positive amount.", "data.amount.minor");
  if (c.amount.minor > max_money_minor) return invalid("The amount is too large.", "data.amount.minor");
  if (c.paid_at < 0 || c.paid_at > max_time_ms) return invalid("'data.paid_at' is Unix milliseconds.", "data.paid_at");
  if (c.kind == PaymentKind::refund && c.refund_of.empty()) return missing("A refund names the payment it gives back.", "data.refund_of");
  if (c.kind == PaymentKind::payment && !c.refund_of.empty()) return invalid("Only a refund names a payment.", "data.refund_of");
  // A repeat of the billing system's id changes nothing.
  if (auto old = cm.payment_by_external_id(c.external_id)) {
    if (same_payment(cm, *old, c)) return Events{};
    return conflict("A payment with this id was already recorded with other details.", "data.external_id");
  }
  auto customer = s.customer(c.customer_id);
  if (!customer) return not_found("No such customer.", "data.customer_id");
  if (!currency_accepted(cm, s.currency, c.amount.currency))
    return invalid("Payments are in the currency of the program's commission plan (" + accepted_currencies(s) + ").", "data.amount.currency");
  const TimeMs paid_at = c.paid_at ? c.paid_at : now;
  if (paid_at > now + max_clock_skew_ms) return invalid("A payment cannot be dated in the future.", "data.paid_at");
  if (c.kind == PaymentKind::refund) return record_refund(s, c, a, now, paid_at);

  Payment p{cm.next_payment_id, c.external_id, c.customer_id, PaymentKind::payment, c.amount, paid_at, 0, 0, a.id, now};
  Events out{PaymentRecorded{p}};
  const PersonId agent = referral_earner(s, *customer, paid_at);
  const CommissionPlan* plan = cm.plan_in_effect(c.amount.currency, day_of(paid_at));
  if (agent == 0 || !plan) return out;
  auto first_it = cm.first_payment.find(c.customer_id);
  const Payment* first = first_it == cm.first_payment.end() ? nullptr : cm.payment(first_it->second);
  const bool is_first = first == nullptr;
  const TimeMs first_paid_at = first ? first->paid_at : paid_at;
  const auto share = referral_share(*plan, c.amount.minor, is_first, first_paid_at, paid_at, cancelled_at(cm, c.customer_id, paid_at));
  if (share.minor <= 0) return out;
  LedgerLine l;
  l.id = cm.next_line_id;
  l.agent_id = agent;
  l.side = LedgerSide::referral;
  l.kind = LineKind::accrual;
  l.amount = Money{share.minor, c.amount.currency};
  l.state = LineState::pending;
  l.customer_id = c.customer_id;
  l.payment_id = p.id;
  l.basis_minor = c.amount.minor;
  std::string terms;
  if (share.one_off) terms = percent(plan->referral_first_bps) + " of the first payment";
  if (share.recurring) terms += (terms.empty() ? "" : " + ") + percent(plan->referral_recurring_bps) + " recurring";
  l.note = terms + " (payment " + c.external_id + ")";
  l.at = now;
  l.approve_at = now + static_cast<std::int64_t>(plan->hold_days) * day_ms;
  l.by = a.id;
  out.push_back(ReferralCommissionAccrued{std::move(l)});
  return out;
}

Outcome decide(const ProgramState& s, const AdjustCommission& c, const Actor& a, TimeMs now) {
  if (!may(s, a, Action::adjust_commission)) return forbidden("Only the business adjusts commissions.");
  const auto& cm = s.commissions;
  const bool has_lines = std::any_of(cm.lines.begin(), cm.lines.end(), [&](const auto& kv) { return kv.second.agent_id == c.agent_id; });
  if (!s.agents.count(c.agent_id) && !has_lines) return not_found("No such agent.", "data.agent_id");
  if (c.amount.minor == 0) return invalid("An adjustment moves a non-zero amount.", "data.amount.minor");
  if (c.amount.minor > max_money_minor || c.amount.minor < -max_money_minor) return invalid("The amount is too large.", "data.amount.minor");
  if (!currency_accepted(cm, s.currency, c.amount.currency))
    return invalid("Adjustments are in the currency of the program's commission plan (" + accepted_currencies(s) + ").", "data.amount.currency");
  if (blank(c.reason)) return missing("Give the reason for the adjustment: the agent will see it.", "data.reason");
  if (c.reason.size() > max_commission_reason) return invalid("The reason is at most 500 characters.", "data.reason");
  if (c.customer_id != 0 && !s.customer(c.customer_id)) return not_found("No such customer.", "data.customer_id");
  LedgerLine l;
  l.id = cm.next_line_id;
  l.agent_id = c.agent_id;
  l.side = c.side;
  l.kind = LineKind::adjustment;
  l.amount = c.amount;
  l.customer_id = c.customer_id;
  l.note = c.reason;
  l.at = now;
  l.by = a.id;
  if (adjustment_needs_second_approval(cm, c.amount)) {
    // Above the threshold: pending until an owner or admin other than its author approves it
    // (never by the scheduler: approve_at stays 0).
    l.state = LineState::pending;
  } else {
    // Written by the business, so approved by it at once.
    l.state = LineState::approved;
    l.approve_at = l.approved_at = now;
    l.approved_by = a.id;
  }
  return Events{CommissionAdjusted{std::move(l)}};
}

Outcome decide(const ProgramState& s, const ApproveCommissionLines& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::approve_commission)) return forbidden("Only the business approves commission lines.");
  if (c.line_ids.empty()) return missing("List the lines to approve.", "data.line_ids");
  if (c.line_ids.size() > max_lines_per_command) return invalid("Approve at most 1000 lines at once.", "data.line_ids");
  const auto& cm = s.commissions;
  // Who may approve which line is may_approve_line's rule (the commissions desk asks it too).
  auto refusal = [&](const LedgerLine& l, std::size_t i) -> std::optional<core::Error> {
    const auto verdict = may_approve_line(s, a.id, l);
    const auto text = line_approval_text(verdict, l);
    switch (verdict) {
    case LineApproval::allowed: return std::nullopt;
    case LineApproval::not_business: return forbidden(text);
    case LineApproval::payout_line: return invalid(text, line_field(i));
    case LineApproval::already_approved:
    case LineApproval::already_paid: return conflict(text, line_field(i));
    case LineApproval::own_line:
    case LineApproval::owner_or_admin_only: return make_error(ErrorCode::forbidden, text, line_field(i));
    }
    return forbidden(text);
  };
  std::set<LineId> ids;
  auto add_pending = [&](LineId id) {
    if (auto l = cm.line(id); l && l->state == LineState::pending) ids.insert(id);
  };
  for (std::size_t i = 0; i < c.line_ids.size(); ++i) {
    const auto* l = cm.line(c.line_ids[i]);
    if (!l) return not_found("No such line.", line_field(i));
    if (auto e = refusal(*l, i)) return *e;
    // An accrual and its reversals move together. The accrual a listed reversal brings along is
    // money to the agent: the same rule holds for it. The reversals an accrual brings along only
    // take money back, and follow it whoever entered the refund.
    const LineId accrual = l->kind == LineKind::reversal ? l->reverses : l->id;
    if (const auto* acc = cm.line(accrual); acc && accrual != l->id && acc->state == LineState::pending)
      if (auto e = refusal(*acc, i)) return *e;
    add_pending(l->id);
    add_pending(accrual);
    if (auto r = cm.reversals_of.find(accrual); r != cm.reversals_of.end())
      for (auto id : r->second) add_pending(id);
  }
  std::map<PersonId, std::vector<LineId>> by_agent;
  for (auto id : ids) by_agent[cm.lines.at(id).agent_id].push_back(id);
  Events out;
  for (auto& [agent, list] : by_agent) out.push_back(CommissionLinesApproved{agent, std::move(list), "Approved by the business."});
  return out;
}

Outcome decide(const ProgramState& s, const RecordPayout& c, const Actor& a, TimeMs now) {
  if (!may(s, a, Action::pay_out_commission)) return forbidden("Only an owner or admin records payouts.");
  const auto& cm = s.commissions;
  if (blank(c.reference)) return missing("Give the payout's reference (a bank transfer's, say).", "data.reference");
  if (c.reference.size() > max_payout_reference) return invalid("The reference is at most 100 characters.", "data.reference");
  for (const auto& [id, b] : cm.batches)
    if (b.reference == c.reference) return conflict("A payout with this reference was already recorded.", "data.reference");
  if (!is_currency_code(c.currency)) return invalid("The currency is a three-letter ISO 4217 code such as USD.", "data.currency");
  if (c.line_ids.empty()) return missing("List the lines paid out.", "data.line_ids");
  if (c.line_ids.size() > max_lines_per_command) return invalid("Pay out at most 1000 lines at once.", "data.line_ids");
  std::set<LineId> listed;
  std::map<std::pair<PersonId, LedgerSide>, std::vector<LineId>> groups;
  for (std::size_t i = 0; i < c.line_ids.size(); ++i) {
    const auto* l = cm.line(c.line_ids[i]);
    if (!l) return not_found("No such line.", line_field(i));
    if (!listed.insert(l->id).second) return invalid("A line is listed twice.", line_field(i));
    if (l->kind == LineKind::payout) return invalid("A payout line is not paid out again.", line_field(i));
    if (l->amount.currency != c.currency)
      return invalid("Line " + std::to_string(l->id) + " is in " + l->amount.currency + ", not " + c.currency + ".", line_field(i));
    if (l->state == LineState::pending)
      return conflict("Line " + std::to_string(l->id) + " is still pending: approve it before paying it out.", line_field(i));
    if (l->state == LineState::paid) return conflict("Line " + std::to_string(l->id) + " is already paid.", line_field(i));
    groups[{l->agent_id, l->side}].push_back(l->id);
  }
  // Reversals (of paid lines too) and negative adjustments come off this payout.
  for (const auto& [id, l] : cm.lines) {
    if (l.state != LineState::approved || l.amount.minor >= 0 || l.amount.currency != c.currency || l.kind == LineKind::payout) continue;
    auto g = groups.find({l.agent_id, l.side});
    if (g != groups.end() && !listed.count(id)) g->second.push_back(id);
  }
  std::map<PersonId, PayoutRecorded> by_agent;
  LineId next = cm.next_line_id;
  const BatchId batch = cm.next_batch_id;
  for (auto& [key, ids] : groups) {
    std::int64_t net = 0;
    for (auto id : ids) net += cm.lines.at(id).amount.minor;
    if (net <= 0)
      return invalid(std::string("The agent's ") + (key.second == LedgerSide::referral ? "referral" : "support") +
                         " lines in this payout add up to nothing to pay once reversals come off.",
                     "data.line_ids");
    auto& ev = by_agent[key.first];
    ev.batch_id = batch;
    ev.reference = c.reference;
    ev.currency = c.currency;
    ev.agent_id = key.first;
    ev.line_ids.insert(ev.line_ids.end(), ids.begin(), ids.end());
    LedgerLine p;
    p.id = next++;
    p.agent_id = key.first;
    p.side = key.second;
    p.kind = LineKind::payout;
    p.amount = Money{-net, c.currency};
    p.state = LineState::paid;
    p.note = "Payout " + c.reference;
    p.at = p.paid_at = p.approved_at = p.approve_at = now;
    p.approved_by = a.id;
    p.batch_id = batch;
    p.by = a.id;
    ev.payouts.push_back(std::move(p));
  }
  Events out;
  for (auto& [agent, ev] : by_agent) {
    std::sort(ev.line_ids.begin(), ev.line_ids.end());
    out.push_back(std::move(ev));
  }
  return out;
}

Outcome decide(const ProgramState& s, const SetAdjustmentThreshold& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_commission_plans)) return forbidden("Only an owner or admin changes the adjustment approval threshold.");
  // The decoder checks these too; a server route may build the command itself.
  if (!is_currency_code(c.threshold.currency))
    return invalid("The currency is a three-letter ISO 4217 code such as USD.", "data.threshold.currency");
  if (c.threshold.minor < 0 || c.threshold.minor > max_money_minor)
    return invalid("The threshold is 0 (every adjustment needs a second person) or a positive amount.", "data.threshold.minor");
  if (!currency_accepted(s.commissions, s.currency, c.threshold.currency))
    return invalid("Adjustments are in the currency of the program's commission plan (" + accepted_currencies(s) + ").",
                   "data.threshold.currency");
  if (adjustment_threshold(s.commissions, c.threshold.currency) == c.threshold.minor) return Events{}; // already so
  return Events{AdjustmentThresholdSet{c.threshold}};
}

Outcome decide(const ProgramState& s, const CreateApiKey& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_api_keys)) return forbidden("Only an owner or admin manages the billing system's API keys.");
  if (blank(c.label)) return missing("Name the key after what uses it (\"Stripe webhook\", say).", "data.label");
  if (c.label.size() > max_api_key_label) return invalid("A key's label is at most 60 characters.", "data.label");
  // Made by the server's command route, never read from a request.
  auto hex = [](const std::string& t) { return std::all_of(t.begin(), t.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); }); };
  if (c.key_hash.size() != 64 || !hex(c.key_hash) || c.key_prefix.size() != api_key_prefix_length || c.key_prefix.rfind("pdk_", 0) != 0 ||
      !hex(c.key_prefix.substr(4)))
    return make_error(ErrorCode::internal, "API key missing.");
  const auto in_use = std::count_if(s.api_keys.begin(), s.api_keys.end(), [](const auto& kv) { return kv.second.in_use(); });
  if (static_cast<std::size_t>(in_use) >= max_api_keys_in_use)
    return conflict("A program has at most 20 API keys in use: revoke one the billing system no longer needs first.", "data.label");
  for (const auto& [id, k] : s.api_keys)
    if (k.key_hash == c.key_hash) return make_error(ErrorCode::internal, "API key reused.");
  const ApiKeyId id = s.api_keys.empty() ? 1 : s.api_keys.rbegin()->first + 1;
  return Events{ApiKeyCreated{id, c.label, c.key_prefix, c.key_hash}};
}

Outcome decide(const ProgramState& s, const RevokeApiKey& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_api_keys)) return forbidden("Only an owner or admin manages the billing system's API keys.");
  auto it = s.api_keys.find(c.key_id);
  if (it == s.api_keys.end()) return not_found("No such API key.", "data.key_id");
  if (!it->second.in_use()) return conflict("That API key was already revoked.", "data.key_id");
  return Events{ApiKeyRevoked{c.key_id}};
}

Outcome decide(const ProgramState& s, const StopReferralCommission& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::stop_referral_commission))
    return forbidden("Only an owner or admin stops an agent's referral commission, after terminating it for fraud.");
  auto agent = s.agents.find(c.person_id);
  if (agent == s.agents.end() || s.role_of(c.person_id) != identity::Role::agent) return not_found("No such agent.", "data.person_id");
  // Fraud, data misuse or material breach is met with termination (docs/requirements.md,
  // Partner status); only then may the business stop referral commission, and never by accident.
  if (agent->second.status != PartnerStatus::terminated)
    return conflict("Referral commission stops only after the agent was terminated for fraud: terminate the partnership first.",
                    "data.person_id");
  if (!c.fraud_confirmed)
    return invalid("Confirm that the agent was terminated for fraud: no other reason stops referral commission.", "data.fraud_confirmed");
  if (blank(c.reason)) return missing("Give the reason: the agent sees it on its statement.", "data.reason");
  if (c.reason.size() > max_commission_reason) return invalid("The reason is at most 500 characters.", "data.reason");
  if (auto r = referrer(s.commissions, c.person_id); r && r->referral_stopped())
    return conflict("This agent's referral commission was already stopped.", "data.person_id");
  return Events{ReferralCommissionStopped{c.person_id, c.reason}};
}

// Months are closed once the program has support commission in a plan (before, there is
// nothing to write; the spans are kept all the same).
namespace {

bool closes_months(const CommissionState& c) {
  return c.next_close != 0 &&
         std::any_of(c.plans.begin(), c.plans.end(), [](const CommissionPlan& p) { return p.support_basis != SupportBasis::none; });
}

} // namespace

bool timers_due(const ProgramState& s, TimeMs now) {
  const auto& c = s.commissions;
  if (closes_months(c) && now >= month_start(c.next_close + 1)) return true;
  return !c.pending.empty() && c.pending.begin()->first <= now;
}

std::vector<EventBody> run_timers(const ProgramState& s, TimeMs now) {
  const auto& c = s.commissions;
  Events out;
  LineId next = c.next_line_id;
  if (closes_months(c)) {
    for (MonthIndex m = c.next_close; month_start(m + 1) <= now; ++m) {
      for (const auto& acc : support_accruals(c, s.currency, m)) {
        if (acc.amount.minor <= 0) continue;
        LedgerLine l;
        l.id = next++;
        l.agent_id = acc.agent_id;
        l.side = LedgerSide::support;
        l.kind = LineKind::accrual;
        l.amount = acc.amount;
        l.state = LineState::pending;
        l.customer_id = acc.customer_id;
        l.basis_minor = acc.mrr_minor;
        l.month = month_label(m);
        l.days = acc.days;
        l.note = "Support in " + l.month + ": " + std::to_string(acc.days) + " of " + std::to_string(days_in(m)) + " days";
        l.at = now;
        l.approve_at = now + static_cast<std::int64_t>(hold_days_of(c, acc.amount.currency, now)) * day_ms;
        out.push_back(SupportCommissionAccrued{std::move(l)});
      }
      out.push_back(SupportMonthClosed{month_label(m)});
    }
  }
  std::map<PersonId, std::vector<LineId>> due;
  for (const auto& [at, id] : c.pending) {
    if (at > now) break;
    if (auto l = c.line(id)) due[l->agent_id].push_back(id);
  }
  for (auto& [agent, ids] : due) out.push_back(CommissionLinesApproved{agent, std::move(ids), "The holding period passed."});
  return out;
}

} // namespace pd::domain::commission_rules
