// Events of a program's sign-in security (part of EventBody, see events.hpp).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/security/security.hpp"

namespace pd::domain {

// The business changed which members must sign in with two-factor (the whole policy).
struct SecurityPolicyChanged {
  static constexpr const char* type = "SecurityPolicyChanged";
  SecurityPolicy policy;
  bool operator==(const SecurityPolicyChanged&) const = default;
};
PD_JSON_TYPE(SecurityPolicyChanged, policy)

} // namespace pd::domain
