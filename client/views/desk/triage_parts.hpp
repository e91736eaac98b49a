// The triage panel on a ticket (seed 002, section 1, Triage checklist): what the desk knows of
// the customer and the issue (tenure, lifetime value, previous tickets, sentiment history, first
// contact, repeat issue; shared/domain/desk/triage.hpp) and the rest of the agent's entries
// (summary, product area, steps to reproduce, error messages, screenshots, environment), saved
// with the priority and categories in one step (Tab through, Ctrl/Cmd+Enter saves).
#pragma once

#include "client/app/app_state.hpp"
#include "shared/domain/commands.hpp"
#include "shared/domain/state.hpp"

namespace pd::client::views::desk_views {

// The facts, read-only, as rows (the lifetime value for the business: its payment records).
void triage_facts(const domain::ProgramState& s, const domain::Ticket& t, std::int64_t now, bool business);

// The agent's entries under the priority and categories. Returns true when one changed; sets
// f.triage_save_now on Ctrl/Cmd+Enter in any of them.
bool triage_entries(const domain::ProgramState& s, const domain::Ticket& t, TicketForms& f);

// Puts the touched entries into the command (the untouched ones are left out: kept as they are).
void fill_triage(const TicketForms& f, domain::TriageTicket& cmd);

} // namespace pd::client::views::desk_views
