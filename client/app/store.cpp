// [SECTION] Store: start-up, session, routing, HTTP plumbing
// Index:
//   [SECTION] Helpers
//   [SECTION] Start-up and routing
//   [SECTION] Requests, responses and retries
//   [SECTION] Session responses
//   [SECTION] Session actions
#include "client/app/store.hpp"

#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/app/text.hpp"

#include "shared/core/error.hpp"
#include "shared/core/password_rule.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <type_traits>

namespace pd::client {

// [SECTION] Helpers
namespace {

constexpr std::string_view email_draft_key = "partnerdesk.signin.email";
constexpr const char* unreachable_message = "Cannot reach Partnerdesk. Check your connection and try again.";
constexpr int max_attempts = 4; // a request that cannot reach the server is sent again up to 3 times

bool has_program(const api::Me& me, std::int64_t id) {
  for (const auto& m : me.memberships)
    if (m.program_id == id) return true;
  return false;
}

} // namespace

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

Store::Store(platform::Browser& browser) : browser_(browser) {}

// [SECTION] Start-up and routing
void Store::start() {
  if (auto draft = browser_.session_get(email_draft_key)) ui_.email = *draft;
  if (auto draft = browser_.session_get("partnerdesk.draft.signup")) {
    auto j = nlohmann::json::parse(*draft, nullptr, false);
    if (j.is_object()) {
      ui_.signup.email = j.value("email", "");
      ui_.signup.name = j.value("name", "");
    }
  }
  if (auto draft = browser_.session_get("partnerdesk.draft.join")) ui_.join.name = *draft;
  app_.route = Route{};
  send(Request::session_check, platform::Method::get, "/api/v1/me");
}

std::string Store::draft_key(std::string_view what) const {
  const std::int64_t person = app_.me ? app_.me->person.id : 0;
  return "partnerdesk.draft." + std::to_string(person) + "." + std::string(what);
}

identity::Role Store::role_in(std::int64_t program_id) const {
  if (!app_.me) return identity::Role::unknown;
  const auto& r = app_.replica;
  if (r.program_id == program_id && r.state) {
    const auto role = r.state->role_of(app_.me->person.id);
    if (role != identity::Role::unknown) return role;
  }
  for (const auto& m : app_.me->memberships)
    if (m.program_id == program_id) return m.role;
  return identity::Role::unknown;
}

Route Store::resolve(const Route& wanted) const {
  if (!app_.session_checked) return Route{};
  if (wanted.page == Page::verify_email) return wanted; // a mailed link, opened signed in or not
  if (!app_.me) {
    if (wanted.page == Page::signup || wanted.page == Page::invite || wanted.page == Page::forgot_password ||
        wanted.page == Page::reset_password || wanted.page == Page::unsubscribe || wanted.page == Page::erasure)
      return wanted;
    return Route{Page::signin};
  }
  const auto& me = *app_.me;
  // A program requires two-factor sign-in of this person: nothing else until it is on.
  if (!me.two_factor_required_by.empty()) return Route{Page::account};
  if (wanted.page == Page::account || wanted.page == Page::unsubscribe || wanted.page == Page::erasure) return wanted;
  if (wanted.page == Page::invite || wanted.page == Page::new_program || wanted.page == Page::reset_password) return wanted;
  if (me.memberships.empty()) return Route{Page::new_program};

  std::int64_t program = 0;
  if (wanted.program_id && has_program(me, wanted.program_id)) program = wanted.program_id;
  else if (has_program(me, ui_.selected_program_id)) program = ui_.selected_program_id;
  else program = me.memberships.front().program_id;

  Route route = wanted;
  if (!is_program_page(route.page) || route.program_id != program) route = program_route(Page::overview, program);
  if (!page_allowed(route.page, role_in(program))) route = program_route(Page::overview, program);
  return route;
}

void Store::go(const Route& wanted, bool push) {
  const Route before = app_.route;
  const Route route = resolve(wanted);
  if (route.page == Page::signin && app_.route.page != Page::signin) ui_.focus_signin = true;
  app_.route = route;
  if (route.page != before.page && (route.page == Page::forgot_password || route.page == Page::reset_password)) {
    // A fresh form, with the email typed on the sign-in card.
    std::string email = ui_.password_reset.email.empty() ? trim(ui_.email) : ui_.password_reset.email;
    ui_.password_reset = PasswordResetForm{};
    ui_.password_reset.email = std::move(email);
  }
  if (route.program_id) ui_.selected_program_id = route.program_id;
  if (!(before == route) && before.page != Page::loading) ui_.page_notice.clear();
  const std::string hash = format_route(route);
  if (!hash.empty() && hash != browser_.location_hash()) {
    if (push && !(before == route)) browser_.push_hash(hash);
    else browser_.replace_hash(hash);
  }
  after_route_change();
}

void Store::after_route_change() {
  const Route& route = app_.route;
  if (route.page == Page::customers) ui_.search = route.filter.q;
  if (route.page == Page::invite && (app_.invitation.token != route.token || (!app_.invitation.found && !app_.invitation.loading))) {
    app_.invitation = InvitationPreview{};
    app_.invitation.token = route.token;
    app_.invitation.loading = true;
    Pending p;
    p.kind = Request::invitation_preview;
    p.path = "/api/v1/invitations/" + route.token;
    send(std::move(p));
  }
  if (ui_.confirm.kind != Confirm::Kind::none && ui_.confirm.kind != Confirm::Kind::sign_out_everywhere &&
      !ui_.confirm.sending && ui_.confirm.program_id != route.program_id)
    ui_.confirm = Confirm{};
  if (route.page == Page::verify_email) start_email_verification();
  if (route.page == Page::account && app_.me) {
    load_sessions();
    load_mail_preferences();
  }
  if (route.page == Page::settings) load_mail_status();
  if (route.page == Page::unsubscribe && !(before_token_ == route.token)) ui_.unsubscribe = UnsubscribeForm{};
  if (route.page == Page::erasure && !(before_token_ == route.token)) {
    ui_.erasure.confirm_sending = ui_.erasure.confirm_done = false;
    ui_.erasure.confirm_error.clear();
  }
  before_token_ = route.token;
  if (route.page == Page::support_settings && app_.me) load_held_mail();
  ensure_replica();
  sync_forms();
  update_title();
}

void Store::update_title() {
  const Route& r = app_.route;
  const char* page = "";
  switch (r.page) {
  case Page::loading: page = ""; break;
  case Page::signin: page = "Sign in"; break;
  case Page::signup: page = "Create your account"; break;
  case Page::invite: page = "Invitation"; break;
  case Page::forgot_password: page = "Forgot your password"; break;
  case Page::reset_password: page = "Choose a new password"; break;
  case Page::verify_email: page = "Confirm your email"; break;
  case Page::unsubscribe: page = "Unsubscribe"; break;
  case Page::erasure: page = "Confirm your erasure request"; break;
  case Page::new_program: page = "New program"; break;
  case Page::account: page = "Your account"; break;
  case Page::overview: page = "Overview"; break;
  case Page::customers: page = role_in(r.program_id) == identity::Role::agent ? "My customers" : "Customers"; break;
  case Page::customer: page = "Customer"; break;
  case Page::new_customer: page = "Add customer"; break;
  case Page::agents: page = "Agents"; break;
  case Page::agent: page = "Agent"; break;
  case Page::people: page = "People"; break;
  case Page::settings: page = "Settings"; break;
  case Page::profile: page = "My profile"; break;
  case Page::tickets: page = role_in(r.program_id) == identity::Role::customer ? "My tickets" : "Tickets"; break;
  case Page::ticket: page = "Ticket"; break;
  case Page::new_ticket: page = "Open a ticket"; break;
  case Page::support: page = "Support"; break;
  case Page::metrics: page = "Support metrics"; break;
  case Page::retention: page = "Retention"; break;
  case Page::reports: page = "Support reports"; break;
  case Page::support_settings: page = "Support settings"; break;
  case Page::responses: page = "Responses and triage"; break;
  case Page::training: page = "Certification"; break;
  case Page::certification: page = "Certification"; break;
  case Page::earnings: page = "Earnings"; break;
  case Page::commissions: page = "Commissions"; break;
  case Page::routing: page = "Routing"; break;
  case Page::knowledge: page = role_in(r.program_id) == identity::Role::customer ? "Help articles" : "Knowledge base"; break;
  }
  std::string title = page;
  if (is_program_page(r.page) && app_.me) {
    std::string program;
    if (app_.replica.program_id == r.program_id && app_.replica.state) program = app_.replica.state->name;
    else
      for (const auto& m : app_.me->memberships)
        if (m.program_id == r.program_id) program = m.program_name;
    if (r.page == Page::customer && app_.replica.state)
      if (auto c = app_.replica.state->customer(r.item_id)) title = c->profile.name;
    if (r.page == Page::agent && app_.replica.state)
      if (auto m = app_.replica.state->member(r.item_id)) title = m->name;
    if (r.page == Page::ticket && app_.replica.state)
      if (auto t = app_.replica.state->ticket(r.item_id)) title = "#" + std::to_string(t->id) + " " + t->subject;
    if (!program.empty()) title += " \xC2\xB7 " + program;
  }
  title = title.empty() ? "Partnerdesk" : title + " \xE2\x80\x94 Partnerdesk";
  if (title != title_) {
    title_ = title;
    browser_.set_title(title);
  }
}

bool Store::apply_location(std::string_view hash) {
  if (!app_.session_checked) return false; // the session check decides once it answers
  const Route before = app_.route;
  go(parse_route(hash), false); // a redirect replaces the entry the person navigated to
  return !(before == app_.route);
}

void Store::toast(std::string text) {
  ui_.toast = std::move(text);
  ui_.toast_until = now_ + 4000;
}

// [SECTION] Requests, responses and retries
void Store::send(Pending p) {
  ++p.attempts;
  const auto id = next_request_++;
  effects_.push_back(HttpCall{id, p.method, p.path, p.body});
  pending_[id] = std::move(p);
  ++app_.network.in_flight;
}

void Store::send(Request kind, platform::Method method, std::string path, std::string body) {
  Pending p;
  p.kind = kind;
  p.method = method;
  p.path = std::move(path);
  p.body = std::move(body);
  send(std::move(p));
}

bool Store::retry_later(const Pending& p) {
  // Commands carry their command id, so sending one again can never apply it twice.
  const bool safe = p.method == platform::Method::get || p.kind == Request::command || p.kind == Request::create_program ||
                    p.kind == Request::invitation_accept;
  if (!safe || p.attempts >= max_attempts) return false;
  const double delay = 1000.0 * (1 << (p.attempts - 1)); // 1 s, 2 s, 4 s
  retries_.push_back(Retry{p, now_ + delay});
  return true;
}

bool Store::apply_responses(std::vector<platform::HttpResponse> responses) {
  bool changed = false;
  for (const auto& r : responses) {
    auto it = pending_.find(r.id);
    if (it == pending_.end()) continue; // dropped (e.g. a check overtaken by sign-out)
    const Pending p = std::move(it->second);
    pending_.erase(it);
    --app_.network.in_flight;
    app_.network.reachable = r.status != 0;
    changed = true;
    if (r.status == 0 && p.kind != Request::session_check && retry_later(p)) {
      app_.network.problem = "Connection lost. Trying again\xE2\x80\xA6";
      continue;
    }
    if (r.status != 0 && p.kind != Request::sign_out) app_.network.problem.clear();
    // A session that ended elsewhere (signed out everywhere, expired) ends here too.
    if (r.status == 401 && app_.me && p.kind != Request::sign_in && p.kind != Request::invitation_accept &&
        p.kind != Request::sign_out) {
      signed_out("Your session has ended. Sign in again to continue.");
      continue;
    }
    if (r.status == 403 && held_for_security(p, r)) continue;
    on_response(p, r);
  }
  if (changed) sync_forms();
  return changed;
}

void Store::on_response(const Pending& p, const platform::HttpResponse& r) {
  switch (p.kind) {
  case Request::session_check: on_session_check(r); break;
  case Request::me_refresh: on_me_refresh(r); break;
  case Request::sign_in: on_sign_in(r); break;
  case Request::sign_out:
  case Request::sign_out_everywhere: on_sign_out(r); break;
  case Request::sign_up: on_sign_up(r); break;
  case Request::create_program: on_create_program(p, r); break;
  case Request::snapshot: on_snapshot(p, r); break;
  case Request::customer_reload: on_customer_reload(p, r); break;
  case Request::invitation_preview: on_invitation_preview(p, r); break;
  case Request::invitation_accept: on_invitation_accept(r); break;
  case Request::password_reset_request: on_password_reset_request(r); break;
  case Request::password_reset_complete: on_password_reset_complete(r); break;
  case Request::email_verification: on_email_verification(p, r); break;
  case Request::verification_resend: on_verification_resend(r); break;
  case Request::email_change: on_email_change(r); break;
  case Request::two_factor_setup: on_two_factor_setup(r); break;
  case Request::two_factor_code: on_two_factor_code(r); break;
  case Request::step_up: on_step_up(r); break;
  case Request::sessions_list: on_sessions_list(r); break;
  case Request::session_end: on_session_end(p, r); break;
  case Request::mail_preferences: on_mail_preferences(r); break;
  case Request::unsubscribe: on_unsubscribe(r); break;
  case Request::erasure_confirm: on_erasure_confirm(r); break;
  case Request::mail_status: on_mail_status(p, r); break;
  case Request::held_mail: on_held_mail(r); break;
  case Request::held_mail_decision: on_held_mail_decision(p, r); break;
  case Request::quarterly_review: on_quarterly_review(p, r); break;
  case Request::data_export: on_data_export(p, r); break;
  case Request::command: on_command(p, r); break;
  case Request::time_zones: on_time_zones(r); break;
  }
}

bool Store::tick(double now) {
  now_ = now;
  bool changed = false;
  if (!retries_.empty()) {
    std::vector<Retry> due;
    for (auto it = retries_.begin(); it != retries_.end();) {
      if (it->due <= now) {
        due.push_back(std::move(*it));
        it = retries_.erase(it);
      } else {
        ++it;
      }
    }
    for (auto& r : due) send(std::move(r.pending));
  }
  if (reopen_stream_at_ > 0 && now >= reopen_stream_at_) {
    reopen_stream_at_ = 0;
    if (app_.replica.program_id && !stream_ && browser_.online()) {
      open_stream();
      changed = true;
    }
  }
  if (retry_snapshot_at_ > 0 && now >= retry_snapshot_at_) {
    retry_snapshot_at_ = 0;
    if (app_.replica.program_id && !app_.replica.snapshot_loading) {
      load_snapshot();
      changed = true;
    }
  }
  if (!ui_.toast.empty() && now >= ui_.toast_until) {
    ui_.toast.clear();
    changed = true;
  }
  return changed;
}

// [SECTION] Session responses
void Store::signed_in(api::Me me) {
  app_.me = std::move(me);
  ui_.password.clear();
  ui_.signin_code.clear();
  ui_.signin_needs_code = false;
  ui_.signin_error.clear();
  ui_.signin_notice.clear();
  if (!has_program(*app_.me, ui_.selected_program_id))
    ui_.selected_program_id = app_.me->memberships.empty() ? 0 : app_.me->memberships.front().program_id;
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
    go(parse_route(browser_.location_hash()), false); // public pages stay, others lead to sign-in
    return;
  }
  // Unreachable or failing server: stay on the loading page, which offers to try again.
  app_.network.problem = error_of(r).message;
}

