// Passwords: a forgotten one (POST /api/v1/account/password-reset, then
// POST /api/v1/account/password-reset/complete with the mailed token) and a change while
// signed in (POST /api/v1/account/password). New passwords follow shared/core/password_rule.
#include "server/routes/routes.hpp"

#include "server/mail/event_mail.hpp"
#include "server/app/current_person.hpp"
#include "server/app/gated_hash.hpp"
#include "server/app/security.hpp"
#include "server/auth/hash_gate.hpp"
#include "server/auth/passwords.hpp"
#include "server/auth/sign_in_throttle.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/responses.hpp"
#include "server/mail/messages.hpp"
#include "server/storage/password_resets.hpp"
#include "shared/api/session_wire.hpp"
#include "shared/core/field_reader.hpp"
#include "shared/core/password_rule.hpp"
#include "shared/identity/email.hpp"

#include <memory>

namespace pd::routes {

using core::ErrorCode;

namespace {

constexpr const char* reset_link_invalid = "This password reset link has expired or was already used. Ask for a new one.";

// The one answer to a reset request, whether or not the address has an account.
nlohmann::json reset_requested_answer() {
  return {{"status", "received"},
          {"message", "If an account uses this email, a message with a link to choose a new password is on its way. "
                      "The link works once, for a limited time."}};
}


// Resets asked per address and client address: every request counts, like a failed sign-in,
// so one address cannot flood a mailbox or probe many accounts quickly.
auth::ThrottleRules reset_throttle_rules() {
  auth::ThrottleRules rules;
  rules.per_pair = {3, 60'000, 60 * auth::ThrottleRules::minute_ms};
  rules.per_address = {20, 1000, 15 * auth::ThrottleRules::minute_ms};
  rules.per_account = {5, 60'000, 60 * auth::ThrottleRules::minute_ms};
  return rules;
}


} // namespace

void register_password_routes(httplib::Server& server, app::Services& services) {
  auto resets = std::make_shared<storage::PasswordResets>(services.db);
  auto throttle = std::make_shared<auth::SignInThrottle>(reset_throttle_rules());

  server.Post("/api/v1/account/password-reset", [&services, resets, throttle](const httplib::Request& req, httplib::Response& res) {
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    core::FieldReader r(body.value(), {"email"});
    auto raw = r.text("email", {1, identity::max_email_length});
    std::string email;
    if (!r.error()) {
      auto e = identity::normalize_email(raw);
      if (!e) r.fail(e.error());
      else email = e.value();
    }
    if (r.error()) return http::send_error(res, 400, *r.error());
    const auto now = services.now_ms();
    const auto address = http::client_address(req, services.options);
    if (auto wait = throttle->begin(email, address, now); wait > 0) {
      res.set_header("Retry-After", std::to_string((wait + 999) / 1000));
      return http::send_error(res, 429, ErrorCode::rate_limited,
                              "Too many reset requests. Try again in " + std::to_string((wait + 999) / 1000) + " seconds.", "email");
    }
    // The same work for a known and an unknown address: a new token, its hash, and one write
    // transaction (an unknown address writes a row no token can match). Only a known address
    // gets the mail, which the worker sends after the answer.
    const auto token = auth::new_token();
    const auto token_hash = auth::token_hash(token);
    const auto minutes = services.options.password_reset_minutes;
    const auto person = services.accounts.find_by_email(email);
    std::optional<storage::OutgoingMail> mail;
    if (person) {
      const auto link = mail::public_url(services.options) + "/#/reset/" + token;
      mail = mail::password_reset_mail(person->email, person->name, link, minutes,
                                       "reset-" + token_hash.substr(0, 24) + "@" + services.mail.message_host());
    }
    resets->request(token_hash, person ? person->id : 0, now, now + std::int64_t{minutes} * 60'000, mail);
    if (mail) services.mail.wake();
    http::send_json(res, 202, reset_requested_answer());
  });

  server.Post("/api/v1/account/password-reset/complete", [&services, resets](const httplib::Request& req, httplib::Response& res) {
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    core::FieldReader r(body.value(), {"token", "password"});
    auto token = r.text("token", {1, 128, false});
    auto password = r.text("password", {1, api::max_password_length, false});
    if (r.error()) return http::send_error(res, 400, *r.error());
    const auto token_hash = auth::token_hash(token);
    if (!resets->person_of(token_hash, services.now_ms()))
      return http::send_error(res, 400, ErrorCode::invalid_field, reset_link_invalid, "token");
    if (auto refused = core::check_new_password(password)) return http::send_error(res, 400, *refused);
    auto hash = app::gated_password_hash(services, password, res);
    if (!hash) return;
    auto person = resets->complete(token_hash, *hash, services.now_ms());
    if (!person) return http::send_error(res, 400, ErrorCode::invalid_field, reset_link_invalid, "token");
    services.accounts.forget_cached(*person);
    services.sessions.remove_all_for(*person); // the rows went in the same transaction; this clears the cache
    services.hub.wake_all();                   // open live streams of this person end now
    services.log.info("password reset", {{"person", *person}});
    http::send_json(res, 200, {{"status", "changed"}, {"next", "sign_in"}, {"message", "Your password was changed. Sign in with it."}});
  });

  server.Post("/api/v1/account/password", [&services, resets](const httplib::Request& req, httplib::Response& res) {
    auto caller = app::current_caller(req, services);
    if (!caller) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    core::FieldReader r(body.value(), {"current_password", "password"});
    auto current = r.text("current_password", {1, api::max_password_length, false});
    auto password = r.text("password", {1, api::max_password_length, false});
    if (r.error()) return http::send_error(res, 400, *r.error());
    if (auto refused = core::check_new_password(password)) return http::send_error(res, 400, *refused);
    if (!app::second_factor_fresh(*caller, res, services)) return; // a sensitive change: step-up
    services.accounts.forget_cached(caller->person_id);
    auto person = services.accounts.find_by_id(caller->person_id);
    if (!person) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    // The current password is checked like a sign-in; the new one is hashed under the same slot.
    auto hash = app::check_current_password(services, req, res, *person, current, password);
    if (!hash) return;
    resets->change_password(person->id, *hash, caller->token_hash);
    services.accounts.forget_cached(person->id);
    services.sessions.remove_others_for(person->id, caller->token_hash);
    services.hub.wake_all();
    services.log.info("password changed", {{"person", person->id}});
    http::send_json(res, 200, {{"status", "changed"}, {"message", "Your password was changed. Your other sessions were signed out."}});
  });
}

} // namespace pd::routes
