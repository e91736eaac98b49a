#include "server/storage/outbox.hpp"

namespace pd::storage {

bool enqueue_mail(Database& db, const OutgoingMail& mail, std::int64_t now_ms) {
  db.prepare("INSERT OR IGNORE INTO outbox(message_id, kind, recipient, subject, text_body, html_body, created_at_ms, "
             "next_attempt_at_ms, reply_to, unsubscribe_url, program_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, mail.message_id).bind(2, mail.kind).bind(3, mail.recipient).bind(4, mail.subject).bind(5, mail.text_body)
      .bind(6, mail.html_body).bind(7, now_ms).bind(8, now_ms).bind(9, mail.reply_to).bind(10, mail.unsubscribe_url)
      .bind(11, mail.program_id).run();
  return db.changes() == 1;
}

namespace {

OutboxRow read_outbox_row(const Statement& q, bool with_bodies) {
  OutboxRow r;
  r.id = q.int64(0);
  r.mail.message_id = q.text(1);
  r.mail.kind = q.text(2);
  r.mail.recipient = q.text(3);
  r.mail.subject = q.text(4);
  if (with_bodies) {
    r.mail.text_body = q.text(5);
    r.mail.html_body = q.text(6);
  }
  r.created_at_ms = q.int64(7);
  r.next_attempt_at_ms = q.int64(8);
  r.attempts = static_cast<int>(q.int64(9));
  r.sent_at_ms = q.int64(10);
  r.last_error = q.text(11);
  r.mail.reply_to = q.text(12);
  r.mail.unsubscribe_url = q.text(13);
  r.mail.program_id = q.int64(14);
  return r;
}

constexpr const char* outbox_columns =
    "SELECT id, message_id, kind, recipient, subject, text_body, html_body, created_at_ms, next_attempt_at_ms, attempts, "
    "sent_at_ms, last_error, reply_to, unsubscribe_url, program_id FROM outbox ";

} // namespace

std::vector<OutboxRow> Outbox::due(std::int64_t now_ms, int limit) {
  return db_.read([&] {
    std::vector<OutboxRow> out;
    auto q = db_.prepare(std::string(outbox_columns) + "WHERE sent_at_ms = 0 AND next_attempt_at_ms <= ? ORDER BY next_attempt_at_ms, id LIMIT ?");
    q.bind(1, now_ms).bind(2, static_cast<std::int64_t>(limit));
    while (q.step()) out.push_back(read_outbox_row(q, true));
    return out;
  });
}

std::int64_t Outbox::next_due_ms() {
  return db_.read([&] {
    auto q = db_.prepare("SELECT MIN(next_attempt_at_ms) FROM outbox WHERE sent_at_ms = 0");
    return q.step() && !q.is_null(0) ? q.int64(0) : std::int64_t{0};
  });
}

void Outbox::mark_sent(std::int64_t id, std::int64_t now_ms) {
  db_.write([&] {
    db_.prepare("UPDATE outbox SET sent_at_ms = ?, attempts = attempts + 1, last_error = '' WHERE id = ?").bind(1, now_ms).bind(2, id).run();
  });
}

void Outbox::mark_failed(std::int64_t id, const std::string& error, std::int64_t next_attempt_at_ms) {
  db_.write([&] {
    db_.prepare("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at_ms = ? WHERE id = ?")
        .bind(1, error).bind(2, next_attempt_at_ms).bind(3, id).run();
  });
}

void Outbox::all_due_now(std::int64_t now_ms) {
  db_.write([&] {
    db_.prepare("UPDATE outbox SET next_attempt_at_ms = ? WHERE sent_at_ms = 0 AND next_attempt_at_ms > ?").bind(1, now_ms).bind(2, now_ms).run();
  });
}

void Outbox::note_unsendable(const std::string& error) {
  db_.write([&] { db_.prepare("UPDATE outbox SET last_error = ? WHERE sent_at_ms = 0 AND last_error <> ?").bind(1, error).bind(2, error).run(); });
}

OutboxStatus Outbox::status(int waiting_limit) {
  return db_.read([&] {
    OutboxStatus s;
    // Each count reads the index on sent_at_ms only.
    auto queued = db_.prepare("SELECT COUNT(*), COALESCE(SUM(last_error <> ''), 0), COALESCE(MIN(created_at_ms), 0) FROM outbox WHERE sent_at_ms = 0");
    if (queued.step()) {
      s.queued = queued.int64(0);
      s.failing = queued.int64(1);
      s.oldest_queued_at_ms = queued.int64(2);
    }
    auto sent = db_.prepare("SELECT COUNT(*) FROM outbox WHERE sent_at_ms > 0");
    if (sent.step()) s.sent = sent.int64(0);
    auto q = db_.prepare(std::string(outbox_columns) + "WHERE sent_at_ms = 0 ORDER BY created_at_ms, id LIMIT ?");
    q.bind(1, static_cast<std::int64_t>(waiting_limit));
    while (q.step()) s.waiting.push_back(read_outbox_row(q, false));
    return s;
  });
}

OutboxStatus Outbox::program_status(std::int64_t program_id, int waiting_limit) {
  return db_.read([&] {
    OutboxStatus s;
    auto counts = db_.prepare("SELECT COALESCE(SUM(sent_at_ms = 0), 0), COALESCE(SUM(sent_at_ms = 0 AND last_error <> ''), 0), "
                              "COALESCE(SUM(sent_at_ms > 0), 0), COALESCE(MIN(CASE WHEN sent_at_ms = 0 THEN created_at_ms END), 0) "
                              "FROM outbox WHERE program_id = ?");
    counts.bind(1, program_id);
    if (counts.step()) {
      s.queued = counts.int64(0);
      s.failing = counts.int64(1);
      s.sent = counts.int64(2);
      s.oldest_queued_at_ms = counts.int64(3);
    }
    auto q = db_.prepare(std::string(outbox_columns) + "WHERE program_id = ? AND sent_at_ms = 0 ORDER BY created_at_ms, id LIMIT ?");
    q.bind(1, program_id).bind(2, static_cast<std::int64_t>(waiting_limit));
    while (q.step()) s.waiting.push_back(read_outbox_row(q, false));
    return s;
  });
}

} // namespace pd::storage
