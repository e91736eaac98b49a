// The program's partner agents (#/p/{id}/agents): partner status (coloured), the reason
// given, how many customers each supports, and the status changes (suspend, remove,
// terminate, reinstate), each confirmed in a dialog that asks for the reason.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/views/certification/badge_parts.hpp"
#include "client/views/support/escalation_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/support_access_parts.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"

#include "shared/domain/support/support_overview.hpp"

#include <cstdio>

#include <algorithm>

namespace pd::client::views {

namespace {

using domain::PartnerStatus;

struct StatusAction {
  const char* label;
  PartnerStatus to;
};

// The changes offered from a status: those the shared rule allows (none once terminated).
std::vector<StatusAction> actions_from(PartnerStatus s) {
  static const StatusAction all[] = {{"Reinstate", PartnerStatus::active},
                                     {"Suspend", PartnerStatus::suspended},
                                     {"Remove", PartnerStatus::removed},
                                     {"Terminate", PartnerStatus::terminated}};
  std::vector<StatusAction> out;
  for (const auto& a : all)
    if (domain::can_change_status(s, a.to)) out.push_back(a);
  return out;
}

// The first cells of an agent's row: the name (a link to the agent's page) over the email, the
// partner status, and the Certified Support Partner badge with its dates (or the certification status).
void identity_cells(const domain::ProgramState& s, const domain::Agent& agent, float row_h, std::int64_t now, Dispatch& dispatch) {
  const auto* a = &agent;
  const auto* m = s.member(a->person_id);
  ui::list_cell(0);
  {
    const float line = ImGui::GetTextLineHeight();
    ui::center_in_row(row_h, line * 2);
    ui::FontScope font(ui::fonts().bold, 0.0f);
    // The agent's page: its performance history (agent_view.cpp).
    const std::string name = member_name(s, a->person_id) + "##agent page";
    if (ui::link(name.c_str())) dispatch(Navigate{program_route(Page::agent, s.id, a->person_id)});
  }
  {
    ui::FontScope font(ui::fonts().regular, 13);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui::dp(9));
    ui::text(m ? m->email : "", ui::color::muted);
  }
  ui::list_cell(1);
  ui::center_in_row(row_h, ui::pill_size("Active").y);
  ui::pill(partner_status_label(a->status), partner_tone(a->status));
  // The Certified Support Partner badge with its dates, or the certification status.
  ui::list_cell(2);
  if (const auto badge = domain::certified_badge(s.certification, a->person_id, now)) {
    ui::center_in_row(row_h, ui::pill_size(certified_badge_label).y + ImGui::GetTextLineHeight());
    ui::pill(certified_badge_label, ui::tone::success);
    ui::FontScope font(ui::fonts().regular, 12.5f);
    ui::text(badge_span_text(*badge), ui::color::muted); // certified - expires
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", badge_dates_text(*badge).c_str());
  } else {
    ui::center_in_row(row_h, ImGui::GetTextLineHeight());
    ui::text(domain::label_of(domain::certification_status(s.certification, a->person_id)), ui::color::muted);
  }
}

// The reason given for the status, cut to one line (the whole reason on hover).
void reason_cell(const domain::Agent& agent, float row_h) {
  const auto* a = &agent;
  ui::list_cell(3);
  ui::center_in_row(row_h, ImGui::GetTextLineHeight());
  if (a->status == PartnerStatus::active) {
    ui::text("\xE2\x80\x94", ui::color::muted);
  } else {
    // One line, cut with an ellipsis; the whole reason in a tooltip.
    std::string reason = a->status_reason.empty() ? "No reason given" : a->status_reason;
    const float w = ImGui::GetContentRegionAvail().x;
    std::string shown = reason;
    while (shown.size() > 4 && ImGui::CalcTextSize(shown.c_str()).x > w) {
      shown.resize(shown.size() - 4);
      while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
      shown += "\xE2\x80\xA6";
    }
    ui::text(shown);
    if (ImGui::IsItemHovered() && shown != reason) ImGui::SetTooltip("%s", reason.c_str());
  }
}

// The customers, the date of the status, the support record (score and overdue flags) and the
// remediation or warning flag.
void support_cells(const domain::ProgramState& s, const domain::Agent& agent, float row_h, std::int64_t now) {
  const auto* a = &agent;
  ui::list_cell(4);
  ui::center_in_row(row_h, ImGui::GetTextLineHeight());
  ui::text(std::to_string(customers_of_agent(s, a->person_id).size()));
  ui::list_cell(5);
  ui::center_in_row(row_h, ImGui::GetTextLineHeight());
  ui::text(format_day_ms(a->status_since), ui::color::muted);
  // Support record: overdue flags and the performance score; the active warning.
  const auto rec = s.agent_support.find(a->person_id);
  const domain::AgentWarning* active_warning = nullptr;
  {
    ui::list_cell(6);
    ui::center_in_row(row_h, ImGui::GetTextLineHeight() * 2);
    if (rec != s.agent_support.end()) {
      const auto perf = domain::performance_of(rec->second, now);
      char buf[64];
      if (perf.score >= 0) std::snprintf(buf, sizeof buf, "Score %.0f", perf.score);
      else std::snprintf(buf, sizeof buf, "Score \xE2\x80\x94");
      ui::text(buf, perf.score >= 0 && perf.score < 60 ? ui::color::error : ui::color::text);
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui::dp(4));
      const int flags_n = rec->second.overdue_flags;
      ui::text(count_text(flags_n, "overdue flag", "overdue flags"), flags_n ? ui::color::error : ui::color::muted);
      for (const auto& w : rec->second.warnings)
        if (w.monitor_until > now) active_warning = &w;
    } else {
      ui::text("No tickets yet", ui::color::muted);
    }
    ui::list_cell(7);
    if (rec != s.agent_support.end() && rec->second.remediation_required) {
      ui::center_in_row(row_h, ui::pill_size("R").y);
      remediation_pill(s, a->person_id, true); // the business decides reinstatement here
    } else if (active_warning) {
      ui::center_in_row(row_h, ui::pill_size("W").y);
      ui::pill("Warned", ui::tone::warning);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s\nMonitored until %s", active_warning->reason.c_str(), format_day_ms(active_warning->monitor_until).c_str());
    } else {
      ui::center_in_row(row_h, ImGui::GetTextLineHeight());
      ui::text("\xE2\x80\x94", ui::color::muted);
    }
  }
}

