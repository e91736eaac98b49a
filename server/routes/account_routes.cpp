// Accounts: sign up (POST /api/v1/accounts), sign out everywhere (DELETE /api/v1/sessions),
// and invitation links (GET /api/v1/invitations/{token}, POST /api/v1/invitations/accept).
#include "server/routes/routes.hpp"

#include "server/app/account_mail.hpp"
#include "server/app/current_person.hpp"
#include "server/app/gated_hash.hpp"
#include "server/app/security.hpp"
#include "server/auth/hash_gate.hpp"
#include "server/auth/passwords.hpp"
#include "server/auth/session_cookie.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/responses.hpp"
#include "shared/core/field_reader.hpp"
#include "shared/core/password_rule.hpp"
#include "shared/identity/email.hpp"

namespace pd::routes {

using core::ErrorCode;

namespace {

struct NewAccount {
  std::string email, name, password;
};

core::Result<NewAccount> read_new_account(core::FieldReader& r, bool with_email) {
  NewAccount a;
  if (with_email) {
    auto raw = r.text("email", {1, identity::max_email_length});
    if (!r.error()) {
      auto e = identity::normalize_email(raw);
      if (!e) r.fail(e.error());
      else a.email = e.value();
    }
  }
  a.name = r.text("name", {1, domain::max_person_name});
  a.password = r.text("password", {0, api::max_password_length, false});
  if (r.error()) return *r.error();
  if (auto refused = core::check_new_password(a.password)) return *refused; // the same rule as the browser's form
  return a;
}


// Creates the person, signs them in and mails their verification link (which accepts the
// invitation with invitation_token_hash when opened); nothing (with the answer sent) if the
// email is taken or the server is too busy to hash the password.
std::optional<std::int64_t> create_and_sign_in(app::Services& s, const NewAccount& a, const std::string& invitation_token_hash,
                                               const httplib::Request& req, httplib::Response& res) {
  if (s.accounts.find_by_email(a.email)) {
    http::send_error(res, 409, ErrorCode::conflict, "An account with that email already exists. Sign in instead.", "email");
    return std::nullopt;
  }
  auto hash = app::gated_password_hash(s, a.password, res);
  if (!hash) return std::nullopt;
  const auto now = s.now_ms();
  std::int64_t id = 0;
  try {
    id = s.accounts.create_person(a.email, a.name, *hash, now);
  } catch (const storage::StorageError&) { // lost a race for the same email
    http::send_error(res, 409, ErrorCode::conflict, "An account with that email already exists. Sign in instead.", "email");
    return std::nullopt;
  }
  auto token = auth::new_token();
  const std::int64_t ttl = s.options.session_ttl_hours * 3600;
  const auto session_hash = auth::token_hash(token);
  s.sessions.create(session_hash, id, now, now + ttl * 1000, 0, req.get_header_value("User-Agent"),
                    http::client_address(req, s.options));
  const storage::PersonRecord person{id, a.email, a.name, {}, false};
  app::note_sign_in_browser(s, req, res, person, session_hash, false); // the account's first browser
  res.set_header("Set-Cookie", auth::set_session_cookie(token, ttl, http::secure_request(req, s.options)));
  app::send_email_verification(s, person, invitation_token_hash);
  return id;
}

// The one answer of sign-up, for a new email and for one that has an account alike.
nlohmann::json sign_up_answer(const std::string& email) {
  return {{"status", "received"},
          {"email", email},
          {"next", "sign_in"},
          {"message", "Sign in with this email and the password you chose. A new account also gets a mail with a link "
                      "to confirm the address. If the email already had an account, nothing was changed: its own "
                      "password signs in."}};
}

} // namespace

void register_account_routes(httplib::Server& server, app::Services& services) {
  server.Post("/api/v1/accounts", [&services](const httplib::Request& req, httplib::Response& res) {
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    core::FieldReader r(body.value(), {"email", "name", "password"});
    auto account = read_new_account(r, true);
    if (!account) return http::send_error(res, http::status_for(account.error().code), account.error());
    // The same answer, after the same work (one hash), whether or not the email has an account:
    // sign-up tells nobody which emails are registered. A new account is created; an existing
    // one is left as it was. Either way the next step is signing in.
    const auto& a = account.value();
    auto hash = app::gated_password_hash(services, a.password, res);
    if (!hash) return;
    if (!services.accounts.find_by_email(a.email)) {
      try {
        const auto id = services.accounts.create_person(a.email, a.name, *hash, services.now_ms());
        app::send_email_verification(services, storage::PersonRecord{id, a.email, a.name, {}, false});
      } catch (const storage::StorageError&) { // lost a race for the same email: as for an existing one
      }
    }
    http::send_json(res, 202, sign_up_answer(a.email));
  });

  // Ends every session of the signed-in person (all browsers and devices).
  server.Delete("/api/v1/sessions", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = app::current_caller(req, services);
    if (!caller) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    services.sessions.remove_all_for(caller->person_id);
    services.hub.wake_all(); // open live streams of this person end now
    res.set_header("Set-Cookie", auth::clear_session_cookie(http::secure_request(req, services.options)));
    res.status = 204;
  });

