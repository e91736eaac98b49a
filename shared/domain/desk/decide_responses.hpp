// decide() for the triage lists and the response library (called by decide.cpp; pure), and the
// canned-response triggers run on a customer's message (decide_support.cpp's OpenTicket and
// ReplyToTicket add their events).
#pragma once

#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

namespace pd::domain::desk_rules {

using Outcome = core::Result<std::vector<EventBody>>;

Outcome decide(const ProgramState& s, const SetProductAreas& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SaveResponseTemplate& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RemoveResponseTemplate& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SetCannedTriggers& c, const Actor& actor, TimeMs now);

// A customer's message on ticket `id` (subject and text): when it matches a trigger that starts
// the retention workflow and the ticket has not started it yet, RetentionWorkflowStarted.
// `existing` is the ticket (nullptr while it is being opened).
std::vector<EventBody> retention_triggers(const ProgramState& s, TicketId id, const Ticket* existing, std::string_view message);

} // namespace pd::domain::desk_rules
