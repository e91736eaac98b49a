// What the store does when a commission command succeeds: a toast saying what happened, and
// the form buffers it no longer needs cleared (the FormId::comm_* forms).
#include "client/app/store.hpp"

#include "client/app/format.hpp"

namespace pd::client {

void Store::on_commission_done(FormId form, const CommandAnswer& answer) {
  auto& d = ui_.commissions;
  switch (form) {
  case FormId::comm_approve:
    d.approve.clear();
    toast(count_events<domain::CommissionLinesApproved>(answer) ? "Lines approved." : "Those lines were approved already.");
    break;
  case FormId::comm_payout:
    d.skip.clear();
    d.payout_reference.clear();
    toast("Payout recorded as paid.");
    break;
  case FormId::comm_payment: {
    const bool refund = d.pay_kind == domain::PaymentKind::refund;
    const bool repeat = count_events<domain::PaymentRecorded>(answer) == 0;
    d.pay_amount.clear(), d.pay_external_id.clear(), d.pay_refund_of.clear(), d.pay_date.clear();
    d.pay_kind = domain::PaymentKind::payment;
    toast(repeat ? "That billing id was recorded before: nothing changed." : refund ? "Refund recorded." : "Payment recorded.");
    break;
  }
  case FormId::comm_adjust: {
    d.adj_amount.clear(), d.adj_reason.clear();
    d.adj_customer = 0;
    // Above the threshold the line is written pending for an owner or admin other than its author.
    bool waits = false;
    for (const auto& e : answer.events)
      if (const auto* adjusted = std::get_if<domain::CommissionAdjusted>(&e.body)) waits |= adjusted->line.state == domain::LineState::pending;
    toast(waits ? "Adjustment added: it awaits a second approval by an owner or admin." : "Adjustment added to the ledger.");
    break;
  }
  case FormId::comm_plan:
    d.plan_ready = false; // refilled from the replica's plan
    toast(answer.events.empty() ? "Nothing to save: the plan already looks like this." : "Plan saved.");
    break;
  case FormId::comm_threshold:
    d.threshold_ready = false; // refilled from the replica
    toast(answer.events.empty() ? "Nothing to save: the threshold already is that amount." : "Threshold saved.");
    break;
  case FormId::comm_key:
    d.key_label.clear();
    d.new_key = answer.api_key;
    d.key_copied = false;
    toast("API key created. Copy it now: it is shown only once.");
    break;
  case FormId::comm_revoke: toast("API key revoked: the billing system can no longer use it."); break;
  default: break; // not a commissions form (store_forms.cpp)
  }
}

void Store::handle(const CopyApiKey&) {
  auto& d = ui_.commissions;
  if (d.new_key.empty()) return;
  effects_.push_back(CopyText{d.new_key});
  d.key_copied = true;
  toast("API key copied.");
}

void Store::handle(const DismissApiKey&) {
  auto& d = ui_.commissions;
  d.new_key.clear();
  d.key_copied = false;
}

} // namespace pd::client
