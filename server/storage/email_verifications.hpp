// Email verification links (migration 9): only their tokens' hashes are kept, with the address
// each was sent to. Issuing a link and its mail is one transaction; verifying uses the token
// (and every other one of the person) up and marks the person verified in one transaction.
#pragma once

#include "server/storage/database.hpp"
#include "server/storage/outbox.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pd::storage {

// How long a verification link works.
inline constexpr std::int64_t email_verification_hours = 48;

// Fresh links a person may ask for: one a minute, five an hour. The milliseconds still to wait
// before another link may be sent, given when the recent ones were made (any order); 0: now.
std::int64_t verification_resend_wait_ms(const std::vector<std::int64_t>& recent_issued_ms, std::int64_t now_ms);

struct Verified {
  std::int64_t person_id = 0;
  std::string invitation_token_hash; // the invitation to accept now (empty: none)
};

class EmailVerifications {
public:
  explicit EmailVerifications(Database& db) : db_(db) {}

  // Stores the link's hash for person_id at `email` and queues its mail, in one transaction.
  // invitation_token_hash: the invitation the account was created to accept (empty: none).
  // Also forgets links expired for a week.
  void issue(const std::string& token_hash, std::int64_t person_id, const std::string& email, std::int64_t now_ms,
             std::int64_t expires_at_ms, const OutgoingMail& mail, const std::string& invitation_token_hash = {});
  // When the person's links of the last hour were made (for verification_resend_wait_ms).
  std::vector<std::int64_t> issued_since(std::int64_t person_id, std::int64_t since_ms);
  // Uses the token up and marks its person verified (when the person's email is still the one
  // it was sent to); nothing (nothing changed) when the token is unknown, used or expired at
  // now_ms, or the address changed since.
  std::optional<Verified> verify(const std::string& token_hash, std::int64_t now_ms);

private:
  Database& db_;
};

} // namespace pd::storage
