// Each customer's own key (crypto-shredding, shared/domain/privacy/erasure.hpp): the events
// about a customer are stored sealed with it (libsodium secretbox); erasing the customer
// destroys it, with SQLite's secure_delete so the key's bytes are overwritten in the file.
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
#include <utility>

namespace pd::storage {

class CustomerKeys {
public:
  static constexpr std::size_t key_bytes = 32; // crypto_secretbox_KEYBYTES
  using Key = std::array<unsigned char, key_bytes>;

  explicit CustomerKeys(Database& db) : db_(db) {}

  // Inside a write transaction: the customer's key, made on first use.
  Key key_for(std::int64_t program, std::int64_t customer);
  // The key, or nothing once destroyed (or never made).
  std::optional<Key> find(std::int64_t program, std::int64_t customer);
  // Inside a write transaction: destroys the key (secure_delete overwrites its bytes).
  void destroy(std::int64_t program, std::int64_t customer);
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
  std::map<std::pair<std::int64_t, std::int64_t>, Key> cache_;
  std::set<std::pair<std::int64_t, std::int64_t>> destroyed_;
};

} // namespace pd::storage