// The status changes offered (each confirmed in a dialog), Warn, and Stop referral commission.
void actions_cell(const AppState& app, const domain::ProgramState& s, const domain::Agent& agent, float row_h, UiState& ui_state,
                  Dispatch& dispatch) {
  const auto* a = &agent;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ui::dp(10, 5));
  ui::center_in_row(row_h, ImGui::GetFrameHeight());
  const auto options = actions_from(a->status);
  if (a->status == PartnerStatus::active) {
    if (ui::secondary_button("Warn")) {
      ui_state.warn = WarnForm{};
      ui_state.warn.person_id = a->person_id;
      ui_state.warn.subject = member_name(s, a->person_id);
      ui_state.support_forms.erase(FormId::warn);
    }
    if (!options.empty()) ImGui::SameLine(0, ui::dp(6));
  }
  // After a termination for fraud, the one decision that stops referral commission:
  // its own button and form, never part of the termination itself.
  const auto* referral = domain::referrer(s.commissions, a->person_id);
  if (referral && referral->referral_stopped()) {
    ui::text("Final \xC2\xB7 referral commission stopped " + format_day_ms(referral->referral_stopped_at), ui::color::error);
  } else if (a->status == PartnerStatus::terminated && allowed(app, domain::Action::stop_referral_commission)) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::error);
    const bool stop = ui::secondary_button("Stop referral commission\xE2\x80\xA6");
    ImGui::PopStyleColor();
    if (stop) {
      ui_state.stop_referral = StopReferralForm{};
      ui_state.stop_referral.person_id = a->person_id;
      ui_state.stop_referral.subject = member_name(s, a->person_id);
      ui_state.support_forms.erase(FormId::stop_referral);
    }
  } else if (options.empty()) {
    ui::text("Final", ui::color::muted);
  }
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (i) ImGui::SameLine(0, ui::dp(6));
    const bool final_step = options[i].to == PartnerStatus::terminated;
    if (final_step) ImGui::PushStyleColor(ImGuiCol_Text, ui::color::error);
    const bool pressed = ui::secondary_button(options[i].label);
    if (final_step) ImGui::PopStyleColor();
    if (pressed) {
      Confirm c;
      c.kind = Confirm::Kind::agent_status;
      c.program_id = s.id;
      c.person_id = a->person_id;
      c.status = options[i].to;
      c.expected_version = a->version;
      c.subject = member_name(s, a->person_id);
      dispatch(AskConfirm{c});
    }
  }
  ImGui::PopStyleVar();
}

