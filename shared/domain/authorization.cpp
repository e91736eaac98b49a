#include "shared/domain/authorization.hpp"

namespace pd::domain {

using identity::Role;

bool is_allowed(const ProgramState& state, PersonId actor, Action action, const Target& target) {
  const Role role = state.role_of(actor);
  if (role == Role::unknown) return false; // not a member: nothing at all
  const bool business = identity::is_business_role(role);

  switch (action) {
  case Action::read_program: return true;
  case Action::rename_program: return role == Role::owner || role == Role::admin;

  case Action::read_member: {
    if (business || target.person == actor) return true;
    const Role other = state.role_of(target.person);
    if (identity::is_business_role(other)) return true; // everyone sees who runs the program
    if (role == Role::customer && other == Role::agent) {
      auto c = state.customer_of_person(actor);
      return c && c->assigned_agent == target.person; // a customer sees its own agent
    }
    return false;
  }
  case Action::manage_member: {
    const Role other = state.role_of(target.person);
    if (other == Role::unknown) return false;
    if (role == Role::owner) return true;
    return role == Role::admin && other != Role::owner;
  }
  case Action::invite:
    switch (target.role) {
    case Role::owner: return role == Role::owner;
    case Role::admin:
    case Role::staff: return role == Role::owner || role == Role::admin;
    case Role::agent:
    case Role::customer: return business;
    case Role::unknown: return false;
    }
    return false;
  case Action::read_invitations: return business;

  case Action::read_agent: return business || target.person == actor;
  case Action::manage_agents: return business;

  case Action::read_customer: {
    if (business) return true;
    auto c = state.customer(target.customer);
    if (!c) return false;
    if (role == Role::agent) return c->assigned_agent == actor;
    return role == Role::customer && c->person_id == actor;
  }
  case Action::write_customer:
  case Action::assign_customer: return business;
  }
  return false;
}

} // namespace pd::domain