void Store::refresh_me() {
  for (const auto& [id, p] : pending_)
    if (p.kind == Request::me_refresh) return;
  send(Request::me_refresh, platform::Method::get, "/api/v1/me");
}

void Store::on_me_refresh(const platform::HttpResponse& r) {
  if (r.status != 200 || !app_.me) return;
  auto me = api::decode_me(r.body);
  if (!me) return;
  const bool had = has_program(*app_.me, app_.route.program_id);
  app_.me = std::move(me).value();
  const bool removed = had && is_program_page(app_.route.page) && !has_program(*app_.me, app_.route.program_id);
  const std::string left = removed ? app_.replica.state ? app_.replica.state->name : std::string("that program") : std::string();
  go(app_.route, false); // leaves a program the person no longer belongs to
  if (removed) ui_.page_notice = "You are no longer a member of " + left + ".";
}

void Store::on_sign_in(const platform::HttpResponse& r) {
  app_.signing_in = false;
  if (r.status == 200) {
    auto me = api::decode_me(r.body);
    if (!me) {
      ui_.signin_error = me.error().message;
      return;
    }
    signed_in(std::move(me).value());
    Route next = after_signin_.value_or(Route{Page::overview});
    after_signin_.reset();
    go(next, false); // the sign-in page leaves the history
    return;
  }
  const auto error = error_of(r);
  if (error.code == core::ErrorCode::two_factor_required) {
    // The password was right: the code is asked next, on the same card.
    ui_.signin_needs_code = true;
    ui_.signin_code.clear();
    ui_.signin_error.clear();
    ui_.focus_signin = true;
    return;
  }
  ui_.signin_error = error.message;
  if (error.code == core::ErrorCode::invalid_credentials && error.field == "code") {
    ui_.signin_code.clear(); // a wrong code: the password stays
    ui_.focus_signin = true;
  } else if (error.code == core::ErrorCode::invalid_credentials) {
    ui_.password.clear();
    ui_.signin_needs_code = false;
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

void Store::signed_out(std::string notice) {
  if (app_.me) browser_.session_remove_prefix("partnerdesk.draft." + std::to_string(app_.me->person.id) + ".");
  app_.me.reset();
  app_.signing_out = false;
  ui_.password.clear();
  ui_.signin_code.clear();
  ui_.signin_needs_code = false;
  ui_.two_factor = TwoFactorForm{};
  ui_.step_up = StepUpForm{};
  ui_.sessions = SessionsList{};
  held_for_step_up_.reset();
  ui_.signin_error.clear();
  ui_.signin_notice = std::move(notice);
  ui_.selected_program_id = 0;
  ui_.customer = CustomerForm{};
  ui_.invite = InviteForm{};
  ui_.rename = RenameForm{};
  ui_.confirm = Confirm{};
  ui_.new_program = NewProgramForm{};
  ui_.ticket = TicketForms{};
  ui_.new_ticket = NewTicketForm{};
  ui_.support_settings = SupportSettingsForm{};
  ui_.warn = WarnForm{};
  ui_.support_forms.clear();
  ui_.ticket_search.clear();
  app_.network.problem.clear();
  retries_.clear();
  // Requests still on their way must not sign the person back in or fill forms.
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->second.kind != Request::sign_in && it->second.kind != Request::invitation_preview) {
      it = pending_.erase(it);
      --app_.network.in_flight;
    } else {
      ++it;
    }
  }
  // An invitation page stays (it is public); everything else leads to sign-in.
  go(app_.route.page == Page::invite ? app_.route : Route{Page::signin}, false);
}

