// Who is making a request: the person behind a valid, unexpired session cookie.
#pragma once

#include "server/app/services.hpp"
#include "shared/domain/decide.hpp"

#include <httplib.h>

#include <cstdint>
#include <optional>
#include <string>

namespace pd::app {

struct Caller {
  std::int64_t person_id = 0;
  std::string token_hash;
  std::int64_t mfa_at_ms = 0; // when this session last proved the second factor (0: never)
};

std::optional<Caller> current_caller(const httplib::Request& req, Services& services);

// The signed-in person as a domain actor; answers 401 and returns nothing when there is none,
// and 403 two_factor_enrolment_required when a program requires two-factor sign-in of the
// person, who has not turned it on (app/security.hpp). `caller`, when given, receives the session.
std::optional<domain::Actor> require_actor(const httplib::Request& req, httplib::Response& res, Services& services,
                                           Caller* caller = nullptr);

} // namespace pd::app
