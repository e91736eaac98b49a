#include "shared/domain/security/apply_security.hpp"

namespace pd::domain::security_apply {

ApplyOutcome apply(ProgramState& s, const Event&, const SecurityPolicyChanged& b) {
  s.security = b.policy;
  return {};
}

} // namespace pd::domain::security_apply
