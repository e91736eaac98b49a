#include "server/app/current_person.hpp"

#include "server/auth/session_cookie.hpp"
#include "server/auth/tokens.hpp"
#include "server/http/request_guard.hpp"

namespace pd::app {

std::optional<Caller> current_caller(const httplib::Request& req, Services& services) {
  auto token = auth::session_token_from_cookie_header(req.get_header_value("Cookie"), http::secure_request(req, services.options));
  if (!token) return std::nullopt;
  auto hash = auth::token_hash(*token);
  auto session = services.sessions.find(hash, services.now_ms());
  if (!session) return std::nullopt;
  services.sessions.seen(hash, services.now_ms()); // for the person's list of sessions
  return Caller{session->person_id, hash, session->mfa_at_ms};
}

} // namespace pd::app

#include "server/app/security.hpp"
#include "server/http/responses.hpp"

namespace pd::app {

std::optional<domain::Actor> require_actor(const httplib::Request& req, httplib::Response& res, Services& services, Caller* caller_out) {
  auto caller = current_caller(req, services);
  std::optional<storage::PersonRecord> person;
  if (caller) person = services.accounts.find_by_id(caller->person_id);
  if (!person) {
    http::send_error(res, 401, core::ErrorCode::unauthenticated, "Sign in to continue.");
    return std::nullopt;
  }
  if (auto programs = two_factor_required_by(services, person->id); !programs.empty()) {
    http::send_error(res, 403, core::ErrorCode::two_factor_enrolment_required,
                     programs.front() + " requires two-factor sign-in. Turn it on in your account to continue.");
    return std::nullopt;
  }
  if (caller_out) *caller_out = *caller;
  return domain::Actor{person->id, person->name, person->email};
}

} // namespace pd::app
