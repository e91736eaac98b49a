#include "server/storage/held_mail.hpp"

namespace pd::storage {

namespace {

constexpr const char* held_columns =
    "id, message_key, program_id, ticket_id, sender, subject, text, reason, received_at_ms";

HeldMail held_row(const Statement& q) {
  return HeldMail{q.int64(0), q.text(1), q.int64(2), q.int64(3), q.text(4),
                  q.text(5),  q.text(6), q.text(7),  q.int64(8)};
}

} // namespace

bool HeldMailStore::hold(const HeldMail& m) {
  return db_.write([&] {
    db_.prepare("INSERT OR IGNORE INTO held_mail(message_key, program_id, ticket_id, sender, subject, text, reason, "
                "received_at_ms) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, m.message_key)
        .bind(2, m.program_id)
        .bind(3, m.ticket_id)
        .bind(4, m.sender)
        .bind(5, m.subject)
        .bind(6, m.text)
        .bind(7, m.reason)
        .bind(8, m.received_at_ms)
        .run();
    return db_.changes() > 0;
  });
}

std::vector<HeldMail> HeldMailStore::list(std::int64_t program_id, int limit) {
  return db_.read([&] {
    std::vector<HeldMail> out;
    auto q = db_.prepare(std::string("SELECT ") + held_columns +
                         " FROM held_mail WHERE program_id = ? ORDER BY id DESC LIMIT ?");
    q.bind(1, program_id).bind(2, static_cast<std::int64_t>(limit));
    while (q.step())
      out.push_back(held_row(q));
    return out;
  });
}

std::optional<HeldMail> HeldMailStore::find(std::int64_t program_id, std::int64_t id) {
  return db_.read([&]() -> std::optional<HeldMail> {
    auto q = db_.prepare(std::string("SELECT ") + held_columns + " FROM held_mail WHERE program_id = ? AND id = ?");
    q.bind(1, program_id).bind(2, id);
    if (!q.step()) return std::nullopt;
    return held_row(q);
  });
}

bool HeldMailStore::remove(std::int64_t program_id, std::int64_t id) {
  return db_.write([&] {
    db_.prepare("DELETE FROM held_mail WHERE program_id = ? AND id = ?").bind(1, program_id).bind(2, id).run();
    return db_.changes() > 0;
  });
}

} // namespace pd::storage
