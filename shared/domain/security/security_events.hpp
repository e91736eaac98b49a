// Events of a program's sign-in security (part of EventBody, see events.hpp).
#pragma once

#include "shared/domain/security/security.hpp"

namespace pd::domain {

// The business changed which members must sign in with two-factor (the whole policy).
struct SecurityPolicyChanged {
  static constexpr const char* type = "SecurityPolicyChanged";
  SecurityPolicy policy;
  bool operator==(const SecurityPolicyChanged&) const = default;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SecurityPolicyChanged, policy)

} // namespace pd::domain
