// The append-only event log. Appends happen inside the caller's write transaction.
#pragma once

#include "server/storage/database.hpp"
#include "shared/domain/events.hpp"

#include <functional>
#include <vector>

namespace pd::storage {

class EventStore {
public:
  explicit EventStore(Database& db) : db_(db) {}

  // Inside a Database::write transaction: appends the event (with secrets) and returns its
  // sequence number.
  domain::Sequence append(domain::ProgramId program, domain::PersonId actor, domain::TimeMs at, const domain::EventBody& body);

  // Every event in order (start-up replay).
  void for_each(const std::function<void(const domain::Event&)>& fn);
  // Up to `limit` events of one program after `after`, in order.
  std::vector<domain::Event> read_after(domain::ProgramId program, domain::Sequence after, int limit);
  domain::Sequence last_sequence();

private:
  Database& db_;
};

} // namespace pd::storage
