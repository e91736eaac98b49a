// Persons (accounts with their password hashes) and their memberships (read from the
// programs and memberships projections).
#pragma once

#include "server/storage/database.hpp"
#include "shared/api/session_wire.hpp"

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pd::storage {

// A person's two-factor sign-in. Secrets are base32 text (empty: none).
struct TwoFactorRecord {
  std::string secret;         // the confirmed secret, when enabled
  std::string pending_secret; // set up but not yet confirmed with a first code
  bool enabled = false;
  std::int64_t last_step = 0; // the last TOTP time step accepted (the replay guard)
};

struct RecoveryCodeRecord {
  std::int64_t id = 0;
  std::string code_hash;
};

struct PersonRecord {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::string password_hash;
  bool email_verified = false; // the person opened the link mailed to their address (storage/email_verifications.hpp)
};

class AccountStore {
public:
  explicit AccountStore(Database& db) : db_(db) {}

  // Returns the new person's id; throws StorageError if the email is taken. A person created
  // with email_verified (the demo's) needs no verification link.
  std::int64_t create_person(const std::string& email, const std::string& name,
                             const std::string& password_hash, std::int64_t now_ms, bool email_verified = false);
  std::optional<PersonRecord> find_by_email(const std::string& email);
  std::optional<PersonRecord> find_by_id(std::int64_t id);
  // Forgets the cached record of a person whose password or verification changed.
  void forget_cached(std::int64_t id);

  std::vector<api::Membership> memberships_of(std::int64_t person_id);

  // The signed-in person with every program and role they hold.
  std::optional<api::Me> me(std::int64_t person_id);

  // Two-factor sign-in (nothing: never set up).
  std::optional<TwoFactorRecord> two_factor(std::int64_t person_id);
  bool two_factor_enabled(std::int64_t person_id);
  // Keeps a new secret as the pending one (replacing any earlier pending one).
  void set_pending_two_factor(std::int64_t person_id, const std::string& secret_base32, std::int64_t now_ms);
  // Turns two-factor on with the pending secret confirmed at `step`, and stores these recovery
  // code hashes in place of any others. False (nothing changed) if the pending secret is no
  // longer `secret_base32` or two-factor is already on.
  bool enable_two_factor(std::int64_t person_id, const std::string& secret_base32, std::int64_t step,
                         const std::vector<std::string>& recovery_hashes, std::int64_t now_ms);
  // The replay guard: records `step` as the last accepted one if it is later than the one
  // stored; false if it is not (the code was already used, possibly by a request running at
  // the same time).
  bool accept_two_factor_step(std::int64_t person_id, std::int64_t step, std::int64_t now_ms);
  // Turns two-factor off and forgets its secrets and recovery codes.
  void disable_two_factor(std::int64_t person_id);
  std::vector<RecoveryCodeRecord> recovery_codes(std::int64_t person_id);
  void replace_recovery_codes(std::int64_t person_id, const std::vector<std::string>& hashes);
  // Uses up one recovery code; false if it was already used.
  bool use_recovery_code(std::int64_t person_id, std::int64_t code_id);

private:
  Database& db_;
  // Lookups by id are cached; a password change calls forget_cached.
  std::shared_mutex cache_mutex_;
  std::unordered_map<std::int64_t, PersonRecord> by_id_;
};

} // namespace pd::storage
