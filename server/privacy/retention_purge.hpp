// What the server holds about closed tickets outside the event log, forgotten when their
// retention periods expire them (shared/domain/privacy/data_retention.hpp). Runs inside the
// write transaction of the TicketsExpired event, after apply().
#pragma once

#include "server/storage/customer_keys.hpp"
#include "server/storage/database.hpp"
#include "shared/domain/events.hpp"
#include "shared/domain/state.hpp"

#include <string>
#include <utility>
#include <vector>

namespace pd::privacy {

// The tickets as they were before apply() expired them.
struct ExpiredTickets {
  domain::ProgramId program = 0;
  std::vector<std::pair<domain::CustomerId, domain::TicketId>> text; // whose keys are destroyed
  std::vector<std::string> files;                                    // content addresses their attachments held
};

ExpiredTickets before_expiry(const domain::ProgramState& s, const domain::TicketsExpired& e);

// Inside the write transaction, after apply(): destroys the expired text's tickets' keys; deletes
// the replies mailed in from those tickets and held for review, and the program's sent
// notification mail and stored command answers older than the closed-ticket period (they quote
// tickets); returns the content addresses no program refers to any more (the caller removes
// those files after COMMIT).
std::vector<std::string> purge_expired(storage::Database& db, storage::CustomerKeys& keys, const domain::ProgramState& after,
                                       const ExpiredTickets& expired, domain::TimeMs now);

} // namespace pd::privacy
