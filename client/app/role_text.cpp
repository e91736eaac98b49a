#include "client/app/role_text.hpp"

namespace pd::client {

using identity::Home;
using identity::Role;

const char* role_label(Role role) {
  switch (role) {
  case Role::owner: return "Owner";
  case Role::admin: return "Admin";
  case Role::staff: return "Staff";
  case Role::agent: return "Agent";
  case Role::customer: return "Customer";
  case Role::unknown: break;
  }
  return "Member";
}

const char* home_title(Home home) {
  switch (home) {
  case Home::business: return "Business dashboard";
  case Home::agent: return "Agent workspace";
  case Home::customer: return "Customer portal";
  }
  return "";
}

const char* home_summary(Home home) {
  switch (home) {
  case Home::business:
    return "You work for the business that runs this partner program: you see the program as a "
           "whole, with its partner agents, its customers and every support request handled in it.";
  case Home::agent:
    return "You are a partner agent of this program: you take on support requests from the "
           "program's customers and work them through to an answer.";
  case Home::customer:
    return "You are a customer of this program: you ask its partner agents for help and follow "
           "your requests until they are answered.";
  }
  return "";
}

std::string membership_label(const api::Membership& m) {
  return m.program_name + " \xE2\x80\x94 " + role_label(m.role); // em dash
}

} // namespace pd::client
