// decide() for the routing rules' commands, and the routing of a ticket that decide() adds to
// OpenTicket and TriageTicket (same rules: pure, a domain error or the events).
#pragma once

#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

#include <optional>
#include <vector>

namespace pd::domain::desk_rules {

using Outcome = core::Result<std::vector<EventBody>>;

Outcome decide(const ProgramState& s, const ChangeRouting& c, const Actor& actor, TimeMs now);

// What the rules do to a ticket being opened (`existing` null: `id` is the id it will get) or
// triaged: the priority and tags to record in TicketOpened / TicketTriaged, and the events that
// follow it (TicketRouted, and TicketEscalated when a rule escalates at once). Nothing when no
// rule fires (or, on triage, when the same rules fire as before).
struct Routed {
  Priority priority = Priority::p2;
  std::vector<Category> tags;
  std::vector<EventBody> after;
};
Routed route_ticket(const ProgramState& s, const Ticket* existing, CustomerId customer, TicketId id, Category category,
                    const std::vector<Category>& tags, Priority priority, const std::vector<std::string>& topics, PersonId handler,
                    TimeMs opened_at, TimeMs now);

} // namespace pd::domain::desk_rules
