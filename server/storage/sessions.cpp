#include "server/storage/sessions.hpp"

#include <mutex>

namespace pd::storage {

void SessionStore::create(const std::string& token_hash, std::int64_t person_id, std::int64_t now_ms, std::int64_t expires_at_ms,
                          std::int64_t mfa_at_ms) {
  db_.write([&] {
    db_.prepare("INSERT INTO sessions(token_hash, person_id, created_at_ms, expires_at_ms, mfa_at_ms) VALUES (?, ?, ?, ?, ?)")
        .bind(1, token_hash).bind(2, person_id).bind(3, now_ms).bind(4, expires_at_ms).bind(5, mfa_at_ms).run();
  });
  std::unique_lock lock(cache_mutex_);
  cache_[token_hash] = SessionRecord{person_id, expires_at_ms, mfa_at_ms};
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
    auto q = db_.prepare("SELECT person_id, expires_at_ms, mfa_at_ms FROM sessions WHERE token_hash = ?");
    q.bind(1, token_hash);
    if (!q.step()) return std::nullopt;
    return SessionRecord{q.int64(0), q.int64(1), q.int64(2)};
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