void agents_table(const AppState& app, const domain::ProgramState& s, const std::vector<const domain::Agent*>& agents, bool can_manage,
                  UiState& ui_state, Dispatch& dispatch) {
  const float row_h = ui::dp(52);
  const auto now = clock_ms();
  if (ui::begin_list_table("agents", 9)) {
    ui::list_column("Agent", ImGuiTableColumnFlags_WidthStretch, 1.6f, 0, ui::CardPart::title);
    ui::list_column("Partner status", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("Certification", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ui::list_column("Reason", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::list_column("Customers", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ui::list_column("Since", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ui::list_column("Support", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ui::list_column("Warning", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ui::list_column("##Actions", ImGuiTableColumnFlags_WidthStretch, 3.4f, 0, ui::CardPart::plain);
    ui::table_header_row(9);
    for (const auto* a : agents) {
      ImGui::PushID(static_cast<int>(a->person_id));
      ui::list_row(row_h);
      identity_cells(s, *a, row_h, now, dispatch);
      reason_cell(*a, row_h);
      support_cells(s, *a, row_h, now);
      ui::list_cell(8);
      if (can_manage) actions_cell(app, s, *a, row_h, ui_state, dispatch);
      ImGui::PopID();
    }
    ui::end_list_table();
  }
}

// The agents' histories of escalations (escalation_parts): one link per agent; the chosen
// one's escalations, each with its summary and, on "Show note", the whole escalation note.
void escalation_histories(const domain::ProgramState& s, const std::vector<const domain::Agent*>& agents, UiState& ui_state, Dispatch& dispatch) {
  if (!agents.empty()) {
    ImGui::Dummy(ui::dp(0, 10));
    ImGui::AlignTextToFramePadding();
    ui::text("History of escalations:", ui::color::muted);
    for (const auto* a : agents) {
      ImGui::SameLine(0, ui::dp(12));
      ImGui::PushID(static_cast<int>(a->person_id));
      const std::string label = member_name(s, a->person_id) + "'s escalations";
      if (ui::link(label.c_str())) {
        ui_state.escalations_agent = ui_state.escalations_agent == a->person_id ? 0 : a->person_id;
        ui_state.agent_escalation_open = 0;
      }
      ImGui::PopID();
    }
  }
  if (ui_state.escalations_agent && s.agents.count(ui_state.escalations_agent)) {
    ImGui::Dummy(ui::dp(0, 12));
    if (ui::begin_card("agent-escalations", ImGui::GetContentRegionAvail().x)) {
      ui::heading("Escalations on " + member_name(s, ui_state.escalations_agent) + "'s tickets", 16);
      agent_escalations(s, ui_state.escalations_agent, ui_state.agent_escalation_open, clock_ms(), dispatch);
    }
    ui::end_card();
  }
}

// The warning form (WarnAgent): a reason; the agent is monitored for 14 days.
void warn_form(UiState& ui_state, Dispatch& dispatch) {
  if (!ui_state.warn.person_id) return;
  auto& w = ui_state.warn;
  const auto& wf = ui_state.form(FormId::warn);
  ImGui::Dummy(ui::dp(0, 12));
  ui::begin_tinted(ui::tone::warning);
  ui::heading("Warn " + w.subject, 16);
  ui::text_wrapped("The agent sees the reason and is monitored for the next " + std::to_string(domain::warning_monitor_days) + " days.",
                   ui::color::muted);
  if (!wf.errors.general.empty()) ui::error_box(wf.errors.general);
  labeled_input("Reason", "##Warning reason", "What needs to change", w.reason, wf.errors.field("reason"));
  const auto footer = ui::form_footer("Send warning", "Sending\xE2\x80\xA6", wf.sending, !w.reason.empty(), "Cancel##warn");
  if (footer.submit) dispatch(SendCommand{FormId::warn, domain::WarnAgent{w.person_id, w.reason}});
  if (footer.cancel) w = WarnForm{};
  ui::end_tinted();
}

// Stopping referral commission after a termination for fraud (StopReferralCommission).
void stop_referral_form(UiState& ui_state, Dispatch& dispatch) {
  if (!ui_state.stop_referral.person_id) return;
  auto& f = ui_state.stop_referral;
  const auto& sf = ui_state.form(FormId::stop_referral);
  const std::string who = f.subject.substr(0, f.subject.find(' '));
  ImGui::Dummy(ui::dp(0, 12));
  if (f.bring_into_view) {
    ImGui::SetScrollHereY(0.1f);
    f.bring_into_view = false;
  }
  ui::begin_tinted(ui::tone::danger);
  ui::heading("Stop " + f.subject + "'s referral commission", 16);
  ui::text_wrapped("Only for a partnership terminated for fraud, data misuse or material breach. Payments made from now on by the "
                   "customers " + who + " referred earn " + who + " no referral commission. Every line already on " + who +
                       "'s ledger stays, and " + who + " sees the reason on the statement. This cannot be undone.",
                   ui::color::text);
  if (!sf.errors.general.empty()) ui::error_box(sf.errors.general);
  labeled_input("Reason", "##Stop reason", "What the fraud was", f.reason, sf.errors.field("reason"));
  ImGui::Checkbox((who + " was terminated for fraud###Terminated for fraud").c_str(), &f.fraud_confirmed);
  ui::field_error(sf.errors.field("fraud_confirmed"));
  ImGui::Dummy(ui::dp(0, 4));
  const auto footer = ui::form_footer("Stop referral commission", "Stopping\xE2\x80\xA6", sf.sending, !f.reason.empty() && f.fraud_confirmed,
                                      "Cancel##stop_referral");
  if (footer.submit) dispatch(SendCommand{FormId::stop_referral, domain::StopReferralCommission{f.person_id, f.reason, f.fraud_confirmed}});
  if (footer.cancel) f = StopReferralForm{};
  ui::end_tinted();
}

} // namespace

void draw_agents(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
    ImGui::BeginChild("agents-page", ImVec2(avail, 0), ImGuiChildFlags_NavFlattened, ImGuiWindowFlags_NoScrollbar);
    const auto agents = agents_by_name(s);
    int active = 0;
    for (const auto* a : agents) active += a->status == PartnerStatus::active ? 1 : 0;
    page_title("Agents", count_text(static_cast<std::int64_t>(agents.size()), "partner agent", "partner agents") + ", " +
                             std::to_string(active) + " active");
    const bool can_manage = allowed(app, domain::Action::manage_agents);

    if (agents.empty()) {
      ui::empty_state("No agents yet", "Invite your first partner agent from People.");
    } else {
      agents_table(app, s, agents, can_manage, ui_state, dispatch);
    }
    escalation_histories(s, agents, ui_state, dispatch);
    // Who may work support now (support_access_parts): remediation to record, customers held in
    // the business queue and whether they come back.
    for (const auto* a : agents)
      if (support_access_pending(s, a->person_id)) {
        ImGui::Dummy(ui::dp(0, 12));
        ImGui::PushID(static_cast<int>(a->person_id));
        if (ui::begin_card("support-access", ImGui::GetContentRegionAvail().x))
          support_access_card(s, a->person_id, can_manage, ui_state, dispatch, clock_ms());
        ui::end_card(); // a card of its own: the message boxes in it split the draw list
        ImGui::PopID();
      }
    warn_form(ui_state, dispatch);
    stop_referral_form(ui_state, dispatch);
    ImGui::EndChild();
  }
  end_page();
}

} // namespace pd::client::views
