#include "client/views/support/escalation_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/ui/ui.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"

#include <string>

namespace pd::client::views {

namespace {

const char* source_word(domain::EscalationSource s) {
  switch (s) {
  case domain::EscalationSource::customer: return "customer";
  case domain::EscalationSource::agent: return "agent";
  case domain::EscalationSource::sla: return "SLA rules";
  case domain::EscalationSource::rule: return "routing rules";
  case domain::EscalationSource::none: break;
  }
  return "support team";
}

std::string when_text(std::int64_t at, std::int64_t now) { return relative_time(at, now) + " \xC2\xB7 " + format_day_ms(at); }

// The whole escalation: the reason (customers, SLA rules) and the agent's note.
void escalation_details(const domain::Escalation& e) {
  if (!e.reason.empty()) {
    const float x0 = ImGui::GetCursorPosX();
    ui::text("Reason", ui::color::muted);
    ImGui::SameLine(x0 + ui::dp(170));
    ui::selectable_text(e.reason);
  }
  if (e.source == domain::EscalationSource::agent) escalation_note_fields(e.note);
}

// "Show note" / "Hide note" for a row; true when it was pressed.
bool note_toggle(bool open) { return ui::link(open ? "Hide note" : "Show note"); }

} // namespace

void escalation_note_fields(const domain::EscalationNote& note) {
  const float lw = ui::dp(170);
  auto line = [&](const char* label, const std::string& value) {
    const float x0 = ImGui::GetCursorPosX(); // inside an indent too
    ui::text(label, ui::color::muted);
    ImGui::SameLine(x0 + lw);
    ImGui::PushTextWrapPos(0.0f);
    if (value.empty()) ui::text_wrapped("not given", ui::color::muted);
    else ui::selectable_text(value);
    ImGui::PopTextWrapPos();
  };
  line("Summary", note.summary);
  line("Attempts so far", note.attempts_so_far);
  line("Customer sentiment", note.customer_sentiment);
  line("Business impact", note.business_impact);
  line("Recommended action", note.recommended_action);
}

void escalation_card(const domain::ProgramState& s, const domain::Ticket& t, std::int64_t now) {
  const auto& e = t.escalation;
  if (e.source == domain::EscalationSource::none) return;
  ui::begin_tinted(e.pending ? ui::tone::warning : ui::tone::neutral);
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text(e.source == domain::EscalationSource::agent ? "Escalation note" : "Escalation");
  }
  ImGui::SameLine(0, ui::dp(10));
  if (e.pending) ui::pill("Awaiting the business", ui::tone::warning);
  else ui::pill("Answered", ui::tone::success);
  std::string by = e.source == domain::EscalationSource::agent ? member_name(s, e.by)
                   : e.source == domain::EscalationSource::customer ? customer_name(s, t.customer_id)
                   : e.source == domain::EscalationSource::rule     ? std::string("The routing rules")
                                                                    : std::string("The SLA rules");
  ui::text(by + " escalated " + when_text(e.at, now), ui::color::muted);
  escalation_details(e);
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

void audit_entry(const domain::AuditEntry& e, std::int64_t now) {
  ui::begin_tinted(ui::tone::neutral);
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text(e.who);
  }
  ImGui::SameLine(0, ui::dp(8));
  ui::text("system \xC2\xB7 " + when_text(e.at, now), ui::color::muted);
  if (e.internal) {
    ImGui::SameLine(0, ui::dp(10));
    ui::pill("Internal", ui::tone::neutral);
  }
  ui::selectable_text(e.text);
  if (e.note && !e.note->recommended_action.empty()) ui::text_wrapped("Recommended action: " + e.note->recommended_action, ui::color::muted);
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 4));
}

void escalation_queue(const domain::ProgramState& s, const std::vector<domain::TicketId>& tickets, std::int64_t& selected,
                      std::int64_t now, Dispatch& dispatch) {
  if (tickets.empty()) ui::text("Nothing is waiting for you.", ui::color::muted);
  for (auto id : tickets) {
    const auto* t = s.ticket(id);
    if (!t) continue;
    ImGui::PushID(static_cast<int>(id));
    const std::string label = "#" + std::to_string(t->id) + " " + t->subject;
    if (ui::link(label.c_str())) dispatch(Navigate{program_route(Page::ticket, s.id, t->id)});
    ImGui::SameLine(0, ui::dp(10));
    ui::text(std::string("from ") + source_word(t->escalation.source) + ", " + relative_time(t->escalation.at, now), ui::color::warning);
    // The whole note of an agent's escalation on selection (the others say all in the summary).
    const bool has_note = t->escalation.source == domain::EscalationSource::agent;
    const bool open = has_note && selected == id;
    if (has_note) {
      ImGui::SameLine(0, ui::dp(10));
      if (note_toggle(open)) selected = open ? 0 : id;
    }
    ui::text_wrapped(domain::escalation_summary(s, t->escalation), ui::color::muted);
    if (open) {
      ImGui::Indent(ui::dp(12));
      escalation_details(t->escalation);
      if (ui::secondary_button("Open ticket")) dispatch(Navigate{program_route(Page::ticket, s.id, t->id)});
      ImGui::Unindent(ui::dp(12));
    }
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::PopID();
  }
}

void agent_escalations(const domain::ProgramState& s, domain::PersonId agent, std::int64_t& selected, std::int64_t now,
                       Dispatch& dispatch) {
  const auto list = domain::escalations_of_agent(s, agent);
  if (list.empty()) ui::text("No escalations on this agent's tickets.", ui::color::muted);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& a = list[i];
    ImGui::PushID(static_cast<int>(i));
    const std::string label = "#" + std::to_string(a.ticket_id) + " " + a.subject;
    if (ui::link(label.c_str())) dispatch(Navigate{program_route(Page::ticket, s.id, a.ticket_id)});
    ImGui::SameLine(0, ui::dp(10));
    ui::pill(std::string("by ") + source_word(a.escalation.source), a.pending ? ui::tone::warning : ui::tone::neutral);
    if (a.pending) {
      ImGui::SameLine(0, ui::dp(6));
      ui::pill("Awaiting the business", ui::tone::warning);
    }
    // One selection per list: the escalation's instant and ticket. The whole note of the
    // agent's own escalations (a customer's or the SLA rules' say all in the summary).
    const std::int64_t key = a.escalation.at ^ (a.ticket_id << 1);
    const bool has_note = a.escalation.source == domain::EscalationSource::agent;
    const bool open = has_note && selected == key;
    if (has_note) {
      ImGui::SameLine(0, ui::dp(10));
      if (note_toggle(open)) selected = open ? 0 : key;
    }
    ui::text_wrapped(when_text(a.escalation.at, now) + " \xC2\xB7 " + domain::escalation_summary(s, a.escalation), ui::color::muted);
    if (open) {
      ImGui::Indent(ui::dp(12));
      escalation_details(a.escalation);
      ImGui::Unindent(ui::dp(12));
    }
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::PopID();
  }
}

} // namespace pd::client::views
