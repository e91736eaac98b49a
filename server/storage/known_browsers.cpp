#include "server/storage/known_browsers.hpp"

namespace pd::storage {

BrowserSeen KnownBrowsers::remember(std::int64_t person_id, const std::string& device_hash, std::int64_t now_ms,
                                    const std::optional<OutgoingMail>& mail_if_new) {
  return db_.write([&] {
    auto known = db_.prepare("SELECT COUNT(*), COALESCE(SUM(device_hash = ?), 0) FROM known_browsers WHERE person_id = ?");
    known.bind(1, device_hash).bind(2, person_id);
    known.step();
    const auto count = known.int64(0);
    const bool seen = known.int64(1) > 0;
    db_.prepare("INSERT INTO known_browsers(person_id, device_hash, first_seen_ms, last_seen_ms) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(person_id, device_hash) DO UPDATE SET last_seen_ms = excluded.last_seen_ms")
        .bind(1, person_id).bind(2, device_hash).bind(3, now_ms).bind(4, now_ms).run();
    db_.prepare("DELETE FROM known_browsers WHERE person_id = ? AND device_hash NOT IN "
                "(SELECT device_hash FROM known_browsers WHERE person_id = ? ORDER BY last_seen_ms DESC, first_seen_ms DESC LIMIT ?)")
        .bind(1, person_id).bind(2, person_id).bind(3, std::int64_t{known_browsers_per_person}).run();
    if (seen) return BrowserSeen::known;
    if (count == 0) return BrowserSeen::first_ever;
    if (mail_if_new) enqueue_mail(db_, *mail_if_new, now_ms);
    return BrowserSeen::new_one;
  });
}

int KnownBrowsers::count_for(std::int64_t person_id) {
  return db_.read([&] {
    auto q = db_.prepare("SELECT COUNT(*) FROM known_browsers WHERE person_id = ?");
    q.bind(1, person_id);
    q.step();
    return static_cast<int>(q.int64(0));
  });
}

} // namespace pd::storage
