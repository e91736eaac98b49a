// The browsers a person signed in from (migration 9), known by the hash of a long-lived random
// device cookie (server/auth/device_cookie.hpp). At most the 20 most recent per person.
#pragma once

#include "server/storage/database.hpp"
#include "server/storage/outbox.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pd::storage {

inline constexpr int known_browsers_per_person = 20;

enum class BrowserSeen {
  first_ever, // the person had no known browser yet (their first sign-in)
  known,      // signed in from this browser before
  new_one,    // another browser than the ones known
};

class KnownBrowsers {
public:
  explicit KnownBrowsers(Database& db) : db_(db) {}

  // Remembers the browser for the person (its last sign-in now), keeps the most recent ones,
  // and says whether it was known; a new one queues `mail_if_new` (when given) in the same
  // transaction.
  BrowserSeen remember(std::int64_t person_id, const std::string& device_hash, std::int64_t now_ms,
                       const std::optional<OutgoingMail>& mail_if_new = std::nullopt);
  int count_for(std::int64_t person_id);

private:
  Database& db_;
};

} // namespace pd::storage
