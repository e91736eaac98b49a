// The agent's workspace above the list: own performance score (with its components and the
// weights) with a link to its performance history, active warnings with the end of their
// monitoring window, follow-up reminders with the check-ins' Done and Move, and scheduling one.
#include "client/views/support/agent_workspace_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/check_in_parts.hpp"
#include "client/views/support/support_access_parts.hpp"
#include "client/views/support/ticket_parts.hpp"

#include "shared/domain/support/check_ins.hpp"
#include "shared/domain/support/support_access.hpp"
#include "shared/domain/support/support_overview.hpp"

#include <cstdio>

namespace pd::client::views {

namespace {

std::string score_text(double v) {
  char buf[32];
  if (v < 0) return std::string("no data");
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return std::string(buf);
}

void performance_card(const domain::ProgramState& s, domain::PersonId me, const domain::PerformanceScore& perf, float col, float card_h,
                      Dispatch& dispatch) {
  if (ui::begin_card("My performance", col, card_h)) {
    ui::caption("MY PERFORMANCE SCORE");
    {
      ui::FontScope font(ui::fonts().bold, 24);
      ui::text(score_text(perf.score), perf.score >= 0 && perf.score < 60 ? ui::color::error : ui::color::text);
    }
    ui::FontScope font(ui::fonts().regular, 13);
    ui::text("SLA compliance " + score_text(perf.sla_compliance) + " (40%)", ui::color::muted);
    ui::text("Response time " + score_text(perf.response) + " (20%)", ui::color::muted);
    ui::text("Customer ratings " + score_text(perf.customer) + " (25%)", ui::color::muted);
    ui::text("Business ratings " + score_text(perf.business) + " (15%)", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    if (ui::link("Performance history")) dispatch(Navigate{program_route(Page::agent, s.id, me)});
  }
  ui::end_card();
}

void warnings_card(const domain::AgentSupport& record, std::int64_t now, float col, float card_h) {
  if (ui::begin_card("My warnings", col, card_h)) {
    ui::caption("WARNINGS");
    bool any = false;
    for (const auto& w : record.warnings) {
      if (w.monitor_until <= now) continue;
      any = true;
      ui::text_wrapped(w.reason, ui::color::warning);
      ui::FontScope font(ui::fonts().regular, 13);
      ui::text("Monitored until " + format_day_ms(w.monitor_until), ui::color::muted);
    }
    if (!any) ui::text("No active warnings.", ui::color::muted);
    ui::text(count_text(record.overdue_flags, "overdue flag", "overdue flags"), record.overdue_flags ? ui::color::error : ui::color::muted);
  }
  ui::end_card();
}

void follow_ups_card(const domain::ProgramState& s, domain::PersonId me, std::int64_t now, float col, float card_h, UiState& ui_state,
                     Dispatch& dispatch) {
  if (ui::begin_card("Follow-ups", col, card_h)) {
    ui::caption("FOLLOW-UPS");
    const auto ups = domain::follow_ups(s, me, now); // check-ins first, soonest first
    if (ups.empty()) ui::text("Nothing to follow up.", ui::color::muted);
    int shown = 0;
    for (const auto& u : ups) {
      if (++shown > 3) { // three fit with their buttons; the customer pages hold the rest
        ui::text("\xE2\x80\xA6" "and " + std::to_string(ups.size() - 3) + " more", ui::color::muted);
        break;
      }
      ImGui::PushID(shown);
      const std::string label = customer_name(s, u.customer_id) + "##follow-up";
      if (ui::link(label.c_str())) dispatch(Navigate{program_route(Page::customer, s.id, u.customer_id)});
      ImGui::SameLine(0, ui::dp(6));
      ui::FontScope font(ui::fonts().regular, 13);
      const auto check_in = u.check_in_id ? s.check_ins.find(u.check_in_id) : s.check_ins.end();
      if (check_in != s.check_ins.end()) {
        const bool due = domain::check_in_due(check_in->second, now);
        ui::text(check_in_when(check_in->second, now), due ? ui::color::error : ui::color::muted);
        ui::text(u.detail, ui::color::muted);
        if (domain::may_change_check_in(s, me, check_in->second)) { // none while it may not work support
          ImGui::SameLine(0, ui::dp(8));
          check_in_buttons(s, me, check_in->second, ui_state, dispatch, "follow-ups", now);
        }
      } else {
        ui::text(u.detail.empty() ? u.reason : u.detail, ui::color::muted);
      }
      ImGui::PopID();
    }
    ImGui::Dummy(ui::dp(0, 2));
    // An agent who may not work support leaves its check-ins to the business (check_ins.hpp).
    if (domain::check_in_refusal(s, me)) ui::text("The business handles your check-ins meanwhile.", ui::color::muted);
    else if (ui::link("Schedule a check-in##follow-ups")) open_check_in_form(ui_state, "follow-ups", 0, nullptr, now);
  }
  ui::end_card();
}

} // namespace

void draw_agent_workspace(const domain::ProgramState& s, domain::PersonId me, std::int64_t now, UiState& ui_state, Dispatch& dispatch) {
  const float gap = ui::dp(16);
  const float col = column_width(ImGui::GetContentRegionAvail().x, 3, gap, ui::dp(260));
  const bool row = col < ImGui::GetContentRegionAvail().x;
  const float card_h = row ? ui::dp(262) : 0.0f; // stacked (a phone): each card as tall as its content
  const auto rec = s.agent_support.find(me);
  const domain::AgentSupport empty;
  const auto& record = rec == s.agent_support.end() ? empty : rec->second;
  const auto perf = domain::performance_of(record, now);
  // While it may not work support: why, and that the business queue handles its customers.
  if (!domain::why_no_support(s, me).empty()) {
    off_support_notice(s, me);
    ImGui::Dummy(ui::dp(0, 10));
  }
  performance_card(s, me, perf, col, card_h, dispatch);
  if (row) ImGui::SameLine(0, gap);
  warnings_card(record, now, col, card_h);
  if (row) ImGui::SameLine(0, gap);
  follow_ups_card(s, me, now, col, card_h, ui_state, dispatch);
  ImGui::Dummy(ui::dp(0, 10));
  if (ui_state.check_in.open && ui_state.check_in.where == "follow-ups") {
    draw_check_in_form(s, me, ui_state, dispatch, "follow-ups", now);
    ImGui::Dummy(ui::dp(0, 10));
  }
}

} // namespace pd::client::views
