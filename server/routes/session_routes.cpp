// POST /api/v1/session (sign in, with the two-factor code when the account has it on),
// DELETE /api/v1/session (sign out), GET /api/v1/account/sessions (the person's sessions),
// DELETE /api/v1/account/sessions/{id} (end one of them).
#include "server/routes/routes.hpp"

#include "server/app/account_mail.hpp"
#include "server/app/current_person.hpp"
#include "server/app/security.hpp"
#include "server/app/two_factor.hpp"
#include "server/auth/hash_gate.hpp"
#include "server/auth/passwords.hpp"
#include "server/auth/session_cookie.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/query.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/responses.hpp"
#include "server/http/user_agent.hpp"
#include "shared/api/session_wire.hpp"

namespace pd::routes {

using core::ErrorCode;

void register_session_routes(httplib::Server& server, app::Services& services) {
  server.Post("/api/v1/session", [&services](const httplib::Request& req, httplib::Response& res) {
    auto request = api::decode_sign_in(req.body);
    if (!request) return http::send_error(res, http::status_for(request.error().code), request.error());

    const auto now = services.now_ms();
    const auto address = http::client_address(req, services.options);
    // The attempt counts from here: attempts sent at once cannot all slip past the throttle.
    if (auto wait = services.sign_in_throttle.begin(request->email, address, now); wait > 0) {
      res.set_header("Retry-After", std::to_string((wait + 999) / 1000));
      return http::send_error(res, 429, ErrorCode::rate_limited,
                              "Too many failed sign-ins. Try again in " + std::to_string((wait + 999) / 1000) + " seconds.");
    }

    std::optional<storage::PersonRecord> person;
    bool ok = false;
    std::optional<storage::TwoFactorRecord> two_factor;
    auto factor = app::SecondFactor::refused;
    {
      auto slot = auth::password_hash_gate(services.options).enter();
      if (!slot) {
        services.sign_in_throttle.abandoned(request->email, address);
        res.set_header("Retry-After", std::to_string(auth::hash_busy_retry_after_seconds));
        return http::send_error(res, 503, ErrorCode::rate_limited, auth::hash_busy_message);
      }
      person = services.accounts.find_by_email(request->email);
      if (person) ok = auth::verify_password(person->password_hash, request->password);
      else auth::burn_verify_time(request->password);
      // The second factor is looked at only after the right password: a wrong password says
      // nothing about whether the account has two-factor on.
      if (ok) two_factor = services.accounts.two_factor(person->id);
      if (ok && two_factor && two_factor->enabled && !request->code.empty())
        factor = app::prove_second_factor(services.accounts, person->id, *two_factor, request->code, now, true);
    }
    if (!ok) { // already counted as a failure when it began
      services.log.info("sign-in refused", {{"remote", address}});
      return http::send_error(res, 401, ErrorCode::invalid_credentials, "Wrong email or password.");
    }
    const bool needs_factor = two_factor && two_factor->enabled;
    if (needs_factor && request->code.empty()) {
      // Right password, no code yet: the attempt neither fails nor succeeds (succeeding would
      // clear the failures of wrong codes before it).
      services.sign_in_throttle.abandoned(request->email, address);
      return http::send_error(res, 401, ErrorCode::two_factor_required,
                              "Enter the 6-digit code from your authenticator app, or one of your recovery codes.", "code");
    }
    if (needs_factor && factor == app::SecondFactor::refused) { // counted as a failure, like a wrong password
      services.log.info("sign-in refused: two-factor code", {{"remote", address}});
      return http::send_error(res, 401, ErrorCode::invalid_credentials,
                              "That code is not right or was already used. Enter the current code from your authenticator app.", "code");
    }
    services.sign_in_throttle.succeeded(request->email, address, now);
    if (factor == app::SecondFactor::recovery_code) services.log.info("signed in with a recovery code", {{"person", person->id}});

    // Session rotation: a sign-in always gets a fresh token; the one it came with ends.
    if (auto previous = app::current_caller(req, services)) services.sessions.remove(previous->token_hash);
    auto token = auth::new_token();
    const std::int64_t ttl_seconds = services.options.session_ttl_hours * 3600;
    const auto session_hash = auth::token_hash(token);
    services.sessions.create(session_hash, person->id, now, now + ttl_seconds * 1000, needs_factor ? now : 0,
                             req.get_header_value("User-Agent"), address);
    app::note_sign_in_browser(services, req, res, *person, session_hash, true); // a browser not seen before: mail
    app::record_member_email(services, person->id); // mends a change of address cut short
    // A customer's sign-in counts for its churn score (retention/churn.hpp: no login in 14 days),
    // recorded at most once a day per program.
    for (const auto& m : services.accounts.memberships_of(person->id))
      if (m.role == identity::Role::customer)
        services.commands.execute(m.program_id, "sign-in-" + std::to_string(person->id) + "-" + std::to_string(now / 86'400'000), domain::RecordSignIn{},
                                  domain::Actor{person->id, person->name, person->email}, now);
    res.set_header("Set-Cookie", auth::set_session_cookie(token, ttl_seconds, http::secure_request(req, services.options)));
    auto me = app::me_of(services, person->id);
    http::send_json(res, 200, *me);
  });

  // The person's own sessions, to see where they are signed in and end any of them.
  server.Get("/api/v1/account/sessions", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = app::current_caller(req, services);
    if (!caller) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    nlohmann::json items = nlohmann::json::array();
    for (const auto& s : services.sessions.list_for(caller->person_id, services.now_ms()))
      items.push_back({{"id", s.id},
                       {"browser", http::describe_user_agent(s.user_agent)},
                       {"address", s.address},
                       {"created_at", s.created_at_ms},
                       {"last_seen_at", s.last_seen_ms},
                       {"current", s.token_hash == caller->token_hash}});
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, nlohmann::json{{"items", items}});
  });

  server.Delete(R"(/api/v1/account/sessions/(\d{1,18}))", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = app::current_caller(req, services);
    if (!caller) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    const auto id = http::path_id(req, 1);
    const bool current = [&] {
      for (const auto& s : services.sessions.list_for(caller->person_id, services.now_ms()))
        if (s.id == id) return s.token_hash == caller->token_hash;
      return false;
    }();
    if (!services.sessions.remove_by_id(caller->person_id, id))
      return http::send_error(res, 404, ErrorCode::not_found, "No such session of yours.", "session_id");
    services.hub.wake_all(); // its live streams end now
    if (current) res.set_header("Set-Cookie", auth::clear_session_cookie(http::secure_request(req, services.options)));
    res.status = 204;
  });

  server.Delete("/api/v1/session", [&services](const httplib::Request& req, httplib::Response& res) {
    if (auto caller = app::current_caller(req, services)) {
      services.sessions.remove(caller->token_hash);
      services.hub.wake_all(); // this session's live streams end now
    }
    res.set_header("Set-Cookie", auth::clear_session_cookie(http::secure_request(req, services.options)));
    res.status = 204;
  });
}

} // namespace pd::routes
