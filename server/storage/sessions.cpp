#include "server/storage/sessions.hpp"

#include <mutex>

namespace pd::storage {

void SessionStore::create(const std::string& token_hash, std::int64_t person_id, std::int64_t now_ms, std::int64_t expires_at_ms,
                          std::int64_t mfa_at_ms, const std::string& user_agent, const std::string& address) {
  std::string agent = user_agent.substr(0, max_user_agent_stored);
  if (user_agent.size() > max_user_agent_stored) { // no character cut in two
    while (!agent.empty() && (static_cast<unsigned char>(agent.back()) & 0xC0) == 0x80) agent.pop_back();
    if (!agent.empty() && static_cast<unsigned char>(agent.back()) >= 0xC0) agent.pop_back();
  }
  db_.write([&] {
    db_.prepare("INSERT INTO sessions(token_hash, person_id, created_at_ms, expires_at_ms, mfa_at_ms, user_agent, address, last_seen_ms) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, token_hash).bind(2, person_id).bind(3, now_ms).bind(4, expires_at_ms).bind(5, mfa_at_ms).bind(6, agent)
        .bind(7, address).bind(8, now_ms).run();
  });
  std::unique_lock lock(cache_mutex_);
  cache_[token_hash] = SessionRecord{person_id, expires_at_ms, mfa_at_ms, now_ms};
}

void SessionStore::seen(const std::string& token_hash, std::int64_t now_ms) {
  {
    std::shared_lock lock(cache_mutex_);
    auto it = cache_.find(token_hash);
    if (it == cache_.end() || now_ms - it->second.last_seen_ms < 60'000) return;
  }
  {
    std::unique_lock lock(cache_mutex_);
    auto it = cache_.find(token_hash);
    if (it == cache_.end() || now_ms - it->second.last_seen_ms < 60'000) return; // another request wrote it
    it->second.last_seen_ms = now_ms;
  }
  db_.write([&] { db_.prepare("UPDATE sessions SET last_seen_ms = ? WHERE token_hash = ?").bind(1, now_ms).bind(2, token_hash).run(); });
}

std::vector<SessionListing> SessionStore::list_for(std::int64_t person_id, std::int64_t now_ms) {
  return db_.read([&] {
    std::vector<SessionListing> out;
    auto q = db_.prepare("SELECT rowid, token_hash, created_at_ms, last_seen_ms, user_agent, address FROM sessions "
                         "WHERE person_id = ? AND expires_at_ms > ? ORDER BY last_seen_ms DESC, rowid DESC LIMIT 200");
    q.bind(1, person_id).bind(2, now_ms);
    while (q.step()) out.push_back(SessionListing{q.int64(0), q.text(1), q.int64(2), q.int64(3), q.text(4), q.text(5)});
    return out;
  });
}

bool SessionStore::remove_by_id(std::int64_t person_id, std::int64_t id) {
  auto hash = db_.write([&]() -> std::optional<std::string> {
    auto q = db_.prepare("SELECT token_hash FROM sessions WHERE rowid = ? AND person_id = ?");
    q.bind(1, id).bind(2, person_id);
    if (!q.step()) return std::nullopt;
    std::string h = q.text(0);
    db_.prepare("DELETE FROM sessions WHERE rowid = ?").bind(1, id).run();
    return h;
  });
  if (!hash) return false;
  std::unique_lock lock(cache_mutex_);
  cache_.erase(*hash);
  return true;
}

void SessionStore::mark_mfa(const std::string& token_hash, std::int64_t now_ms) {
  db_.write([&] { db_.prepare("UPDATE sessions SET mfa_at_ms = ? WHERE token_hash = ?").bind(1, now_ms).bind(2, token_hash).run(); });
  std::unique_lock lock(cache_mutex_);
  if (auto it = cache_.find(token_hash); it != cache_.end()) it->second.mfa_at_ms = now_ms;
}

std::optional<SessionRecord> SessionStore::find(const std::string& token_hash, std::int64_t now_ms) {
  {
    std::shared_lock lock(cache_mutex_);
    if (auto it = cache_.find(token_hash); it != cache_.end())
      return it->second.expires_at_ms > now_ms ? std::optional<SessionRecord>(it->second) : std::nullopt;
  }
  auto found = db_.read([&]() -> std::optional<SessionRecord> {
    auto q = db_.prepare("SELECT person_id, expires_at_ms, mfa_at_ms, last_seen_ms FROM sessions WHERE token_hash = ?");
    q.bind(1, token_hash);
    if (!q.step()) return std::nullopt;
    return SessionRecord{q.int64(0), q.int64(1), q.int64(2), q.int64(3)};
  });
  if (!found) return std::nullopt;
  {
    std::unique_lock lock(cache_mutex_);
    if (cache_.size() < 1'000'000) cache_[token_hash] = *found;
  }
  return found->expires_at_ms > now_ms ? found : std::nullopt;
}

void SessionStore::remove(const std::string& token_hash) {
  db_.write([&] { db_.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run(); });
  std::unique_lock lock(cache_mutex_);
  cache_.erase(token_hash);
}

void SessionStore::remove_all_for(std::int64_t person_id) {
  db_.write([&] { db_.prepare("DELETE FROM sessions WHERE person_id = ?").bind(1, person_id).run(); });
  std::unique_lock lock(cache_mutex_);
  for (auto it = cache_.begin(); it != cache_.end();) it = it->second.person_id == person_id ? cache_.erase(it) : std::next(it);
}

void SessionStore::remove_others_for(std::int64_t person_id, const std::string& keep_token_hash) {
  db_.write([&] {
    db_.prepare("DELETE FROM sessions WHERE person_id = ? AND token_hash <> ?").bind(1, person_id).bind(2, keep_token_hash).run();
  });
  std::unique_lock lock(cache_mutex_);
  for (auto it = cache_.begin(); it != cache_.end();)
    it = it->second.person_id == person_id && it->first != keep_token_hash ? cache_.erase(it) : std::next(it);
}

int SessionStore::purge_expired(std::int64_t now_ms) {
  int n = db_.write([&] {
    db_.prepare("DELETE FROM sessions WHERE expires_at_ms <= ?").bind(1, now_ms).run();
    return db_.changes();
  });
  std::unique_lock lock(cache_mutex_);
  for (auto it = cache_.begin(); it != cache_.end();) it = it->second.expires_at_ms <= now_ms ? cache_.erase(it) : std::next(it);
  return n;
}

} // namespace pd::storage
