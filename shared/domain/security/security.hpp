// Sign-in security of a program: which of its members must use two-factor sign-in, and the
// window in which a proven second factor lets a person make a sensitive change (step-up).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/types.hpp"
#include "shared/identity/role.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>

namespace pd::domain {

// What the business requires of its members (owners and admins change it).
struct SecurityPolicy {
  bool two_factor_business = false; // owners, admins and staff must sign in with two-factor
  bool two_factor_agents = false;   // partner agents must sign in with two-factor
  bool operator==(const SecurityPolicy&) const = default;
};
PD_JSON_TYPE(SecurityPolicy, two_factor_business, two_factor_agents)

// Whether a member with this role must have two-factor sign-in on (customers never must).
bool two_factor_required(const SecurityPolicy& policy, identity::Role role);

// A second factor proven at mfa_at (0: never in this session) is fresh enough for a sensitive
// change at `now` when no older than the window.
inline constexpr TimeMs default_step_up_window_ms = TimeMs{10} * 60 * 1000;
bool step_up_fresh(TimeMs mfa_at, TimeMs now, TimeMs window_ms);

} // namespace pd::domain
