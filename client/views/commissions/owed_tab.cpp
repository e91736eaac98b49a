// The Owed tab of the commissions desk: what the business owes by state, per agent and ledger, and
// adjustments with a reason.
#include "client/views/commissions/desk_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/views/commissions/commission_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"

#include "shared/core/money_parse.hpp"

namespace pd::client::views {

using namespace domain;

namespace {

// An adjustment: a line of the business's own on one ledger, with a reason.
void adjustment_card(const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state, Dispatch& dispatch,
                     float avail) {
  ImGui::Dummy(ui::dp(0, 10));
  if (ui::begin_card("adjust", avail)) {
    ui::caption("ADJUST AN AGENT'S LEDGER");
    ui::text_wrapped("A line of its own on one ledger, positive to add, negative to take back; the reason is shown to the agent.", ui::color::muted);
    const auto& form = ui_state.form(FormId::comm_adjust);
    if (begin_form_row("adjust row", 4)) {
      ui::list_next_cell();
      ui::field_label("Agent");
      agent_picker("##Adjust agent", s, f.adj_agent, -FLT_MIN);
      ui::field_error(err(form, "agent_id"));
      ui::list_next_cell();
      ui::field_label("Ledger");
      choice("##Adjust ledger", {"Referral", "Support"}, f.adj_side, -FLT_MIN);
      ui::list_next_cell();
      labeled_input(("Amount (" + currency + ")").c_str(), "##Adjust amount", "-25.00", f.adj_amount, err(form, "amount"));
      ui::list_next_cell();
      ui::field_label("Customer (optional)");
      customer_picker("##Adjust customer", s, f.adj_customer, f.customer_search, -FLT_MIN);
      end_form_row();
    }
    labeled_input("Reason", "##Adjust reason", "Why the ledger changes", f.adj_reason, err(form, "reason"));
    const auto minor = core::parse_money(f.adj_amount, currency);
    if (!f.adj_amount.empty() && !minor) ui::text("Type an amount such as -25.00.", ui::color::error);
    // Separation of duties: say before sending that a large adjustment waits for someone else.
    if (minor && *minor != 0 && adjustment_needs_second_approval(s.commissions, Money{*minor, currency}))
      ui::message_box(threshold_words(s, currency, true) + ": this adjustment will wait for an owner or admin other than you to approve it.",
                      ui::tone::warning);
    if (ui::primary_button("Add adjustment", ImVec2(ui::dp(170), ui::dp(36)), !form.sending && f.adj_agent && minor))
      dispatch(SendCommand{FormId::comm_adjust, AdjustCommission{f.adj_agent, f.adj_side == 0 ? LedgerSide::referral : LedgerSide::support,
                                                           Money{*minor, currency}, f.adj_reason, f.adj_customer}});
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  }
  ui::end_card();
}

} // namespace

void owed_tab(const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state, Dispatch& dispatch,
              float avail) {
  Balances ref_total, sup_total;
  struct Row {
    const Agent* agent;
    Balances ref, sup;
  };
  std::vector<Row> rows;
  for (const auto* a : agents_of(s)) {
    Row r{a, balances(s.commissions, a->person_id, LedgerSide::referral, currency),
          balances(s.commissions, a->person_id, LedgerSide::support, currency)};
    for (auto [t, b] : {std::pair{&ref_total, &r.ref}, std::pair{&sup_total, &r.sup}})
      t->pending += b->pending, t->approved += b->approved, t->paid += b->paid;
    if (r.ref == Balances{} && r.sup == Balances{}) continue;
    rows.push_back(r);
  }
  const float gap = ui::dp(14), card = (avail - 3 * gap) / 4;
  figure_card("owed referral", card, "REFERRAL OWED", money_text(ref_total.owed(), currency),
              money_text(ref_total.pending, currency) + " pending, " + money_text(ref_total.approved, currency) + " approved");
  ImGui::SameLine(0, gap);
  figure_card("owed support", card, "SUPPORT OWED", money_text(sup_total.owed(), currency),
              money_text(sup_total.pending, currency) + " pending, " + money_text(sup_total.approved, currency) + " approved");
  ImGui::SameLine(0, gap);
  figure_card("ready", card, "READY TO PAY OUT", money_text(ref_total.approved + sup_total.approved, currency), "Approved, not paid yet");
  ImGui::SameLine(0, gap);
  figure_card("paid", card, "PAID TO AGENTS", money_text(ref_total.paid + sup_total.paid, currency),
              money_text(ref_total.paid, currency) + " referral, " + money_text(sup_total.paid, currency) + " support");
  ImGui::Dummy(ui::dp(0, 8));

  if (ui::secondary_button("Export the ledger (CSV)"))
    platform::open_url(("/api/v1/programs/" + std::to_string(s.id) + "/commissions/ledger.csv?currency=" + currency).c_str());
  ImGui::Dummy(ui::dp(0, 4));
  if (rows.empty()) {
    ui::text("No agent has commission on the ledger yet.", ui::color::muted);
  } else if (ui::begin_table("owed by agent", 8, ledger_table_flags)) {
    ui::list_column("Agent", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ui::list_column("Partner status", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ui::list_column("Referral pending", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Referral approved", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Support pending", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Support approved", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Owed", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Paid to date", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::table_header_row(8);
    for (const auto& r : rows) {
      ImGui::PushID(static_cast<int>(r.agent->person_id));
      ui::list_row(ui::dp(34));
      ui::list_next_cell();
      if (ui::link(member_name(s, r.agent->person_id).c_str())) {
        f.agent = r.agent->person_id;
        f.statement = EarningsForm{};
        f.open_tab = "Statements";
      }
      ui::list_next_cell();
      ui::pill(partner_status_label(r.agent->status), partner_tone(r.agent->status));
      for (auto v : {r.ref.pending, r.ref.approved, r.sup.pending, r.sup.approved, r.ref.owed() + r.sup.owed(), r.ref.paid + r.sup.paid}) {
        ui::list_next_cell();
        amount_cell(v, currency);
      }
      ImGui::PopID();
    }
    ui::end_table();
  }

  adjustment_card(s, currency, f, ui_state, dispatch, avail);
}

} // namespace pd::client::views
