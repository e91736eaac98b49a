// Mail about a person's own account: confirming their email address, a sign-in from a browser
// the account had not signed in from, and a change of their address. All essential (no
// unsubscribe link).
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

// A change of address (routes/email_change_routes.cpp). To the new address: the link
// `<public-url>/#/verify/<token>` that makes it the account's, valid for `hours`; or, when
// another account already uses it, a notice that nothing will change (the person asking is
// told the same as for a free address, as sign-up tells nobody which addresses have accounts).
storage::OutgoingMail email_change_link_mail(const std::string& recipient, const std::string& name, const std::string& link, int hours,
                                             const std::string& message_id);
storage::OutgoingMail email_change_in_use_mail(const std::string& recipient, const std::string& forgot_link, const std::string& message_id);
// To the old address: `done` false when the change was asked for (it waits for the link),
// true once it was made. account_link: end sessions and cancel; forgot_link: a new password.
storage::OutgoingMail email_change_notice_mail(const std::string& recipient, const std::string& name, const std::string& new_email,
                                               bool done, const std::string& account_link, const std::string& forgot_link,
                                               const std::string& message_id);

// "6 December 2026, 05:54 UTC".
std::string utc_time_text(std::int64_t at_ms);

} // namespace pd::mail
