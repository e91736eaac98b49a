// The outbox of outgoing mail (migration 6). A message is written by the transaction that
// caused it (enqueue_mail inside Database::write) and stays until the relay accepted it; the
// mail worker (server/mail/mail_worker.hpp) reads what is due and records each attempt.
#pragma once

#include "server/storage/database.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pd::storage {

struct OutgoingMail {
  std::string message_id; // unique, derived from the cause ("reset-<hash prefix>@host"): one cause, one message
  std::string kind;       // "password_reset", ...
  std::string recipient;  // one address
  std::string subject;
  std::string text_body;
  std::string html_body;
  std::string reply_to = {};        // empty: none (replies go to From)
  std::string unsubscribe_url = {}; // empty: essential mail; else the RFC 8058 one-click link
  std::int64_t program_id = 0;      // the program it is about (0: none), for the owner's delivery status
};

struct OutboxRow {
  std::int64_t id = 0;
  OutgoingMail mail;
  std::int64_t created_at_ms = 0;
  std::int64_t next_attempt_at_ms = 0;
  int attempts = 0;
  std::int64_t sent_at_ms = 0;
  std::string last_error;
};

// What the owner sees (GET /healthz, /metrics): counts and the messages still waiting.
struct OutboxStatus {
  std::int64_t queued = 0;  // not sent yet (including failing ones)
  std::int64_t failing = 0; // not sent, with an error from the last attempt
  std::int64_t sent = 0;
  std::int64_t oldest_queued_at_ms = 0; // 0: none queued
  std::vector<OutboxRow> waiting;       // the oldest unsent ones (bodies left out)
};

// Writes the message in the current write transaction; false (nothing written) when a message
// with that id already exists. Must be called inside Database::write.
bool enqueue_mail(Database& db, const OutgoingMail& mail, std::int64_t now_ms);

class Outbox {
public:
  explicit Outbox(Database& db) : db_(db) {}

  // Unsent messages due at now_ms, oldest first, at most `limit`.
  std::vector<OutboxRow> due(std::int64_t now_ms, int limit);
  // When the next unsent message is due (0: none waits).
  std::int64_t next_due_ms();
  void mark_sent(std::int64_t id, std::int64_t now_ms);
  void mark_failed(std::int64_t id, const std::string& error, std::int64_t next_attempt_at_ms);
  // Every unsent message is due now (at start: a restart tries at once).
  void all_due_now(std::int64_t now_ms);
  // Without a relay: every unsent message without an error gets this one (attempts unchanged).
  void note_unsendable(const std::string& error);
  OutboxStatus status(int waiting_limit = 20);
  // The same for the mail about one program (OutgoingMail::program_id).
  OutboxStatus program_status(std::int64_t program_id, int waiting_limit);

private:
  Database& db_;
};

} // namespace pd::storage
