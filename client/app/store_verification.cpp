// Confirming the email address: the mailed link's page (#/verify/{token}) sends its token once
// when opened; a fresh link is asked for from the invitation page (which joins too) or from the
// verify page when the link did not work. A change of address is asked for (and cancelled) on
// the account page; its mailed link opens the same page.
#include "client/app/store.hpp"

#include "client/app/text.hpp"

#include "shared/identity/email.hpp"

#include <nlohmann/json.hpp>

namespace pd::client {

void Store::start_email_verification() {
  auto& v = ui_.verification;
  if (v.token == app_.route.token) return; // this link was sent already (or is being)
  v = EmailVerification{};
  v.token = app_.route.token;
  v.sending = true;
  Pending p;
  p.kind = Request::email_verification;
  p.method = platform::Method::post;
  p.path = "/api/v1/account/email-verification";
  p.body = dump({{"token", v.token}});
  send(std::move(p));
}

void Store::on_email_verification(const Pending& p, const platform::HttpResponse& r) {
  auto& v = ui_.verification;
  if (p.body != dump({{"token", v.token}})) return; // another link was opened since
  v.sending = false;
  if (r.status == 200) {
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    v.done = true;
    v.message = body.is_object() ? body.value("message", "Your email address is confirmed.") : "Your email address is confirmed.";
    if (body.is_object() && body.contains("joined") && body["joined"].is_object()) {
      v.joined_program_id = body["joined"].value("program_id", std::int64_t{0});
      v.joined_program_name = body["joined"].value("program_name", "");
      app_.invitation = InvitationPreview{}; // used now: the invitation page asks again when opened
    }
    if (body.is_object() && body.contains("me")) { // signed in here as the person: their account as it is now
      auto me = api::decode_me(body["me"].dump());
      if (me) signed_in(std::move(me).value());
    } else if (app_.me) {
      refresh_me();
    }
    return;
  }
  v.error = error_of(r).message;
}

void Store::handle(const ResendVerification&) {
  auto& v = ui_.verification;
  if (v.resending || !app_.me) return;
  v.resending = true;
  v.resend_notice.clear();
  v.resend_error.clear();
  nlohmann::json body = nlohmann::json::object();
  // From the invitation page, the fresh link also joins the program.
  if (app_.route.page == Page::invite && app_.invitation.found) body["invitation_token"] = app_.invitation.token;
  send(Request::verification_resend, platform::Method::post, "/api/v1/account/email-verification/resend", dump(body));
}

void Store::on_verification_resend(const platform::HttpResponse& r) {
  auto& v = ui_.verification;
  v.resending = false;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status == 202 || r.status == 200) {
    v.resend_notice = body.is_object() ? body.value("message", "") : "";
    if (r.status == 200) refresh_me(); // already confirmed (in another tab)
    return;
  }
  v.resend_error = error_of(r).message;
}

void Store::handle(const SubmitEmailChange&) {
  auto& f = ui_.email_change;
  if (f.sending || !app_.me) return;
  f.errors.clear();
  f.notice.clear();
  auto email = identity::check_new_email(app_.me->person.email, f.email); // the server's rule, before sending
  if (!email) f.errors.fields["email"] = email.error().message;
  if (f.password.empty()) f.errors.fields["current_password"] = "Enter your current password.";
  if (!f.errors.empty()) return;
  f.sending = true;
  send(Request::email_change, platform::Method::post, "/api/v1/account/email",
       dump({{"current_password", f.password}, {"email", email.value()}}));
}

void Store::handle(const CancelEmailChange&) {
  if (ui_.email_change.sending || !app_.me) return;
  ui_.email_change = EmailChangeForm{};
  ui_.email_change.sending = true;
  send(Request::email_change, platform::Method::del, "/api/v1/account/email");
}

void Store::on_email_change(const platform::HttpResponse& r) {
  auto& f = ui_.email_change;
  f.sending = false;
  f.password.clear();
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if ((r.status == 202 || r.status == 200) && body.is_object()) {
    f = EmailChangeForm{};
    f.notice = body.value("message", "");
    if (body.contains("me") && app_.me)
      if (auto me = api::decode_me(body["me"].dump())) app_.me = std::move(me).value();
    return;
  }
  const auto e = error_of(r);
  if (e.field == "email" || e.field == "current_password") f.errors.fields[e.field] = e.message;
  else f.errors.general = e.message;
}

} // namespace pd::client
