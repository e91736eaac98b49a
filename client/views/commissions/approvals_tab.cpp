// The Approvals tab of the commissions desk: pending lines, approved before their holding period ends
// if the business wants; adjustments above the threshold await an owner or admin other than their
// author (may_approve_line decides who may approve what, as on the server).
#include "client/views/commissions/desk_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/views/commissions/commission_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"

#include <map>

namespace pd::client::views {

using namespace domain;

namespace {

// What the last column says of a line: who approves it and when, and why not the reader.
void approval_cell(const ProgramState& s, const LedgerLine& l, LineApproval v, bool narrow) {
  if (awaits_second_approval(l)) {
    if (narrow) ui::text_wrapped("Awaiting second approval", ui::tone::warning.fg); // a pill would be cut off
    else ui::pill("Awaiting second approval", ui::tone::warning);
    ui::text_wrapped("Added by " + member_name(s, l.by), ui::color::muted);
  } else {
    ui::text_wrapped("Automatic on " + format_day_ms(l.approve_at), ui::color::muted);
  }
  if (v != LineApproval::allowed) ui::text_wrapped(approval_blocked_text(v, l), ui::color::muted);
}

// The tick box that picks a line to approve, for the lines the reader may approve.
void tick(CommissionDeskForm& f, const LedgerLine& l, LineApproval v) {
  if (v != LineApproval::allowed) return;
  bool on = f.approve[l.id];
  if (ImGui::Checkbox(("##approve " + std::to_string(l.id)).c_str(), &on)) f.approve[l.id] = on;
}

// A phone: one block per line instead of eight columns.
void pending_blocks(const ProgramState& s, const std::vector<const LedgerLine*>& pending, std::map<LineId, LineApproval>& verdict,
                    CommissionDeskForm& f) {
  for (const auto* l : pending) {
    ImGui::PushID(static_cast<int>(l->id));
    ImGui::Separator();
    const auto v = verdict[l->id];
    tick(f, *l, v);
    if (v == LineApproval::allowed) ImGui::SameLine(0, ui::dp(6));
    ui::text_wrapped(member_name(s, l->agent_id), ui::color::text);
    amount_cell(l->amount.minor, l->amount.currency);
    ui::text_wrapped(std::string(label_of(l->kind)) + ": " + line_detail(s, *l), ui::color::muted);
    ui::text_wrapped(std::string(label_of(l->side)) + " \xC2\xB7 written " + format_day_ms(l->at) +
                         (l->customer_id ? " \xC2\xB7 " + customer_name(s, l->customer_id) : std::string()),
                     ui::color::muted);
    approval_cell(s, *l, v, true);
    ImGui::PopID();
  }
}

void pending_table(const ProgramState& s, const std::vector<const LedgerLine*>& pending, std::map<LineId, LineApproval>& verdict,
                   CommissionDeskForm& f) {
  if (ImGui::BeginTable("pending lines", 8, ledger_table_flags)) {
    ImGui::TableSetupColumn("##pick", ImGuiTableColumnFlags_WidthFixed, ui::dp(30));
    ImGui::TableSetupColumn("Written", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Agent", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Ledger", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Detail", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Approval", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ui::table_header_row(8);
    for (const auto* l : pending) {
      ImGui::PushID(static_cast<int>(l->id));
      ImGui::TableNextRow(0, ui::dp(34));
      ImGui::TableNextColumn();
      const auto v = verdict[l->id];
      tick(f, *l, v);
      ImGui::TableNextColumn();
      ui::text(format_day_ms(l->at), ui::color::muted);
      ImGui::TableNextColumn();
      ui::text(member_name(s, l->agent_id));
      line_cells(s, *l);
      ImGui::TableNextColumn();
      approval_cell(s, *l, v, false);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

} // namespace

void approvals_tab(const AppState& app, const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state,
                   Dispatch& dispatch) {
  const PersonId me = my_id(app);
  std::vector<const LedgerLine*> pending;
  int awaiting = 0;
  for (const auto& [id, l] : s.commissions.lines)
    if (l.state == LineState::pending && l.amount.currency == currency) {
      pending.push_back(&l);
      if (awaits_second_approval(l)) ++awaiting;
    }
  ui::text_wrapped("Pending lines are approved automatically when the plan's holding period ends. Approve them sooner here; a "
                   "reversal is approved with the accrual it claws back. Adjustments " +
                       (adjustment_threshold(s.commissions, currency) == 0 ? std::string("of any size")
                                                                           : threshold_words(s, currency, false)) +
                       " wait for an owner or admin other than their author, and nobody approves a line they wrote.",
                   ui::color::muted);
  if (pending.empty()) {
    ui::text("Nothing is waiting for approval.", ui::color::muted);
    return;
  }
  if (awaiting > 0) {
    ImGui::Dummy(ui::dp(0, 2));
    ui::message_box(awaiting == 1 ? "1 adjustment awaits a second approval: an owner or admin other than its author approves it."
                                  : std::to_string(awaiting) + " adjustments await a second approval: an owner or admin other than the author approves each.",
                    ui::tone::warning);
  }
  std::map<LineId, LineApproval> verdict;
  for (const auto* l : pending) verdict[l->id] = may_approve_line(s, me, *l);
  std::vector<LineId> chosen;
  for (const auto* l : pending)
    if (f.approve[l->id] && verdict[l->id] == LineApproval::allowed) chosen.push_back(l->id);
  const auto& form = ui_state.form(FormId::comm_approve);
  const bool narrow = ImGui::GetContentRegionAvail().x < ui::dp(640); // a phone: one block per line
  if (ui::secondary_button("Select all")) {
    for (const auto* l : pending) f.approve[l->id] = verdict[l->id] == LineApproval::allowed;
  }
  if (!narrow) ImGui::SameLine(0, ui::dp(8));
  const std::string label = "Approve selected (" + std::to_string(chosen.size()) + ")";
  if (ui::primary_button((label + "##approve").c_str(), ImVec2(ui::dp(200), 0), !form.sending && !chosen.empty()))
    dispatch(SendCommand{FormId::comm_approve, ApproveCommissionLines{chosen}});
  form_errors(form);
  if (narrow) {
    pending_blocks(s, pending, verdict, f);
    return;
  }
  pending_table(s, pending, verdict, f);
}

} // namespace pd::client::views
