// What the store does when a commission command succeeds: a toast saying what happened, and
// the form buffers it no longer needs cleared. Form keys start with "comm.".
#include "client/app/store.hpp"

#include "client/app/format.hpp"
#include "client/platform/browser.hpp"

namespace pd::client {

void Store::on_commission_done(const std::string& k, const nlohmann::json& body) {
  auto& f = ui_.support_forms[k];
  f.sending = false;
  f.errors.clear();
  auto& d = ui_.commissions;
  const auto events = body.value("events", nlohmann::json::array());
  const auto count = [&](const char* type) {
    int n = 0;
    for (const auto& e : events)
      if (e.value("type", "") == type) ++n;
    return n;
  };
  if (k == "comm.approve") {
    d.approve.clear();
    toast(count("CommissionLinesApproved") ? "Lines approved." : "Those lines were approved already.");
  } else if (k == "comm.payout") {
    d.skip.clear();
    d.payout_reference.clear();
    toast("Payout recorded as paid.");
  } else if (k == "comm.payment") {
    const bool refund = d.pay_kind == 1;
    const bool repeat = count("PaymentRecorded") == 0;
    d.pay_amount.clear(), d.pay_external_id.clear(), d.pay_refund_of.clear(), d.pay_date.clear();
    d.pay_kind = 0;
    toast(repeat ? "That billing id was recorded before: nothing changed." : refund ? "Refund recorded." : "Payment recorded.");
  } else if (k == "comm.adjust") {
    d.adj_amount.clear(), d.adj_reason.clear();
    d.adj_customer = 0;
    // Above the threshold the line is written pending for an owner or admin other than its author.
    bool waits = false;
    for (const auto& e : events)
      if (e.value("type", "") == "CommissionAdjusted")
        waits |= e.value("data", nlohmann::json::object()).value("line", nlohmann::json::object()).value("state", "") == "pending";
    toast(waits ? "Adjustment added: it awaits a second approval by an owner or admin." : "Adjustment added to the ledger.");
  } else if (k == "comm.plan") {
    d.plan_ready = false; // refilled from the replica's plan
    toast(events.empty() ? "Nothing to save: the plan already looks like this." : "Plan saved.");
  } else if (k == "comm.threshold") {
    d.threshold_ready = false; // refilled from the replica
    toast(events.empty() ? "Nothing to save: the threshold already is that amount." : "Threshold saved.");
  } else if (k == "comm.key") {
    d.key_label.clear();
    d.new_key = body.value("api_key", "");
    d.key_copied = false;
    toast("API key created. Copy it now: it is shown only once.");
  } else if (k == "comm.revoke") {
    toast("API key revoked: the billing system can no longer use it.");
  }
}

void Store::handle(const CopyApiKey&) {
  auto& d = ui_.commissions;
  if (d.new_key.empty()) return;
  platform::set_clipboard_text(d.new_key.c_str());
  d.key_copied = true;
  toast("API key copied.");
}

void Store::handle(const DismissApiKey&) {
  auto& d = ui_.commissions;
  d.new_key.clear();
  d.key_copied = false;
}

} // namespace pd::client
