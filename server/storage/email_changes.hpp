// A person's own change of email address (migration 11): the new address waits, with only its
// confirmation link's token hash, until the link is opened. Asking and its mail are one
// transaction; confirming changes the address (verified) in one transaction, or refuses when
// another account took the address in the meantime.
#pragma once

#include "server/storage/database.hpp"
#include "server/storage/outbox.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pd::storage {

// How long a change's confirmation link works: as long as a sign-up's.
inline constexpr std::int64_t email_change_hours = 48;

struct ConfirmedChange {
  enum class Outcome { changed, taken };
  Outcome outcome = Outcome::changed;
  std::int64_t person_id = 0;
  std::string name;
  std::string old_email;
  bool old_verified = false; // the old address had been confirmed
  std::string new_email;
  std::string kept_session_hash; // the one session left signed in (changed only)
};

class EmailChanges {
public:
  explicit EmailChanges(Database& db) : db_(db) {}

  // Keeps `new_email` as the person's pending address (the older pending one, if any, is used
  // up), with the link's hash and the asking session, and queues `mails`, in one transaction.
  void request(const std::string& token_hash, std::int64_t person_id, const std::string& new_email,
               const std::string& session_hash, std::int64_t now_ms, std::int64_t expires_at_ms,
               const std::vector<OutgoingMail>& mails);
  // When the person's requests of the last hour were made (for verification_resend_wait_ms).
  std::vector<std::int64_t> issued_since(std::int64_t person_id, std::int64_t since_ms);
  // The address waiting for confirmation at now_ms (nothing: none).
  std::optional<std::string> pending_of(std::int64_t person_id, std::int64_t now_ms);
  // Uses up the person's pending change; false when there was none.
  bool cancel(std::int64_t person_id, std::int64_t now_ms);
  // Opens the link: nothing (nothing changed) when the token is unknown, used, replaced or
  // expired. Else uses it up and, when no other account has the address, makes it the person's
  // (verified), uses up their open verification and password reset links, signs out every
  // session but one (caller_session_hash when it is the person's, else the one that asked) and
  // queues notice(change) for the old address; all in one transaction.
  std::optional<ConfirmedChange>
  confirm(const std::string& token_hash, const std::string& caller_session_hash, std::int64_t now_ms,
          const std::function<std::optional<OutgoingMail>(const ConfirmedChange&)>& notice);

private:
  Database& db_;
};

} // namespace pd::storage
