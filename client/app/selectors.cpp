#include "client/app/selectors.hpp"

#include "shared/domain/program/list_filters.hpp"

#include <algorithm>
#include <set>

namespace pd::client {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

} // namespace

const api::Membership* current_membership(const AppState& app, const UiState& ui) {
  if (!app.me || app.me->memberships.empty()) return nullptr;
  const std::int64_t wanted = app.route.program_id ? app.route.program_id : ui.selected_program_id;
  for (const auto& m : app.me->memberships)
    if (m.program_id == wanted) return &m;
  for (const auto& m : app.me->memberships)
    if (m.program_id == ui.selected_program_id) return &m;
  return &app.me->memberships.front();
}

const domain::ProgramState* program_state(const AppState& app) {
  const auto& r = app.replica;
  if (!r.state || r.program_id != app.route.program_id) return nullptr;
  return &*r.state;
}

domain::PersonId my_id(const AppState& app) { return app.me ? app.me->person.id : 0; }

identity::Role current_role(const AppState& app, const UiState& ui) {
  if (const auto* s = program_state(app)) {
    const auto role = s->role_of(my_id(app));
    if (role != identity::Role::unknown) return role;
  }
  const auto* m = current_membership(app, ui);
  return m ? m->role : identity::Role::unknown;
}

bool allowed(const AppState& app, domain::Action action, const domain::Target& target) {
  const auto* s = program_state(app);
  return s && domain::is_allowed(*s, my_id(app), action, target);
}

bool page_allowed(Page page, identity::Role role) {
  for (const auto& n : nav_items(role))
    if (n.page == page) return true;
  if (identity::is_business_role(role))
    return page == Page::customer || page == Page::new_customer || page == Page::agent || page == Page::support_settings ||
           page == Page::responses || page == Page::ticket || page == Page::new_ticket;
  if (role == identity::Role::agent) return page == Page::customer || page == Page::ticket || page == Page::agent; // its own page only (the view checks)
  if (role == identity::Role::customer) return page == Page::ticket || page == Page::new_ticket;
  return false;
}

std::vector<NavItem> nav_items(identity::Role role) {
  if (identity::is_business_role(role))
    return {{Page::overview, "Overview"}, {Page::support, "Support"}, {Page::metrics, "Metrics"}, {Page::retention, "Retention"}, {Page::reports, "Reports"}, {Page::tickets, "Tickets"}, {Page::routing, "Routing"}, {Page::knowledge, "Knowledge base"}, {Page::customers, "Customers"},
            {Page::agents, "Agents"},     {Page::certification, "Certification"}, {Page::commissions, "Commissions"}, {Page::people, "People"},
            {Page::settings, "Settings"}};
  if (role == identity::Role::agent)
    return {{Page::overview, "Overview"}, {Page::tickets, "Tickets"}, {Page::knowledge, "Knowledge base"}, {Page::customers, "My customers"}, {Page::metrics, "My metrics"}, {Page::retention, "Retention"}, {Page::training, "Certification"}, {Page::earnings, "Earnings"}};
  if (role == identity::Role::customer)
    return {{Page::overview, "Overview"}, {Page::tickets, "My tickets"}, {Page::knowledge, "Help articles"}, {Page::profile, "My profile"}};
  return {{Page::overview, "Overview"}};
}

std::string member_name(const domain::ProgramState& s, domain::PersonId id) {
  if (id == 0) return "Business queue";
  if (auto m = s.member(id)) return m->name.empty() ? m->email : m->name;
  // An agent who left keeps its name where its referrals and ledger are shown.
  if (auto r = domain::referrer(s.commissions, id); r && !r->name.empty()) return r->name + " (left the program)";
  return "Former member";
}

std::vector<const domain::Customer*> filter_customers(const domain::ProgramState& s, const CustomerFilter& f) {
  std::vector<const domain::Customer*> out;
  const domain::CustomerFilter filter{f.q, f.subscription, f.segment, f.agent};
  for (const auto& [id, c] : s.customers)
    if (domain::customer_matches(c, filter)) out.push_back(&c);
  return out;
}

std::vector<const domain::Customer*> customers_of_agent(const domain::ProgramState& s, domain::PersonId agent) {
  std::vector<const domain::Customer*> out;
  for (const auto& [id, c] : s.customers)
    if (c.assigned_agent == agent) out.push_back(&c);
  return out;
}

std::vector<std::string> segments(const domain::ProgramState& s) {
  std::set<std::string> all;
  for (const auto& [id, c] : s.customers)
    if (!c.profile.segment.empty()) all.insert(c.profile.segment);
  return {all.begin(), all.end()};
}

std::vector<const domain::Agent*> agents_by_name(const domain::ProgramState& s) {
  std::vector<const domain::Agent*> out;
  for (const auto& [id, a] : s.agents)
    if (s.role_of(id) == identity::Role::agent) out.push_back(&a);
  std::sort(out.begin(), out.end(), [&](const auto* a, const auto* b) {
    return lower(member_name(s, a->person_id)) < lower(member_name(s, b->person_id));
  });
  return out;
}

} // namespace pd::client
