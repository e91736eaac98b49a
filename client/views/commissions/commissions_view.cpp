// The business's commissions desk (#/p/{id}/commissions), in tabs (one file each, *_tab.cpp):
//   Owed:       what the business owes by state, per agent and ledger; adjustments with a reason
//   Approvals:  pending lines, approved before their holding period ends if the business wants;
//               adjustments above the threshold, awaiting an owner or admin other than their
//               author (may_approve_line decides who may approve what, as on the server)
//   Payouts:    approved lines paid out in a batch marked paid with the business's reference;
//               the batches so far
//   Payments:   customers' payments and refunds (the billing system's and those entered here)
//   Statements: one agent's monthly statements, ledger and CSV files
//   Plan:       the plan versions per currency, and a new version from a date; the threshold above
//               which an adjustment needs a second person
//   Billing API: the keys the billing system sends payments with (made, shown once, revoked)
// Every member of the business sees it; owners and admins pay out, change the plan and the
// adjustment threshold, and manage the keys.
#include "client/views/views.hpp"

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

// Statements: one agent's monthly statements, ledger and CSV files.
void statements_tab(const ProgramState& s, const std::string& currency, CommissionDeskForm& f) {
  if (!f.agent) {
    // The first agent with a ledger, so the tab opens on a statement.
    for (const auto* a : agents_of(s))
      if (std::any_of(s.commissions.lines.begin(), s.commissions.lines.end(), [&](const auto& e) { return e.second.agent_id == a->person_id; })) {
        f.agent = a->person_id;
        break;
      }
  }
  ui::field_label("Agent");
  if (agent_picker("##Statement agent", s, f.agent, ui::dp(260))) f.statement = EarningsForm{};
  ImGui::Dummy(ui::dp(0, 4));
  if (f.agent) {
    statement_panel(s, s.id, f.agent, currency, f.statement);
    ImGui::Dummy(ui::dp(0, 8));
    ui::heading("Ledger of " + member_name(s, f.agent), 17);
    ledger_table("agent ledger", s, f.agent, currency, f.statement, 300);
  } else {
    ui::text("Choose an agent to see its statements and ledger.", ui::color::muted);
  }
}

} // namespace

void draw_commissions(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    auto& f = ui_state.commissions;
    if (f.program_id != s.id) f = CommissionDeskForm{}, f.program_id = s.id;
    const float avail = std::min(ImGui::GetContentRegionAvail().x, page_max_width);
    ui::begin_column("commissions-page", avail);
    page_title("Commissions", "What " + s.name + " owes its agents: referral and support commission on two ledgers that never cross.");
    const auto currency = currency_picker("##Desk currency", s, f.currency);
    ImGui::Dummy(ui::dp(0, 4));
    // Narrow (a phone): the tabs do not fit side by side; a list picks the one shown.
    if (avail < ui::dp(640)) {
      std::vector<std::string> names = {"Owed", "Approvals", "Payouts", "Payments", "Statements", "Plan"};
      if (allowed(app, domain::Action::read_api_keys)) names.push_back("Billing API");
      int index = 0;
      for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == f.shown_tab) index = static_cast<int>(i);
      if (choice("##Desk tab", names, index, -FLT_MIN)) f.open_tab = names[static_cast<std::size_t>(index)];
      ImGui::Dummy(ui::dp(0, 2));
    }
    // On a phone the tabs scroll inside the bar (arrows at its end) rather than run past the screen.
    if (ImGui::BeginTabBar("commission tabs", ImGuiTabBarFlags_DrawSelectedOverline | (avail < ui::dp(640) ? ImGuiTabBarFlags_FittingPolicyScroll : 0))) {
      auto tab = [&](const char* name) {
        ImGuiTabItemFlags flags = 0;
        if (f.open_tab == name) flags |= ImGuiTabItemFlags_SetSelected;
        const bool open = ImGui::BeginTabItem(name, nullptr, flags);
        if (open && f.open_tab == name) f.open_tab.clear();
        if (open) f.shown_tab = name;
        if (open) ImGui::Dummy(ui::dp(0, 6));
        return open;
      };
      if (tab("Owed")) {
        owed_tab(s, currency, f, ui_state, dispatch, avail);
        ImGui::EndTabItem();
      }
      if (tab("Approvals")) {
        approvals_tab(app, s, currency, f, ui_state, dispatch);
        ImGui::EndTabItem();
      }
      if (tab("Payouts")) {
        payouts_tab(app, s, currency, f, ui_state, dispatch, avail);
        ImGui::EndTabItem();
      }
      if (tab("Payments")) {
        payments_tab(s, currency, f, ui_state, dispatch, avail);
        ImGui::EndTabItem();
      }
      if (tab("Statements")) {
        statements_tab(s, currency, f);
        ImGui::EndTabItem();
      }
      if (tab("Plan")) {
        plan_tab(app, s, currency, f, ui_state, dispatch, avail);
        ImGui::EndTabItem();
      }
      if (allowed(app, domain::Action::read_api_keys) && tab("Billing API")) {
        billing_api_tab(app, s, f, ui_state, dispatch, avail);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
