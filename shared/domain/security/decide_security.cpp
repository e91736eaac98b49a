#include "shared/domain/security/decide_security.hpp"

#include "shared/domain/program/authorization.hpp"

namespace pd::domain::security_rules {

Outcome decide(const ProgramState& s, const ChangeSecurityPolicy& c, const Actor& actor, TimeMs) {
  if (!is_allowed(s, actor.id, Action::manage_security, {})) return core::forbidden();
  if (c.policy == s.security) return std::vector<EventBody>{}; // nothing changes: no event
  return std::vector<EventBody>{SecurityPolicyChanged{c.policy}};
}

} // namespace pd::domain::security_rules
