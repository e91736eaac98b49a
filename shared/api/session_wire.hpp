// Wire types of the session API (sign-in request, the signed-in person), shared by the
// server (which encodes them) and the client (which decodes them).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/core/error.hpp"
#include "shared/identity/role.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pd::api {

inline constexpr std::size_t max_password_length = 1024;

inline constexpr std::size_t max_two_factor_code_length = 64;

struct SignInRequest {
  std::string email;    // normalized
  std::string password; // as typed
  std::string code;     // the two-factor code or a recovery code; empty when not sent
};
// Strict decoder for POST /api/v1/session: email and password required, code optional,
// nothing else allowed.
core::Result<SignInRequest> decode_sign_in(std::string_view body);

struct Person {
  std::int64_t id = 0;
  std::string email;
  std::string name;
};

struct Membership {
  std::int64_t program_id = 0;
  std::string program_name;
  identity::Role role = identity::Role::unknown;
};

// GET /api/v1/me
struct Me {
  Person person;
  std::vector<Membership> memberships;
  bool two_factor = false; // two-factor sign-in is on for this person
  // The programs that require two-factor sign-in of this person, who has not turned it on:
  // until it is on, nothing else is allowed (403 two_factor_enrolment_required).
  std::vector<std::string> two_factor_required_by = {};
  bool email_verified = false; // the person opened the link mailed to their address (accepting invitations needs it)
  std::string pending_email = {}; // a new address asked for, waiting for its confirmation link (empty: none)
};

PD_JSON_TYPE(Person, id, email, name)
PD_JSON_TYPE(Membership, program_id, program_name, role)
PD_JSON_TYPE(Me, person, memberships, two_factor, two_factor_required_by, email_verified, pending_email)

// Decoding a server response without exceptions (the client's path).
core::Result<Me> decode_me(std::string_view body);

} // namespace pd::api
