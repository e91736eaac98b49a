#include "server/storage/email_verifications.hpp"

#include <algorithm>

namespace pd::storage {

namespace {
constexpr std::int64_t verification_kept_after_expiry_ms = 7LL * 24 * 60 * 60 * 1000;
constexpr std::int64_t resend_gap_ms = 60'000;
constexpr std::int64_t resend_window_ms = 60LL * 60 * 1000;
constexpr std::size_t resend_per_window = 5;
} // namespace

std::int64_t verification_resend_wait_ms(const std::vector<std::int64_t>& recent_issued_ms, std::int64_t now_ms) {
  std::vector<std::int64_t> recent;
  for (auto t : recent_issued_ms)
    if (t > now_ms - resend_window_ms && t <= now_ms) recent.push_back(t); // a clock stepped back counts no future time
  if (recent.empty()) return 0;
  std::sort(recent.begin(), recent.end());
  std::int64_t wait = std::max<std::int64_t>(0, recent.back() + resend_gap_ms - now_ms);
  if (recent.size() >= resend_per_window) {
    // The oldest of the last five leaves the window first.
    const auto oldest = recent[recent.size() - resend_per_window];
    wait = std::max(wait, oldest + resend_window_ms - now_ms);
  }
  return wait;
}

void EmailVerifications::issue(const std::string& token_hash, std::int64_t person_id, const std::string& email, std::int64_t now_ms,
                               std::int64_t expires_at_ms, const OutgoingMail& mail, const std::string& invitation_token_hash) {
  db_.write([&] {
    db_.prepare("DELETE FROM email_verifications WHERE expires_at_ms < ?").bind(1, now_ms - verification_kept_after_expiry_ms).run();
    db_.prepare("INSERT INTO email_verifications(token_hash, person_id, email, created_at_ms, expires_at_ms, invitation_token_hash) "
                "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, token_hash).bind(2, person_id).bind(3, email).bind(4, now_ms).bind(5, expires_at_ms).bind(6, invitation_token_hash).run();
    enqueue_mail(db_, mail, now_ms);
  });
}

std::vector<std::int64_t> EmailVerifications::issued_since(std::int64_t person_id, std::int64_t since_ms) {
  return db_.read([&] {
    std::vector<std::int64_t> out;
    auto q = db_.prepare("SELECT created_at_ms FROM email_verifications WHERE person_id = ? AND created_at_ms > ?");
    q.bind(1, person_id).bind(2, since_ms);
    while (q.step()) out.push_back(q.int64(0));
    return out;
  });
}

std::optional<Verified> EmailVerifications::verify(const std::string& token_hash, std::int64_t now_ms) {
  return db_.write([&]() -> std::optional<Verified> {
    auto q = db_.prepare("SELECT v.person_id, v.invitation_token_hash FROM email_verifications v JOIN persons p ON p.id = v.person_id "
                         "WHERE v.token_hash = ? AND v.used_at_ms = 0 AND v.expires_at_ms > ? AND p.email = v.email");
    q.bind(1, token_hash).bind(2, now_ms);
    if (!q.step()) return std::nullopt;
    const std::int64_t person = q.int64(0);
    Verified out{person, q.text(1)};
    if (out.invitation_token_hash.empty()) { // an earlier link of the same account may carry it (a link sent again)
      auto earlier = db_.prepare("SELECT invitation_token_hash FROM email_verifications WHERE person_id = ? AND used_at_ms = 0 "
                                 "AND invitation_token_hash <> '' ORDER BY created_at_ms DESC LIMIT 1");
      earlier.bind(1, person);
      if (earlier.step()) out.invitation_token_hash = earlier.text(0);
    }
    // Every link of the person is used up: one verification per address.
    db_.prepare("UPDATE email_verifications SET used_at_ms = ? WHERE person_id = ? AND used_at_ms = 0").bind(1, now_ms).bind(2, person).run();
    db_.prepare("UPDATE persons SET email_verified_at_ms = ? WHERE id = ? AND email_verified_at_ms = 0").bind(1, now_ms).bind(2, person).run();
    return out;
  });
}

} // namespace pd::storage
