// The routing rules on a ticket's page: which rules fired and why the ticket sits in a team's
// queue (staff), and the security hold that keeps an agent's reply box to internal notes
// (desk::why_not_reply(), the rule decide() applies to ReplyToTicket).
#pragma once

#include "shared/domain/state.hpp"

namespace pd::client::views::desk_views {

// "Routed to Security because of the rule ..." and the rules that fired, as a card (nothing when
// no rule fired).
void routing_card(const domain::ProgramState& s, const domain::Ticket& t);

// Draws why `person` may not reply publicly, if so; true when the reply box holds internal notes only.
bool reply_hold_notice(const domain::ProgramState& s, domain::PersonId person, const domain::Ticket& t);

} // namespace pd::client::views::desk_views
