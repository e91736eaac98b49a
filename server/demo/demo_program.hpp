// The demo program loaded by `--demo` into a new database: Acme Analytics with its owner,
// a staff member, three agents and a dozen customers (plus a second program so the program
// switcher has something to switch to). Every demo account's password is "demo-password".
#pragma once

#include "server/app/services.hpp"

namespace pd::demo {

inline constexpr const char* demo_password = "demo-password";

struct DemoSignIn {
  const char* email;
  const char* who;
};
// The sign-ins printed by scripts/run.sh and the server at start.
const std::vector<DemoSignIn>& demo_sign_ins();

void load_demo_program(app::Services& services);

} // namespace pd::demo
