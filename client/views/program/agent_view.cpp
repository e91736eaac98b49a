// One agent (#/p/{id}/agents/{person}): who the agent is, its partner status and customers,
// then its performance history (performance_parts.cpp). The business opens it from the
// agents list; an agent opens its own from its workspace ("Performance history"). Anyone
// else is told the agent is not visible to them, as the server's support record answers 404.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/views/support/escalation_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/performance_parts.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"
#include "client/views/support/support_access_parts.hpp"

#include "shared/domain/program/authorization.hpp"

#include <algorithm>

namespace pd::client::views {

void draw_agent(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const auto me = my_id(app);
    const auto id = app.route.item_id;
    const bool business = identity::is_business_role(current_role(app, ui_state));
    const auto agent = s.agents.find(id);
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
    ui::begin_column("agent-page", avail);
    if (business && back_link("Agents")) dispatch(Navigate{program_route(Page::agents, s.id)});
    if (!business && back_link("Tickets")) dispatch(Navigate{program_route(Page::tickets, s.id)});
    if (agent == s.agents.end() || !domain::is_allowed(s, me, domain::Action::read_support_record, {.person = id})) {
      page_title("Agent not found", business ? "No such agent in " + s.name + "." : "You can see your own performance history only.");
    } else {
      const auto& a = agent->second;
      const auto* m = s.member(id);
      ui::heading(member_name(s, id) + (id == me ? " (you)" : ""), 26);
      ImGui::SameLine(0, ui::dp(12));
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui::dp(6));
      ui::pill(partner_status_label(a.status), partner_tone(a.status));
      const auto customers = customers_of_agent(s, id).size();
      ui::text((m ? m->email + " \xC2\xB7 " : std::string()) + count_text(static_cast<std::int64_t>(customers), "customer", "customers") +
                   " \xC2\xB7 partner since " + format_day_ms(m ? m->joined_at : a.status_since),
               ui::color::muted);
      ImGui::Dummy(ui::dp(0, 12));
      // Who may work support now (support_access_parts): remediation, customers held in the queue.
      if (business && support_access_pending(s, id)) {
        if (ui::begin_card("support-access", ImGui::GetContentRegionAvail().x))
          support_access_card(s, id, domain::is_allowed(s, me, domain::Action::manage_agents), ui_state, dispatch, clock_ms());
        ui::end_card();
        ImGui::Dummy(ui::dp(0, 12));
      } else if (id == me) {
        off_support_notice(s, me);
      }
      draw_performance_history(s, id, me, clock_ms(), avail, dispatch);
      // The business: the agent's history of escalations, each with the whole note on selection.
      if (business) {
        ImGui::Dummy(ui::dp(0, 12));
        if (ui::begin_card("agent-escalation-history", ImGui::GetContentRegionAvail().x)) {
          ui::heading("History of escalations", 16);
          agent_escalations(s, id, ui_state.agent_escalation_open, clock_ms(), dispatch);
        }
        ui::end_card();
      }
    }
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
