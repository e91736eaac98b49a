#include "shared/domain/decide.hpp"

#include "shared/domain/program/authorization.hpp"
#include "shared/domain/certification/decide_certification.hpp"
#include "shared/domain/commissions/decide_commission.hpp"
#include "shared/domain/desk/decide_knowledge.hpp"
#include "shared/domain/desk/decide_responses.hpp"
#include "shared/domain/desk/decide_routing.hpp"
#include "shared/domain/retention/decide_retention.hpp"
#include "shared/domain/privacy/decide_privacy.hpp"
#include "shared/domain/security/decide_security.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/decide_support_access.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::make_error;
using core::forbidden;
using core::not_found;
using core::conflict;
using identity::Role;
using Events = std::vector<EventBody>;
using Outcome = core::Result<Events>;

namespace {


// Checks a profile against the program: its currency, and a referring agent who is an agent.
std::optional<core::Error> check_profile(const ProgramState& s, const CustomerProfile& p, CustomerId self) {
  if (p.mrr.currency != s.currency)
    return make_error(ErrorCode::invalid_field, "MRR must be in the program's currency (" + s.currency + ").", "data.profile.mrr.currency");
  // An agent who has left the program stays the referrer of the customers it brought
  // (docs/requirements.md, Referral attribution).
  if (p.referring_agent != 0 && !may_refer(s, p.referring_agent))
    return make_error(ErrorCode::invalid_field, "The referring agent must be an agent of this program, now or before.",
                      "data.profile.referring_agent");
  if (auto other = s.customer_with_email(p.email); other != 0 && other != self)
    return make_error(ErrorCode::conflict, "Another customer of this program already has that email.", "data.profile.email");
  return std::nullopt;
}

// Removing an agent's support (removal, termination, leaving the program) moves their
// customers to the business's own queue.
void unassign_all(const ProgramState& s, PersonId agent, Events& out) {
  if (auto mine = s.customers_by_agent.find(agent); mine != s.customers_by_agent.end())
    for (auto id : mine->second) out.push_back(CustomerAssigned{id, 0, agent});
}

struct Decider {
  const ProgramState& s;
  const Actor& actor;
  TimeMs now;

  bool may(Action a, Target t = {}) const { return is_allowed(s, actor.id, a, t); }

  Outcome operator()(const CreateProgram& c) const {
    if (s.exists()) return conflict("This program already exists.", {}, s.version);
    return Events{ProgramCreated{c.name, c.currency, actor.id, actor.name, actor.email, true, true, true}};
  }

  Outcome operator()(const RenameProgram& c) const {
    if (!may(Action::rename_program)) return forbidden();
    if (c.name == s.name) return conflict("The program already has that name.", "data.name", s.version);
    return Events{ProgramRenamed{c.name}};
  }

  Outcome operator()(const InviteMember& c) const {
    if (!may(Action::invite, {.role = c.role})) return forbidden();
    for (const auto& [id, m] : s.members)
      if (m.email == c.email) return make_error(ErrorCode::conflict, "That person is already a member of this program.", "data.email");
    CustomerId link = 0;
    if (c.role == Role::customer) {
      if (c.customer_id) {
        auto cust = s.customer(c.customer_id);
        if (!cust) return not_found("No such customer.", "data.customer_id");
        link = cust->id;
      } else {
        link = s.customer_with_email(c.email);
        if (!link)
          return make_error(ErrorCode::invalid_field, "Add the customer's profile first, then invite them.", "data.customer_id");
      }
      if (s.customers.at(link).person_id != 0)
        return make_error(ErrorCode::conflict, "That customer already has an account.", "data.customer_id");
    } else if (c.customer_id) {
      return make_error(ErrorCode::invalid_field, "Only customer invitations link to a customer.", "data.customer_id");
    }
    if (c.token_hash.empty()) return make_error(ErrorCode::internal, "Invitation token missing.");
    return Events{InvitationCreated{s.next_invitation_id, c.email, c.role, c.token_hash, now + c.expires_in_hours * 3'600'000, link}};
  }

  Outcome operator()(const AcceptInvitation& c) const {
    auto it = s.invitations.find(c.invitation_id);
    if (it == s.invitations.end()) return not_found("No such invitation.", "token");
    const auto& inv = it->second;
    if (inv.status == InvitationStatus::accepted) return conflict("This invitation has already been used.", "token", inv.version);
    if (inv.status == InvitationStatus::revoked) return conflict("This invitation was withdrawn.", "token", inv.version);
    if (now >= inv.expires_at) return conflict("This invitation has expired. Ask for a new one.", "token", inv.version);
    // Only the invited email may accept: a link that reaches someone else grants them nothing.
    if (actor.email != inv.email)
      return make_error(ErrorCode::forbidden, "This invitation is for " + inv.email + ", not for the account you are signed in with.", "token");
    if (s.member(actor.id)) return conflict("You are already a member of this program.", "token", s.version);
    return Events{InvitationAccepted{inv.id, actor.id, actor.name, actor.email}};
  }

