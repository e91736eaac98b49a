#include "server/app/account_mail.hpp"

#include "server/mail/event_mail.hpp"
#include "server/auth/device_cookie.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/user_agent.hpp"
#include "server/mail/account_messages.hpp"
#include "server/storage/email_verifications.hpp"
#include "server/storage/known_browsers.hpp"

namespace pd::app {

std::string mail_link_base(const Services& s) { return mail::public_url(s.options); }

void send_email_verification(Services& s, const storage::PersonRecord& person, const std::string& invitation_token_hash) {
  const auto token = auth::new_token();
  const auto token_hash = auth::token_hash(token);
  const auto now = s.now_ms();
  const auto hours = static_cast<int>(storage::email_verification_hours);
  auto mail = mail::email_verification_mail(person.email, person.name, mail_link_base(s) + "/#/verify/" + token, hours,
                                            "verify-" + token_hash.substr(0, 24) + "@" + s.mail.message_host());
  storage::EmailVerifications(s.db).issue(token_hash, person.id, person.email, now, now + storage::email_verification_hours * 3'600'000, mail,
                                            invitation_token_hash);
  s.mail.wake();
}

void note_sign_in_browser(Services& s, const httplib::Request& req, httplib::Response& res, const storage::PersonRecord& person,
                          const std::string& session_token_hash, bool notify) {
  const bool secure = http::secure_request(req, s.options);
  auto device = auth::device_token_from_cookie_header(req.get_header_value("Cookie"), secure);
  if (!device) {
    device = auth::new_token();
    res.set_header("Set-Cookie", auth::set_device_cookie(*device, secure));
  }
  const auto now = s.now_ms();
  std::optional<storage::OutgoingMail> mail;
  if (notify) {
    const auto base = mail_link_base(s);
    mail = mail::new_sign_in_mail(person.email, person.name,
                                  mail::SignInNotice{http::describe_user_agent(req.get_header_value("User-Agent")),
                                                     http::client_address(req, s.options), now, base + "/#/account", base + "/#/forgot"},
                                  "signin-" + session_token_hash.substr(0, 24) + "@" + s.mail.message_host());
  }
  if (storage::KnownBrowsers(s.db).remember(person.id, auth::token_hash(*device), now, mail) == storage::BrowserSeen::new_one && mail) {
    s.log.info("sign-in from a new browser", {{"person", person.id}});
    s.mail.wake();
  }
}

} // namespace pd::app
