// The store owns AppState and UiState and is the only place that changes AppState. It
// applies, in this order each frame: server responses and URL changes (before the frame),
// then the actions the views emitted (after it). Business rules live here, not in views.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"
#include "client/platform/browser.hpp"
#include "client/platform/http.hpp"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace pd::client {

class Store {
public:
  Store(platform::Http& http, platform::Browser& browser);

  const AppState& app() const { return app_; }
  UiState& ui() { return ui_; }

  // Restores the sign-in draft and asks the server who is signed in.
  void start();
  // Each returns true when something on screen may have changed.
  bool apply_responses(std::vector<platform::HttpResponse> responses);
  bool apply_location(std::string_view hash);
  bool apply(std::vector<Action> actions);

private:
  enum class Request { session_check, sign_in, sign_out };

  void send(Request kind, platform::Method method, std::string_view path, std::string_view body = {});
  void on_response(Request kind, const platform::HttpResponse& r);
  void on_session_check(const platform::HttpResponse& r);
  void on_sign_in(const platform::HttpResponse& r);
  void on_sign_out(const platform::HttpResponse& r);
  void signed_out();

  void handle(const SubmitSignIn&);
  void handle(const EmailEdited&);
  void handle(const SignOut&);
  void handle(const SelectProgram&);
  void handle(const RetrySessionCheck&);

  // The page the session allows for the wanted route.
  Route resolve(const Route& wanted) const;
  // Shows the route and writes it to the URL (push: a new history entry).
  void go(const Route& wanted, bool push);

  platform::Http& http_;
  platform::Browser& browser_;
  AppState app_;
  UiState ui_;
  std::unordered_map<platform::RequestId, Request> pending_;
};

} // namespace pd::client
