#include "server/storage/migrations.hpp"

namespace pd::storage {

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> all = {
      // 1: accounts, programs, memberships, sessions.
      R"sql(
CREATE TABLE persons (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE programs (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE memberships (
  program_id INTEGER NOT NULL REFERENCES programs(id),
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  role       TEXT NOT NULL CHECK (role IN ('owner','admin','staff','agent','customer')),
  joined_at_ms INTEGER NOT NULL,
  PRIMARY KEY (program_id, person_id)
);
CREATE INDEX memberships_by_person ON memberships(person_id);
CREATE TABLE sessions (
  token_hash    TEXT PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES persons(id),
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
CREATE INDEX sessions_by_person ON sessions(person_id);
CREATE TABLE health_probe (id INTEGER PRIMARY KEY, checked INTEGER NOT NULL);
)sql",
  };
  return all;
}

} // namespace pd::storage
