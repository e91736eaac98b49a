// Password reset tokens (migration 6): only their hashes are kept. A reset request and its
// mail are one transaction; completing a reset sets the password, uses the token up and ends
// every session of the person in one transaction.
#pragma once

#include "server/storage/database.hpp"
#include "server/storage/outbox.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pd::storage {

class PasswordResets {
public:
  explicit PasswordResets(Database& db) : db_(db) {}

  // Stores the reset of person_id (0: an unknown address; no token matches it, but the write
  // is the same) and, when there is one, its mail, in one transaction. Also forgets resets
  // expired for a day.
  void request(const std::string& token_hash, std::int64_t person_id, std::int64_t now_ms, std::int64_t expires_at_ms,
               const std::optional<OutgoingMail>& mail);
  // The person whose unused, unexpired reset this is; nothing otherwise.
  std::optional<std::int64_t> person_of(const std::string& token_hash, std::int64_t now_ms);
  // Uses the token up, sets the password hash and deletes every session of the person, in one
  // transaction; the person's id, or nothing (nothing changed) when the token is unknown, used
  // or expired at now_ms (also when another request used it first).
  std::optional<std::int64_t> complete(const std::string& token_hash, const std::string& password_hash, std::int64_t now_ms);
  // Sets a signed-in person's new password hash and deletes their other sessions (all but
  // keep_token_hash), in one transaction.
  void change_password(std::int64_t person_id, const std::string& password_hash, const std::string& keep_token_hash);

private:
  Database& db_;
};

} // namespace pd::storage
