#include "server/app/gated_hash.hpp"

#include "server/auth/hash_gate.hpp"
#include "server/auth/passwords.hpp"
#include "server/http/responses.hpp"

namespace pd::app {

std::optional<std::string> gated_password_hash(Services& services, const std::string& password, httplib::Response& res) {
  auto slot = auth::password_hash_gate(services.options).enter();
  if (!slot) {
    res.set_header("Retry-After", std::to_string(auth::hash_busy_retry_after_seconds));
    http::send_error(res, 503, core::ErrorCode::rate_limited, auth::hash_busy_message);
    return std::nullopt;
  }
  return auth::hash_password(password);
}

} // namespace pd::app
