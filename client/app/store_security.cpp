// Two-factor sign-in on the account page, the code dialog of step-up, and the business's
// two-factor requirement, as the store handles them (docs/api.md, "Two-factor sign-in").
#include "client/app/store.hpp"

#include "client/app/text.hpp"

namespace pd::client {

namespace {

// Keeps the server's error on the form: under the code field when it names it.
void keep_error(FormErrors& errors, const core::Error& e) {
  errors.clear();
  if (e.field == "code") errors.fields["code"] = e.message;
  else errors.general = e.message;
}

// A code the server refused: its message under the field, the field emptied and focused again.
// True when refused.
template <class Form>
bool code_refused(Form& f, const platform::HttpResponse& r) {
  f.sending = false;
  if (r.status == 200) return false;
  keep_error(f.errors, error_of(r));
  f.code.clear();
  f.focus = true;
  return true;
}

} // namespace

bool Store::held_for_security(const Pending& p, const platform::HttpResponse& r) {
  const auto error = error_of(r);
  if (error.code == core::ErrorCode::two_factor_enrolment_required) {
    refresh_me(); // its answer names the programs, and resolve() leads to the account page
    return false;
  }
  if (error.code != core::ErrorCode::step_up_required || (p.kind != Request::command && p.kind != Request::email_change && p.kind != Request::data_export))
    return false;
  held_for_step_up_ = p; // the same body (a command's: the same command id, applied once)
  ui_.step_up = StepUpForm{};
  ui_.step_up.open = true;
  ui_.step_up.focus = true;
  return true;
}

void Store::handle(const SubmitStepUp&) {
  auto& f = ui_.step_up;
  if (!f.open || f.sending) return;
  const std::string code = trim(f.code);
  if (code.empty()) {
    f.errors.clear();
    f.errors.fields["code"] = "Enter the 6-digit code from your authenticator app.";
    return;
  }
  f.errors.clear();
  f.sending = true;
  send(Request::step_up, platform::Method::post, "/api/v1/session/step-up", dump({{"code", code}}));
}

void Store::on_step_up(const platform::HttpResponse& r) {
  if (code_refused(ui_.step_up, r)) return;
  ui_.step_up = StepUpForm{};
  if (held_for_step_up_) {
    Pending again = std::move(*held_for_step_up_);
    held_for_step_up_.reset();
    again.attempts = 0;
    send(std::move(again)); // its answer reaches the form that sent it, as if never held
  }
}

void Store::handle(const CancelStepUp&) {
  ui_.step_up = StepUpForm{};
  if (!held_for_step_up_) return;
  const Pending held = std::move(*held_for_step_up_);
  held_for_step_up_.reset();
  // The form that sent it stops waiting and says why nothing changed.
  platform::HttpResponse cancelled;
  cancelled.status = 403;
  cancelled.body = dump({{"error", {{"code", "step_up_required"}, {"message", "Not changed: this needs the code from your authenticator app."}}}});
  on_response(held, cancelled);
}

void Store::handle(const StartTwoFactorSetup&) {
  auto& f = ui_.two_factor;
  if (f.sending || !app_.me || app_.me->two_factor) return;
  f = TwoFactorForm{};
  f.sending = true;
  send(Request::two_factor_setup, platform::Method::post, "/api/v1/account/two-factor/setup", "{}");
}

void Store::on_two_factor_setup(const platform::HttpResponse& r) {
  auto& f = ui_.two_factor;
  f.sending = false;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status != 200 || !body.is_object() || !body.contains("secret") || !body["secret"].is_string()) {
    keep_error(f.errors, error_of(r));
    return;
  }
  f.secret = body["secret"].get<std::string>();
  f.otpauth_uri = body.value("otpauth_uri", std::string{});
  if (body.contains("qr") && body["qr"].is_object()) {
    const auto& qr = body["qr"];
    const int size = qr.value("size", 0);
    std::vector<std::string> rows;
    if (qr.contains("rows") && qr["rows"].is_array())
      for (const auto& row : qr["rows"])
        if (row.is_string() && row.get<std::string>().size() == static_cast<std::size_t>(size)) rows.push_back(row.get<std::string>());
    if (size > 0 && size <= 200 && rows.size() == static_cast<std::size_t>(size)) {
      f.qr_size = size;
      f.qr_rows = std::move(rows);
    }
  }
  f.focus = true;
}

