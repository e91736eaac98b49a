// Events of the routing rules (part of EventBody, see events.hpp).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/desk/routing.hpp"

namespace pd::domain {

// The business saved its teams and rules (the whole of them).
struct RoutingChanged {
  static constexpr const char* type = "RoutingChanged";
  desk::RoutingSettings routing;
  bool operator==(const RoutingChanged&) const = default;
};

// The rules ran on a ticket (opened, or triaged into another category or priority) and at least
// one fired. The priority and tags a rule set are already in TicketOpened / TicketTriaged; an
// escalation follows as TicketEscalated (source rule). Customers never see it.
struct TicketRouted {
  static constexpr const char* type = "TicketRouted";
  TicketId ticket_id = 0;
  desk::TicketRouting routing;
  std::vector<PersonId> notify; // told of the ticket (on-call by the rota, a team, a person)
  bool operator==(const TicketRouted&) const = default;
};

PD_JSON_TYPE(RoutingChanged, routing)
PD_JSON_TYPE(TicketRouted, ticket_id, routing, notify)

} // namespace pd::domain
