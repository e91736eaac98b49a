// Read-only questions views ask about the state.
#pragma once

#include "client/app/app_state.hpp"

#include "shared/domain/program/authorization.hpp"

#include <string>
#include <vector>

namespace pd::client {

// The membership of the program shown (or picked in the switcher, or the first one); null
// without any.
const api::Membership* current_membership(const AppState& app, const UiState& ui);

// The replica of the program the route shows, once loaded; null otherwise.
const domain::ProgramState* program_state(const AppState& app);

// The signed-in person's role in the program shown (the replica's word once it is loaded).
identity::Role current_role(const AppState& app, const UiState& ui);

domain::PersonId my_id(const AppState& app);

// is_allowed for the signed-in person in the program shown; false until it is loaded.
bool allowed(const AppState& app, domain::Action action, const domain::Target& target = {});

// Navigation of the program pages for a role, in order.
struct NavItem {
  Page page;
  const char* label;
};
std::vector<NavItem> nav_items(identity::Role role);
// Which pages a role may open: its navigation's (nav_items) and the pages reached from them (a
// customer, a ticket, a new ticket, ...). The store sends anything else to the overview.
bool page_allowed(Page page, identity::Role role);

// A member's name (their email when they gave none); "Business queue" for person 0.
std::string member_name(const domain::ProgramState& s, domain::PersonId id);

// Customers of the list, filtered by the server's own rule (domain::customer_matches: name or
// email contains the search text, case-insensitively; exact subscription, segment and agent).
std::vector<const domain::Customer*> filter_customers(const domain::ProgramState& s, const CustomerFilter& f);
// Customers assigned to an agent.
std::vector<const domain::Customer*> customers_of_agent(const domain::ProgramState& s, domain::PersonId agent);
// Distinct segments, sorted.
std::vector<std::string> segments(const domain::ProgramState& s);
// Agents (members with the agent role and a partner record), by name.
std::vector<const domain::Agent*> agents_by_name(const domain::ProgramState& s);

} // namespace pd::client
