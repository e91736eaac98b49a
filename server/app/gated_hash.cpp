#include "server/app/gated_hash.hpp"

#include "server/auth/hash_gate.hpp"
#include "server/auth/passwords.hpp"
#include "server/http/request_guard.hpp"
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

std::optional<std::string> check_current_password(Services& services, const httplib::Request& req, httplib::Response& res,
                                                  const storage::PersonRecord& person, const std::string& current,
                                                  const std::string& also_hash) {
  const auto now = services.now_ms();
  const auto address = http::client_address(req, services.options);
  if (auto wait = services.sign_in_throttle.begin(person.email, address, now); wait > 0) {
    res.set_header("Retry-After", std::to_string((wait + 999) / 1000));
    http::send_error(res, 429, core::ErrorCode::rate_limited,
                     "Too many wrong passwords. Try again in " + std::to_string((wait + 999) / 1000) + " seconds.", "current_password");
    return std::nullopt;
  }
  std::string hash;
  {
    auto slot = auth::password_hash_gate(services.options).enter();
    if (!slot) {
      services.sign_in_throttle.abandoned(person.email, address);
      res.set_header("Retry-After", std::to_string(auth::hash_busy_retry_after_seconds));
      http::send_error(res, 503, core::ErrorCode::rate_limited, auth::hash_busy_message);
      return std::nullopt;
    }
    if (!auth::verify_password(person.password_hash, current)) {
      http::send_error(res, 403, core::ErrorCode::invalid_credentials, "That is not your current password.", "current_password");
      return std::nullopt;
    }
    if (!also_hash.empty()) hash = auth::hash_password(also_hash);
  }
  services.sign_in_throttle.succeeded(person.email, address, now);
  return hash;
}

} // namespace pd::app
