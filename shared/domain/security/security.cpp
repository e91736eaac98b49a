#include "shared/domain/security/security.hpp"

namespace pd::domain {

bool two_factor_required(const SecurityPolicy& policy, identity::Role role) {
  using identity::Role;
  switch (role) {
  case Role::owner:
  case Role::admin:
  case Role::staff: return policy.two_factor_business;
  case Role::agent: return policy.two_factor_agents;
  case Role::customer:
  case Role::unknown: return false;
  }
  return false;
}

bool step_up_fresh(TimeMs mfa_at, TimeMs now, TimeMs window_ms) {
  return mfa_at > 0 && now >= mfa_at && now - mfa_at <= window_ms;
}

} // namespace pd::domain
