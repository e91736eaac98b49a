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
  return Caller{session->person_id, hash};
}

} // namespace pd::app

#include "server/http/responses.hpp"

namespace pd::app {

std::optional<domain::Actor> require_actor(const httplib::Request& req, httplib::Response& res, Services& services) {
  auto caller = current_caller(req, services);
  std::optional<storage::PersonRecord> person;
  if (caller) person = services.accounts.find_by_id(caller->person_id);
  if (!person) {
    http::send_error(res, 401, core::ErrorCode::unauthenticated, "Sign in to continue.");
    return std::nullopt;
  }
  return domain::Actor{person->id, person->name, person->email};
}

} // namespace pd::app
