#include "shared/domain/support/support_access.hpp"

#include "shared/core/field_reader.hpp"
#include "shared/domain/support/apply_support.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/decide_support_access.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::FieldReader;
using core::make_error;
using core::conflict;

bool may_work_support(const ProgramState& s, PersonId agent) {
  if (agent == 0 || s.role_of(agent) != identity::Role::agent) return false;
  auto it = s.agents.find(agent);
  return it != s.agents.end() && it->second.status == PartnerStatus::active && is_certified(s.certification, agent);
}

std::string why_no_support(const ProgramState& s, PersonId agent) {
  if (agent == 0 || s.role_of(agent) != identity::Role::agent) return "not an agent of this program";
  auto it = s.agents.find(agent);
  if (it == s.agents.end()) return "not an agent of this program";
  if (it->second.status != PartnerStatus::active) return to_string(it->second.status);
  const auto status = certification_status(s.certification, agent);
  switch (status) {
  case CertificationStatus::certified: return {};
  case CertificationStatus::revoked: return "certification revoked";
  case CertificationStatus::expired: return "certification expired";
  default: return std::string("not certified (") + label_of(status) + ")";
  }
}

std::string off_support_notice_text(const ProgramState& s, PersonId agent) {
  const auto why = why_no_support(s, agent);
  if (why.empty()) return {};
  return "You may not work support now (" + why +
         "). Your customers' tickets are handled by the business queue meanwhile and shown to you read-only.";
}

std::vector<CustomerId> held_customers(const ProgramState& s, PersonId agent) {
  std::vector<CustomerId> out;
  if (auto mine = s.customers_by_agent.find(agent); mine != s.customers_by_agent.end())
    for (auto id : mine->second)
      if (auto c = s.customer(id); c && c->support_held) out.push_back(id);
  return out;
}

PersonId responsible_for(const ProgramState& s, const Ticket& t) {
  return t.agent_id != 0 && may_work_support(s, t.agent_id) ? t.agent_id : 0;
}

bool remediation_outstanding(const ProgramState& s, PersonId agent) {
  auto it = s.agent_support.find(agent);
  return it != s.agent_support.end() && it->second.remediation_required && it->second.remediation.at == 0;
}

std::optional<core::Error> read_command(const nlohmann::json& data, DecideHeldCustomers& c) {
  FieldReader r(data, {"person_id", "come_back"}, "data");
  c.person_id = r.integer("person_id", 1, INT64_MAX);
  c.come_back = r.boolean("come_back");
  return r.error();
}
nlohmann::json write_command(const DecideHeldCustomers& c) { return {{"person_id", c.person_id}, {"come_back", c.come_back}}; }

std::optional<core::Error> read_command(const nlohmann::json& data, RecordRemediation& c) {
  FieldReader r(data, {"person_id", "what"}, "data");
  c.person_id = r.integer("person_id", 1, INT64_MAX);
  c.what = r.text("what", {1, max_remediation});
  return r.error();
}
nlohmann::json write_command(const RecordRemediation& c) { return {{"person_id", c.person_id}, {"what", c.what}}; }

} // namespace pd::domain

