// Follow-up check-ins in the browser: the customer page's card (open ones with Done and Move,
// the done ones, "Schedule a check-in") and the same actions in the agent's follow-ups card,
// with one form to schedule or move a check-in. Who may do what is asked of the shared rules
// (check_ins.hpp); times are written and read in UTC like every date the app shows.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

#include "shared/domain/state.hpp"

#include <cstdint>
#include <string>

namespace pd::client::views {

// "due Jan 3, 09:00 UTC (in 2 days)"; "done Jan 4" for a done one.
std::string check_in_when(const domain::CheckIn& c, std::int64_t now);
// Opens the form in `where` ("customer" or "follow-ups"): to schedule for `customer_id` (0: the
// person picks) or, with `moving`, to move that check-in.
void open_check_in_form(UiState& ui, const char* where, std::int64_t customer_id, const domain::CheckIn* moving, std::int64_t now);
// "Done" and "Move" for an open check-in the person may change (nothing otherwise), on one line.
void check_in_buttons(const domain::ProgramState& s, domain::PersonId me, const domain::CheckIn& c, UiState& ui, Dispatch& dispatch,
                      const char* where, std::int64_t now);
// The schedule/move form when it is open in `where`.
void draw_check_in_form(const domain::ProgramState& s, domain::PersonId me, UiState& ui, Dispatch& dispatch, const char* where,
                        std::int64_t now);
// The customer page's "Check-ins" card.
void draw_customer_check_ins(const domain::ProgramState& s, domain::PersonId me, UiState& ui, Dispatch& dispatch, const domain::Customer& c,
                             float width, std::int64_t now);

} // namespace pd::client::views