void Store::on_sign_up(const platform::HttpResponse& r) {
  // Sign-up answers 202 whether or not the email already had an account (it never says which);
  // the next step is signing in with the password just chosen, answered here too.
  if (r.status == 202) {
    const nlohmann::json body = {{"email", trim(ui_.signup.email)}, {"password", ui_.signup.password}};
    send(Request::sign_up, platform::Method::post, "/api/v1/session", dump(body));
    return;
  }
  ui_.signup.sending = false;
  if (r.status == 201 || r.status == 200) {
    auto me = api::decode_me(r.body);
    if (!me) {
      ui_.signup.errors.general = me.error().message;
      return;
    }
    ui_.signup = SignUpForm{};
    browser_.session_remove("partnerdesk.draft.signup");
    signed_in(std::move(me).value());
    go(Route{Page::new_program}, false);
    return;
  }
  const auto e = error_of(r);
  ui_.signup.password.clear();
  if (e.code == core::ErrorCode::invalid_credentials) { // the sign-in after sign-up: the email had an account already
    ui_.signup.errors.fields["email"] = "This email already has an account. Sign in with its password, or use another email.";
    return;
  }
  if (e.field == "email" || e.field == "name" || e.field == "password") ui_.signup.errors.fields[e.field] = e.message;
  else ui_.signup.errors.general = e.message;
}

