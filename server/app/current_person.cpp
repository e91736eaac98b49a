#include "server/app/current_person.hpp"

#include "server/auth/session_cookie.hpp"
#include "server/auth/tokens.hpp"

namespace pd::app {

std::optional<Caller> current_caller(const httplib::Request& req, Services& services) {
  auto token = auth::session_token_from_cookie_header(req.get_header_value("Cookie"));
  if (!token) return std::nullopt;
  auto hash = auth::token_hash(*token);
  auto session = services.sessions.find(hash, services.now_ms());
  if (!session) return std::nullopt;
  return Caller{session->person_id, hash};
}

} // namespace pd::app