  Outcome operator()(const RevokeInvitation& c) const {
    if (!may(Action::read_invitations)) return forbidden();
    auto it = s.invitations.find(c.invitation_id);
    if (it == s.invitations.end()) return not_found("No such invitation.", "data.invitation_id");
    if (!may(Action::invite, {.role = it->second.role})) return forbidden();
    if (it->second.status != InvitationStatus::pending)
      return conflict("Only a pending invitation can be withdrawn.", "data.invitation_id", it->second.version);
    return Events{InvitationRevoked{c.invitation_id}};
  }

  Outcome operator()(const ChangeMemberRole& c) const {
    auto m = s.member(c.person_id);
    if (!m || !may(Action::read_member, {.person = c.person_id})) return not_found("No such member.", "data.person_id");
    if (!may(Action::manage_member, {.person = c.person_id})) return forbidden();
    if (!identity::is_business_role(m->role) || !identity::is_business_role(c.role))
      return make_error(ErrorCode::invalid_field, "Only owner, admin and staff roles can be changed into one another.", "data.role");
    if (c.role == Role::owner && state_role() != Role::owner) return forbidden();
    if (m->role == c.role) return conflict("The member already has that role.", "data.role", m->version);
    if (m->role == Role::owner && s.owner_count() == 1)
      return conflict("A program needs at least one owner.", "data.role", m->version);
    return Events{MemberRoleChanged{c.person_id, c.role}};
  }

  Outcome operator()(const RecordMemberEmail&) const {
    auto m = s.member(actor.id);
    if (!m) return forbidden();
    if (actor.email.empty() || m->email == actor.email) return Events{};
    return Events{MemberEmailChanged{actor.id, actor.email}};
  }

  Outcome operator()(const RemoveMember& c) const {
    auto m = s.member(c.person_id);
    if (!m || !may(Action::read_member, {.person = c.person_id})) return not_found("No such member.", "data.person_id");
    if (!may(Action::manage_member, {.person = c.person_id})) return forbidden();
    if (m->role == Role::owner && s.owner_count() == 1) return conflict("A program needs at least one owner.", "data.person_id", m->version);
    Events out;
    if (m->role == Role::agent) unassign_all(s, c.person_id, out);
    out.push_back(MemberRemoved{c.person_id});
    return out;
  }

  Outcome operator()(const SetAgentStatus& c) const {
    if (!may(Action::manage_agents)) return forbidden();
    auto it = s.agents.find(c.person_id);
    if (it == s.agents.end()) return not_found("No such agent.", "data.person_id");
    const auto& a = it->second;
    if (c.expected_version && *c.expected_version != a.version)
      return conflict("Someone else changed this agent's status first.", {}, a.version);
    if (!can_change_status(a.status, c.status)) {
      if (a.status == PartnerStatus::terminated) return conflict("A terminated partnership cannot be changed.", "data.status", a.version);
      if (a.status == PartnerStatus::removed && c.status == PartnerStatus::suspended)
        return conflict("A removed agent can be reinstated or terminated, not suspended.", "data.status", a.version);
      return conflict(std::string("The agent is already ") + to_string(c.status) + ".", "data.status", a.version);
    }
    if (c.status != PartnerStatus::active && c.reason.empty())
      return make_error(ErrorCode::missing_field, "Give a reason: the agent will see it.", "data.reason");
    if (c.remediation_required && c.status != PartnerStatus::suspended)
      return make_error(ErrorCode::invalid_field, "Only a suspension can require remediation.", "data.remediation_required");
    if (c.reassign_customers && c.status != PartnerStatus::suspended)
      return make_error(ErrorCode::invalid_field, "Removal and termination always unassign every customer.", "data.reassign_customers");
    if (auto e = support_rules::check_reinstatement(s, c)) return *e;
    Events out;
    if (c.status == PartnerStatus::removed || c.status == PartnerStatus::terminated || c.reassign_customers)
      unassign_all(s, c.person_id, out);
    out.insert(out.begin(), AgentStatusChanged{c.person_id, c.status, c.reason, c.remediation_required});
    support_rules::customers_after_status(s, c, out); // held while suspended; on reinstatement, as the business chose
    return out;
  }

  Outcome operator()(const AddCustomer& c) const {
    if (!may(Action::write_customer)) return forbidden();
    if (auto e = check_profile(s, c.profile, 0)) return *e;
    return Events{CustomerAdded{s.next_customer_id, c.profile}};
  }

