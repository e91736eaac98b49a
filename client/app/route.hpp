// The URL fragment is the route: "#/signin", "#/home", "#/home?program=ID".
#pragma once

#include "client/app/app_state.hpp"

#include <string>
#include <string_view>

namespace pd::client {

// An empty, unknown or malformed fragment gives Page::loading (the store then picks a page).
Route parse_route(std::string_view hash);
std::string format_route(const Route& route);

} // namespace pd::client