void Store::on_create_program(const Pending&, const platform::HttpResponse& r) {
  ui_.new_program.sending = false;
  if (r.status == 201 || r.status == 200) {
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    const std::int64_t id = body.is_object() ? body.value("program_id", std::int64_t{0}) : 0;
    if (id <= 0 || !app_.me) {
      ui_.new_program.errors.general = "The program was created, but the answer could not be read. Reload the page.";
      return;
    }
    if (!has_program(*app_.me, id))
      app_.me->memberships.push_back(api::Membership{id, trim(ui_.new_program.name), identity::Role::owner});
    browser_.session_remove(draft_key("program.new"));
    toast(trim(ui_.new_program.name) + " is ready.");
    ui_.new_program = NewProgramForm{};
    go(program_route(Page::overview, id), false);
    refresh_me();
    return;
  }
  const auto e = error_of(r);
  if (e.field == "name" || e.field == "currency") ui_.new_program.errors.fields[e.field] = e.message;
  else ui_.new_program.errors.general = e.message;
}

void Store::on_invitation_preview(const Pending& p, const platform::HttpResponse& r) {
  auto& inv = app_.invitation;
  if (p.path != "/api/v1/invitations/" + inv.token) return;
  inv.loading = false;
  if (r.status == 200) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_object()) {
      inv.found = true;
      inv.problem.clear();
      inv.program_name = j.value("program_name", "");
      inv.role = identity::role_from_string(j.value("role", "")).value_or(identity::Role::unknown);
      inv.email = j.value("email", "");
      inv.status = j.value("status", "");
      inv.expires_at = j.value("expires_at", std::int64_t{0});
      inv.has_account = j.value("has_account", false);
      return;
    }
  }
  inv.found = false;
  inv.problem = r.status == 404 ? "This invitation link is not valid. Check that you copied all of it, or ask for a new one."
                                : error_of(r).message;
}

