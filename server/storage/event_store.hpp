// The append-only event log. Appends happen inside the caller's write transaction.
#pragma once

#include "server/storage/customer_keys.hpp"
#include "server/storage/database.hpp"
#include "shared/domain/events.hpp"

#include <functional>
#include <vector>

namespace pd::storage {

class EventStore {
public:
  EventStore(Database& db, CustomerKeys& keys) : db_(db), keys_(keys) {}

  // Inside a Database::write transaction: appends the event (with secrets) and returns its
  // sequence number. An event about a customer (`subject`, domain::data_subject() judged on the
  // state before it) is stored sealed whole with that customer's key, and in its erased form in
  // the clear (domain::erased_form()).
  domain::Sequence append(domain::ProgramId program, domain::PersonId actor, domain::TimeMs at, const domain::EventBody& body,
                          std::optional<domain::CustomerId> subject = std::nullopt);

  // Every event in order (start-up replay).
  void for_each(const std::function<void(const domain::Event&)>& fn);
  // Up to `limit` events of one program after `after`, in order.
  std::vector<domain::Event> read_after(domain::ProgramId program, domain::Sequence after, int limit);
  domain::Sequence last_sequence();

private:
  domain::Event read_event(const Statement& q);
  Database& db_;
  CustomerKeys& keys_;
};

} // namespace pd::storage
