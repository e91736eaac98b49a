// [SECTION] Store
// Index:
//   [SECTION] Helpers
//   [SECTION] Start-up and routing
//   [SECTION] Responses
//   [SECTION] Actions
#include "client/app/store.hpp"

#include "client/app/route.hpp"

#include "shared/core/error.hpp"

#include <nlohmann/json.hpp>

#include <type_traits>

namespace pd::client {

// [SECTION] Helpers
namespace {

constexpr std::string_view email_draft_key = "partnerdesk.signin.email";
constexpr const char* unreachable_message = "Cannot reach Partnerdesk. Check your connection and try again.";

std::string trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// The API's error shape, or a sentence naming the status when the body is something else.
core::Error error_of(const platform::HttpResponse& r) {
  if (r.status == 0) return core::make_error(core::ErrorCode::unknown, unreachable_message);
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  auto error = core::error_from_json_body(body);
  if (error.code == core::ErrorCode::unknown && (body.is_discarded() || !body.contains("error"))) {
    if (r.status == 429) error.message = "Too many attempts. Wait a minute and try again.";
    else if (r.status >= 500) error.message = "Partnerdesk ran into a problem. Please try again.";
    else error.message = "Unexpected response from the server (HTTP " + std::to_string(r.status) + ").";
  }
  return error;
}

bool has_program(const api::Me& me, std::int64_t id) {
  for (const auto& m : me.memberships)
    if (m.program_id == id) return true;
  return false;
}

} // namespace

Store::Store(platform::Http& http, platform::Browser& browser) : http_(http), browser_(browser) {}

// [SECTION] Start-up and routing
void Store::start() {
  if (auto draft = browser_.session_get(email_draft_key)) ui_.email = *draft;
  app_.route = Route{Page::loading, {}};
  send(Request::session_check, platform::Method::get, "/api/v1/me");
}

void Store::send(Request kind, platform::Method method, std::string_view path, std::string_view body) {
  pending_[http_.send(method, path, body)] = kind;
  ++app_.network.in_flight;
}

Route Store::resolve(const Route& wanted) const {
  if (!app_.session_checked) return Route{Page::loading, {}};
  if (!app_.me) return Route{Page::signin, {}};
  // Signed in: every page but home leads home, to the wanted program when it is one of ours.
  Route home{Page::home, {}};
  const auto& me = *app_.me;
  if (wanted.page == Page::home && wanted.program_id && has_program(me, *wanted.program_id))
    home.program_id = wanted.program_id;
  else if (has_program(me, ui_.selected_program_id))
    home.program_id = ui_.selected_program_id;
  else if (!me.memberships.empty())
    home.program_id = me.memberships.front().program_id;
  return home;
}

void Store::go(const Route& wanted, bool push) {
  const Route route = resolve(wanted);
  if (route.page == Page::signin && app_.route.page != Page::signin) ui_.focus_signin = true;
  app_.route = route;
  if (route.program_id) ui_.selected_program_id = *route.program_id;
  const std::string hash = format_route(route);
  if (!hash.empty() && hash != browser_.location_hash()) {
    if (push) browser_.push_hash(hash);
    else browser_.replace_hash(hash);
  }
}

bool Store::apply_location(std::string_view hash) {
  if (!app_.session_checked) return false; // the session check decides once it answers
  const Route before = app_.route;
  go(parse_route(hash), false); // a redirect replaces the entry the person navigated to
  return !(before == app_.route);
}

// [SECTION] Responses
bool Store::apply_responses(std::vector<platform::HttpResponse> responses) {
  bool changed = false;
  for (const auto& r : responses) {
    auto it = pending_.find(r.id);
    if (it == pending_.end()) continue; // dropped (e.g. a check overtaken by sign-out)
    const Request kind = it->second;
    pending_.erase(it);
    --app_.network.in_flight;
    app_.network.reachable = r.status != 0;
    if (r.status != 0 && kind != Request::sign_out) app_.network.problem.clear();
    on_response(kind, r);
    changed = true;
  }
  return changed;
}

void Store::on_response(Request kind, const platform::HttpResponse& r) {
  switch (kind) {
  case Request::session_check: on_session_check(r); break;
  case Request::sign_in: on_sign_in(r); break;
  case Request::sign_out: on_sign_out(r); break;
  }
}

void Store::on_session_check(const platform::HttpResponse& r) {
  if (r.status == 200) {
    auto me = api::decode_me(r.body);
    if (me) {
      app_.me = std::move(me).value();
      app_.session_checked = true;
      go(parse_route(browser_.location_hash()), false); // a reload stays on its page
      return;
    }
    app_.network.problem = me.error().message;
    return;
  }
  if (r.status == 401) {
    app_.me.reset();
    app_.session_checked = true;
    go(Route{Page::signin, {}}, false);
    return;
  }
  // Unreachable or failing server: stay on the loading page, which offers to try again.
  app_.network.problem = error_of(r).message;
}

void Store::on_sign_in(const platform::HttpResponse& r) {
  app_.signing_in = false;
  if (r.status == 200) {
    auto me = api::decode_me(r.body);
    if (!me) {
      ui_.signin_error = me.error().message;
      return;
    }
    app_.me = std::move(me).value();
    ui_.password.clear();
    ui_.signin_error.clear();
    ui_.selected_program_id = app_.me->memberships.empty() ? 0 : app_.me->memberships.front().program_id;
    go(Route{Page::home, {}}, false); // the sign-in page leaves the history
    return;
  }
  const auto error = error_of(r);
  ui_.signin_error = error.message;
  if (error.code == core::ErrorCode::invalid_credentials) {
    ui_.password.clear();
    ui_.focus_signin = true;
  }
}

void Store::on_sign_out(const platform::HttpResponse& r) {
  app_.signing_out = false;
  if ((r.status >= 200 && r.status < 300) || r.status == 401) {
    signed_out();
    return;
  }
  app_.network.problem = "Could not sign out: " + error_of(r).message;
}

void Store::signed_out() {
  app_.me.reset();
  ui_.password.clear();
  ui_.signin_error.clear();
  ui_.selected_program_id = 0;
  app_.network.problem.clear();
  // A session check still on its way must not sign the person back in.
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->second == Request::session_check) {
      it = pending_.erase(it);
      --app_.network.in_flight;
    } else {
      ++it;
    }
  }
  go(Route{Page::signin, {}}, false);
}

