// Mail about a person's own account: confirming their email address, and a sign-in from a
// browser the account had not signed in from. Both essential (no unsubscribe link).
#pragma once

#include "server/storage/outbox.hpp"

#include <cstdint>
#include <string>

namespace pd::mail {

// The link `<public-url>/#/verify/<token>`, valid for `hours`.
storage::OutgoingMail email_verification_mail(const std::string& recipient, const std::string& name, const std::string& link,
                                              int hours, const std::string& message_id);

struct SignInNotice {
  std::string browser;      // "Firefox on Linux" (http::describe_user_agent)
  std::string address;      // the client address
  std::int64_t at_ms = 0;   // when, shown in UTC
  std::string account_link; // <public-url>/#/account: end sessions
  std::string forgot_link;  // <public-url>/#/forgot: choose a new password
};
storage::OutgoingMail new_sign_in_mail(const std::string& recipient, const std::string& name, const SignInNotice& notice,
                                       const std::string& message_id);

// "6 December 2026, 05:54 UTC".
std::string utc_time_text(std::int64_t at_ms);

} // namespace pd::mail