void Store::on_invitation_accept(const platform::HttpResponse& r) {
  ui_.join.sending = false;
  auto& inv = app_.invitation;
  if (r.status == 200) {
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    const std::int64_t program = body.is_object() ? body.value("program_id", std::int64_t{0}) : 0;
    if (body.is_object() && body.contains("me")) {
      auto me = api::decode_me(body["me"].dump());
      if (me) signed_in(std::move(me).value());
    }
    ui_.join = JoinForm{};
    browser_.session_remove("partnerdesk.draft.join");
    inv.status = "accepted";
    toast("Welcome to " + inv.program_name + ".");
    go(program ? program_route(Page::overview, program) : Route{Page::overview}, true);
    return;
  }
  const auto e = error_of(r);
  ui_.join.password.clear();
  if (e.code == core::ErrorCode::email_unverified) {
    // Joining waits for the mailed link. An account made just now is signed in: ask who it is.
    ui_.join.unverified = e.message;
    browser_.session_remove("partnerdesk.draft.join");
    if (app_.me) refresh_me();
    else send(Request::session_check, platform::Method::get, "/api/v1/me");
    return;
  }
  if (r.status == 401) {
    ui_.join.errors.general = e.message; // "Sign in as ... to accept this invitation."
    inv.has_account = true;
    return;
  }
  if (e.field == "name" || e.field == "password") {
    ui_.join.errors.fields[e.field] = e.message;
    return;
  }
  ui_.join.errors.general = e.message;
  if (r.status == 409 || r.status == 404) { // used, revoked or expired meanwhile: show what it is now
    inv.loading = true;
    Pending p;
    p.kind = Request::invitation_preview;
    p.path = "/api/v1/invitations/" + inv.token;
    send(std::move(p));
  }
}

