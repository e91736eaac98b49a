// What the routing rules did to one ticket (seed 002, sections 1 and 8): the rules that fired
// and what each did, the team (or person) the ticket was routed to, and the flags later work
// hooks (retention workflow, auto-response template, onboarding tone, product team). Kept on the
// ticket by apply() from TicketRouted (desk/routing_events.hpp); customers never see it.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pd::domain::desk {

// One rule that fired, with what it did in words ("routed to Security", "priority set to P0").
struct FiredRule {
  std::string rule_id;
  std::string rule_name;
  std::vector<std::string> actions;
  bool operator==(const FiredRule&) const = default;
};

struct TicketRouting {
  TimeMs at = 0;                   // when the rules last ran on the ticket (0: never)
  std::string team;                // the team's key; its queue holds the ticket ("" none)
  std::string team_name;
  PersonId person = 0;             // routed to a person (a member of the business), 0 none
  std::string because;             // the name of the rule that chose the team or person
  bool held_for_business = false;  // agents may not reply until the business takes the ticket over
  std::vector<std::string> flags;  // onboarding_tone, product_team, retention_workflow, notify, ...
  std::string sla_tier;            // an SLA tier a rule applied ("" none)
  std::string auto_response;       // the template id a rule asked to send ("" none)
  std::vector<FiredRule> fired;    // the rules that fired, in order
  bool operator==(const TicketRouting&) const = default;
};

PD_JSON_TYPE(FiredRule, rule_id, rule_name, actions)
PD_JSON_TYPE(TicketRouting, at, team, team_name, person, because, held_for_business, flags, sla_tier,
                                                auto_response, fired)

} // namespace pd::domain::desk
