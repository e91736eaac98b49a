// The business's commissions desk (#/p/{id}/commissions), in tabs:
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

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/testing/item_table.hpp"
#include "client/views/commissions/commission_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"

#include "shared/core/dates.hpp"
#include "shared/core/money_parse.hpp"
#include "shared/core/percent_parse.hpp"
#include "shared/core/text_search.hpp"

#include <algorithm>
#include <cstdio>

namespace pd::client::views {

using namespace domain;

namespace {

constexpr ImGuiTableFlags table_flags = ledger_table_flags;

// "12.5" from basis points.
std::string percent_text(int bps) {
  char buf[32];
  if (bps % 100 == 0) std::snprintf(buf, sizeof buf, "%d", bps / 100);
  else std::snprintf(buf, sizeof buf, "%d.%02d", bps / 100, bps % 100);
  std::string s = buf;
  if (s.find('.') != std::string::npos && s.back() == '0') s.pop_back();
  return s;
}

std::string plan_summary(const CommissionPlan& p) {
  std::string r;
  if (p.referral_first_bps) r += percent_text(p.referral_first_bps) + "% of the first payment";
  if (p.referral_recurring_bps) {
    if (!r.empty()) r += ", then ";
    r += percent_text(p.referral_recurring_bps) + "% of each payment " +
         (p.referral_recurring_months ? "for " + count_text(p.referral_recurring_months, "month", "months") : std::string("for the customer's lifetime"));
  }
  if (r.empty()) r = "no referral commission";
  std::string sp;
  switch (p.support_basis) {
  case SupportBasis::none: sp = "no support commission"; break;
  case SupportBasis::flat: sp = format_money(Money{p.support_flat_minor, p.currency}) + " per supported customer per month"; break;
  case SupportBasis::mrr_share: sp = percent_text(p.support_mrr_bps) + "% of each supported customer's MRR"; break;
  }
  return "Referral: " + r + ". Support: " + sp + ". Lines approved after " + count_text(p.hold_days, "day", "days") + ".";
}

std::vector<const Agent*> agents_of(const ProgramState& s) {
  std::vector<const Agent*> out;
  for (const auto& [id, a] : s.agents) out.push_back(&a);
  std::sort(out.begin(), out.end(), [&](const Agent* a, const Agent* b) { return member_name(s, a->person_id) < member_name(s, b->person_id); });
  return out;
}

// A combo of the program's agents; returns true when the choice changed.
bool agent_picker(const char* id, const ProgramState& s, std::int64_t& agent, float width) {
  const auto agents = agents_of(s);
  std::vector<std::string> labels{"Choose an agent"};
  int index = 0;
  for (std::size_t i = 0; i < agents.size(); ++i) {
    labels.push_back(member_name(s, agents[i]->person_id));
    if (agents[i]->person_id == agent) index = static_cast<int>(i) + 1;
  }
  if (!choice(id, labels, index, width)) return false;
  agent = index == 0 ? 0 : agents[static_cast<std::size_t>(index - 1)]->person_id;
  return true;
}

// A combo of customers with a search field at its top (the first 50 matches shown).
void customer_picker(const char* id, const ProgramState& s, std::int64_t& customer, std::string& search, float width) {
  const auto* chosen = s.customer(customer);
  ImGui::SetNextItemWidth(width);
  if (ui::begin_combo(id, chosen ? chosen->profile.name.c_str() : "Choose a customer", ImGuiComboFlags_HeightLarge)) {
    bool edited = false;
    ui::input_text("##Find customer", "Search by name or email", search, edited);
    int shown = 0;
    for (const auto& [cid, c] : s.customers) {
      if (!search.empty() && !core::contains_folded(c.profile.name, search) && !core::contains_folded(c.profile.email, search)) continue;
      if (shown++ == 50) break;
      ImGui::PushID(static_cast<int>(cid));
      if (ImGui::Selectable(c.profile.name.c_str(), cid == customer, 0, ImVec2(0, ui::dp(26)))) customer = cid;
      ImGui::PopID();
    }
    if (shown == 0) ui::text("No customer matches.", ui::color::muted);
    ImGui::EndCombo();
  }
}

// Starts a row of form cells laid out as table columns.
bool begin_form_row(const char* id, int columns) {
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ui::dp(6, 2));
  const bool open = ImGui::BeginTable(id, columns, ImGuiTableFlags_SizingStretchSame);
  if (!open) ImGui::PopStyleVar();
  return open;
}
void end_form_row() {
  ImGui::EndTable();
  ImGui::PopStyleVar();
}

const std::string* err(const SupportForm& f, const char* field) { return f.errors.field(field); }

// "Above $500.00" / "Every adjustment" (a threshold of 0), capitalised or not.
std::string threshold_words(const ProgramState& s, const std::string& currency, bool capital) {
  const auto t = adjustment_threshold(s.commissions, currency);
  if (t == 0) return capital ? "Every adjustment needs a second approval" : "every adjustment needs a second approval";
  return std::string(capital ? "Above " : "above ") + money_text(t, currency);
}

// Why the signed-in person may not approve a line, in a few words for its row (the rule is
// may_approve_line's; the server answers the same with the line named).
std::string approval_blocked_text(LineApproval a, const LedgerLine& l) {
  switch (a) {
  case LineApproval::own_line:
    return l.kind == LineKind::adjustment ? "You added it: another owner or admin approves it." : "You entered its payment: someone else approves it.";
  case LineApproval::owner_or_admin_only: return "An owner or admin other than its author approves it.";
  case LineApproval::allowed: return {};
  case LineApproval::not_business:
  case LineApproval::payout_line:
  case LineApproval::already_approved:
  case LineApproval::already_paid: return line_approval_text(a, l);
  }
  return {};
}

// ---- Owed ----------------------------------------------------------------------------------

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
  } else if (ImGui::BeginTable("owed by agent", 8, table_flags)) {
    ImGui::TableSetupColumn("Agent", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Partner status", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("Referral pending", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Referral approved", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Support pending", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Support approved", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Owed", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Paid to date", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    table_header_row(8);
    for (const auto& r : rows) {
      ImGui::PushID(static_cast<int>(r.agent->person_id));
      ImGui::TableNextRow(0, ui::dp(34));
      ImGui::TableNextColumn();
      if (ui::link(member_name(s, r.agent->person_id).c_str())) {
        f.agent = r.agent->person_id;
        f.statement = EarningsForm{};
        f.open_tab = "Statements";
      }
      ImGui::TableNextColumn();
      ui::pill(partner_status_label(r.agent->status), partner_tone(r.agent->status));
      for (auto v : {r.ref.pending, r.ref.approved, r.sup.pending, r.sup.approved, r.ref.owed() + r.sup.owed(), r.ref.paid + r.sup.paid}) {
        ImGui::TableNextColumn();
        amount_cell(v, currency);
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }

  // An adjustment: a line of the business's own, with a reason.
  ImGui::Dummy(ui::dp(0, 10));
  if (ui::begin_card("adjust", avail)) {
    ui::caption("ADJUST AN AGENT'S LEDGER");
    ui::text_wrapped("A line of its own on one ledger, positive to add, negative to take back; the reason is shown to the agent.", ui::color::muted);
    const auto& form = ui_state.form("comm.adjust");
    if (begin_form_row("adjust row", 4)) {
      ImGui::TableNextColumn();
      ui::field_label("Agent");
      agent_picker("##Adjust agent", s, f.adj_agent, -FLT_MIN);
      ui::field_error(err(form, "agent_id"));
      ImGui::TableNextColumn();
      ui::field_label("Ledger");
      choice("##Adjust ledger", {"Referral", "Support"}, f.adj_side, -FLT_MIN);
      ImGui::TableNextColumn();
      labeled_input(("Amount (" + currency + ")").c_str(), "##Adjust amount", "-25.00", f.adj_amount, err(form, "amount"));
      ImGui::TableNextColumn();
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
      dispatch(SendSupport{"comm.adjust", AdjustCommission{f.adj_agent, f.adj_side == 0 ? LedgerSide::referral : LedgerSide::support,
                                                           Money{*minor, currency}, f.adj_reason, f.adj_customer}});
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  }
  ui::end_card();
}

// ---- Approvals -----------------------------------------------------------------------------

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
  const auto& form = ui_state.form("comm.approve");
  const bool narrow = ImGui::GetContentRegionAvail().x < ui::dp(640); // a phone: one block per line
  if (ui::secondary_button("Select all")) {
    for (const auto* l : pending) f.approve[l->id] = verdict[l->id] == LineApproval::allowed;
  }
  if (!narrow) ImGui::SameLine(0, ui::dp(8));
  const std::string label = "Approve selected (" + std::to_string(chosen.size()) + ")";
  if (ui::primary_button((label + "##approve").c_str(), ImVec2(ui::dp(200), 0), !form.sending && !chosen.empty()))
    dispatch(SendSupport{"comm.approve", ApproveCommissionLines{chosen}});
  form_errors(form);
  // What the last column says of a line: who approves it and when, and why not the reader.
  auto approval_cell = [&](const LedgerLine& l, LineApproval v, bool narrow) {
    if (awaits_second_approval(l)) {
      if (narrow) ui::text_wrapped("Awaiting second approval", ui::tone::warning.fg); // a pill would be cut off
      else ui::pill("Awaiting second approval", ui::tone::warning);
      ui::text_wrapped("Added by " + member_name(s, l.by), ui::color::muted);
    } else {
      ui::text_wrapped("Automatic on " + format_day_ms(l.approve_at), ui::color::muted);
    }
    if (v != LineApproval::allowed) ui::text_wrapped(approval_blocked_text(v, l), ui::color::muted);
  };
  auto tick = [&](const LedgerLine& l, LineApproval v) {
    if (v != LineApproval::allowed) return;
    bool on = f.approve[l.id];
    if (ImGui::Checkbox(("##approve " + std::to_string(l.id)).c_str(), &on)) f.approve[l.id] = on;
  };
  if (narrow) {
    // One block per line instead of eight columns.
    for (const auto* l : pending) {
      ImGui::PushID(static_cast<int>(l->id));
      ImGui::Separator();
      const auto v = verdict[l->id];
      tick(*l, v);
      if (v == LineApproval::allowed) ImGui::SameLine(0, ui::dp(6));
      ui::text_wrapped(member_name(s, l->agent_id), ui::color::text);
      amount_cell(l->amount.minor, l->amount.currency);
      ui::text_wrapped(std::string(label_of(l->kind)) + ": " + line_detail(s, *l), ui::color::muted);
      ui::text_wrapped(std::string(label_of(l->side)) + " \xC2\xB7 written " + format_day_ms(l->at) +
                           (l->customer_id ? " \xC2\xB7 " + customer_name(s, l->customer_id) : std::string()),
                       ui::color::muted);
      approval_cell(*l, v, true);
      ImGui::PopID();
    }
    return;
  }
  if (ImGui::BeginTable("pending lines", 8, table_flags)) {
    ImGui::TableSetupColumn("##pick", ImGuiTableColumnFlags_WidthFixed, ui::dp(30));
    ImGui::TableSetupColumn("Written", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Agent", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Ledger", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Detail", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Approval", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    table_header_row(8);
    for (const auto* l : pending) {
      ImGui::PushID(static_cast<int>(l->id));
      ImGui::TableNextRow(0, ui::dp(34));
      ImGui::TableNextColumn();
      const auto v = verdict[l->id];
      tick(*l, v);
      ImGui::TableNextColumn();
      ui::text(format_day_ms(l->at), ui::color::muted);
      ImGui::TableNextColumn();
      ui::text(member_name(s, l->agent_id));
      line_cells(s, *l);
      ImGui::TableNextColumn();
      approval_cell(*l, v, false);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

// ---- Payouts -------------------------------------------------------------------------------

void payouts_tab(const AppState& app, const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state,
                 Dispatch& dispatch, float avail) {
  const bool can_pay = allowed(app, domain::Action::pay_out_commission);
  // Approved lines, by agent and ledger, each ticked unless left out.
  struct Group {
    PersonId agent;
    LedgerSide side;
    std::vector<const LedgerLine*> lines;
    std::int64_t net = 0;
  };
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
      if (ImGui::BeginTable("approved lines", 6, table_flags)) {
        ImGui::TableSetupColumn("##pay", ImGuiTableColumnFlags_WidthFixed, ui::dp(30));
        ImGui::TableSetupColumn("Agent", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Ledger", ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Detail", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        table_header_row(6);
        for (const auto& g : groups) {
          for (const auto* l : g.lines) {
            ImGui::PushID(static_cast<int>(l->id));
            ImGui::TableNextRow(0, ui::dp(32));
            ImGui::TableNextColumn();
            if (l->amount.minor > 0) {
              bool on = !f.skip[l->id];
              if (ImGui::Checkbox(("##pay " + std::to_string(l->id)).c_str(), &on)) f.skip[l->id] = !on;
            }
            ImGui::TableNextColumn();
            ui::text(member_name(s, l->agent_id));
            line_cells(s, *l);
            ImGui::PopID();
          }
          ImGui::TableNextRow(0, ui::dp(30));
          ImGui::TableSetColumnIndex(4);
          ui::text("Net to " + member_name(s, g.agent) + ", " + label_of(g.side), ui::color::muted);
          ImGui::TableSetColumnIndex(5);
          ui::text(money_text(g.net, currency), g.net < 0 ? ui::color::error : ui::color::success);
        }
        ImGui::EndTable();
      }
      const auto& form = ui_state.form("comm.payout");
      if (begin_form_row("payout row", 2)) {
        ImGui::TableNextColumn();
        labeled_input("Payment reference", "##Payout reference", "The bank transfer's reference", f.payout_reference, err(form, "reference"));
        ImGui::TableNextColumn();
        ui::field_label("Total of this batch");
        ui::heading(money_text(total, currency), 20);
        end_form_row();
      }
      if (!can_pay) ui::text("Owners and admins mark payouts paid.", ui::color::muted);
      if (ui::primary_button("Mark paid", ImVec2(ui::dp(160), ui::dp(36)), can_pay && !form.sending && !chosen.empty()))
        dispatch(SendSupport{"comm.payout", RecordPayout{f.payout_reference, currency, chosen}});
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
  if (ImGui::BeginTable("batches", 5, table_flags)) {
    ImGui::TableSetupColumn("Paid on", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Reference", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Agents", ImGuiTableColumnFlags_WidthStretch, 1.8f);
    ImGui::TableSetupColumn("Lines", ImGuiTableColumnFlags_WidthStretch, 0.5f);
    ImGui::TableSetupColumn("Total", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    table_header_row(5);
    for (auto it = s.commissions.batches.rbegin(); it != s.commissions.batches.rend(); ++it) {
      const auto& b = it->second;
      ImGui::PushID(static_cast<int>(b.id));
      ImGui::TableNextRow(0, ui::dp(32));
      ImGui::TableNextColumn();
      ui::text(format_day_ms(b.at), ui::color::muted);
      ImGui::TableNextColumn();
      ui::text(b.reference);
      ImGui::TableNextColumn();
      std::vector<PersonId> who;
      for (auto id : b.payout_line_ids)
        if (auto l = s.commissions.line(id); l && std::find(who.begin(), who.end(), l->agent_id) == who.end()) who.push_back(l->agent_id);
      std::string names;
      for (auto p : who) names += (names.empty() ? "" : ", ") + member_name(s, p);
      ui::text_wrapped(names, ui::color::muted);
      ImGui::TableNextColumn();
      ui::text(std::to_string(b.line_ids.size()));
      ImGui::TableNextColumn();
      ui::text(money_text(b.total_minor, b.currency));
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

// ---- Payments ------------------------------------------------------------------------------

void payments_tab(const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state, Dispatch& dispatch,
                  float avail) {
  if (ui::begin_card("record payment", avail)) {
    ui::caption("RECORD A PAYMENT OR REFUND");
    ui::text_wrapped("Payments usually arrive from the billing system through the program's API key; enter one here when it did not. "
                     "The billing system's id makes a repeat harmless.",
                     ui::color::muted);
    const auto& form = ui_state.form("comm.payment");
    if (begin_form_row("payment row", 4)) {
      ImGui::TableNextColumn();
      ui::field_label("Customer");
      customer_picker("##Payment customer", s, f.pay_customer, f.customer_search, -FLT_MIN);
      ui::field_error(err(form, "customer_id"));
      ImGui::TableNextColumn();
      ui::field_label("Kind");
      choice("##Payment kind", {"Payment", "Refund"}, f.pay_kind, -FLT_MIN);
      ImGui::TableNextColumn();
      labeled_input(("Amount (" + currency + ")").c_str(), "##Payment amount", "450.00", f.pay_amount, err(form, "amount"));
      ImGui::TableNextColumn();
      labeled_input("Billing id", "##Payment id", "inv-2041", f.pay_external_id, err(form, "external_id"));
      end_form_row();
    }
    if (begin_form_row("payment row 2", 2)) {
      ImGui::TableNextColumn();
      labeled_input("Paid on (YYYY-MM-DD, empty: now)", "##Payment date", "2026-11-30", f.pay_date, err(form, "paid_at"));
      ImGui::TableNextColumn();
      if (f.pay_kind == 1) {
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
    if (ui::primary_button(f.pay_kind == 1 ? "Record refund" : "Record payment", ImVec2(ui::dp(170), ui::dp(36)), !form.sending && ready))
      dispatch(SendSupport{"comm.payment", RecordPayment{f.pay_external_id, f.pay_customer, f.pay_kind == 1 ? PaymentKind::refund : PaymentKind::payment,
                                                         Money{*minor, currency}, paid_at, f.pay_kind == 1 ? f.pay_refund_of : ""}});
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 8));

  ui::heading("Payments and refunds", 17);
  std::vector<const Payment*> list;
  for (const auto& [id, p] : s.commissions.payments)
    if (p.amount.currency == currency) list.push_back(&p);
  if (list.empty()) {
    ui::text("No payment recorded yet.", ui::color::muted);
    return;
  }
  if (ImGui::BeginTable("payments", 7, table_flags)) {
    ImGui::TableSetupColumn("Paid on", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("Billing id", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Referral commission", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Recorded by", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    table_header_row(7);
    std::size_t n = 0;
    for (auto it = list.rbegin(); it != list.rend() && n < 300; ++it, ++n) {
      const auto& p = **it;
      ImGui::PushID(static_cast<int>(p.id));
      ImGui::TableNextRow(0, ui::dp(32));
      ImGui::TableNextColumn();
      ui::text(format_day_ms(p.paid_at), ui::color::muted);
      ImGui::TableNextColumn();
      ui::text(customer_name(s, p.customer_id));
      ImGui::TableNextColumn();
      ui::text(p.external_id);
      ImGui::TableNextColumn();
      ui::pill(p.kind == PaymentKind::payment ? "Payment" : "Refund", p.kind == PaymentKind::payment ? ui::tone::success : ui::tone::warning);
      ImGui::TableNextColumn();
      ui::text(format_money(p.amount) + (p.refunded_minor ? " (" + money_text(p.refunded_minor, p.amount.currency) + " refunded)" : ""));
      ImGui::TableNextColumn();
      std::string commission = "\xE2\x80\x94";
      for (const auto& [lid, l] : s.commissions.lines) {
        if (l.payment_id != p.id || l.side != LedgerSide::referral) continue;
        commission = money_text(l.amount.minor, l.amount.currency) + " to " + member_name(s, l.agent_id);
      }
      ui::text(commission, ui::color::muted);
      ImGui::TableNextColumn();
      ui::text(p.recorded_by ? member_name(s, p.recorded_by) : "Billing system", ui::color::muted);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

// ---- Plan ----------------------------------------------------------------------------------

void fill_plan_form(const ProgramState& s, const std::string& currency, CommissionDeskForm& f, std::int64_t now) {
  const auto today = day_of(now);
  const auto* p = s.commissions.plan_in_effect(currency, today);
  CommissionPlan base;
  if (p) base = *p;
  f.plan_currency = currency;
  f.plan_from = iso_day_ms(now);
  f.plan_first_pct = percent_text(base.referral_first_bps);
  f.plan_recurring_pct = percent_text(base.referral_recurring_bps);
  f.plan_months = base.referral_recurring_months;
  f.plan_basis = static_cast<int>(base.support_basis);
  f.plan_flat = money_input(Money{base.support_flat_minor, currency});
  f.plan_mrr_pct = percent_text(base.support_mrr_bps);
  f.plan_hold_days = base.hold_days;
  f.plan_ready = true;
}

int number_field(const char* label, const char* id, int value, int lo, int hi) {
  ui::field_label(label);
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputInt(id, &value, 0, 0);
  testing::record_value(std::to_string(value));
  return std::clamp(value, lo, hi);
}

// Separation of duties on money: the size above which an adjustment waits for an owner or admin
// other than its author. Everyone in the business sees it; owners and admins change it.
void threshold_card(const AppState& app, const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state,
                    Dispatch& dispatch, float avail) {
  const auto current = adjustment_threshold(s.commissions, currency);
  if (!f.threshold_ready || f.threshold_currency != currency) {
    f.threshold_text = money_input(Money{current, currency});
    f.threshold_currency = currency;
    f.threshold_ready = true;
  }
  if (ui::begin_card("adjustment threshold", avail)) {
    ui::caption("SECOND APPROVAL OF ADJUSTMENTS");
    ui::text_wrapped(current == 0 ? "Every adjustment in " + currency + " waits for an owner or admin other than the person who added it."
                                  : "Adjustments in " + currency + " above " + money_text(current, currency) +
                                        " (taken back or added) wait for an owner or admin other than the person who added it; smaller ones "
                                        "are approved at once. Nobody approves a line they wrote.",
                     ui::color::muted);
    if (auto it = s.commissions.adjustment_thresholds.find(currency); it != s.commissions.adjustment_thresholds.end())
      ui::text("Set by " + member_name(s, it->second.set_by) + " on " + format_day_ms(it->second.set_at), ui::color::muted);
    if (allowed(app, domain::Action::manage_commission_plans)) {
      const auto& form = ui_state.form("comm.threshold");
      if (begin_form_row("threshold row", 2)) {
        ImGui::TableNextColumn();
        labeled_input(("Threshold (" + currency + ", 0: every adjustment)").c_str(), "##Adjustment threshold", "500.00", f.threshold_text,
                      err(form, "threshold.minor"));
        ImGui::TableNextColumn();
        ui::field_label(" ");
        const auto minor = core::parse_money(f.threshold_text, currency);
        if (ui::primary_button("Save threshold", ImVec2(ui::dp(160), ui::dp(36)), !form.sending && minor && *minor >= 0))
          dispatch(SendSupport{"comm.threshold", SetAdjustmentThreshold{Money{*minor, currency}}});
        if (!f.threshold_text.empty() && (!minor || *minor < 0)) ui::text("Type an amount such as 500.00.", ui::color::error);
        end_form_row();
      }
      if (!form.errors.general.empty()) ui::error_box(form.errors.general);
      if (auto e = err(form, "threshold.currency")) ui::error_box(*e);
    } else {
      ui::text("Owners and admins change the threshold.", ui::color::muted);
    }
  }
  ui::end_card();
}

void plan_tab(const AppState& app, const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state,
              Dispatch& dispatch, float avail) {
  const auto now = clock_ms();
  const auto today = day_of(now);
  if (!f.plan_ready || f.plan_currency != currency) fill_plan_form(s, currency, f, now);
  const auto* current = s.commissions.plan_in_effect(currency, today);
  if (ui::begin_card("plan now", avail)) {
    ui::caption("IN EFFECT TODAY");
    ui::text_wrapped(current ? plan_summary(*current) : "No plan in " + currency + " yet: no commission is earned until one is saved.",
                     current ? ui::color::text : ui::color::muted);
    bool any = false;
    for (const auto& p : s.commissions.plans) {
      if (p.currency != currency) continue;
      if (!any) {
        ImGui::Dummy(ui::dp(0, 6));
        ui::caption("VERSIONS");
        any = true;
      }
      const bool future = day_of_date(p.effective_from) > today;
      ui::text((future ? "From " : "Since ") + format_day(p.effective_from) + " (saved by " + member_name(s, p.saved_by) + ")",
               future ? ui::color::accent : ui::color::muted);
      ui::text_wrapped(plan_summary(p), ui::color::muted);
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 8));

  const bool can_edit = allowed(app, domain::Action::manage_commission_plans);
  if (ui::begin_card("plan edit", avail)) {
    ui::caption("A NEW VERSION");
    ui::text_wrapped("A change takes effect from the day you choose (today or later) and never rewrites lines already written.", ui::color::muted);
    const auto& form = ui_state.form("comm.plan");
    if (begin_form_row("plan row 1", 4)) {
      ImGui::TableNextColumn();
      labeled_input("Takes effect on (YYYY-MM-DD)", "##Plan from", "2026-12-01", f.plan_from, err(form, "plan.effective_from"));
      ImGui::TableNextColumn();
      labeled_input("First payment (%)", "##Plan first", "20", f.plan_first_pct, err(form, "plan.referral_first_bps"));
      ImGui::TableNextColumn();
      labeled_input("Each payment (%)", "##Plan recurring", "10", f.plan_recurring_pct, err(form, "plan.referral_recurring_bps"));
      ImGui::TableNextColumn();
      f.plan_months = number_field("For months (0: lifetime)", "##Plan months", f.plan_months, 0, max_recurring_months);
      end_form_row();
    }
    if (begin_form_row("plan row 2", 4)) {
      ImGui::TableNextColumn();
      ui::field_label("Support commission");
      choice("##Plan basis", {"None", "Flat per customer per month", "Share of the customer's MRR"}, f.plan_basis, -FLT_MIN);
      ImGui::TableNextColumn();
      if (f.plan_basis == 1)
        labeled_input(("Per customer per month (" + currency + ")").c_str(), "##Plan flat", "30.00", f.plan_flat, err(form, "plan.support_flat_minor"));
      else if (f.plan_basis == 2)
        labeled_input("Share of MRR (%)", "##Plan mrr", "10", f.plan_mrr_pct, err(form, "plan.support_mrr_bps"));
      ImGui::TableNextColumn();
      f.plan_hold_days = number_field("Holding period (days)", "##Plan hold", f.plan_hold_days, 0, max_hold_days);
      ImGui::TableNextColumn();
      end_form_row();
    }
    const int first = core::parse_percent(f.plan_first_pct), recurring = core::parse_percent(f.plan_recurring_pct), mrr = core::parse_percent(f.plan_mrr_pct);
    const auto flat = core::parse_money(f.plan_flat, currency);
    std::string problem;
    if (first < 0 || recurring < 0 || (f.plan_basis == 2 && mrr < 0)) problem = "Shares are percentages from 0 to 100 with at most two decimals.";
    else if (f.plan_basis == 1 && (!flat || *flat < 0)) problem = "Type the flat amount such as 30.00.";
    if (!problem.empty()) ui::text(problem, ui::color::error);
    if (!can_edit) ui::text("Owners and admins change the plan.", ui::color::muted);
    if (ui::primary_button("Save plan", ImVec2(ui::dp(150), ui::dp(36)), can_edit && problem.empty() && !form.sending)) {
      CommissionPlan p;
      p.currency = currency;
      p.effective_from = f.plan_from;
      p.referral_first_bps = first;
      p.referral_recurring_bps = recurring;
      p.referral_recurring_months = f.plan_months;
      p.support_basis = static_cast<SupportBasis>(f.plan_basis);
      p.support_flat_minor = f.plan_basis == 1 && flat ? *flat : 0;
      p.support_mrr_bps = f.plan_basis == 2 ? mrr : 0;
      p.hold_days = f.plan_hold_days;
      dispatch(SendSupport{"comm.plan", SaveCommissionPlan{p}});
    }
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 8));
  threshold_card(app, s, currency, f, ui_state, dispatch, avail);
}

// ---- Billing API -------------------------------------------------------------------------------

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

// The program's API keys for its billing system: create one (its secret shown once, with a
// Copy button), see which are in use and when they were made, and revoke one (asked twice).
void billing_api_tab(const AppState& app, const ProgramState& s, CommissionDeskForm& f, const UiState& ui_state, Dispatch& dispatch,
                     float avail) {
  const bool may_manage = allowed(app, domain::Action::manage_api_keys);
  if (!f.new_key.empty()) {
    if (ui::begin_card("new api key", avail)) {
      ui::heading("API key ready", 17);
      ImGui::Dummy(ui::dp(0, 2));
      ui::text_wrapped("Give it to the billing system as a Bearer token for POST /api/v1/programs/" + std::to_string(s.id) + "/billing/payments.",
                       ui::color::muted);
      ImGui::Dummy(ui::dp(0, 4));
      std::string key = f.new_key;
      bool edited = false;
      ui::input_text("##New API key", "", key, edited, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
      ImGui::Dummy(ui::dp(0, 2));
      if (ui::primary_button(f.key_copied ? "Copied###Copy key" : "Copy key###Copy key", ImVec2(ui::dp(130), ui::dp(38)))) dispatch(CopyApiKey{});
      ImGui::SameLine(0, ui::dp(10));
      if (ui::secondary_button("Done###Key done", ImVec2(0, ui::dp(38)))) dispatch(DismissApiKey{});
      ImGui::Dummy(ui::dp(0, 4));
      ui::message_box("It is shown only this once: Partnerdesk keeps only a fingerprint of it.", ui::tone::warning);
    }
    ui::end_card();
    ImGui::Dummy(ui::dp(0, 8));
  }
  if (may_manage) {
    if (ui::begin_card("create api key", avail)) {
      ui::caption("NEW API KEY");
      ui::text_wrapped("One key per system that sends payments. A payment's billing id makes a resent payment harmless.", ui::color::muted);
      const auto& form = ui_state.form("comm.key");
      if (begin_form_row("key row", 2)) {
        ImGui::TableNextColumn();
        labeled_input("Label", "##Key label", "Stripe sync", f.key_label, err(form, "label"));
        ImGui::TableNextColumn();
        ui::field_label(" ");
        if (ui::primary_button("Create key", ImVec2(ui::dp(150), ui::dp(36)), !form.sending && !blank(f.key_label)))
          dispatch(SendSupport{"comm.key", CreateApiKey{trimmed(f.key_label), "", ""}});
        end_form_row();
      }
      if (!form.errors.general.empty()) ui::error_box(form.errors.general);
    }
    ui::end_card();
    ImGui::Dummy(ui::dp(0, 8));
  }

  ui::heading("API keys", 17);
  if (s.api_keys.empty()) {
    ui::text("No API key yet: payments are entered by hand on the Payments tab.", ui::color::muted);
    return;
  }
  const auto& revoke_form = ui_state.form("comm.revoke");
  if (!revoke_form.errors.general.empty()) ui::error_box(revoke_form.errors.general);
  if (ImGui::BeginTable("api keys", 5, table_flags)) {
    ImGui::TableSetupColumn("Label", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("Created", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ui::dp(230));
    table_header_row(5);
    for (auto it = s.api_keys.rbegin(); it != s.api_keys.rend(); ++it) {
      const auto& k = it->second;
      ImGui::PushID(static_cast<int>(k.id));
      ImGui::TableNextRow(0, ui::dp(36));
      ImGui::TableNextColumn();
      ui::text(k.label);
      ImGui::TableNextColumn();
      ui::text(k.key_prefix + "\xE2\x80\xA6", ui::color::muted);
      ImGui::TableNextColumn();
      ui::text(format_day_ms(k.created_at) + " by " + member_name(s, k.created_by), ui::color::muted);
      ImGui::TableNextColumn();
      if (k.revoked_at) ui::pill("Revoked " + format_day_ms(k.revoked_at), ui::tone::neutral);
      else ui::pill("In use", ui::tone::success);
      ImGui::TableNextColumn();
      if (may_manage && !k.revoked_at) {
        if (f.revoke_key == k.id) {
          if (ui::danger_button("Yes, revoke", ImVec2(ui::dp(110), ui::dp(30)), !revoke_form.sending)) {
            dispatch(SendSupport{"comm.revoke", RevokeApiKey{k.id}});
            f.revoke_key = 0;
          }
          ImGui::SameLine(0, ui::dp(6));
          if (ui::secondary_button("Keep", ImVec2(ui::dp(80), ui::dp(30)))) f.revoke_key = 0;
        } else if (ui::secondary_button("Revoke", ImVec2(ui::dp(90), ui::dp(30)))) {
          f.revoke_key = k.id;
        }
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
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
    if (ImGui::BeginTabBar("commission tabs", ImGuiTabBarFlags_DrawSelectedOverline)) {
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
