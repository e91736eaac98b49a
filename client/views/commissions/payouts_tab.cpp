// The Payouts tab of the commissions desk: approved lines paid out in a batch marked paid with the
// business's reference; the batches so far.
#include "client/views/commissions/desk_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/views/commissions/commission_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"

#include <algorithm>

namespace pd::client::views {

using namespace domain;

namespace {

// Approved lines of one agent and ledger, and their net (the lines left out not counted).
struct Group {
  PersonId agent;
  LedgerSide side;
  std::vector<const LedgerLine*> lines;
  std::int64_t net = 0;
};

// The approved lines, each with its tick box, and the net per agent and ledger.
void approved_lines_table(const ProgramState& s, const std::vector<Group>& groups, const std::string& currency, CommissionDeskForm& f) {
  if (ui::begin_table("approved lines", 6, ledger_table_flags)) {
    ui::list_column("##pay", ImGuiTableColumnFlags_WidthFixed, ui::dp(30), 0, ui::CardPart::lead);
    ui::list_column("Agent", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Ledger", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ui::list_column("Customer", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Detail", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ui::list_column("Amount", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::table_header_row(6);
    for (const auto& g : groups) {
      for (const auto* l : g.lines) {
        ImGui::PushID(static_cast<int>(l->id));
        ui::list_row(ui::dp(32));
        ui::list_next_cell();
        if (l->amount.minor > 0) {
          bool on = !f.skip[l->id];
          if (ImGui::Checkbox(("##pay " + std::to_string(l->id)).c_str(), &on)) f.skip[l->id] = !on;
        }
        ui::list_next_cell();
        ui::text(member_name(s, l->agent_id));
        line_cells(s, *l);
        ImGui::PopID();
      }
      ui::list_row(ui::dp(30));
      ui::list_cell(4);
      ui::text("Net to " + member_name(s, g.agent) + ", " + label_of(g.side), ui::color::muted);
      ui::list_cell(5);
      ui::text(money_text(g.net, currency), g.net < 0 ? ui::color::error : ui::color::success);
    }
    ui::end_table();
  }
}

// The payout batches so far, newest first.
void batches_table(const ProgramState& s) {
  if (ui::begin_table("batches", 5, ledger_table_flags)) {
    ui::list_column("Paid on", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::list_column("Reference", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Agents", ImGuiTableColumnFlags_WidthStretch, 1.8f);
    ui::list_column("Lines", ImGuiTableColumnFlags_WidthStretch, 0.5f);
    ui::list_column("Total", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::table_header_row(5);
    for (auto it = s.commissions.batches.rbegin(); it != s.commissions.batches.rend(); ++it) {
      const auto& b = it->second;
      ImGui::PushID(static_cast<int>(b.id));
      ui::list_row(ui::dp(32));
      ui::list_next_cell();
      ui::text(format_day_ms(b.at), ui::color::muted);
      ui::list_next_cell();
      ui::text(b.reference);
      ui::list_next_cell();
      std::vector<PersonId> who;
      for (auto id : b.payout_line_ids)
        if (auto l = s.commissions.line(id); l && std::find(who.begin(), who.end(), l->agent_id) == who.end()) who.push_back(l->agent_id);
      std::string names;
      for (auto p : who) names += (names.empty() ? "" : ", ") + member_name(s, p);
      ui::text_wrapped(names, ui::color::muted);
      ui::list_next_cell();
      ui::text(std::to_string(b.line_ids.size()));
      ui::list_next_cell();
      ui::text(money_text(b.total_minor, b.currency));
      ImGui::PopID();
    }
    ui::end_table();
  }
}

} // namespace

void payouts_tab(const AppState& app, const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state,
                 Dispatch& dispatch, float avail) {
  const bool can_pay = allowed(app, domain::Action::pay_out_commission);
  // Approved lines, by agent and ledger, each ticked unless left out.
  std::vector<Group> groups;
  for (const auto& entry : s.commissions.lines) {
    const auto& l = entry.second;
    if (l.state != LineState::approved || l.amount.currency != currency || l.kind == LineKind::payout) continue;
    auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) { return x.agent == l.agent_id && x.side == l.side; });
    if (g == groups.end()) g = groups.insert(groups.end(), Group{l.agent_id, l.side, {}, 0});
    g->lines.push_back(&l);
    if (!f.skip[l.id]) g->net += l.amount.minor;
  }
  std::sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
    return std::pair(member_name(s, a.agent), a.side) < std::pair(member_name(s, b.agent), b.side);
  });
  std::vector<LineId> chosen;
  std::int64_t total = 0;
  for (const auto& g : groups)
    for (const auto* l : g.lines)
      if (!f.skip[l->id] && l->amount.minor > 0) chosen.push_back(l->id);
  for (const auto& g : groups) total += std::max<std::int64_t>(0, g.net);

  if (ui::begin_card("new payout", avail)) {
    ui::caption("NEXT PAYOUT");
    if (groups.empty()) {
      ui::text("No approved lines are waiting to be paid.", ui::color::muted);
    } else {
      ui::text_wrapped("Every approved line is included; untick what waits for a later batch. Approved reversals and negative "
                       "adjustments of the same agent and ledger come off the batch.",
                       ui::color::muted);
      approved_lines_table(s, groups, currency, f);
      const auto& form = ui_state.form(FormId::comm_payout);
      if (begin_form_row("payout row", 2)) {
        ui::list_next_cell();
        labeled_input("Payment reference", "##Payout reference", "The bank transfer's reference", f.payout_reference, err(form, "reference"));
        ui::list_next_cell();
        ui::field_label("Total of this batch");
        ui::heading(money_text(total, currency), 20);
        end_form_row();
      }
      if (!can_pay) ui::text("Owners and admins mark payouts paid.", ui::color::muted);
      if (ui::primary_button("Mark paid", ImVec2(ui::dp(160), ui::dp(36)), can_pay && !form.sending && !chosen.empty()))
        dispatch(SendCommand{FormId::comm_payout, RecordPayout{f.payout_reference, currency, chosen}});
      if (!form.errors.general.empty()) ui::error_box(form.errors.general);
      if (auto e = err(form, "line_ids")) ui::error_box(*e);
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 8));

  ui::heading("Payout batches", 17);
  if (s.commissions.batches.empty()) {
    ui::text("No payout yet.", ui::color::muted);
    return;
  }
  batches_table(s);
}

} // namespace pd::client::views
