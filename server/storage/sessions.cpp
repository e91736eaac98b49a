#include "server/storage/sessions.hpp"

namespace pd::storage {

void SessionStore::create(const std::string& token_hash, std::int64_t person_id, std::int64_t now_ms, std::int64_t expires_at_ms) {
  db_.write([&] {
    db_.prepare("INSERT INTO sessions(token_hash, person_id, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?)")
        .bind(1, token_hash).bind(2, person_id).bind(3, now_ms).bind(4, expires_at_ms).run();
  });
}

std::optional<SessionRecord> SessionStore::find(const std::string& token_hash, std::int64_t now_ms) {
  return db_.read([&]() -> std::optional<SessionRecord> {
    auto q = db_.prepare("SELECT person_id, expires_at_ms FROM sessions WHERE token_hash = ? AND expires_at_ms > ?");
    q.bind(1, token_hash).bind(2, now_ms);
    if (!q.step()) return std::nullopt;
    return SessionRecord{q.int64(0), q.int64(1)};
  });
}

void SessionStore::remove(const std::string& token_hash) {
  db_.write([&] { db_.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run(); });
}

void SessionStore::remove_all_for(std::int64_t person_id) {
  db_.write([&] { db_.prepare("DELETE FROM sessions WHERE person_id = ?").bind(1, person_id).run(); });
}

int SessionStore::purge_expired(std::int64_t now_ms) {
  return db_.write([&] {
    db_.prepare("DELETE FROM sessions WHERE expires_at_ms <= ?").bind(1, now_ms).run();
    return db_.changes();
  });
}

} // namespace pd::storage