// [SECTION] Session actions
bool Store::apply(std::vector<Action> actions) {
  for (const auto& action : actions) std::visit([this](const auto& a) { handle(a); }, action);
  if (!actions.empty()) sync_forms();
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
  if (ui_.signin_needs_code && trim(ui_.signin_code).empty()) {
    ui_.signin_error = "Enter the 6-digit code from your authenticator app.";
    return;
  }
  ui_.signin_error.clear();
  app_.signing_in = true;
  nlohmann::json body = {{"email", email}, {"password", ui_.password}};
  if (ui_.signin_needs_code) body["code"] = trim(ui_.signin_code);
  send(Request::sign_in, platform::Method::post, "/api/v1/session", dump(body));
}

void Store::handle(const EmailEdited&) { browser_.session_set(email_draft_key, ui_.email); }

void Store::handle(const SignOut&) {
  if (app_.signing_out || !app_.me) return;
  app_.signing_out = true;
  send(Request::sign_out, platform::Method::del, "/api/v1/session");
}

void Store::handle(const SignOutEverywhere&) {
  if (app_.signing_out || !app_.me) return;
  app_.signing_out = true;
  ui_.confirm = Confirm{};
  send(Request::sign_out_everywhere, platform::Method::del, "/api/v1/sessions");
}

