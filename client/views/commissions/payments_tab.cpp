// The Payments tab of the commissions desk: customers' payments and refunds (the billing system's and
// those entered here).
#include "client/views/commissions/desk_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/views/commissions/commission_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"

#include "shared/core/dates.hpp"
#include "shared/core/money_parse.hpp"

namespace pd::client::views {

using namespace domain;

namespace {

// A payment or refund entered by hand (the billing system's id makes a repeat harmless).
void record_payment_card(const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state, Dispatch& dispatch,
                         float avail) {
  if (ui::begin_card("record payment", avail)) {
    ui::caption("RECORD A PAYMENT OR REFUND");
    ui::text_wrapped("Payments usually arrive from the billing system through the program's API key; enter one here when it did not. "
                     "The billing system's id makes a repeat harmless.",
                     ui::color::muted);
    const auto& form = ui_state.form(FormId::comm_payment);
    if (begin_form_row("payment row", 4)) {
      ui::list_next_cell();
      ui::field_label("Customer");
      customer_picker("##Payment customer", s, f.pay_customer, f.customer_search, -FLT_MIN);
      ui::field_error(err(form, "customer_id"));
      ui::list_next_cell();
      ui::field_label("Kind");
      enum_choice("##Payment kind", {"Payment", "Refund"}, {PaymentKind::payment, PaymentKind::refund}, f.pay_kind, -FLT_MIN);
      ui::list_next_cell();
      labeled_input(("Amount (" + currency + ")").c_str(), "##Payment amount", "450.00", f.pay_amount, err(form, "amount"));
      ui::list_next_cell();
      labeled_input("Billing id", "##Payment id", "inv-2041", f.pay_external_id, err(form, "external_id"));
      end_form_row();
    }
    if (begin_form_row("payment row 2", 2)) {
      ui::list_next_cell();
      labeled_input("Paid on (YYYY-MM-DD, empty: now)", "##Payment date", "2026-11-30", f.pay_date, err(form, "paid_at"));
      ui::list_next_cell();
      if (f.pay_kind == PaymentKind::refund) {
        ui::field_label("Refund of");
        std::vector<std::string> labels{"Choose the payment"};
        std::vector<std::string> ids{""};
        int index = 0;
        for (const auto& [id, p] : s.commissions.payments) {
          if (p.customer_id != f.pay_customer || p.kind != PaymentKind::payment) continue;
          labels.push_back(p.external_id + " \xC2\xB7 " + format_money(p.amount) + " \xC2\xB7 " + format_day_ms(p.paid_at));
          ids.push_back(p.external_id);
          if (p.external_id == f.pay_refund_of) index = static_cast<int>(ids.size()) - 1;
        }
        if (choice("##Refund of", labels, index, -FLT_MIN)) f.pay_refund_of = ids[static_cast<std::size_t>(index)];
        ui::field_error(err(form, "refund_of"));
      }
      end_form_row();
    }
    const auto minor = core::parse_money(f.pay_amount, currency);
    std::int64_t paid_at = 0;
    bool date_ok = true;
    if (!f.pay_date.empty()) {
      const auto day = day_of_date(f.pay_date);
      date_ok = day >= 0;
      paid_at = day >= 0 ? day * core::ms_per_day + 12 * 3'600'000 : 0;
      if (!date_ok) ui::text("Type the date as YYYY-MM-DD.", ui::color::error);
    }
    if (!f.pay_amount.empty() && !minor) ui::text("Type an amount such as 450.00.", ui::color::error);
    const bool ready = f.pay_customer && minor && date_ok && !f.pay_external_id.empty();
    if (ui::primary_button(f.pay_kind == PaymentKind::refund ? "Record refund" : "Record payment", ImVec2(ui::dp(170), ui::dp(36)), !form.sending && ready))
      dispatch(SendCommand{FormId::comm_payment, RecordPayment{f.pay_external_id, f.pay_customer, f.pay_kind,
                                                         Money{*minor, currency}, paid_at, f.pay_kind == PaymentKind::refund ? f.pay_refund_of : ""}});
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  }
  ui::end_card();
}

// The payments and refunds, newest first (300 at most), with the referral commission each earned.
void payments_table(const ProgramState& s, const std::vector<const Payment*>& list) {
  if (ui::begin_table("payments", 7, ledger_table_flags)) {
    ui::list_column("Paid on", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::list_column("Customer", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ui::list_column("Billing id", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ui::list_column("Kind", ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ui::list_column("Amount", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::list_column("Referral commission", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ui::list_column("Recorded by", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ui::table_header_row(7);
    std::size_t n = 0;
    for (auto it = list.rbegin(); it != list.rend() && n < 300; ++it, ++n) {
      const auto& p = **it;
      ImGui::PushID(static_cast<int>(p.id));
      ui::list_row(ui::dp(32));
      ui::list_next_cell();
      ui::text(format_day_ms(p.paid_at), ui::color::muted);
      ui::list_next_cell();
      ui::text(customer_name(s, p.customer_id));
      ui::list_next_cell();
      ui::text(p.external_id);
      ui::list_next_cell();
      ui::pill(p.kind == PaymentKind::payment ? "Payment" : "Refund", p.kind == PaymentKind::payment ? ui::tone::success : ui::tone::warning);
      ui::list_next_cell();
      ui::text(format_money(p.amount) + (p.refunded_minor ? " (" + money_text(p.refunded_minor, p.amount.currency) + " refunded)" : ""));
      ui::list_next_cell();
      std::string commission = "\xE2\x80\x94";
      for (const auto& [lid, l] : s.commissions.lines) {
        if (l.payment_id != p.id || l.side != LedgerSide::referral) continue;
        commission = money_text(l.amount.minor, l.amount.currency) + " to " + member_name(s, l.agent_id);
      }
      ui::text(commission, ui::color::muted);
      ui::list_next_cell();
      ui::text(p.recorded_by ? member_name(s, p.recorded_by) : "Billing system", ui::color::muted);
      ImGui::PopID();
    }
    ui::end_table();
  }
}

} // namespace

void payments_tab(const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state, Dispatch& dispatch,
                  float avail) {
  record_payment_card(s, currency, f, ui_state, dispatch, avail);
  ImGui::Dummy(ui::dp(0, 8));

  ui::heading("Payments and refunds", 17);
  std::vector<const Payment*> list;
  for (const auto& [id, p] : s.commissions.payments)
    if (p.amount.currency == currency) list.push_back(&p);
  if (list.empty()) {
    ui::text("No payment recorded yet.", ui::color::muted);
    return;
  }
  payments_table(s, list);
}

} // namespace pd::client::views
