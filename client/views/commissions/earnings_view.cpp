// An agent's earnings (#/p/{id}/earnings): what it is owed and was paid, referral and support
// commission apart; the support commission this month and next month will bring if nothing
// changes; earnings over the last twelve months as a chart; per customer; the ledger by state;
// and the monthly statements with their CSV files. Everything comes from the agent's replica,
// which holds its own lines and support spans only.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/views/commissions/commission_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"

#include <algorithm>

namespace pd::client::views {

using namespace domain;

namespace {

// The support commission the agent's spans bring in a month (still-running spans counted to
// the month's end), per customer.
std::map<CustomerId, std::int64_t> expected_support(const ProgramState& s, PersonId me, const std::string& currency, MonthIndex month) {
  std::map<CustomerId, std::int64_t> out;
  for (const auto& a : support_accruals(s.commissions, s.currency, month))
    if (a.agent_id == me && a.amount.currency == currency) out[a.customer_id] += a.amount.minor;
  return out;
}

std::int64_t sum(const std::map<CustomerId, std::int64_t>& m) {
  std::int64_t t = 0;
  for (const auto& [k, v] : m) t += v;
  return t;
}

void by_month_table(const std::vector<MonthEarnings>& months, const std::string& currency) {
  const ImGuiTableFlags flags = ledger_table_flags;
  if (!ui::begin_table("by month", 4, flags)) return;
  ui::list_column("Month", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ui::list_column("Referral", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ui::list_column("Support", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ui::list_column("Total", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ui::table_header_row(4);
  for (auto it = months.rbegin(); it != months.rend(); ++it) {
    if (it->referral == 0 && it->support == 0) continue;
    ImGui::PushID(static_cast<int>(it->month));
    ui::list_row(ui::dp(30));
    ui::list_next_cell();
    ui::text(month_label(it->month));
    ui::list_next_cell();
    ui::text(money_text(it->referral, currency));
    ui::list_next_cell();
    ui::text(money_text(it->support, currency));
    ui::list_next_cell();
    ui::text(money_text(it->referral + it->support, currency));
    ImGui::PopID();
  }
  ui::end_table();
}

// Per customer: what each brought on each ledger, and this month's support commission.
void per_customer_card(const ProgramState& s, PersonId me, const std::string& currency, const std::map<CustomerId, std::int64_t>& expected_now,
                       float avail) {
  if (ui::begin_card("customers", avail)) {
    ui::caption("PER CUSTOMER");
    auto per = earnings_by_customer(s.commissions, me, currency);
    for (const auto& entry : expected_now) {
      const auto customer = entry.first;
      if (std::none_of(per.begin(), per.end(), [&](const CustomerEarnings& e) { return e.customer_id == customer; }))
        per.push_back(CustomerEarnings{customer, 0, 0});
    }
    if (per.empty()) {
      ui::text("No customer has brought commission yet.", ui::color::muted);
    } else {
      const ImGuiTableFlags flags = ledger_table_flags;
      if (ui::begin_table("per customer", 5, flags)) {
        ui::list_column("Customer", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ui::list_column("Referral earned", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ui::list_column("Support earned", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ui::list_column("Support this month", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ui::list_column("You support them", ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ui::table_header_row(5);
        for (const auto& e : per) {
          ImGui::PushID(static_cast<int>(e.customer_id));
          ui::list_row(ui::dp(32));
          ui::list_next_cell();
          ui::text(customer_name(s, e.customer_id));
          ui::list_next_cell();
          ui::text(money_text(e.referral, currency));
          ui::list_next_cell();
          ui::text(money_text(e.support, currency));
          ui::list_next_cell();
          auto x = expected_now.find(e.customer_id);
          ui::text(x == expected_now.end() ? "\xE2\x80\x94" : money_text(x->second, currency), ui::color::muted);
          ui::list_next_cell();
          auto c = s.customer(e.customer_id);
          const bool supporting = c && c->assigned_agent == me && support_earner(s, *c) == me;
          ui::pill(supporting ? "Earning support" : "Not now", supporting ? ui::tone::success : ui::tone::neutral);
          ImGui::PopID();
        }
        ui::end_table();
      }
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 8));
}

} // namespace

void draw_earnings(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto me = my_id(app);
    auto& f = ui_state.earnings;
    const float avail = std::min(ImGui::GetContentRegionAvail().x, page_max_width);
    ui::begin_column("earnings-page", avail);
    page_title("Earnings", "Referral commission and support commission from " + s.name + ", kept on two ledgers that never cross.");
    const auto currency = currency_picker("##Currency", s, f.currency);
    const auto now = clock_ms();
    const auto this_month = month_of(now);

    // Balances and what support commission is on its way.
    const auto ref = balances(s.commissions, me, LedgerSide::referral, currency);
    const auto sup = balances(s.commissions, me, LedgerSide::support, currency);
    const auto expected_now = expected_support(s, me, currency, this_month);
    const auto expected_next = expected_support(s, me, currency, this_month + 1);
    const float gap = ui::dp(14);
    const float card = (avail - 3 * gap) / 4;
    figure_card("referral owed", card, "REFERRAL OWED", money_text(ref.owed(), currency),
                money_text(ref.pending, currency) + " pending, " + money_text(ref.approved, currency) + " approved");
    ImGui::SameLine(0, gap);
    figure_card("support owed", card, "SUPPORT OWED", money_text(sup.owed(), currency),
                money_text(sup.pending, currency) + " pending, " + money_text(sup.approved, currency) + " approved");
    ImGui::SameLine(0, gap);
    figure_card("paid", card, "PAID TO YOU", money_text(ref.paid + sup.paid, currency),
                money_text(ref.paid, currency) + " referral, " + money_text(sup.paid, currency) + " support");
    ImGui::SameLine(0, gap);
    figure_card("expected", card, "SUPPORT THIS MONTH", money_text(sum(expected_now), currency),
                "Next month if nothing changes: " + money_text(sum(expected_next), currency));
    ImGui::Dummy(ui::dp(0, 8));

    // Earnings over the last twelve months.
    const auto months = earnings_by_month(s.commissions, me, currency, this_month - 11, this_month);
    if (ui::begin_card("chart", avail)) {
      ui::caption("EARNED PER MONTH, LAST 12 MONTHS");
      earnings_chart("earnings", months, currency, ImGui::GetContentRegionAvail().x, ui::dp(220));
      ImGui::Dummy(ui::dp(0, 6));
      by_month_table(months, currency);
      ui::text_wrapped("Support commission counts in the month it was earned; it is written to the ledger when the month closes, on the "
                       "1st of the next month. Referral commission counts when the customer's payment arrives.",
                       ui::color::muted);
    }
    ui::end_card();
    ImGui::Dummy(ui::dp(0, 8));

    per_customer_card(s, me, currency, expected_now, avail);

    if (ui::begin_card("statements", avail)) {
      ui::caption("MONTHLY STATEMENTS");
      statement_panel(s, s.id, me, currency, f);
    }
    ui::end_card();
    ImGui::Dummy(ui::dp(0, 8));

    if (ui::begin_card("ledger", avail)) {
      ui::caption("YOUR LEDGER");
      ledger_table("my ledger", s, me, currency, f, 200);
    }
    ui::end_card();
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
