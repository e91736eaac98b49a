// A forgotten password: asking for the reset mail (#/forgot) and setting the new password from
// its link (#/reset/{token}), then the sign-in screen with a notice.
#include "client/app/store.hpp"

#include "client/app/text.hpp"

#include "shared/core/password_rule.hpp"

#include <nlohmann/json.hpp>

namespace pd::client {

void Store::handle(const SubmitForgotPassword&) {
  auto& f = ui_.password_reset;
  if (f.sending) return;
  f.errors.clear();
  f.email = trim(f.email);
  if (f.email.empty()) {
    f.errors.fields["email"] = "Enter the email you sign in with.";
    return;
  }
  f.sending = true;
  send(Request::password_reset_request, platform::Method::post, "/api/v1/account/password-reset", dump({{"email", f.email}}));
}

void Store::on_password_reset_request(const platform::HttpResponse& r) {
  auto& f = ui_.password_reset;
  f.sending = false;
  if (r.status == 202) {
    f.sent = true;
    return;
  }
  const auto e = error_of(r);
  if (e.field == "email") f.errors.fields["email"] = e.message;
  else f.errors.general = e.message;
}

void Store::handle(const SubmitNewPassword&) {
  auto& f = ui_.password_reset;
  if (f.sending || app_.route.page != Page::reset_password) return;
  f.errors.clear();
  if (auto refused = core::check_new_password(f.password)) { // the server's rule, before sending
    f.errors.fields["password"] = refused->message;
    return;
  }
  f.sending = true;
  send(Request::password_reset_complete, platform::Method::post, "/api/v1/account/password-reset/complete",
       dump({{"token", app_.route.token}, {"password", f.password}}));
}

void Store::on_password_reset_complete(const platform::HttpResponse& r) {
  auto& f = ui_.password_reset;
  f.sending = false;
  f.password.clear();
  if (r.status == 200) {
    ui_.password_reset = PasswordResetForm{};
    const std::string notice = "Your password was changed. Sign in with your new password.";
    if (app_.me) { // every session of the person ended, this one too
      signed_out(notice);
      return;
    }
    ui_.password.clear();
    ui_.signin_error.clear();
    ui_.signin_notice = notice;
    go(Route{Page::signin}, false);
    return;
  }
  const auto e = error_of(r);
  if (e.field == "password" || e.field == "token") f.errors.fields[e.field] = e.message;
  else f.errors.general = e.message;
}

} // namespace pd::client
