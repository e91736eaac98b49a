// Email verification: POST /api/v1/account/email-verification (the mailed token; no session
// needed) and POST /api/v1/account/email-verification/resend (signed in; throttled). A link
// made for an account created through an invitation link also accepts that invitation; a link
// mailed for a change of address (email_change_routes.cpp) makes the change.
#include "server/routes/routes.hpp"

#include "server/app/account_mail.hpp"
#include "server/app/current_person.hpp"
#include "server/app/security.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/responses.hpp"
#include "server/mail/account_messages.hpp"
#include "server/mail/event_mail.hpp"
#include "server/storage/email_changes.hpp"
#include "server/storage/email_verifications.hpp"
#include "shared/core/field_reader.hpp"

namespace pd::routes {

using core::ErrorCode;

namespace {

constexpr const char* verification_link_invalid =
    "This confirmation link has expired or was already used. Sign in and send yourself a new one.";

// Accepts the invitation the account was created through, now that its email is verified;
// adds to `answer` what came of it.
void accept_after_verifying(app::Services& s, const storage::PersonRecord& person, const std::string& invitation_token_hash,
                            nlohmann::json& answer) {
  auto found = s.commands.find_invitation(invitation_token_hash);
  if (!found) return;
  const domain::Actor actor{person.id, person.name, person.email};
  // The same command id as the invitation page's own accept: joining happens once.
  auto out = s.commands.execute(found->first, "accept-" + invitation_token_hash.substr(0, 16), domain::AcceptInvitation{found->second},
                                actor, s.now_ms());
  const auto program_name = s.commands.read(found->first, [](const domain::ProgramState& st) { return st.name; }).value_or("");
  if (out.status == 200) {
    answer["joined"] = {{"program_id", found->first}, {"program_name", program_name}};
    answer["message"] = "Your email address is confirmed, and you joined " + program_name + ".";
  } else {
    const auto e = core::error_from_json_body(out.body);
    answer["invitation_problem"] = e.message;
    answer["message"] = "Your email address is confirmed, but you could not join " + program_name + ": " + e.message;
  }
}

// Opens a change-of-address link (false: the token is not one, nothing answered). The new
// address becomes the person's, confirmed, unless another account took it meanwhile; every
// session but this browser's (when it is the person's) or the one that asked ends.
bool confirm_email_change(app::Services& s, const httplib::Request& req, httplib::Response& res, const std::string& token_hash) {
  auto caller = app::current_caller(req, s);
  const auto base = mail::public_url(s.options);
  auto change = storage::EmailChanges(s.db).confirm(
      token_hash, caller ? caller->token_hash : std::string(), s.now_ms(), [&](const storage::ConfirmedChange& c) {
        std::optional<storage::OutgoingMail> notice;
        if (c.old_verified)
          notice = mail::email_change_notice_mail(c.old_email, c.name, c.new_email, true, base + "/#/account", base + "/#/forgot",
                                                  "changed-" + token_hash.substr(0, 24) + "@" + s.mail.message_host());
        return notice;
      });
  if (!change) return false;
  if (change->outcome == storage::ConfirmedChange::Outcome::taken) {
    s.log.info("email change refused: address taken", {{"person", change->person_id}});
    http::send_error(res, 409, ErrorCode::conflict,
                     "Another account already uses " + change->new_email + ", so your address was not changed. It is still " +
                         change->old_email + ".",
                     "email");
    return true;
  }
  s.accounts.forget_cached(change->person_id);
  s.sessions.remove_others_for(change->person_id, change->kept_session_hash); // the rows went in the same transaction; this clears the cache
  app::record_member_email(s, change->person_id); // the member lists show the new address
  s.hub.wake_all();
  s.mail.wake();
  s.log.info("email changed", {{"person", change->person_id}});
  nlohmann::json answer = {{"status", "changed"},
                           {"email", change->new_email},
                           {"message", "Your email address is now " + change->new_email +
                                           ". Sign in with it from now on; your other sessions were signed out."}};
  if (caller && caller->person_id == change->person_id)
    if (auto me = app::me_of(s, change->person_id)) answer["me"] = *me;
  http::send_json(res, 200, answer);
  return true;
}

} // namespace

void register_verification_routes(httplib::Server& server, app::Services& services) {
  server.Post("/api/v1/account/email-verification", [&services](const httplib::Request& req, httplib::Response& res) {
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    core::FieldReader r(body.value(), {"token"});
    auto token = r.text("token", {1, 128, false});
    if (r.error()) return http::send_error(res, 400, *r.error());
    auto verified = storage::EmailVerifications(services.db).verify(auth::token_hash(token), services.now_ms());
    if (!verified && confirm_email_change(services, req, res, auth::token_hash(token))) return;
    if (!verified) return http::send_error(res, 400, ErrorCode::invalid_field, verification_link_invalid, "token");
    services.accounts.forget_cached(verified->person_id);
    auto person = services.accounts.find_by_id(verified->person_id);
    if (!person) return http::send_error(res, 400, ErrorCode::invalid_field, verification_link_invalid, "token");
    services.log.info("email verified", {{"person", person->id}});
    nlohmann::json answer = {{"status", "verified"}, {"email", person->email}, {"message", "Your email address is confirmed."}};
    if (!verified->invitation_token_hash.empty()) accept_after_verifying(services, *person, verified->invitation_token_hash, answer);
    // The person signed in in this browser gets their account as it is now.
    if (auto caller = app::current_caller(req, services); caller && caller->person_id == person->id)
      if (auto me = app::me_of(services, person->id)) answer["me"] = *me;
    http::send_json(res, 200, answer);
  });

  server.Post("/api/v1/account/email-verification/resend", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = app::current_caller(req, services);
    if (!caller) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    auto body = core::parse_object(req.body.empty() ? std::string("{}") : req.body);
    if (!body) return http::send_error(res, 400, body.error());
    core::FieldReader r(body.value(), {"invitation_token"});
    auto invitation_token = r.optional_text("invitation_token", {64, 64, false});
    if (r.error()) return http::send_error(res, 400, *r.error());
    auto person = services.accounts.find_by_id(caller->person_id);
    if (!person) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    if (person->email_verified)
      return http::send_json(res, 200, {{"status", "verified"}, {"email", person->email}, {"message", "Your email address is already confirmed."}});
    std::string invitation_hash;
    if (invitation_token) {
      invitation_hash = auth::token_hash(*invitation_token);
      if (!services.commands.find_invitation(invitation_hash))
        return http::send_error(res, 404, ErrorCode::not_found, "This invitation link is not valid.", "invitation_token");
    }
    const auto now = services.now_ms();
    storage::EmailVerifications links(services.db);
    const auto wait = storage::verification_resend_wait_ms(links.issued_since(person->id, now - 3'600'000), now);
    if (wait > 0) {
      const auto seconds = std::to_string((wait + 999) / 1000);
      res.set_header("Retry-After", seconds);
      return http::send_error(res, 429, ErrorCode::rate_limited,
                              "A link was sent to " + person->email + " a moment ago. Check your mail, or ask again in " + seconds + " seconds.");
    }
    app::send_email_verification(services, *person, invitation_hash);
    http::send_json(res, 202, {{"status", "sent"},
                               {"email", person->email},
                               {"message", "We sent a new link to " + person->email + ". It works once, for " +
                                               std::to_string(storage::email_verification_hours) + " hours."}});
  });
}

} // namespace pd::routes
