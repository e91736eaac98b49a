// The roles a person can hold in a program. One person may hold different roles in
// different programs.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace pd::identity {

enum class Role { unknown, owner, admin, staff, agent, customer };

NLOHMANN_JSON_SERIALIZE_ENUM(Role, {
  {Role::unknown, "unknown"},
  {Role::owner, "owner"},
  {Role::admin, "admin"},
  {Role::staff, "staff"},
  {Role::agent, "agent"},
  {Role::customer, "customer"},
})

const char* to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);

// Owner, admin and staff work for the business and see the whole program.
bool is_business_role(Role role);

// Which home page a role lands on.
enum class Home { business, agent, customer };
Home home_for(Role role);

} // namespace pd::identity