void Store::handle(const CancelTwoFactorSetup&) {
  auto codes = std::move(ui_.two_factor.recovery_codes);
  ui_.two_factor = TwoFactorForm{};
  ui_.two_factor.recovery_codes = std::move(codes);
}

void Store::handle(const SubmitTwoFactorCode&) {
  auto& f = ui_.two_factor;
  if (f.sending || !app_.me) return;
  const std::string code = trim(f.code);
  f.errors.clear();
  if (code.empty()) {
    f.errors.fields["code"] = "Enter the 6-digit code from your authenticator app.";
    return;
  }
  std::string path;
  if (!app_.me->two_factor) {
    if (f.secret.empty()) return; // nothing to confirm
    path = "/api/v1/account/two-factor/enable";
  } else if (f.step == TwoFactorForm::Step::turning_off) {
    path = "/api/v1/account/two-factor/disable";
  } else if (f.step == TwoFactorForm::Step::new_codes) {
    path = "/api/v1/account/two-factor/recovery-codes";
  } else {
    return;
  }
  f.sending = true;
  send(Request::two_factor_code, platform::Method::post, path, dump({{"code", code}}));
}

void Store::on_two_factor_code(const platform::HttpResponse& r) {
  auto& f = ui_.two_factor;
  if (code_refused(f, r)) return;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  std::vector<std::string> codes;
  if (body.is_object() && body.contains("recovery_codes") && body["recovery_codes"].is_array())
    for (const auto& c : body["recovery_codes"])
      if (c.is_string()) codes.push_back(c.get<std::string>());
  const bool on = body.is_object() && body.value("two_factor", app_.me && app_.me->two_factor);
  f = TwoFactorForm{};
  f.recovery_codes = std::move(codes);
  if (app_.me) app_.me->two_factor = on || !f.recovery_codes.empty();
  if (app_.me && !app_.me->two_factor) toast("Two-factor sign-in is off.");
  else if (app_.me && body.contains("two_factor")) toast("Two-factor sign-in is on.");
  else toast("New recovery codes made: the old ones no longer work.");
  refresh_me(); // a requirement it met is lifted: the program pages open again
}

void Store::handle(const DismissRecoveryCodes&) { ui_.two_factor.recovery_codes.clear(); }

void Store::handle(const CopyRecoveryCodes&) {
  const auto& codes = ui_.two_factor.recovery_codes;
  if (codes.empty()) return;
  std::string text;
  for (const auto& c : codes) text += c + "\n";
  effects_.push_back(CopyText{text});
  toast("Recovery codes copied.");
}

void Store::load_sessions() {
  if (ui_.sessions.loading) return;
  ui_.sessions.loading = true;
  send(Request::sessions_list, platform::Method::get, "/api/v1/account/sessions");
}

void Store::on_sessions_list(const platform::HttpResponse& r) {
  auto& l = ui_.sessions;
  l.loading = false;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status != 200 || !body.is_object() || !body.contains("items") || !body["items"].is_array()) {
    l.error = error_of(r).message;
    return;
  }
  l.rows.clear();
  for (const auto& s : body["items"]) {
    if (!s.is_object()) continue;
    SessionRow row;
    row.id = s.value("id", std::int64_t{0});
    row.browser = s.value("browser", std::string{});
    row.address = s.value("address", std::string{});
    row.created_at = s.value("created_at", std::int64_t{0});
    row.last_seen_at = s.value("last_seen_at", std::int64_t{0});
    row.current = s.value("current", false);
    l.rows.push_back(std::move(row));
  }
  l.loaded = true;
  l.error.clear();
}

void Store::handle(const EndSession& a) {
  auto& l = ui_.sessions;
  if (l.ending || a.id <= 0) return;
  l.ending = a.id;
  Pending p;
  p.kind = Request::session_end;
  p.method = platform::Method::del;
  p.path = "/api/v1/account/sessions/" + std::to_string(a.id);
  p.item_id = a.id;
  send(std::move(p));
}

void Store::on_session_end(const Pending& p, const platform::HttpResponse& r) {
  auto& l = ui_.sessions;
  l.ending = 0;
  if (r.status != 204) {
    l.error = error_of(r).message;
    load_sessions(); // it may have ended already
    return;
  }
  std::erase_if(l.rows, [&](const SessionRow& row) { return row.id == p.item_id; });
  toast("Signed out of that session.");
}

} // namespace pd::client
