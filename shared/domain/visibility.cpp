#include "shared/domain/visibility.hpp"

#include "shared/domain/authorization.hpp"

namespace pd::domain {

using identity::Role;

namespace {

struct EventVisibility {
  const ProgramState& s;
  PersonId reader;

  bool member_visible(PersonId p) const { return is_allowed(s, reader, Action::read_member, {.person = p}); }
  bool customer_visible(CustomerId c) const { return is_allowed(s, reader, Action::read_customer, {.customer = c}); }

  bool operator()(const ProgramCreated&) const { return true; }
  bool operator()(const ProgramRenamed&) const { return true; }
  bool operator()(const InvitationCreated&) const { return is_allowed(s, reader, Action::read_invitations); }
  bool operator()(const InvitationRevoked&) const { return is_allowed(s, reader, Action::read_invitations); }
  bool operator()(const InvitationAccepted& e) const {
    return is_allowed(s, reader, Action::read_invitations) || e.person_id == reader || member_visible(e.person_id);
  }
  bool operator()(const MemberRoleChanged& e) const { return member_visible(e.person_id); }
  bool operator()(const MemberRemoved& e) const { return is_allowed(s, reader, Action::read_invitations) || e.person_id == reader; }
  bool operator()(const AgentStatusChanged& e) const { return is_allowed(s, reader, Action::read_agent, {.person = e.person_id}); }
  bool operator()(const CustomerAdded& e) const { return customer_visible(e.customer_id); }
  bool operator()(const CustomerUpdated& e) const { return customer_visible(e.customer_id); }
  bool operator()(const CustomerAssigned& e) const {
    return customer_visible(e.customer_id) || (reader != 0 && e.previous_agent == reader);
  }
};

} // namespace

bool event_visible_to(const ProgramState& state, PersonId reader, const Event& event) {
  // The person removed from a program hears of it, though no longer a member.
  if (auto removed = std::get_if<MemberRemoved>(&event.body); removed && removed->person_id == reader) return true;
  if (state.role_of(reader) == Role::unknown) return false;
  return std::visit(EventVisibility{state, reader}, event.body);
}

ProgramState visible_state(const ProgramState& full, PersonId reader) {
  ProgramState v;
  if (full.role_of(reader) == Role::unknown) return v;
  v.id = full.id;
  v.name = full.name;
  v.currency = full.currency;
  v.created_at = full.created_at;
  v.version = full.version;
  v.next_customer_id = full.next_customer_id;
  v.next_invitation_id = full.next_invitation_id;
  for (const auto& [id, m] : full.members)
    if (is_allowed(full, reader, Action::read_member, {.person = id})) v.members[id] = m;
  for (const auto& [id, a] : full.agents)
    if (is_allowed(full, reader, Action::read_agent, {.person = id})) v.agents[id] = a;
  for (const auto& [id, c] : full.customers)
    if (is_allowed(full, reader, Action::read_customer, {.customer = id})) {
      v.customers[id] = c;
      v.customer_by_email[c.profile.email] = id;
    }
  if (is_allowed(full, reader, Action::read_invitations)) {
    v.invitations = full.invitations;
    for (auto& [id, inv] : v.invitations) inv.token_hash.clear();
  }
  return v;
}

nlohmann::json state_to_json(const ProgramState& s) {
  auto values = [](const auto& map) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& [id, v] : map) a.push_back(v);
    return a;
  };
  return {{"id", s.id}, {"name", s.name}, {"currency", s.currency}, {"created_at", s.created_at}, {"version", s.version},
          {"members", values(s.members)}, {"agents", values(s.agents)}, {"customers", values(s.customers)},
          {"invitations", values(s.invitations)}, {"next_customer_id", s.next_customer_id},
          {"next_invitation_id", s.next_invitation_id}};
}

core::Result<ProgramState> state_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return core::make_error(core::ErrorCode::invalid_json, "Not a program snapshot.");
  try {
    ProgramState s;
    s.id = j.value("id", std::int64_t{0});
    s.name = j.value("name", std::string{});
    s.currency = j.value("currency", std::string{});
    s.created_at = j.value("created_at", std::int64_t{0});
    s.version = j.value("version", std::int64_t{0});
    s.next_customer_id = j.value("next_customer_id", std::int64_t{1});
    s.next_invitation_id = j.value("next_invitation_id", std::int64_t{1});
    for (const auto& m : j.value("members", nlohmann::json::array())) { auto v = m.get<Member>(); s.members[v.person_id] = v; }
    for (const auto& a : j.value("agents", nlohmann::json::array())) { auto v = a.get<Agent>(); s.agents[v.person_id] = v; }
    for (const auto& c : j.value("customers", nlohmann::json::array())) {
      auto v = c.get<Customer>();
      s.customer_by_email[v.profile.email] = v.id;
      s.customers[v.id] = v;
    }
    for (const auto& i : j.value("invitations", nlohmann::json::array())) { auto v = i.get<Invitation>(); s.invitations[v.id] = v; }
    return s;
  } catch (const nlohmann::json::exception& e) {
    return core::make_error(core::ErrorCode::invalid_json, std::string("Malformed program snapshot: ") + e.what());
  }
}

} // namespace pd::domain
