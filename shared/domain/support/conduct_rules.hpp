// The abuse procedure's rules (docs/requirements.md, Abuse and threats): remain professional
// and document (mark the customer's abusive messages), one warning, then pause the conversation
// and hand it to a manager, who resumes it; after repeated abuse the business may restrict the
// customer's ticketing for a period. decide() and the ticket page ask the same questions here.
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"

#include <optional>
#include <vector>

namespace pd::domain {

// Why `person` may not take `step` on ticket `t` now (mark: message_id names the customer's
// message), as decide() answers it: forbidden when the person may not at all, conflict (with
// the ticket's version) when the procedure or the ticket's state does not allow it yet.
std::optional<core::Error> why_not_abuse_step(const ProgramState& s, PersonId person, const Ticket& t, AbuseStep step,
                                              std::int64_t message_id = 0);
inline bool abuse_step_offered(const ProgramState& s, PersonId person, const Ticket& t, AbuseStep step, std::int64_t message_id = 0) {
  return !why_not_abuse_step(s, person, t, step, message_id);
}
bool marked_abusive(const Ticket& t, std::int64_t message_id);

// The restriction in force at `now`, if any (the latest, not lifted, not yet over).
const TicketingRestriction* active_restriction(const Customer& c, TimeMs now);
// What a customer is told when it may not write now: on ticket `t` (nullptr: opening a ticket)
// while the conversation is paused, or while its ticketing is restricted. nullopt: it may.
std::optional<core::Error> customer_refusal(const ProgramState& s, CustomerId customer, const Ticket* t, TimeMs now);

// The customer's messages marked abusive, over all its tickets.
int abuse_marks_of(const ProgramState& s, CustomerId customer);
// Why `person` may not restrict the customer's ticketing (lift: end the restriction in force).
std::optional<core::Error> why_not_restrict(const ProgramState& s, PersonId person, CustomerId customer, bool lift, TimeMs now);

// The customers whose ticketing is restricted at `now`, the restriction ending soonest first
// (the business's desk lists them).
struct RestrictedCustomer {
  CustomerId customer_id = 0;
  TicketingRestriction restriction;
  int marks = 0;
};
std::vector<RestrictedCustomer> restricted_customers(const ProgramState& s, TimeMs now);

} // namespace pd::domain
