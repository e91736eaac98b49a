#include "shared/domain/retention/apply_retention.hpp"

#include <algorithm>

namespace pd::domain::retention_apply {

namespace {

RetentionCase* case_of(ProgramState& s, RetentionCaseId id) {
  auto it = s.retention.cases.find(id);
  return it == s.retention.cases.end() ? nullptr : &it->second;
}

} // namespace

ApplyOutcome apply(ProgramState& s, const Event&, const RetentionSettingsChanged& b) {
  s.retention.settings = b.settings;
  s.retrack_competitors(); // which tickets name a competitor
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const UsageRecorded& b) {
  auto& usage = s.retention.signals[b.customer_id].usage;
  std::erase_if(usage, [&](const UsagePoint& u) { return u.month == b.usage.month; });
  usage.push_back(b.usage);
  std::sort(usage.begin(), usage.end(), [](const UsagePoint& x, const UsagePoint& y) { return x.month < y.month; });
  if (usage.size() > max_usage_months) usage.erase(usage.begin(), usage.end() - static_cast<std::ptrdiff_t>(max_usage_months));
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const PaymentFailed& b) {
  auto& failures = s.retention.signals[b.customer_id].failures;
  failures.push_back(b.failure);
  if (failures.size() > max_payment_failures) failures.erase(failures.begin());
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const CustomerSignedIn& b) {
  auto& sig = s.retention.signals[b.customer_id];
  sig.last_sign_in = std::max(sig.last_sign_in, e.at);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const RetentionCaseOpened& b) {
  s.retention.cases[b.retention_case.id] = b.retention_case;
  s.retention.next_case_id = std::max(s.retention.next_case_id, b.retention_case.id + 1);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const RetentionRequestRecorded& b) {
  auto* k = case_of(s, b.case_id);
  if (!k) return {true};
  k->request = b.request;
  if (!b.note.empty()) k->note = b.note;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const RetentionReasonRecorded& b) {
  auto* k = case_of(s, b.case_id);
  if (!k) return {true};
  k->reason = b.reason;
  k->understanding = b.understanding;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const RetentionOfferMade& b) {
  auto* k = case_of(s, b.case_id);
  if (!k) return {true};
  k->offers.push_back(b.offer);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const RetentionOfferDecided& b) {
  auto* k = case_of(s, b.case_id);
  if (!k || b.index < 0 || static_cast<std::size_t>(b.index) >= k->offers.size()) return {true};
  k->offers[static_cast<std::size_t>(b.index)] = b.offer;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const RetentionCaseClosed& b) {
  auto* k = case_of(s, b.case_id);
  if (!k) return {true};
  k->outcome = b.outcome;
  k->mrr_retained_minor = b.mrr_retained_minor;
  k->exit_feedback = b.exit_feedback;
  k->win_back_check_in = b.win_back_check_in;
  k->closed_by = e.actor;
  k->closed_at = e.at;
  return {};
}

void track_signals(ProgramState& s, const Event& e) {
  if (const auto* p = std::get_if<PaymentRecorded>(&e.body)) {
    if (p->payment.kind != PaymentKind::payment || !s.customer(p->payment.customer_id)) return;
    auto& sig = s.retention.signals[p->payment.customer_id];
    sig.last_paid_at = std::max(sig.last_paid_at, p->payment.paid_at ? p->payment.paid_at : e.at);
  } else if (const auto* a = std::get_if<InvitationAccepted>(&e.body)) {
    if (const auto* c = s.customer_of_person(a->person_id)) {
      auto& sig = s.retention.signals[c->id];
      sig.last_sign_in = std::max(sig.last_sign_in, e.at);
    }
  }
}

} // namespace pd::domain::retention_apply
