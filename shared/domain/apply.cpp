#include "shared/domain/apply.hpp"

#include "shared/domain/certification/apply_certification.hpp"
#include "shared/domain/commissions/apply_commission.hpp"
#include "shared/domain/desk/apply_knowledge.hpp"
#include "shared/domain/desk/apply_responses.hpp"
#include "shared/domain/retention/apply_retention.hpp"
#include "shared/domain/privacy/apply_privacy.hpp"
#include "shared/domain/security/apply_security.hpp"
#include "shared/domain/desk/apply_routing.hpp"
#include "shared/domain/support/apply_support.hpp"
#include "shared/domain/support/decide_support_access.hpp"
#include "shared/domain/support/ticket_audit.hpp"
#include "shared/domain/visibility.hpp"

namespace pd::domain {

using identity::Role;

namespace {

struct Applier {
  ProgramState& s;
  const Event& e;

  ApplyOutcome operator()(const ProgramCreated& c) {
    s.id = e.program_id;
    s.name = c.name;
    s.currency = c.currency;
    s.created_at = e.at;
    s.support_settings.priority_matrix = c.priority_matrix;
    s.members[c.owner_id] = Member{c.owner_id, c.owner_name, c.owner_email, Role::owner, e.at, e.seq};
    if (c.routing_defaults) s.routing = desk::default_routing(c.owner_id);
    if (c.response_defaults) s.responses = desk::default_library();
    return {};
  }
  ApplyOutcome operator()(const ProgramRenamed& c) {
    s.name = c.name;
    return {};
  }
  ApplyOutcome operator()(const InvitationCreated& c) {
    s.invitations[c.invitation_id] =
        Invitation{c.invitation_id, c.email, c.role, c.token_hash, c.expires_at, e.actor, c.customer_id, InvitationStatus::pending, 0, e.seq};
    s.next_invitation_id = std::max(s.next_invitation_id, c.invitation_id + 1);
    return {};
  }
  ApplyOutcome operator()(const InvitationAccepted& c) {
    Role role = Role::unknown;
    CustomerId link = 0;
    if (auto it = s.invitations.find(c.invitation_id); it != s.invitations.end()) {
      it->second.status = InvitationStatus::accepted;
      it->second.accepted_by = c.person_id;
      it->second.version = e.seq;
      role = it->second.role;
      link = it->second.customer_id;
    }
    if (role == Role::unknown) return {true};
    s.members[c.person_id] = Member{c.person_id, c.name, c.email, role, e.at, e.seq};
    if (role == Role::agent) {
      s.agents[c.person_id] = Agent{c.person_id, PartnerStatus::active, {}, e.at, e.seq};
      // Every agent in a program has a certification status, Not Started until it requests
      // access (docs/requirements.md, Certification statuses); one who comes back keeps the
      // record it had.
      if (!s.certification.agents.count(c.person_id)) {
        AgentCertification record;
        record.person_id = c.person_id;
        record.status_since = e.at;
        record.version = e.seq;
        s.certification.agents.emplace(c.person_id, std::move(record));
      }
    }
    if (role == Role::customer) {
      if (auto it = s.customers.find(link); it != s.customers.end()) {
        it->second.person_id = c.person_id;
        it->second.version = e.seq;
      }
    }
    return {};
  }
  ApplyOutcome operator()(const InvitationRevoked& c) {
    if (auto it = s.invitations.find(c.invitation_id); it != s.invitations.end()) {
      it->second.status = InvitationStatus::revoked;
      it->second.version = e.seq;
    }
    return {};
  }
  ApplyOutcome operator()(const MemberRoleChanged& c) {
    auto it = s.members.find(c.person_id);
    if (it == s.members.end()) return {true};
    it->second.role = c.role;
    it->second.version = e.seq;
    return {};
  }
  ApplyOutcome operator()(const MemberEmailChanged& c) {
    auto it = s.members.find(c.person_id);
    if (it == s.members.end()) return {true};
    it->second.email = c.email;
    it->second.version = e.seq;
    return {};
  }
  ApplyOutcome operator()(const MemberRemoved& c) {
    s.members.erase(c.person_id);
    s.agents.erase(c.person_id);
    for (auto& [id, cust] : s.customers) {
      if (cust.person_id == c.person_id) {
        cust.person_id = 0;
        cust.version = e.seq;
      }
    }
    return {};
  }
  ApplyOutcome operator()(const AgentStatusChanged& c) {
    auto it = s.agents.find(c.person_id);
    if (it == s.agents.end()) return {true};
    it->second.status = c.status;
    it->second.status_reason = c.reason;
    it->second.status_since = e.at;
    it->second.version = e.seq;
    support_apply::after_agent_status_changed(s, e, c);
    return {};
  }
  ApplyOutcome operator()(const CustomerAdded& c) {
    s.customers[c.customer_id] = Customer{c.customer_id, c.profile, 0, 0, e.seq};
    s.customer_by_email[c.profile.email] = c.customer_id;
    s.next_customer_id = std::max(s.next_customer_id, c.customer_id + 1);
    return {};
  }
  ApplyOutcome operator()(const CustomerUpdated& c) {
    auto it = s.customers.find(c.customer_id);
    if (it == s.customers.end()) return {true};
    if (it->second.profile.email != c.profile.email) {
      s.customer_by_email.erase(it->second.profile.email);
      s.customer_by_email[c.profile.email] = c.customer_id;
    }
    const bool segment_changed = it->second.profile.segment != c.profile.segment;
    it->second.profile = c.profile;
    it->second.version = e.seq;
    if (segment_changed) s.retrack_customer(c.customer_id); // the metrics per segment
    return {};
  }
  ApplyOutcome operator()(const CustomerAssigned& c) {
    auto it = s.customers.find(c.customer_id);
    if (it == s.customers.end()) return {true};
    const PersonId previous = it->second.assigned_agent;
    it->second.assigned_agent = c.agent_id;
    it->second.support_held = false; // a new assignment (or internal support) ends a hold
    if (previous != 0) {
      auto& mine = s.customers_by_agent[previous];
      mine.erase(c.customer_id);
      if (mine.empty()) s.customers_by_agent.erase(previous);
    }
    if (c.agent_id != 0) s.customers_by_agent[c.agent_id].insert(c.customer_id);
    it->second.version = e.seq;
    support_apply::after_customer_assigned(s, e, c, previous ? previous : c.previous_agent);
    // A replica that does not know the new agent (the customer's own, or the agent who lost the
    // customer) holds a view that changed beyond this event: its fresh snapshot has it.
    return {c.agent_id != 0 && !s.members.count(c.agent_id)};
  }
  // The support desk's events: apply_support.cpp.
  // The certification's events: apply_certification.cpp.
  // The commission events: apply_commission.cpp.
  // An event in the EventBody variant that no capability applies fails to compile here, naming
  // the function to write (docs/adding-a-command.md).
  template <class B>
  ApplyOutcome operator()(const B& b) {
    if constexpr (requires { support_apply::apply(s, e, b); }) return support_apply::apply(s, e, b);
    else if constexpr (requires { certification_apply::apply(s, e, b); }) return certification_apply::apply(s, e, b);
    else if constexpr (requires { commission_apply::apply(s, e, b); }) return commission_apply::apply(s, e, b);
    else if constexpr (requires { desk_apply::apply(s, e, b); }) return desk_apply::apply(s, e, b);
    else if constexpr (requires { security_apply::apply(s, e, b); }) return security_apply::apply(s, e, b);
    else if constexpr (requires { privacy_apply::apply(s, e, b); }) return privacy_apply::apply(s, e, b);
    else if constexpr (requires { retention_apply::apply(s, e, b); }) return retention_apply::apply(s, e, b);
    else
      static_assert(always_false<B>, "no apply() for this event: write ApplyOutcome apply(ProgramState&, const Event&, "
                                     "const YourEvent&) in its capability's apply_*.cpp (declared in apply_*.hpp)");
  }
};

} // namespace

ApplyOutcome apply(ProgramState& state, const Event& event) {
  // The tickets' audit trails (ticket_audit.hpp), judged on the state before the event.
  auto changes = ticket_changes_of(state, event);
  std::vector<TicketId> touched;
  for (const auto& c : changes) touched.push_back(c.ticket_id);
  std::visit(
      [&touched](const auto& b) {
        if constexpr (requires { TicketId{b.ticket_id}; }) touched.push_back(b.ticket_id);
      },
      event.body);
  auto outcome = std::visit(Applier{state, event}, event.body);
  if (!outcome.needs_snapshot) record_ticket_changes(state, std::move(changes));
  // The metrics' aggregates see the ticket with its trail complete.
  for (auto id : touched)
    if (auto t = state.ticket(id)) state.track_ticket(*t);
  // Support commission follows assignments, partner and certification status, and profiles.
  commission_apply::track_support(state, event);
  // The churn signals that other events feed (payments, a customer's first sign-in).
  retention_apply::track_signals(state, event);
  // What each ticket's customer has been shown (visibility.hpp).
  track_customer_shown(state, event);
  state.version = std::max(state.version, event.seq);
  return outcome;
}

} // namespace pd::domain
