// The client's two kinds of state.
//   AppState: a replica of what the server told us plus where the app is (route, network).
//             Only the store changes it.
//   UiState:  what belongs to the screen only (form buffers, the error shown, the program
//             picked in the switcher). Views may edit it directly (text fields).
#pragma once

#include "shared/api/session_wire.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pd::client {

enum class Page {
  loading, // the session check on start-up has not answered yet
  signin,
  home,
};

struct Route {
  Page page = Page::loading;
  std::optional<std::int64_t> program_id; // #/home?program=ID
  bool operator==(const Route&) const = default;
};

struct NetworkStatus {
  int in_flight = 0;    // requests sent and not answered
  bool reachable = true; // false after a request could not reach the server
  std::string problem;   // one sentence for the person, empty when all is well
};

struct AppState {
  std::optional<api::Me> me; // set while signed in
  Route route;
  NetworkStatus network;
  bool session_checked = false; // the start-up GET /api/v1/me has answered
  bool signing_in = false;
  bool signing_out = false;
};

struct UiState {
  std::string email;    // sign-in form; kept as a draft across reloads
  std::string password; // sign-in form; never stored
  std::string signin_error;
  bool focus_signin = true; // put the keyboard focus in the form on the next frame
  std::int64_t selected_program_id = 0;
};

} // namespace pd::client
