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

struct PersonRecord {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::string password_hash;
};

class AccountStore {
public:
  explicit AccountStore(Database& db) : db_(db) {}

  // Returns the new person's id; throws StorageError if the email is taken.
  std::int64_t create_person(const std::string& email, const std::string& name,
                             const std::string& password_hash, std::int64_t now_ms);
  std::optional<PersonRecord> find_by_email(const std::string& email);
  std::optional<PersonRecord> find_by_id(std::int64_t id);

  std::vector<api::Membership> memberships_of(std::int64_t person_id);

  // The signed-in person with every program and role they hold.
  std::optional<api::Me> me(std::int64_t person_id);

private:
  Database& db_;
  // Persons never change once created, so lookups by id are cached.
  std::shared_mutex cache_mutex_;
  std::unordered_map<std::int64_t, PersonRecord> by_id_;
};

} // namespace pd::storage
