// Beside the reply composer (seed 002, sections 2, 3 and 8): the response-template picker
// (searchable; T opens it), the unfilled placeholders of a draft written from a template
// (highlighted; sending waits until they are filled in or removed, the same check the server
// runs), the templates a customer's words suggest (canned-response triggers), and the HEARD
// guidance with the quality checklist as a self-check.
#pragma once

#include "client/app/app_state.hpp"
#include "shared/domain/state.hpp"

#include <string>
#include <vector>

namespace pd::client::views::desk_views {

// The picker: a "Templates" button that opens a search box and the matching templates; choosing
// one puts its filled-in text into the reply (replacing an empty draft, else appended) and
// remembers it as the draft's template. Returns true when the reply changed.
bool template_picker(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, TicketForms& f);

// The placeholders left in a draft written from a template, highlighted under the box (empty
// when none: then the draft may be sent).
std::vector<std::string> unfilled_notice(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, const TicketForms& f);

// What the customer's latest message suggests (its trigger's template, with "Use"), and the
// retention workflow when a trigger started it. Returns true when the reply changed.
bool trigger_suggestions(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, TicketForms& f);

// HEARD (Hear, Empathize, Act, Resolve, Delight) and the five criteria of the quality checklist
// as ticks the agent may set before sending.
void heard_guidance(TicketForms& f);

} // namespace pd::client::views::desk_views
