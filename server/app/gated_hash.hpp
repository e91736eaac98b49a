// A new password's hash (sign-up, joining, reset), computed while holding a slot of the password
// hashing gate (auth/hash_gate.hpp), for the routes that set a password.
#pragma once

#include "server/app/services.hpp"

#include <httplib.h>

#include <optional>
#include <string>

namespace pd::app {

// Nothing, with 503 and Retry-After sent, when no slot came free in time.
std::optional<std::string> gated_password_hash(Services& services, const std::string& password, httplib::Response& res);

} // namespace pd::app
