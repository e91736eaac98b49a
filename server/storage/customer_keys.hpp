// Each customer's keys (crypto-shredding, shared/domain/privacy/erasure.hpp): one for the events
// about the customer itself and one per ticket of its for the events of that ticket
// (domain::data_subject()); events are stored sealed with them (libsodium secretbox). Erasing
// the customer destroys all of them, a ticket's retention period that ticket's
// (privacy/data_retention.hpp), with SQLite's secure_delete so the key's bytes are overwritten
// in the file.
#pragma once

#include "server/storage/database.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace pd::storage {

class CustomerKeys {
public:
  static constexpr std::size_t key_bytes = 32; // crypto_secretbox_KEYBYTES
  using Key = std::array<unsigned char, key_bytes>;

  explicit CustomerKeys(Database& db) : db_(db) {}

  // Inside a write transaction: the key of the customer's own events (ticket 0) or of one of its
  // tickets, made on first use.
  Key key_for(std::int64_t program, std::int64_t customer, std::int64_t ticket);
  // The key, or nothing once destroyed (or never made).
  std::optional<Key> find(std::int64_t program, std::int64_t customer, std::int64_t ticket);
  // Inside a write transaction: destroys every key of the customer, its tickets' too
  // (secure_delete overwrites their bytes).
  void destroy(std::int64_t program, std::int64_t customer);
  // Inside a write transaction: destroys one ticket's key.
  void destroy_ticket(std::int64_t program, std::int64_t customer, std::int64_t ticket);
  // After a write transaction rolled back: forgets what it made or destroyed (read again).
  void reset_cache();

  // "base64(nonce | secretbox(text))" with the key; open() gives the text back, or nothing when
  // the box does not open (a wrong key, changed bytes).
  static std::string seal(const Key& key, std::string_view text);
  static std::optional<std::string> open(const Key& key, std::string_view sealed);

private:
  Database& db_;
  std::mutex mutex_;
  // Keys known to exist. Only found keys are kept (a reader's snapshot may predate a key the
  // writer is making); a destroyed one is never kept again (a reader's older snapshot may still
  // hold its row).
  using Id = std::tuple<std::int64_t, std::int64_t, std::int64_t>; // program, customer, ticket
  bool destroyed(const Id& id) const; // with mutex_ held
  std::map<Id, Key> cache_;
  std::set<Id> destroyed_;                                         // tickets' keys
  std::set<std::pair<std::int64_t, std::int64_t>> destroyed_customers_; // every key of the customer
};

} // namespace pd::storage
