// decide() for a customer's data rights (called by decide.cpp; pure).
#pragma once

#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

namespace pd::domain::privacy_rules {

using Outcome = core::Result<std::vector<EventBody>>;
Outcome decide(const ProgramState& s, const RequestErasure& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ConfirmErasure& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const DecideErasure& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SetDataRetention& c, const Actor& actor, TimeMs now);

// The scheduler's expiries due now under the retention periods (RunTimers; data_retention.hpp).
std::vector<EventBody> run_timers(const ProgramState& s, TimeMs now);

// The request a customer's own message starts when it asks for its account or data to be deleted
// (the account-deletion restricted topic matched), unless one is open or the data is erased.
std::optional<ErasureRequested> detected_erasure(const ProgramState& s, CustomerId customer, TicketId ticket, TimeMs now);

} // namespace pd::domain::privacy_rules
