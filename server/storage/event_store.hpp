// The append-only event log. Appends happen inside the caller's write transaction.
#pragma once

#include "server/storage/customer_keys.hpp"
#include "server/storage/database.hpp"
#include "shared/domain/events.hpp"
#include "shared/domain/privacy/sealing.hpp"

#include <functional>
#include <initializer_list>
#include <vector>

namespace pd::storage {

class EventStore {
public:
  EventStore(Database& db, CustomerKeys& keys) : db_(db), keys_(keys) {}

  // Inside a Database::write transaction: appends the event (with secrets) and returns its
  // sequence number. An event about a customer (`subject`, domain::data_subject() judged on the
  // state before it) is stored sealed whole with that customer's key (or its ticket's), and in
  // its erased form in the clear (domain::erased_form()).
  domain::Sequence append(domain::ProgramId program, domain::PersonId actor, domain::TimeMs at, const domain::EventBody& body,
                          std::optional<domain::DataSubject> subject = std::nullopt);

  // Every event in order (start-up replay).
  void for_each(const std::function<void(const domain::Event&)>& fn);
  // Up to `limit` events of one program after `after`, in order.
  std::vector<domain::Event> read_after(domain::ProgramId program, domain::Sequence after, int limit);
  // Up to `limit` events of every program after `after` and up to `through`, in order.
  std::vector<domain::Event> read_all_after(domain::Sequence after, domain::Sequence through, int limit);
  domain::Sequence last_sequence();

  // Inside a write transaction: seals an event stored by an earlier version (in the clear, or
  // sealed with its customer's key where it now takes its ticket's), its subject judged by the
  // caller on the state before it. The append-only trigger is lifted for this update by the caller.
  void seal(domain::Sequence seq, domain::ProgramId program, const domain::EventBody& body, const domain::DataSubject& subject);

private:
  domain::Event read_event(const Statement& q);
  // The events a WHERE clause (with its ? values, in order) selects, read as read_event() reads.
  std::vector<domain::Event> read_list(const char* where, std::initializer_list<std::int64_t> values);
  Database& db_;
  CustomerKeys& keys_;
};

} // namespace pd::storage
