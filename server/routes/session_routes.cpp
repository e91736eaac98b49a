// POST /api/v1/session (sign in), DELETE /api/v1/session (sign out).
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/auth/hash_gate.hpp"
#include "server/auth/passwords.hpp"
#include "server/auth/session_cookie.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/responses.hpp"
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
    }
    if (!ok) { // already counted as a failure when it began
      services.log.info("sign-in refused", {{"remote", address}});
      return http::send_error(res, 401, ErrorCode::invalid_credentials, "Wrong email or password.");
    }
    services.sign_in_throttle.succeeded(request->email, address, now);

    // Session rotation: a sign-in always gets a fresh token; the one it came with ends.
    if (auto previous = app::current_caller(req, services)) services.sessions.remove(previous->token_hash);
    auto token = auth::new_token();
    const std::int64_t ttl_seconds = services.options.session_ttl_hours * 3600;
    services.sessions.create(auth::token_hash(token), person->id, now, now + ttl_seconds * 1000);
    res.set_header("Set-Cookie", auth::set_session_cookie(token, ttl_seconds, http::secure_request(req, services.options)));
    auto me = services.accounts.me(person->id);
    http::send_json(res, 200, *me);
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