// [SECTION] Actions
bool Store::apply(std::vector<Action> actions) {
  for (const auto& action : actions) std::visit([this](const auto& a) { handle(a); }, action);
  return !actions.empty();
}

void Store::handle(const SubmitSignIn&) {
  if (app_.signing_in || app_.me) return;
  const std::string email = trim(ui_.email);
  if (email.empty()) {
    ui_.signin_error = "Enter your email address.";
    return;
  }
  if (ui_.password.empty()) {
    ui_.signin_error = "Enter your password.";
    return;
  }
  ui_.signin_error.clear();
  app_.signing_in = true;
  const nlohmann::json body = {{"email", email}, {"password", ui_.password}};
  send(Request::sign_in, platform::Method::post, "/api/v1/session",
       body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Store::handle(const EmailEdited&) { browser_.session_set(email_draft_key, ui_.email); }

void Store::handle(const SignOut&) {
  if (app_.signing_out || !app_.me) return;
  app_.signing_out = true;
  send(Request::sign_out, platform::Method::del, "/api/v1/session");
}

void Store::handle(const SelectProgram& a) {
  if (!app_.me || !has_program(*app_.me, a.program_id)) return;
  if (app_.route.page == Page::home && app_.route.program_id == a.program_id) return;
  go(Route{Page::home, a.program_id}, true); // Back returns to the previous program
}

void Store::handle(const RetrySessionCheck&) {
  for (const auto& [id, kind] : pending_)
    if (kind == Request::session_check) return;
  app_.network.problem.clear();
  send(Request::session_check, platform::Method::get, "/api/v1/me");
}

} // namespace pd::client
