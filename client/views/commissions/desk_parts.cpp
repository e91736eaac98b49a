// The pieces the tabs of the business's commissions desk share (desk_parts.hpp).
#include "client/views/commissions/desk_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/views/commissions/commission_parts.hpp"
#include "client/views/layout.hpp"

#include "shared/core/text_search.hpp"

#include <algorithm>
#include <cstdio>

namespace pd::client::views {

using namespace domain;

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

} // namespace pd::client::views
