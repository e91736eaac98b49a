#include "server/storage/email_changes.hpp"

namespace pd::storage {

namespace {
constexpr std::int64_t change_kept_after_expiry_ms = 7LL * 24 * 60 * 60 * 1000;
} // namespace

void EmailChanges::request(const std::string& token_hash, std::int64_t person_id, const std::string& new_email,
                           const std::string& session_hash, std::int64_t now_ms, std::int64_t expires_at_ms,
                           const std::vector<OutgoingMail>& mails) {
  db_.write([&] {
    db_.prepare("DELETE FROM email_changes WHERE expires_at_ms < ?")
        .bind(1, now_ms - change_kept_after_expiry_ms)
        .run();
    db_.prepare("UPDATE email_changes SET used_at_ms = ? WHERE person_id = ? AND used_at_ms = 0")
        .bind(1, now_ms)
        .bind(2, person_id)
        .run();
    db_.prepare(
           "INSERT INTO email_changes(token_hash, person_id, new_email, session_hash, created_at_ms, expires_at_ms) "
           "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, token_hash)
        .bind(2, person_id)
        .bind(3, new_email)
        .bind(4, session_hash)
        .bind(5, now_ms)
        .bind(6, expires_at_ms)
        .run();
    for (const auto& mail : mails)
      enqueue_mail(db_, mail, now_ms);
  });
}

std::vector<std::int64_t> EmailChanges::issued_since(std::int64_t person_id, std::int64_t since_ms) {
  return db_.read([&] {
    std::vector<std::int64_t> out;
    auto q = db_.prepare("SELECT created_at_ms FROM email_changes WHERE person_id = ? AND created_at_ms > ?");
    q.bind(1, person_id).bind(2, since_ms);
    while (q.step())
      out.push_back(q.int64(0));
    return out;
  });
}

std::optional<std::string> EmailChanges::pending_of(std::int64_t person_id, std::int64_t now_ms) {
  return db_.read([&]() -> std::optional<std::string> {
    auto q =
        db_.prepare("SELECT new_email FROM email_changes WHERE person_id = ? AND used_at_ms = 0 AND expires_at_ms > ? "
                    "ORDER BY created_at_ms DESC LIMIT 1");
    q.bind(1, person_id).bind(2, now_ms);
    if (!q.step()) return std::nullopt;
    return q.text(0);
  });
}

bool EmailChanges::cancel(std::int64_t person_id, std::int64_t now_ms) {
  return db_.write([&] {
    db_.prepare("UPDATE email_changes SET used_at_ms = ? WHERE person_id = ? AND used_at_ms = 0 AND expires_at_ms > ?")
        .bind(1, now_ms)
        .bind(2, person_id)
        .bind(3, now_ms)
        .run();
    return db_.changes() > 0;
  });
}

std::optional<ConfirmedChange>
EmailChanges::confirm(const std::string& token_hash, const std::string& caller_session_hash, std::int64_t now_ms,
                      const std::function<std::optional<OutgoingMail>(const ConfirmedChange&)>& notice) {
  return db_.write([&]() -> std::optional<ConfirmedChange> {
    auto q = db_.prepare("SELECT c.person_id, c.new_email, c.session_hash, p.email, p.name, p.email_verified_at_ms "
                         "FROM email_changes c JOIN persons p ON p.id = c.person_id "
                         "WHERE c.token_hash = ? AND c.used_at_ms = 0 AND c.expires_at_ms > ?");
    q.bind(1, token_hash).bind(2, now_ms);
    if (!q.step()) return std::nullopt;
    ConfirmedChange out;
    out.person_id = q.int64(0);
    out.new_email = q.text(1);
    const std::string asking_session = q.text(2);
    out.old_email = q.text(3);
    out.name = q.text(4);
    out.old_verified = q.int64(5) != 0;
    db_.prepare("UPDATE email_changes SET used_at_ms = ? WHERE person_id = ? AND used_at_ms = 0")
        .bind(1, now_ms)
        .bind(2, out.person_id)
        .run();
    auto taken = db_.prepare("SELECT 1 FROM persons WHERE email = ? AND id <> ?");
    taken.bind(1, out.new_email).bind(2, out.person_id);
    if (taken.step()) {
      out.outcome = ConfirmedChange::Outcome::taken;
      return out;
    }
    db_.prepare("UPDATE persons SET email = ?, email_verified_at_ms = ? WHERE id = ?")
        .bind(1, out.new_email)
        .bind(2, now_ms)
        .bind(3, out.person_id)
        .run();
    // Links mailed to the old address stop working.
    db_.prepare("UPDATE email_verifications SET used_at_ms = ? WHERE person_id = ? AND used_at_ms = 0")
        .bind(1, now_ms)
        .bind(2, out.person_id)
        .run();
    db_.prepare("UPDATE password_resets SET used_at_ms = ? WHERE person_id = ? AND used_at_ms = 0")
        .bind(1, now_ms)
        .bind(2, out.person_id)
        .run();
    auto mine = db_.prepare("SELECT 1 FROM sessions WHERE token_hash = ? AND person_id = ?");
    mine.bind(1, caller_session_hash).bind(2, out.person_id);
    out.kept_session_hash = !caller_session_hash.empty() && mine.step() ? caller_session_hash : asking_session;
    db_.prepare("DELETE FROM sessions WHERE person_id = ? AND token_hash <> ?")
        .bind(1, out.person_id)
        .bind(2, out.kept_session_hash)
        .run();
    if (auto mail = notice(out)) enqueue_mail(db_, *mail, now_ms);
    return out;
  });
}

} // namespace pd::storage
