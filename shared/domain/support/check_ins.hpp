// Follow-up check-ins (docs/requirements.md, Follow-up reminders): who may schedule one for a
// customer, who may complete or move one, when one may be due, and the lists the browser and
// the server show. decide() and the views call these same functions.
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"

#include <optional>
#include <vector>

namespace pd::domain {

// An agent for its own customers while it may work support (support_access.hpp); the
// business for any customer.
bool may_schedule_check_in(const ProgramState& s, PersonId person, CustomerId customer);
// The check-in's agent while it may work support, or the business.
bool may_change_check_in(const ProgramState& s, PersonId person, const CheckIn& check_in);
// Why an agent may not schedule, complete or move check-ins now ("You may not work support
// now (suspended): ..."), for the server's refusal and the browser's note; nothing for the
// business or an agent that may work support.
std::optional<core::Error> check_in_refusal(const ProgramState& s, PersonId person);
// A check-in is due today or later (a day of slack so "today" holds in every time zone).
// The error names `field` ("data.due_at").
std::optional<core::Error> check_in_time_error(TimeMs due_at, TimeMs now, const char* field = "data.due_at");
// Open and its time has come.
inline bool check_in_due(const CheckIn& c, TimeMs now) { return !c.done && c.due_at <= now; }
// A customer's check-ins the reader's state holds: open ones first, soonest first, then the
// done ones, latest first.
std::vector<const CheckIn*> check_ins_of_customer(const ProgramState& s, CustomerId customer);

} // namespace pd::domain
