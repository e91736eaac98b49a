// A person changes their own email address: POST /api/v1/account/email (the current password,
// checked like a sign-in, and a fresh second factor for a person who has one) keeps the new
// address pending and mails its confirmation link to it and a notice to the old address;
// DELETE /api/v1/account/email cancels. The link is opened through
// POST /api/v1/account/email-verification (verification_routes.cpp), which makes the change.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/app/gated_hash.hpp"
#include "server/app/security.hpp"
#include "server/auth/hash_gate.hpp"
#include "server/auth/passwords.hpp"
#include "server/auth/sign_in_throttle.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/responses.hpp"
#include "server/mail/account_messages.hpp"
#include "server/mail/event_mail.hpp"
#include "server/storage/email_changes.hpp"
#include "server/storage/email_verifications.hpp"
#include "shared/api/session_wire.hpp"
#include "shared/core/field_reader.hpp"
#include "shared/identity/email.hpp"

namespace pd::routes {

using core::ErrorCode;

namespace {

// The mail of a change asked for: the link to the new address (or, when another account uses
// it, a notice that nothing will change: the answer to the person asking is the same either
// way), and the notice to the old address when it was ever confirmed.
std::vector<storage::OutgoingMail> email_change_request_mails(app::Services& s, const storage::PersonRecord& person,
                                                              const std::string& new_email, const std::string& token,
                                                              const std::string& token_hash) {
  const auto base = mail::public_url(s.options);
  const auto id = token_hash.substr(0, 24) + "@" + s.mail.message_host();
  std::vector<storage::OutgoingMail> mails;
  if (s.accounts.find_by_email(new_email))
    mails.push_back(mail::email_change_in_use_mail(new_email, base + "/#/forgot", "change-" + id));
  else
    mails.push_back(mail::email_change_link_mail(new_email, person.name, base + "/#/verify/" + token,
                                                 static_cast<int>(storage::email_change_hours), "change-" + id));
  if (person.email_verified)
    mails.push_back(mail::email_change_notice_mail(person.email, person.name, new_email, false, base + "/#/account",
                                                   base + "/#/forgot", "change-notice-" + id));
  return mails;
}

} // namespace

void register_email_change_routes(httplib::Server& server, app::Services& services) {
  server.Post("/api/v1/account/email", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = app::current_caller(req, services);
    if (!caller) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    core::FieldReader r(body.value(), {"current_password", "email"});
    auto current = r.text("current_password", {1, api::max_password_length, false});
    auto raw = r.text("email", {1, identity::max_email_length});
    if (r.error()) return http::send_error(res, 400, *r.error());
    services.accounts.forget_cached(caller->person_id);
    auto person = services.accounts.find_by_id(caller->person_id);
    if (!person) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    auto email = identity::check_new_email(person->email, raw);
    if (!email) return http::send_error(res, 400, email.error());
    if (!app::second_factor_fresh(*caller, res, services)) return; // a sensitive change: step-up
    const auto now = services.now_ms();
    storage::EmailChanges changes(services.db);
    // Each request mails the new address: one a minute, five an hour, like fresh confirmation links.
    if (auto wait = storage::verification_resend_wait_ms(changes.issued_since(person->id, now - 3'600'000), now);
        wait > 0) {
      const auto seconds = std::to_string((wait + 999) / 1000);
      res.set_header("Retry-After", seconds);
      return http::send_error(
          res, 429, ErrorCode::rate_limited,
          "You asked for a change a moment ago. Check your mail, or try again in " + seconds + " seconds.", "email");
    }
    // The current password is checked like a sign-in, and counts for the sign-in throttle.
    if (!app::check_current_password(services, req, res, *person, current)) return;
    const auto token = auth::new_token();
    const auto token_hash = auth::token_hash(token);
    changes.request(token_hash, person->id, email.value(), caller->token_hash, now,
                    now + storage::email_change_hours * 3'600'000,
                    email_change_request_mails(services, *person, email.value(), token, token_hash));
    services.mail.wake();
    services.log.info("email change asked", {{"person", person->id}});
    nlohmann::json answer = {{"status", "pending"},
                             {"email", email.value()},
                             {"message", "We sent a link to " + email.value() +
                                             ". Your address changes when you open it (it works once, for " +
                                             std::to_string(storage::email_change_hours) +
                                             " hours); until then you sign in with " + person->email + "."}};
    if (auto me = app::me_of(services, person->id)) answer["me"] = *me;
    http::send_json(res, 202, answer);
  });

  server.Delete("/api/v1/account/email", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = app::current_caller(req, services);
    if (!caller) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    const bool cancelled = storage::EmailChanges(services.db).cancel(caller->person_id, services.now_ms());
    if (cancelled) services.log.info("email change cancelled", {{"person", caller->person_id}});
    nlohmann::json answer = {{"status", cancelled ? "cancelled" : "none"},
                             {"message", cancelled ? "The change was cancelled: your address stays as it is."
                                                   : "No change of address was waiting."}};
    if (auto me = app::me_of(services, caller->person_id)) answer["me"] = *me;
    http::send_json(res, 200, answer);
  });
}

} // namespace pd::routes
