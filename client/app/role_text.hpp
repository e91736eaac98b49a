// Words the client shows for roles and home pages. Pure functions, no UI.
#pragma once

#include "shared/api/session_wire.hpp"
#include "shared/identity/role.hpp"

#include <string>

namespace pd::client {

const char* role_label(identity::Role role);          // "Owner", "Agent", ...
const char* home_title(identity::Home home);          // "Business dashboard", ...
const char* home_summary(identity::Home home);        // what that role does in Partnerdesk
std::string membership_label(const api::Membership& m); // "Acme Analytics — Agent"

} // namespace pd::client
