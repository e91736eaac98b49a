#include "shared/domain/program/authorization.hpp"

#include "shared/domain/support/support_access.hpp"

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

  case Action::open_ticket: {
    if (business) return state.customer(target.customer) != nullptr;
    auto own = state.customer_of_person(actor);
    return role == Role::customer && own && own->id == target.customer;
  }
  case Action::manage_support_settings: return role == Role::owner || role == Role::admin;
  case Action::read_support_record: return business || (role == Role::agent && target.person == actor);
  case Action::read_support_overview: return business;
  case Action::manage_training: return role == Role::owner || role == Role::admin;
  case Action::grade_certification: return business;
  case Action::read_certification: return business || (role == Role::agent && target.person == actor);
  case Action::manage_commission_plans:
  case Action::pay_out_commission:
  case Action::approve_large_adjustment:
  case Action::stop_referral_commission:
  case Action::manage_security:
  case Action::manage_api_keys: return role == Role::owner || role == Role::admin;
  case Action::record_payment:
  case Action::adjust_commission:
  case Action::approve_commission:
  case Action::read_api_keys: return business;
  case Action::read_commissions: return business || (role == Role::agent && target.person != 0 && target.person == actor);
  default: break;
  }
  // Ticket actions.
  auto t = state.ticket(target.ticket);
  if (!t) return false;
  // The agent of the ticket's customer reads it; it works the ticket only while it handles it
  // and may work support now (support_access.hpp): otherwise it reads the ticket read-only.
  const bool agents_ticket = role == Role::agent && (t->agent_id == actor || [&] {
                               auto c = state.customer(t->customer_id);
                               return c && c->assigned_agent == actor;
                             }());
  const bool handling_agent = role == Role::agent && t->agent_id == actor && may_work_support(state, actor);
  const bool own_customer = role == Role::customer && [&] {
    auto c = state.customer_of_person(actor);
    return c && c->id == t->customer_id;
  }();
  switch (action) {
  case Action::read_ticket: return business || agents_ticket || own_customer;
  case Action::reply_ticket: return business || own_customer || (handling_agent && t->taken_over_by == 0);
  case Action::write_internal_note:
  case Action::triage_ticket: return business || handling_agent;
  case Action::escalate_ticket: return own_customer || (handling_agent && t->taken_over_by == 0);
  case Action::take_over_ticket:
  case Action::rate_handling: return business;
  case Action::resolve_ticket: return business || (handling_agent && t->taken_over_by == 0);
  case Action::close_ticket: return business || own_customer;
  case Action::rate_ticket: return own_customer;
  default: break;
  }
  return false;
}

bool may_read_file(const ProgramState& s, PersonId reader, std::string_view sha256, bool reader_uploaded_it) {
  const Role role = s.role_of(reader);
  if (role == Role::unknown || sha256.empty()) return false;
  if (identity::is_business_role(role) || reader_uploaded_it) return true;
  if (role == Role::agent && has_training_access(s.certification, reader))
    for (const auto& m : s.certification.modules)
      if (m.file.sha256 == sha256) return true;
  for (const auto& [id, t] : s.tickets) {
    bool attached = false;
    for (const auto& m : t.messages)
      for (const auto& a : m.attachments)
        attached |= a.sha256 == sha256 && (m.kind != MessageKind::internal_note || role != Role::customer);
    if (attached && is_allowed(s, reader, Action::read_ticket, {.ticket = id})) return true;
  }
  return false;
}

} // namespace pd::domain
