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

// What every tab of the desk draws from.
struct Tab {
  const AppState& app;
  const ProgramState& s;
  const std::string& currency;
  CommissionDeskForm& f;
  UiState& ui_state;
  Dispatch& dispatch;
  float avail;
};

void draw_tab(const Tab& t, const std::string& name) {
  if (name == "Owed") owed_tab(t.s, t.currency, t.f, t.ui_state, t.dispatch, t.avail);
  else if (name == "Approvals") approvals_tab(t.app, t.s, t.currency, t.f, t.ui_state, t.dispatch);
  else if (name == "Payouts") payouts_tab(t.app, t.s, t.currency, t.f, t.ui_state, t.dispatch, t.avail);
  else if (name == "Payments") payments_tab(t.s, t.currency, t.f, t.ui_state, t.dispatch, t.avail);
  else if (name == "Statements") statements_tab(t.s, t.currency, t.f);
  else if (name == "Plan") plan_tab(t.app, t.s, t.currency, t.f, t.ui_state, t.dispatch, t.avail);
  else if (name == "Billing API") billing_api_tab(t.app, t.s, t.f, t.ui_state, t.dispatch, t.avail);
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
    const bool narrow = avail < ui::dp(640);
    std::vector<std::string> names = {"Owed", "Approvals", "Payouts", "Payments", "Statements", "Plan"};
    if (allowed(app, domain::Action::read_api_keys)) names.push_back("Billing API");
    const Tab tab{app, s, currency, f, ui_state, dispatch, avail};
    if (narrow) {
      // A phone: the tabs do not fit side by side; a list picks the one shown, under it.
      if (!f.open_tab.empty()) f.shown_tab = f.open_tab, f.open_tab.clear();
      int index = 0;
      for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == f.shown_tab) index = static_cast<int>(i);
      choice("##Desk tab", names, index, -FLT_MIN);
      f.shown_tab = names[static_cast<std::size_t>(index)];
      ImGui::Dummy(ui::dp(0, 8));
      draw_tab(tab, f.shown_tab);
    } else if (ImGui::BeginTabBar("commission tabs", ImGuiTabBarFlags_DrawSelectedOverline)) {
      for (const auto& name : names) {
        ImGuiTabItemFlags flags = 0;
        if (f.open_tab == name) flags |= ImGuiTabItemFlags_SetSelected;
        if (!ImGui::BeginTabItem(name.c_str(), nullptr, flags)) continue;
        if (f.open_tab == name) f.open_tab.clear();
        f.shown_tab = name;
        ImGui::Dummy(ui::dp(0, 6));
        draw_tab(tab, name);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
