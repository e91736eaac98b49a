// Mail held for the business (table held_mail, migration 10): a message that arrived in the
// support mailbox but was not appended to a ticket by itself (another sender than the ticket's
// customer, a reply address with a bad tag, no such ticket, a refused reply, an automatic
// reply). Each message is held once (message_key: a hash of its Message-ID); the business lists
// a program's held mail, discards it or adds it to the ticket (server/routes/held_mail_routes.cpp).
#pragma once

#include "server/storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pd::storage {

struct HeldMail {
  std::int64_t id = 0;
  std::string message_key;
  std::int64_t program_id = 0; // 0: no program could be told from the message
  std::int64_t ticket_id = 0;  // 0: no ticket
  std::string sender;
  std::string subject;
  std::string text;
  std::string reason; // a sentence for the business: why it was not added by itself
  std::int64_t received_at_ms = 0;
};

class HeldMailStore {
public:
  explicit HeldMailStore(Database& db) : db_(db) {}
  // False when a message with this key was held before (nothing changes).
  bool hold(const HeldMail& mail);
  // A program's held mail, newest first, at most `limit`.
  std::vector<HeldMail> list(std::int64_t program_id, int limit = 100);
  std::optional<HeldMail> find(std::int64_t program_id, std::int64_t id);
  bool remove(std::int64_t program_id, std::int64_t id);

private:
  Database& db_;
};

} // namespace pd::storage
