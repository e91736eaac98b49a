#include "client/views/desk/routing_parts.hpp"

#include "client/ui/ui.hpp"
#include "shared/domain/desk/routing.hpp"

#include <string>

namespace pd::client::views::desk_views {

using domain::desk::flag_label;

void routing_card(const domain::ProgramState& s, const domain::Ticket& t) {
  const auto& r = t.routing;
  if (r.fired.empty()) return;
  ui::begin_tinted(ui::tone::violet);
  ui::heading("Routing", 15);
  std::string where;
  if (!r.team_name.empty()) where = "Routed to " + r.team_name;
  else if (r.person) {
    auto m = s.member(r.person);
    where = "Routed to " + (m ? m->name : std::string("a former member"));
  }
  if (!where.empty()) ui::text_wrapped(where + (r.because.empty() ? std::string(".") : " because of the rule \"" + r.because + "\"."));
  if (t.agent_id != 0 && !where.empty())
    ui::text_wrapped("The agent keeps the customer and sees this ticket; the team's queue holds it too.", ui::color::muted);
  for (const auto& flag : r.flags) {
    if (flag == "notified") continue;
    ui::pill(flag_label(flag), flag == "onboarding_tone" ? ui::tone::accent : ui::tone::warning);
    ImGui::SameLine(0, ui::dp(6));
  }
  if (!r.auto_response.empty()) {
    ui::pill("Auto-response: " + r.auto_response, ui::tone::neutral);
    ImGui::SameLine(0, ui::dp(6));
  }
  if (!r.sla_tier.empty()) {
    ui::pill("SLA tier: " + r.sla_tier, ui::tone::neutral);
    ImGui::SameLine(0, ui::dp(6));
  }
  ImGui::NewLine();
  ui::caption("RULES THAT FIRED");
  for (const auto& f : r.fired) {
    std::string what;
    for (const auto& a : f.actions) what += (what.empty() ? "" : "; ") + a;
    ui::text_wrapped(f.rule_name + ": " + what + ".");
  }
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

bool reply_hold_notice(const domain::ProgramState& s, domain::PersonId person, const domain::Ticket& t) {
  auto why = domain::desk::why_not_reply(s, person, t);
  if (!why) return false;
  ui::message_box(why->message, ui::tone::danger);
  return true;
}

} // namespace pd::client::views::desk_views
