#include "shared/domain/desk/decide_routing.hpp"

#include "shared/domain/program/authorization.hpp"

#include <algorithm>

namespace pd::domain::desk_rules {

using core::ErrorCode;
using core::make_error;

Outcome decide(const ProgramState& s, const ChangeRouting& c, const Actor& a, TimeMs) {
  if (!is_allowed(s, a.id, Action::manage_support_settings)) return core::forbidden("Only the business edits its teams and routing rules.");
  auto check = desk::check_routing(s, c.routing);
  if (check.error) return *check.error;
  if (c.routing == s.routing) return std::vector<EventBody>{};
  return std::vector<EventBody>{RoutingChanged{c.routing}};
}

Routed route_ticket(const ProgramState& s, const Ticket* existing, CustomerId customer, TicketId id, Category category,
                    const std::vector<Category>& tags, Priority priority, const std::vector<std::string>& topics, PersonId handler,
                    TimeMs opened_at, TimeMs now) {
  Routed out{priority, tags, {}};
  if (s.routing.rules.empty()) return out;
  const auto facts = desk::routing_facts(s, customer, id, opened_at, category, tags, priority, topics);
  const auto o = desk::evaluate(s.routing, facts);
  if (o.fired.empty()) return out;
  auto record = desk::routing_record(s, s.routing, o, priority, now);
  if (existing) {
    std::vector<std::string> before, after;
    for (const auto& f : existing->routing.fired) before.push_back(f.rule_id);
    for (const auto& f : record.fired) after.push_back(f.rule_id);
    if (before == after) return out;
    // What the business was already told stays: a hold is lifted only by taking the ticket over.
    record.held_for_business = record.held_for_business || existing->routing.held_for_business;
    if (record.team.empty() && record.person == 0) {
      record.team = existing->routing.team;
      record.team_name = existing->routing.team_name;
      record.person = existing->routing.person;
      record.because = existing->routing.because;
    }
  }
  if (o.priority) out.priority = *o.priority;
  for (auto t : o.add_tags)
    if (out.tags.size() < max_secondary_tags) out.tags.push_back(t);
  out.after.push_back(TicketRouted{id, std::move(record), desk::notified(s.routing, o, now)});
  const bool pending = existing && (existing->escalation.pending || existing->status == TicketStatus::escalated);
  if (o.escalate && !pending) {
    Escalation e;
    e.source = EscalationSource::rule;
    e.at = now;
    const auto& rule = s.routing.rules[o.fired.front()];
    std::string name = rule.name;
    for (auto i : o.fired)
      if (std::any_of(s.routing.rules[i].actions.begin(), s.routing.rules[i].actions.end(),
                      [](const desk::RuleAction& a) { return a.kind == desk::ActionKind::escalate; })) {
        name = s.routing.rules[i].name;
        break;
      }
    e.reason = "routing rule \"" + name + "\"";
    e.pending = true;
    e.agent_id = existing ? existing->agent_id : handler;
    out.after.push_back(TicketEscalated{id, std::move(e)});
  }
  return out;
}

} // namespace pd::domain::desk_rules