  // What an invitation link is for, before accepting it.
  server.Get(R"(/api/v1/invitations/([0-9a-f]{64}))", [&services](const httplib::Request& req, httplib::Response& res) {
    auto found = services.commands.find_invitation(auth::token_hash(req.matches[1].str()));
    std::optional<nlohmann::json> view;
    if (found) {
      view = services.commands.read(found->first, [&](const domain::ProgramState& s) {
        const auto& inv = s.invitations.at(found->second);
        std::string status = nlohmann::json(inv.status).get<std::string>();
        if (inv.status == domain::InvitationStatus::pending && services.now_ms() >= inv.expires_at) status = "expired";
        return nlohmann::json{{"program_name", s.name}, {"role", inv.role}, {"email", inv.email}, {"status", status},
                              {"expires_at", inv.expires_at}, {"has_account", services.accounts.find_by_email(inv.email).has_value()}};
      });
    }
    if (!view) return http::send_error(res, 404, ErrorCode::not_found, "This invitation link is not valid.", "token");
    http::send_json(res, 200, *view);
  });

  // Accepts an invitation: as the signed-in person, whose email must be the invited one (the
  // domain refuses anyone else with 403), or by creating an account for the invited email
  // ({"token","name","password"}). The person's email must be verified (403 email_unverified):
  // an account created here is signed in and sent its verification link, and accepts once
  // it was opened.
  server.Post("/api/v1/invitations/accept", [&services](const httplib::Request& req, httplib::Response& res) {
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    core::FieldReader r(body.value(), {"token", "command_id", "name", "password"});
    auto token = r.text("token", {64, 64, false});
    const auto token_hash = auth::token_hash(token);
    // The default idempotency key comes from the token's hash: no part of the token is stored.
    auto command_id = r.optional_text("command_id", {8, domain::max_command_id, false}).value_or("accept-" + token_hash.substr(0, 16));
    if (r.error()) return http::send_error(res, 400, *r.error());
    auto found = services.commands.find_invitation(token_hash);
    if (!found) return http::send_error(res, 404, ErrorCode::not_found, "This invitation link is not valid.", "token");

    std::optional<domain::Actor> actor;
    if (auto caller = app::current_caller(req, services)) {
      auto p = services.accounts.find_by_id(caller->person_id);
      if (p) actor = domain::Actor{p->id, p->name, p->email};
      if (p && !p->email_verified) {
        // What the domain would refuse comes first (another email, used, revoked, expired).
        auto check = services.commands.read(found->first, [&](const domain::ProgramState& s) {
          return domain::decide(s, domain::AcceptInvitation{found->second}, *actor, services.now_ms());
        });
        if (check && !check->ok()) return http::send_error(res, http::status_for(check->error().code), check->error());
        return http::send_error(res, 403, ErrorCode::email_unverified,
                                "Confirm your email address first: open the link we sent to " + p->email +
                                    ", then accept the invitation. No mail? Send the link again.");
      }
    }
    if (!actor) {
      auto email = services.commands.read(found->first, [&](const domain::ProgramState& s) { return s.invitations.at(found->second).email; });
      if (services.accounts.find_by_email(*email))
        return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in as " + *email + " to accept this invitation.", "token");
      core::FieldReader nr(body.value(), {"token", "command_id", "name", "password"});
      (void)nr.text("token", {64, 64, false});
      auto account = read_new_account(nr, false);
      if (!account) return http::send_error(res, http::status_for(account.error().code), account.error());
      // Create the account only if the invitation can still be accepted.
      auto check = services.commands.read(found->first, [&](const domain::ProgramState& s) {
        return domain::decide(s, domain::AcceptInvitation{found->second}, domain::Actor{0, "", *email}, services.now_ms());
      });
      if (check && !check->ok()) return http::send_error(res, http::status_for(check->error().code), check->error());
      auto a = account.value();
      a.email = *email;
      auto id = create_and_sign_in(services, a, token_hash, req, res);
      if (!id) return;
      // Signed in now, with the verification link on its way: joining waits for it.
      return http::send_error(res, 403, ErrorCode::email_unverified,
                              "We sent a link to " + a.email + ". Open it to confirm your email address and join " +
                                  services.commands.read(found->first, [](const domain::ProgramState& s) { return s.name; }).value_or("the program") +
                                  ".");
    }
    auto out = services.commands.execute(found->first, command_id, domain::AcceptInvitation{found->second}, *actor, services.now_ms());
    if (out.status == 200) out.add("me", *app::me_of(services, actor->id));
    http::send_json(res, out.status, out.body);
  });
}

} // namespace pd::routes
