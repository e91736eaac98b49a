// A new password's hash (sign-up, joining, reset), computed while holding a slot of the password
// hashing gate (auth/hash_gate.hpp), for the routes that set a password.
#pragma once

#include "server/app/services.hpp"
#include "server/storage/accounts.hpp"

#include <httplib.h>

#include <optional>
#include <string>

namespace pd::app {

// Nothing, with 503 and Retry-After sent, when no slot came free in time.
std::optional<std::string> gated_password_hash(Services& services, const std::string& password, httplib::Response& res);

// The signed-in person's current password, checked like a sign-in before a sensitive change
// (password, email): it counts for the sign-in throttle (429 naming current_password while
// throttled), is checked under a slot of the hashing gate (503 when none came free) and a wrong
// one answers 403 invalid_credentials naming current_password. `also_hash`, when given, is
// hashed under the same slot (a new password). Nothing, with the answer sent, when refused.
std::optional<std::string> check_current_password(Services& services, const httplib::Request& req, httplib::Response& res,
                                                  const storage::PersonRecord& person, const std::string& current,
                                                  const std::string& also_hash = {});

} // namespace pd::app
