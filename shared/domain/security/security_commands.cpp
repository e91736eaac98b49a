#include "shared/domain/security/security_commands.hpp"

#include "shared/core/field_reader.hpp"

namespace pd::domain {

std::optional<core::Error> read_command(const nlohmann::json& data, ChangeSecurityPolicy& c) {
  core::FieldReader r(data, {"two_factor_business", "two_factor_agents"}, "data");
  c.policy.two_factor_business = r.boolean("two_factor_business");
  c.policy.two_factor_agents = r.boolean("two_factor_agents");
  return r.error();
}

nlohmann::json write_command(const ChangeSecurityPolicy& c) {
  return {{"two_factor_business", c.policy.two_factor_business}, {"two_factor_agents", c.policy.two_factor_agents}};
}

} // namespace pd::domain
