#include "shared/identity/role.hpp"

namespace pd::identity {

const char* to_string(Role role) {
  switch (role) {
  case Role::owner: return "owner";
  case Role::admin: return "admin";
  case Role::staff: return "staff";
  case Role::agent: return "agent";
  case Role::customer: return "customer";
  case Role::unknown: break;
  }
  return "unknown";
}

std::optional<Role> role_from_string(std::string_view text) {
  for (Role r : {Role::owner, Role::admin, Role::staff, Role::agent, Role::customer})
    if (text == to_string(r)) return r;
  return std::nullopt;
}

bool is_business_role(Role role) {
  return role == Role::owner || role == Role::admin || role == Role::staff;
}

Home home_for(Role role) {
  if (is_business_role(role)) return Home::business;
  if (role == Role::agent) return Home::agent;
  return Home::customer;
}

} // namespace pd::identity
