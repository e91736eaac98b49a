#include "client/views/desk/triage_parts.hpp"

#include "client/app/format.hpp"
#include "client/testing/item_table.hpp"
#include "client/ui/ui.hpp"
#include "client/views/layout.hpp"
#include "shared/domain/desk/triage.hpp"

#include "imgui_stdlib.h"

#include <imgui.h>

namespace pd::client::views::desk_views {

namespace {

// One row of the facts: the label muted, the value after it.
void fact_row(const char* label, const std::string& value, bool warn = false) {
  ui::text(label, ui::color::muted);
  ImGui::SameLine(ui::dp(150));
  ui::text(value, warn ? ui::color::error : ui::color::text);
}

// Ctrl/Cmd+Enter while this item has the keyboard.
bool save_key() {
  const ImGuiIO& io = ImGui::GetIO();
  return (ImGui::IsItemActive() || ImGui::IsItemDeactivated()) && (io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(ImGuiKey_Enter, false);
}

bool entry(const char* label, const char* id, std::string& value, TicketForms& f, bool multiline = false) {
  ui::text(label, ui::color::muted);
  bool edited = false;
  if (multiline) {
    ImGui::InputTextMultiline(id, &value, ImVec2(-FLT_MIN, ui::dp(54)));
    edited = ImGui::IsItemEdited();
  } else {
    ImGui::SetNextItemWidth(-FLT_MIN);
    edited = ImGui::InputText(id, &value);
  }
  testing::record_value(value);
  if (save_key()) f.triage_save_now = true;
  return edited;
}

} // namespace

void triage_facts(const domain::ProgramState& s, const domain::Ticket& t, std::int64_t now, bool business) {
  const auto facts = domain::desk::triage_facts(s, t, now);
  const auto* c = s.customer(t.customer_id);
  ui::caption("CUSTOMER");
  if (c) {
    fact_row("Customer", c->profile.name + " \xC2\xB7 " + c->profile.email);
    fact_row("Plan or segment", c->profile.segment.empty() ? std::string("\xE2\x80\x94") : c->profile.segment);
  }
  fact_row("Tenure", facts.tenure ? std::to_string(facts.tenure->months) + " months (" + std::to_string(facts.tenure->days) + " days)"
                                  : std::string("start date unknown"),
           facts.tenure && facts.tenure->days < 30);
  // The payment records are the business's: an agent's copy holds none of them.
  fact_row("Lifetime value", business ? format_money(facts.lifetime_value) : std::string("kept with the business's payment records"));
  fact_row("Previous tickets", std::to_string(facts.previous_tickets));
  fact_row("Sentiment history", domain::desk::to_string(facts.sentiment), facts.sentiment == domain::desk::Sentiment::negative);
  ui::caption("ISSUE");
  fact_row("First contact", facts.first_contact ? "yes" : "no");
  fact_row("Repeat issue", facts.repeat_issue ? "yes: 3 or more tickets on this topic in 30 days" : "no", facts.repeat_issue);
  if (t.triage.triaged_at == 0) fact_row("Triage", "not triaged yet", true);
  if (!t.triage.retention_trigger.empty())
    fact_row("Retention workflow", "started: the customer asked \xE2\x80\x9C" + t.triage.retention_trigger + "\xE2\x80\x9D", true);
}

bool triage_entries(const domain::ProgramState& s, const domain::Ticket& t, TicketForms& f) {
  if (!f.triage_entries_touched) {
    f.triage_summary = t.triage.summary;
    f.triage_area = t.triage.product_area;
    f.triage_steps = t.triage.steps_to_reproduce;
    f.triage_errors = t.triage.error_messages;
    f.triage_screenshots = t.triage.screenshots;
    f.triage_environment = t.triage.environment;
  }
  bool changed = false;
  changed |= entry("Summary (one sentence)", "##Triage summary", f.triage_summary, f);
  // Product area: the business's list (none when it has not written one).
  const auto& areas = s.responses.product_areas;
  if (!areas.empty()) {
    ui::text("Product area", ui::color::muted);
    std::vector<std::string> labels{"None"};
    int index = 0;
    for (std::size_t i = 0; i < areas.size(); ++i) {
      labels.push_back(areas[i]);
      if (areas[i] == f.triage_area) index = static_cast<int>(i + 1);
    }
    if (choice("##Triage product area", labels, index, ui::dp(260))) {
      f.triage_area = index == 0 ? std::string() : areas[static_cast<std::size_t>(index - 1)];
      changed = true;
    }
    if (save_key()) f.triage_save_now = true;
  }
  changed |= entry("Steps to reproduce", "##Triage steps", f.triage_steps, f, true);
  changed |= entry("Error messages", "##Triage errors", f.triage_errors, f, true);
  if (ImGui::Checkbox("Screenshots attached", &f.triage_screenshots)) changed = true;
  if (save_key()) f.triage_save_now = true;
  changed |= entry("Environment (browser, system, version)", "##Triage environment", f.triage_environment, f);
  if (changed) f.triage_entries_touched = true;
  return f.triage_entries_touched &&
         (f.triage_summary != t.triage.summary || f.triage_area != t.triage.product_area || f.triage_steps != t.triage.steps_to_reproduce ||
          f.triage_errors != t.triage.error_messages || f.triage_screenshots != t.triage.screenshots ||
          f.triage_environment != t.triage.environment);
}

void fill_triage(const TicketForms& f, domain::TriageTicket& cmd) {
  if (!f.triage_entries_touched) return;
  cmd.summary = f.triage_summary;
  cmd.product_area = f.triage_area;
  cmd.steps_to_reproduce = f.triage_steps;
  cmd.error_messages = f.triage_errors;
  cmd.screenshots = f.triage_screenshots;
  cmd.environment = f.triage_environment;
}

} // namespace pd::client::views::desk_views
