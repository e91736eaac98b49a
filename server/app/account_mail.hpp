// The mail about a person's own account, queued by the routes that cause it: the link that
// confirms their email address (at sign-up and on request), and the notice of a sign-in from
// a browser the account had not signed in from (recognised by the device cookie).
#pragma once

#include "server/app/services.hpp"
#include "server/storage/accounts.hpp"

#include <httplib.h>

#include <cstdint>
#include <string>

namespace pd::app {

// --public-url, else http://HOST:PORT: the start of links in mail.
std::string mail_link_base(const Services& s);

// Makes a fresh verification link for the person's current email and queues its mail (one
// transaction), then wakes the mail worker. invitation_token_hash: the invitation the account
// was created through, accepted when the link is opened (empty: none).
void send_email_verification(Services& s, const storage::PersonRecord& person, const std::string& invitation_token_hash = {});

// After the password (and second factor) were right: recognises the browser by its device
// cookie, giving it one when it has none (a Set-Cookie added to res: call it before setting the
// session cookie, which cpp-httplib then writes first), and remembers it for the
// person. With `notify`, a browser other than the ones the person signed in from before queues
// the "New sign-in" mail (none for the person's first browser); its message id comes from the
// new session's token hash.
void note_sign_in_browser(Services& s, const httplib::Request& req, httplib::Response& res, const storage::PersonRecord& person,
                          const std::string& session_token_hash, bool notify);

} // namespace pd::app
