// What views ask for. A view never changes AppState: it emits an action, and the store
// applies the queued actions after the frame.
#pragma once

#include "client/app/app_state.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace pd::client {

struct SubmitSignIn {};                       // sign in with UiState's email and password
struct EmailEdited {};                        // the email field changed (saved as a draft)
struct SignOut {};
struct SelectProgram { std::int64_t program_id = 0; };
struct RetrySessionCheck {};                  // the start-up check failed; try again

using Action = std::variant<SubmitSignIn, EmailEdited, SignOut, SelectProgram, RetrySessionCheck>;

class Dispatch {
public:
  void operator()(Action action) { queue_.push_back(std::move(action)); }
  std::vector<Action> take() { return std::exchange(queue_, {}); }

private:
  std::vector<Action> queue_;
};

} // namespace pd::client