void Store::handle(const SelectProgram& a) {
  if (!app_.me || !has_program(*app_.me, a.program_id)) return;
  if (is_program_page(app_.route.page) && app_.route.program_id == a.program_id) return;
  go(program_route(Page::overview, a.program_id), true); // Back returns to the previous program
}

void Store::handle(const RetrySessionCheck&) {
  for (const auto& [id, p] : pending_)
    if (p.kind == Request::session_check) return;
  app_.network.problem.clear();
  send(Request::session_check, platform::Method::get, "/api/v1/me");
}

void Store::handle(const Navigate& a) {
  if (a.route.page != Page::signin) after_signin_.reset(); // the person went elsewhere instead
  go(a.route, true);
}

void Store::handle(const SubmitSignUp&) {
  auto& f = ui_.signup;
  if (f.sending || app_.me) return;
  f.errors.clear();
  if (auto refused = core::check_new_password(f.password)) { // the server's rule, before sending
    f.errors.fields["password"] = refused->message;
    return;
  }
  f.sending = true;
  const nlohmann::json body = {{"email", trim(f.email)}, {"name", trim(f.name)}, {"password", f.password}};
  send(Request::sign_up, platform::Method::post, "/api/v1/accounts", dump(body));
}

void Store::handle(const SignUpEdited&) {
  browser_.session_set("partnerdesk.draft.signup", dump({{"email", ui_.signup.email}, {"name", ui_.signup.name}}));
}

void Store::handle(const SubmitNewProgram&) {
  auto& f = ui_.new_program;
  if (f.sending || !app_.me) return;
  f.errors.clear();
  f.sending = true;
  std::string currency = trim(f.currency);
  for (auto& c : currency)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  const nlohmann::json body = {{"command_id", platform::random_hex(16)}, {"name", trim(f.name)}, {"currency", currency}};
  Pending p;
  p.kind = Request::create_program;
  p.method = platform::Method::post;
  p.path = "/api/v1/programs";
  p.body = dump(body);
  send(std::move(p));
}

void Store::handle(const NewProgramEdited&) {
  browser_.session_set(draft_key("program.new"), dump({{"name", ui_.new_program.name}, {"currency", ui_.new_program.currency}}));
}

void Store::handle(const SubmitJoin&) {
  auto& f = ui_.join;
  const auto& inv = app_.invitation;
  if (f.sending || !inv.found) return;
  f.errors.clear();
  nlohmann::json body = {{"token", inv.token}};
  if (!app_.me) {
    if (auto refused = core::check_new_password(f.password)) { // the server's rule, before sending
      f.errors.fields["password"] = refused->message;
      return;
    }
    body["name"] = trim(f.name);
    body["password"] = f.password;
  }
  f.sending = true;
  Pending p;
  p.kind = Request::invitation_accept;
  p.method = platform::Method::post;
  p.path = "/api/v1/invitations/accept";
  p.body = dump(body);
  send(std::move(p));
}

void Store::handle(const JoinEdited&) {
  ui_.join.errors.fields.erase("name");
  browser_.session_set("partnerdesk.draft.join", ui_.join.name);
}

void Store::handle(const SignInToAccept&) {
  const auto& inv = app_.invitation;
  if (app_.me || !inv.found) return;
  after_signin_ = app_.route;
  ui_.email = inv.email;
  browser_.session_set(email_draft_key, ui_.email);
  ui_.password.clear();
  ui_.signin_error.clear();
  ui_.signin_notice = "Sign in as " + inv.email + " to accept the invitation to " + inv.program_name + ".";
  go(Route{Page::signin}, true);
}

} // namespace pd::client