namespace pd::domain::support_rules {

using Events = std::vector<EventBody>;
using Outcome = core::Result<Events>;

namespace {

std::string name_of(const ProgramState& s, PersonId p) {
  auto m = s.member(p);
  return m ? m->name : "The agent";
}


// The agent's certification after a reinstatement (partner status does not change it).
bool certified_after(const ProgramState& s, PersonId agent) { return is_certified(s.certification, agent); }

} // namespace

std::optional<core::Error> refuse_off_support(const ProgramState& s, PersonId actor) {
  if (s.role_of(actor) != identity::Role::agent || may_work_support(s, actor)) return std::nullopt;
  return make_error(ErrorCode::forbidden, "You may not work support now (" + why_no_support(s, actor) +
                                              "): the business handles your customers' tickets meanwhile, and you can read them.");
}

void hold_customers(const ProgramState& s, PersonId agent, Events& out) {
  if (auto mine = s.customers_by_agent.find(agent); mine != s.customers_by_agent.end())
    for (auto id : mine->second)
      if (auto c = s.customer(id); c && !c->support_held) out.push_back(CustomerSupportHeld{id, agent, true});
}

std::optional<core::Error> check_reinstatement(const ProgramState& s, const SetAgentStatus& c) {
  if (c.customers_come_back && c.status != PartnerStatus::active)
    return make_error(ErrorCode::invalid_field, "Whether customers come back is chosen when reinstating an agent.", "data.customers_come_back");
  if (c.status != PartnerStatus::active) return std::nullopt;
  const auto version = s.agents.count(c.person_id) ? s.agents.at(c.person_id).version : s.version;
  if (remediation_outstanding(s, c.person_id))
    return conflict(name_of(s, c.person_id) +
                        "'s suspension requires remediation before reinstatement. Record what was done (and it is kept with who "
                        "recorded it and when), then reinstate.", "data.status", version);
  if (c.customers_come_back && *c.customers_come_back && !held_customers(s, c.person_id).empty() && !certified_after(s, c.person_id))
    return make_error(ErrorCode::invalid_field,
                      name_of(s, c.person_id) + "'s certification is " + label_of(certification_status(s.certification, c.person_id)) +
                          ": the customers can come back once it is renewed. Reinstate now and decide then, or keep them with your "
                          "own support.",
                      "data.customers_come_back");
  return std::nullopt;
}

void customers_after_status(const ProgramState& s, const SetAgentStatus& c, Events& out) {
  if (c.status == PartnerStatus::suspended && !c.reassign_customers) hold_customers(s, c.person_id, out);
  if (c.status == PartnerStatus::active && c.customers_come_back)
    for (auto id : held_customers(s, c.person_id)) {
      if (*c.customers_come_back) out.push_back(CustomerSupportHeld{id, c.person_id, false});
      else out.push_back(CustomerAssigned{id, 0, c.person_id});
    }
}

Outcome decide(const ProgramState& s, const DecideHeldCustomers& c, const Actor& a, TimeMs) {
  if (!is_allowed(s, a.id, Action::manage_agents)) return make_error(ErrorCode::forbidden, "Only the business decides where customers go.");
  auto it = s.agents.find(c.person_id);
  if (it == s.agents.end()) return make_error(ErrorCode::not_found, "No such agent.", "data.person_id");
  const auto held = held_customers(s, c.person_id);
  if (held.empty())
    return conflict("No customers of " + name_of(s, c.person_id) + " are waiting in your queue.", "data.person_id", it->second.version);
  if (c.come_back && !may_work_support(s, c.person_id))
    return conflict(name_of(s, c.person_id) + " may not work support now (" + why_no_support(s, c.person_id) +
                        "): the customers can come back once that changes.", "data.come_back", it->second.version);
  Events out;
  for (auto id : held) {
    if (c.come_back) out.push_back(CustomerSupportHeld{id, c.person_id, false});
    else out.push_back(CustomerAssigned{id, 0, c.person_id});
  }
  return out;
}

Outcome decide(const ProgramState& s, const RecordRemediation& c, const Actor& a, TimeMs) {
  if (!is_allowed(s, a.id, Action::manage_agents)) return make_error(ErrorCode::forbidden, "Only the business records remediation.");
  auto it = s.agents.find(c.person_id);
  if (it == s.agents.end()) return make_error(ErrorCode::not_found, "No such agent.", "data.person_id");
  auto rec = s.agent_support.find(c.person_id);
  if (rec == s.agent_support.end() || !rec->second.remediation_required)
    return conflict(name_of(s, c.person_id) + "'s suspension does not require remediation.", "data.person_id", it->second.version);
  if (c.what.empty()) return make_error(ErrorCode::missing_field, "Say what remediation was done.", "data.what");
  return Events{RemediationRecorded{c.person_id, c.what}};
}

} // namespace pd::domain::support_rules

namespace pd::domain::support_apply {

namespace {

std::string name_of(const ProgramState& s, PersonId p) {
  auto m = s.member(p);
  return m ? m->name : "An agent";
}

std::string customers_text(std::size_t n) { return std::to_string(n) + (n == 1 ? " customer" : " customers"); }

} // namespace

ApplyOutcome apply(ProgramState& s, const Event& e, const CustomerSupportHeld& b) {
  auto it = s.customers.find(b.customer_id);
  if (it == s.customers.end()) return {true};
  it->second.support_held = b.held;
  it->second.version = e.seq;
  int moved = 0;
  if (auto tickets = s.tickets_by_customer.find(b.customer_id); tickets != s.tickets_by_customer.end())
    for (auto id : tickets->second) {
      auto t = s.tickets.find(id);
      if (t == s.tickets.end() || !is_open(t->second.status)) continue;
      auto& ticket = t->second;
      const PersonId from = b.held ? b.agent_id : 0;
      if (ticket.agent_id != from) continue;
      ticket.agent_id = b.held ? 0 : b.agent_id;
      ticket.version = e.seq;
      s.track_ticket(ticket);
      ++moved;
    }
  if (!b.held)
    notify(s, b.agent_id, e, "assigned",
           "Support for " + it->second.profile.name + " is back with you" +
               (moved ? " (" + std::to_string(moved) + (moved == 1 ? " open ticket)" : " open tickets)") : std::string{}) + ".",
           0, b.customer_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const RemediationRecorded& b) {
  auto& rec = s.agent_support[b.person_id];
  rec.remediation = Remediation{b.what, e.actor, e.at};
  rec.history.push_back(HistoryEntry{e.at, "remediation", 0, b.what});
  while (rec.history.size() > max_history) rec.history.pop_front();
  notify(s, b.person_id, e, "status", "The business recorded your remediation as done: " + b.what);
  return {};
}

void notify_support_stopped(ProgramState& s, const Event& e, PersonId agent) {
  auto mine = s.customers_by_agent.find(agent);
  if (mine == s.customers_by_agent.end() || mine->second.empty()) return;
  notify_business(s, e, "support_held",
                  name_of(s, agent) + " may not work support now (" + why_no_support(s, agent) + "): the new and open tickets of " +
                      customers_text(mine->second.size()) + " are handled in your queue.");
}

void notify_support_resumed(ProgramState& s, const Event& e, PersonId agent) {
  const auto held = held_customers(s, agent);
  if (held.empty() || !may_work_support(s, agent)) return;
  notify_business(s, e, "support_held",
                  name_of(s, agent) + " may work support again: choose whether " + customers_text(held.size()) +
                      " in your queue come back (Agents page).");
}

} // namespace pd::domain::support_apply
