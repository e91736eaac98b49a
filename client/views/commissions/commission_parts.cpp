#include "client/views/commissions/commission_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/platform/browser.hpp"
#include "client/ui/chart.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"

#include <algorithm>
#include <cstdio>

namespace pd::client::views {

using namespace domain;

ui::Tone side_tone(LedgerSide s) { return s == LedgerSide::referral ? ui::tone::accent : ui::tone::violet; }
ImU32 side_color(LedgerSide s) { return side_tone(s).fg; }

ui::Tone line_state_tone(LineState s) {
  switch (s) {
  case LineState::pending: return ui::tone::warning;
  case LineState::approved: return ui::tone::accent;
  case LineState::paid: return ui::tone::success;
  }
  return ui::tone::neutral;
}

std::string money_text(std::int64_t minor, const std::string& currency) { return format_money(Money{minor, currency}); }

void figure_card(const char* id, float width, std::string_view caption, std::string_view figure, std::string_view note) {
  if (ui::begin_card(id, width)) {
    ui::caption(caption);
    ImGui::Dummy(ui::dp(0, 2));
    ui::heading(figure, 26);
    ui::text(note, ui::color::muted);
  }
  ui::end_card();
}

namespace {

const char* month_short(MonthIndex m) {
  static const char* names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return names[((m % 12) + 12) % 12];
}

std::string month_long(MonthIndex m) {
  static const char* names[] = {"January", "February", "March",     "April",   "May",      "June",
                                "July",    "August",   "September", "October", "November", "December"};
  return std::string(names[((m % 12) + 12) % 12]) + " " + std::to_string(m / 12);
}

} // namespace

void earnings_chart(const char* id, const std::vector<MonthEarnings>& months, const std::string& currency, float width, float height) {
  // Drawn by the client's one chart module (client/ui/chart.hpp).
  const std::vector<ui::BarSeries> series{{"Referral commission", side_color(LedgerSide::referral)},
                                          {"Support commission", side_color(LedgerSide::support)}};
  std::vector<ui::BarGroup> groups;
  groups.reserve(months.size());
  for (const auto& m : months)
    groups.push_back({month_short(m.month),
                      {m.referral, m.support},
                      month_long(m.month) + "\nReferral: " + money_text(m.referral, currency) + "\nSupport: " + money_text(m.support, currency)});
  ui::bar_chart(id, series, groups, width, height, [&](std::int64_t minor) { return money_text(minor, currency); });
}

std::string line_detail(const ProgramState& s, const LedgerLine& l) {
  const auto money = [](std::int64_t minor, const std::string& c) { return format_money(Money{minor, c}); };
  switch (l.kind) {
  case LineKind::accrual:
    if (l.side == LedgerSide::support) {
      std::string t = "Support";
      if (auto m = parse_month(l.month)) t += ", " + month_long(*m);
      t += ", " + count_text(l.days, "day", "days");
      return t;
    } else {
      // The note reads "<terms> (payment <billing id>)"; agents, who never see payments, learn
      // the billing id from it.
      std::string terms = l.note, external;
      if (const auto at = l.note.rfind(" (payment "); at != std::string::npos && l.note.back() == ')') {
        terms = l.note.substr(0, at);
        external = l.note.substr(at + 10, l.note.size() - at - 11);
      }
      const auto* p = s.commissions.payment(l.payment_id);
      if (p) external = p->external_id;
      std::string t = "Payment " + (external.empty() ? "" : external + " ") + "of " + money(l.basis_minor, l.amount.currency);
      return terms.empty() ? t : t + " (" + terms + ")";
    }
  case LineKind::reversal: {
    const auto* p = s.commissions.payment(l.payment_id);
    return p ? "Refund " + p->external_id + " of " + money(p->amount.minor, p->amount.currency) : "Refund";
  }
  case LineKind::adjustment: return l.note;
  case LineKind::payout: {
    auto b = s.commissions.batches.find(l.batch_id);
    return b == s.commissions.batches.end() ? "Payout" : "Payout, reference " + b->second.reference;
  }
  }
  return "";
}

void amount_cell(std::int64_t minor, const std::string& currency) {
  ui::text(money_text(minor, currency), minor < 0 ? ui::color::error : ui::color::text);
}

void line_cells(const ProgramState& s, const LedgerLine& l) {
  ui::list_next_cell();
  ui::pill(label_of(l.side), side_tone(l.side));
  ui::list_next_cell();
  ui::text(l.customer_id ? customer_name(s, l.customer_id) : "\xE2\x80\x94", l.customer_id ? ui::color::text : ui::color::muted);
  ui::list_next_cell();
  ui::text_wrapped(std::string(label_of(l.kind)) + ": " + line_detail(s, l), ui::color::muted);
  ui::list_next_cell();
  amount_cell(l.amount.minor, l.amount.currency);
}

std::string currency_picker(const char* id, const ProgramState& s, int& index) {
  const auto all = commission_currencies(s.commissions, s.currency);
  if (all.empty()) return s.currency;
  index = std::clamp(index, 0, static_cast<int>(all.size()) - 1);
  if (all.size() > 1) {
    ImGui::SameLine();
    choice(id, all, index, ui::dp(110));
  }
  return all[static_cast<std::size_t>(index)];
}

void ledger_table(const char* id, const ProgramState& s, PersonId agent, const std::string& currency, EarningsForm& f, std::size_t max_rows) {
  ImGui::PushID(id);
  choice("##Side", {"Both ledgers", "Referral", "Support"}, f.side, ui::dp(150));
  ImGui::SameLine(0, ui::dp(8));
  choice("##State", {"Any state", "Pending", "Approved", "Paid"}, f.state, ui::dp(140));
  std::vector<const LedgerLine*> rows;
  for (auto it = s.commissions.lines.rbegin(); it != s.commissions.lines.rend(); ++it) {
    const auto& l = it->second;
    if (l.agent_id != agent || l.amount.currency != currency) continue;
    if (f.side == 1 && l.side != LedgerSide::referral) continue;
    if (f.side == 2 && l.side != LedgerSide::support) continue;
    if (f.state > 0 && static_cast<int>(l.state) != f.state - 1) continue;
    rows.push_back(&l);
  }
  if (rows.empty()) {
    ui::text("No lines here yet.", ui::color::muted);
    ImGui::PopID();
    return;
  }
  const ImGuiTableFlags flags = ledger_table_flags;
  if (ui::begin_table("ledger", 7, flags)) {
    ui::list_column("Date", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ui::list_column("Ledger", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::list_column("Line", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::list_column("Customer", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ui::list_column("Detail", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ui::list_column("Amount", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ui::list_column("State", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::table_header_row(7);
    std::size_t n = 0;
    for (const auto* l : rows) {
      if (n++ == max_rows) break;
      ImGui::PushID(static_cast<int>(l->id));
      ui::list_row(ui::dp(34));
      ui::list_next_cell();
      ui::text(format_day_ms(l->at), ui::color::muted);
      ui::list_next_cell();
      ui::pill(label_of(l->side), side_tone(l->side));
      ui::list_next_cell();
      ui::text(label_of(l->kind));
      ui::list_next_cell();
      ui::text(l->customer_id ? customer_name(s, l->customer_id) : "\xE2\x80\x94", l->customer_id ? ui::color::text : ui::color::muted);
      ui::list_next_cell();
      ui::text_wrapped(line_detail(s, *l), ui::color::muted);
      ui::list_next_cell();
      amount_cell(l->amount.minor, currency);
      ui::list_next_cell();
      ui::pill(awaits_second_approval(*l) ? "Awaiting approval" : label_of(l->state), line_state_tone(l->state));
      ImGui::PopID();
    }
    ui::end_table();
  }
  if (rows.size() > max_rows)
    ui::text("Showing the newest " + std::to_string(max_rows) + " of " + std::to_string(rows.size()) + " lines; the CSV export has them all.",
             ui::color::muted);
  ImGui::PopID();
}

void statement_panel(const ProgramState& s, std::int64_t program_id, PersonId agent, const std::string& currency, EarningsForm& f) {
  ImGui::PushID(static_cast<int>(agent));
  const auto months = statement_months(s.commissions, agent, currency);
  const std::string base = "/api/v1/programs/" + std::to_string(program_id) + "/commissions/";
  const std::string query = "?agent=" + std::to_string(agent) + "&currency=" + currency;
  // Termination for fraud, the one decision that stops referral commission: on the statement,
  // with its reason, for the agent and the business alike.
  // The same notice as the statement's CSV (commission_reports.hpp).
  if (const auto notice = referral_stop_notice(s.commissions, agent); !notice.empty()) {
    ui::message_box(notice, ui::tone::danger);
    ImGui::Dummy(ui::dp(0, 4));
  }
  if (months.empty()) {
    ui::text("No statement yet: the first line on this ledger starts one.", ui::color::muted);
    ImGui::PopID();
    return;
  }
  std::vector<std::string> labels;
  for (auto m : months) labels.push_back(month_long(m));
  f.statement_month = std::clamp(f.statement_month, 0, static_cast<int>(months.size()) - 1);
  choice("##Statement month", labels, f.statement_month, ui::dp(190));
  const auto month = months[static_cast<std::size_t>(f.statement_month)];
  ImGui::SameLine(0, ui::dp(12));
  if (ui::secondary_button("Download statement (CSV)"))
    platform::open_url((base + "statements/" + month_label(month) + ".csv" + query).c_str());
  ImGui::SameLine(0, ui::dp(8));
  if (ui::secondary_button("Download ledger (CSV)")) platform::open_url((base + "ledger.csv" + query).c_str());

  const auto st = statement(s.commissions, agent, currency, month);
  const ImGuiTableFlags flags = ledger_table_flags;
  ImGui::Dummy(ui::dp(0, 4));
  if (ui::begin_table("statement", 5, flags)) {
    ui::list_column(("Statement, " + month_long(month)).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ui::list_column("Owed at the start", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Earned", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Paid out", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Owed at the end", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::table_header_row(5);
    auto row = [&](const char* name, const StatementSide& side) {
      ui::list_row(ui::dp(32));
      ui::list_next_cell();
      ui::text(name);
      for (auto v : {side.opening, side.earned, side.paid_out, side.closing()}) {
        ui::list_next_cell();
        ui::text(money_text(v, currency));
      }
    };
    row("Referral commission", st.referral);
    row("Support commission", st.support);
    StatementSide total{st.referral.opening + st.support.opening, st.referral.earned + st.support.earned,
                        st.referral.paid_out + st.support.paid_out};
    row("Total", total);
    ui::end_table();
  }
  ImGui::Dummy(ui::dp(0, 6));
  if (ui::begin_table("statement lines", 5, flags)) {
    ui::list_column("Date", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ui::list_column("Ledger", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::list_column("Customer", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ui::list_column("Detail", ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ui::list_column("Amount", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ui::table_header_row(5);
    for (const auto& l : st.lines) {
      ImGui::PushID(static_cast<int>(l.id));
      ui::list_row(ui::dp(30));
      ui::list_next_cell();
      ui::text(format_day_ms(l.at), ui::color::muted);
      line_cells(s, l);
      ImGui::PopID();
    }
    ui::end_table();
  }
  ImGui::PopID();
}

} // namespace pd::client::views
