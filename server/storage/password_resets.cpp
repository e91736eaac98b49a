#include "server/storage/password_resets.hpp"

namespace pd::storage {

namespace {
constexpr std::int64_t reset_kept_after_expiry_ms = 24LL * 60 * 60 * 1000;
}

void PasswordResets::request(const std::string& token_hash, std::int64_t person_id, std::int64_t now_ms, std::int64_t expires_at_ms,
                             const std::optional<OutgoingMail>& mail) {
  db_.write([&] {
    db_.prepare("DELETE FROM password_resets WHERE expires_at_ms < ?").bind(1, now_ms - reset_kept_after_expiry_ms).run();
    db_.prepare("INSERT INTO password_resets(token_hash, person_id, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?)")
        .bind(1, token_hash).bind(2, person_id).bind(3, now_ms).bind(4, expires_at_ms).run();
    if (mail) enqueue_mail(db_, *mail, now_ms);
  });
}

std::optional<std::int64_t> PasswordResets::person_of(const std::string& token_hash, std::int64_t now_ms) {
  return db_.read([&]() -> std::optional<std::int64_t> {
    auto q = db_.prepare("SELECT person_id FROM password_resets WHERE token_hash = ? AND used_at_ms = 0 AND expires_at_ms > ? AND person_id > 0");
    q.bind(1, token_hash).bind(2, now_ms);
    if (!q.step()) return std::nullopt;
    return q.int64(0);
  });
}

std::optional<std::int64_t> PasswordResets::complete(const std::string& token_hash, const std::string& password_hash, std::int64_t now_ms) {
  return db_.write([&]() -> std::optional<std::int64_t> {
    auto q = db_.prepare("SELECT person_id FROM password_resets WHERE token_hash = ? AND used_at_ms = 0 AND expires_at_ms > ? AND person_id > 0");
    q.bind(1, token_hash).bind(2, now_ms);
    if (!q.step()) return std::nullopt;
    const std::int64_t person = q.int64(0);
    db_.prepare("UPDATE password_resets SET used_at_ms = ? WHERE token_hash = ?").bind(1, now_ms).bind(2, token_hash).run();
    // Any other reset of the same person is used up too: one new password per request.
    db_.prepare("UPDATE password_resets SET used_at_ms = ? WHERE person_id = ? AND used_at_ms = 0").bind(1, now_ms).bind(2, person).run();
    db_.prepare("UPDATE persons SET password_hash = ? WHERE id = ?").bind(1, password_hash).bind(2, person).run();
    db_.prepare("DELETE FROM sessions WHERE person_id = ?").bind(1, person).run();
    return person;
  });
}

void PasswordResets::change_password(std::int64_t person_id, const std::string& password_hash, const std::string& keep_token_hash) {
  db_.write([&] {
    db_.prepare("UPDATE persons SET password_hash = ? WHERE id = ?").bind(1, password_hash).bind(2, person_id).run();
    db_.prepare("DELETE FROM sessions WHERE person_id = ? AND token_hash <> ?").bind(1, person_id).bind(2, keep_token_hash).run();
  });
}

} // namespace pd::storage
