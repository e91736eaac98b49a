// Sign-in sessions. Only a hash of each session token is stored, so a copy of the database
// does not let anyone sign in.
#pragma once

#include "server/storage/database.hpp"

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pd::storage {

struct SessionRecord {
  std::int64_t person_id = 0;
  std::int64_t expires_at_ms = 0;
  std::int64_t mfa_at_ms = 0; // when the second factor was last proven in this session (0: never)
  std::int64_t last_seen_ms = 0; // as last written to the table (written at most once a minute)
};

// A session as its person sees it in the list of their sessions.
struct SessionListing {
  std::int64_t id = 0; // stable while the session lives (the row's id), never the token or its hash
  std::string token_hash;
  std::int64_t created_at_ms = 0;
  std::int64_t last_seen_ms = 0;
  std::string user_agent;
  std::string address;
};
inline constexpr std::size_t max_user_agent_stored = 256;

class SessionStore {
public:
  explicit SessionStore(Database& db) : db_(db) {}

  // mfa_at_ms: when the second factor was proven for this sign-in (0: it was not). The user
  // agent (cut to max_user_agent_stored bytes) and the address are what the person's list shows.
  void create(const std::string& token_hash, std::int64_t person_id, std::int64_t now_ms, std::int64_t expires_at_ms,
              std::int64_t mfa_at_ms = 0, const std::string& user_agent = {}, const std::string& address = {});
  // The session was used at now_ms: written when the last write is a minute old or more.
  void seen(const std::string& token_hash, std::int64_t now_ms);
  // The person's live sessions, the most recently seen first.
  std::vector<SessionListing> list_for(std::int64_t person_id, std::int64_t now_ms);
  // Ends the person's session with this id; false when the person has none with it.
  bool remove_by_id(std::int64_t person_id, std::int64_t id);
  // Records that the second factor was proven in this session at now_ms.
  void mark_mfa(const std::string& token_hash, std::int64_t now_ms);
  // The live session for this token hash, or nothing if unknown or expired at now_ms.
  std::optional<SessionRecord> find(const std::string& token_hash, std::int64_t now_ms);
  void remove(const std::string& token_hash);
  void remove_all_for(std::int64_t person_id);
  // Every session of the person but keep_token_hash (after a password change).
  void remove_others_for(std::int64_t person_id, const std::string& keep_token_hash);
  int purge_expired(std::int64_t now_ms);

private:
  Database& db_;
  // Write-through cache of live sessions: the server is the only writer of this table, so
  // the cache never disagrees with it. Misses (e.g. after a restart) read the table.
  std::shared_mutex cache_mutex_;
  std::unordered_map<std::string, SessionRecord> cache_;
};

} // namespace pd::storage
