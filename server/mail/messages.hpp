// The mail Partnerdesk sends, each as plain text and HTML in the program's name.
#pragma once

#include "server/storage/outbox.hpp"

#include <string>

namespace pd::mail {

// Text safe inside HTML (&, <, >, " and ').
std::string html_escape(const std::string& text);

// The password reset: the link `<public-url>/#/reset/<token>`, valid for `minutes`.
storage::OutgoingMail password_reset_mail(const std::string& recipient, const std::string& name, const std::string& link,
                                          int minutes, const std::string& message_id);

} // namespace pd::mail