  Outcome operator()(const UpdateCustomer& c) const {
    auto cust = s.customer(c.customer_id);
    if (!cust || !may(Action::read_customer, {.customer = c.customer_id})) return not_found("No such customer.", "data.customer_id");
    if (!may(Action::write_customer)) return forbidden();
    if (c.expected_version != cust->version)
      return conflict("Someone else changed this customer first. Review their change and try again.", "data.expected_version", cust->version);
    if (auto e = check_profile(s, c.profile, c.customer_id)) return *e;
    if (c.profile == cust->profile) return Events{};
    return Events{CustomerUpdated{c.customer_id, c.profile}};
  }

  Outcome operator()(const AssignCustomer& c) const {
    auto cust = s.customer(c.customer_id);
    if (!cust || !may(Action::read_customer, {.customer = c.customer_id})) return not_found("No such customer.", "data.customer_id");
    if (!may(Action::assign_customer)) return forbidden();
    if (c.agent_id != 0) {
      auto it = s.agents.find(c.agent_id);
      if (it == s.agents.end() || s.role_of(c.agent_id) != Role::agent) return not_found("No such agent.", "data.agent_id");
      if (!can_take_customers(it->second))
        return make_error(ErrorCode::invalid_field, std::string("The agent is ") + to_string(it->second.status) + " and cannot take customers.", "data.agent_id");
      // Only Certified agents are assigned support customers (docs/requirements.md, Assignment).
      if (!is_certified(s.certification, c.agent_id))
        return make_error(ErrorCode::invalid_field,
                          std::string("Only certified agents take support customers; this agent's certification is ") +
                              label_of(certification_status(s.certification, c.agent_id)) + ".",
                          "data.agent_id");
    }
    if (cust->assigned_agent == c.agent_id)
      return conflict(c.agent_id ? "The customer is already assigned to that agent." : "The customer is already with internal support.", "data.agent_id", cust->version);
    return Events{CustomerAssigned{c.customer_id, c.agent_id, cust->assigned_agent}};
  }

  // The support desk's commands (decide_support.cpp), the certification's
  // (decide_certification.cpp) and the commissions' (decide_commission.cpp).
  // A command in the Command variant that no capability decides fails to compile here, naming
  // the function to write (docs/adding-a-command.md).
  template <class C>
  Outcome operator()(const C& c) const {
    if constexpr (requires { support_rules::decide(s, c, actor, now); }) return support_rules::decide(s, c, actor, now);
    else if constexpr (requires { certification_rules::decide(s, c, actor, now); }) return certification_rules::decide(s, c, actor, now);
    else if constexpr (requires { commission_rules::decide(s, c, actor, now); }) return commission_rules::decide(s, c, actor, now);
    else if constexpr (requires { desk_rules::decide(s, c, actor, now); }) return desk_rules::decide(s, c, actor, now);
    else if constexpr (requires { security_rules::decide(s, c, actor, now); }) return security_rules::decide(s, c, actor, now);
    else if constexpr (requires { privacy_rules::decide(s, c, actor, now); }) return privacy_rules::decide(s, c, actor, now);
    else if constexpr (requires { retention_rules::decide(s, c, actor, now); }) return retention_rules::decide(s, c, actor, now);
    else
      static_assert(always_false<C>, "no decide() for this command: write Outcome decide(const ProgramState&, const YourCommand&, "
                                     "const Actor&, TimeMs) in its capability's decide_*.cpp (declared in decide_*.hpp)");
  }

  Role state_role() const { return s.role_of(actor.id); }
};

} // namespace

core::Result<std::vector<EventBody>> decide(const ProgramState& state, const Command& command, const Actor& actor, TimeMs now) {
  if (!state.exists() && !std::holds_alternative<CreateProgram>(command)) return not_found("No such program.", "program_id");
  // The system actor: the scheduler's timers, and payments from the billing system (the server
  // checks the program's API key first).
  const bool system = actor.id == support_rules::system_actor &&
                      (std::holds_alternative<RunTimers>(command) || std::holds_alternative<RecordPayment>(command) ||
                       std::holds_alternative<RecordUsage>(command) || std::holds_alternative<RecordPaymentFailure>(command));
  if (state.exists() && !std::holds_alternative<AcceptInvitation>(command) && !std::holds_alternative<CreateProgram>(command) &&
      !system && state.role_of(actor.id) == Role::unknown)
    return not_found("No such program.", "program_id"); // not a member: the program is invisible
  return std::visit(Decider{state, actor, now}, command);
}

} // namespace pd::domain
