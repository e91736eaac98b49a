#include "shared/domain/desk/apply_routing.hpp"

#include "shared/domain/support/apply_support.hpp"

#include <algorithm>

namespace pd::domain::desk_apply {

ApplyOutcome apply(ProgramState& s, const Event&, const RoutingChanged& b) {
  s.routing = b.routing;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketRouted& b) {
  auto it = s.tickets.find(b.ticket_id);
  if (it == s.tickets.end()) return {true};
  auto& t = it->second;
  t.routing = b.routing;
  t.updated_at = e.at;
  t.version = e.seq;
  s.track_ticket(t);
  std::string why = t.routing.because.empty() ? std::string() : " because of the rule \"" + t.routing.because + "\"";
  const std::string where = !t.routing.team_name.empty() ? "Routed to " + t.routing.team_name + why + ": "
                            : t.routing.fired.empty()     ? std::string("Routing rules: ")
                                                          : t.routing.fired.front().rule_name + ": ";
  const std::string text = where + "\"" + t.subject + "\"";
  // The people a rule notifies.
  for (auto p : b.notify) support_apply::notify(s, p, e, "routed", text, t.id, t.customer_id);
  // The assigned agent keeps the ticket and its customer, and is told where it went and why.
  const bool elsewhere = !t.routing.team.empty() || (t.routing.person != 0 && t.routing.person != t.agent_id);
  if (elsewhere && t.agent_id != 0 && std::find(b.notify.begin(), b.notify.end(), t.agent_id) == b.notify.end() && t.agent_id != e.actor) {
    const std::string told = text + " (you keep the ticket and its customer)";
    // A ticket routed as it is opened: its one notification of the new ticket says so.
    auto& items = s.inboxes[t.agent_id].items;
    if (!items.empty() && items.back().kind == "ticket_opened" && items.back().ticket_id == t.id && items.back().at == e.at)
      items.back().text += ". " + where.substr(0, where.size() - 2) + "; you keep the ticket and its customer.";
    else
      support_apply::notify(s, t.agent_id, e, "routed", told, t.id, t.customer_id);
  }
  return {};
}

} // namespace pd::domain::desk_apply
