// The mail a person gets (the account page's Email card) and the page a mail's "Stop these"
// link opens. The kinds of mail and their labels come from the server's answer, which takes
// them from shared/domain/support/mail_preferences.hpp.
#include "client/app/store.hpp"

#include <nlohmann/json.hpp>

namespace pd::client {

void Store::load_mail_preferences() {
  auto& f = ui_.mail_preferences;
  if (f.loading || !f.saving.empty()) return;
  f.loading = true;
  send(Request::mail_preferences, platform::Method::get, "/api/v1/account/mail-preferences");
}

void Store::on_mail_preferences(const platform::HttpResponse& r) {
  auto& f = ui_.mail_preferences;
  f.loading = false;
  f.saving.clear();
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status != 200 || !body.is_object() || !body.contains("categories") || !body["categories"].is_array()) {
    f.error = error_of(r).message;
    return;
  }
  f.rows.clear();
  for (const auto& c : body["categories"]) {
    if (!c.is_object()) continue;
    MailPreferenceRow row;
    row.key = c.value("key", std::string{});
    row.label = c.value("label", std::string{});
    row.description = c.value("description", std::string{});
    row.mode = domain::parse_mail_mode(c.value("mode", std::string{})).value_or(domain::MailMode::each);
    f.rows.push_back(std::move(row));
  }
  f.relay = body.value("relay", true);
  f.digest_hour = body.value("digest_hour", 8);
  f.loaded = true;
  f.error.clear();
}

void Store::handle(const SetMailMode& a) {
  auto& f = ui_.mail_preferences;
  if (!f.saving.empty() || a.key.empty()) return;
  for (auto& row : f.rows)
    if (row.key == a.key) row.mode = a.mode; // shown at once; the answer confirms it
  f.saving = a.key;
  send(Request::mail_preferences, platform::Method::post, "/api/v1/account/mail-preferences",
       nlohmann::json{{"modes", {{a.key, domain::to_string(a.mode)}}}}.dump());
}

void Store::handle(const SubmitUnsubscribe&) {
  auto& f = ui_.unsubscribe;
  if (f.sending || f.done || app_.route.page != Page::unsubscribe) return;
  f.sending = true;
  f.error.clear();
  send(Request::unsubscribe, platform::Method::post, "/api/v1/mail/unsubscribe", nlohmann::json{{"token", app_.route.token}}.dump());
}

void Store::on_unsubscribe(const platform::HttpResponse& r) {
  auto& f = ui_.unsubscribe;
  f.sending = false;
  if (r.status != 200) {
    f.error = error_of(r).message;
    return;
  }
  f.done = true;
  if (app_.me) ui_.mail_preferences.loaded = false; // the account page reloads the list
}

void Store::handle(const SubmitErasureConfirm&) {
  auto& f = ui_.erasure;
  if (f.confirm_sending || f.confirm_done || app_.route.page != Page::erasure) return;
  f.confirm_sending = true;
  f.confirm_error.clear();
  send(Request::erasure_confirm, platform::Method::post, "/api/v1/erasure/confirm", nlohmann::json{{"token", app_.route.token}}.dump());
}

void Store::on_erasure_confirm(const platform::HttpResponse& r) {
  auto& f = ui_.erasure;
  f.confirm_sending = false;
  // Confirmed before (the link opened twice) is confirmed all the same.
  if (r.status != 200 && !(r.status == 409 && error_of(r).message.find("confirmed already") != std::string::npos)) {
    f.confirm_error = error_of(r).message;
    return;
  }
  f.confirm_done = true;
}

// Owners and admins only: other roles would get 403, and the card is not drawn for them.
void Store::load_mail_status() {
  const auto program = app_.route.program_id;
  const auto role = role_in(program);
  if (program == 0 || (role != identity::Role::owner && role != identity::Role::admin)) return;
  auto& m = ui_.mail_status;
  if (m.loading && m.program_id == program) return;
  if (m.program_id != program) m = MailStatus{};
  m.program_id = program;
  m.loading = true;
  Pending p;
  p.kind = Request::mail_status;
  p.program_id = program;
  p.path = "/api/v1/programs/" + std::to_string(program) + "/mail-status";
  send(std::move(p));
}

void Store::handle(const RefreshMailStatus&) { load_mail_status(); }

void Store::on_mail_status(const Pending& p, const platform::HttpResponse& r) {
  auto& m = ui_.mail_status;
  if (m.program_id != p.program_id) return; // another program's page meanwhile
  m.loading = false;
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status != 200 || !body.is_object()) {
    m.error = error_of(r).message;
    return;
  }
  m.relay = body.value("relay", true);
  m.queued = body.value("queued", std::int64_t{0});
  m.failing = body.value("failing", std::int64_t{0});
  m.sent = body.value("sent", std::int64_t{0});
  m.waiting.clear();
  if (body.contains("waiting") && body["waiting"].is_array())
    for (const auto& w : body["waiting"]) {
      if (!w.is_object()) continue;
      m.waiting.push_back(WaitingMail{w.value("kind", std::string{}), w.value("recipient", std::string{}), w.value("subject", std::string{}),
                                      w.value("attempts", 0), w.value("last_error", std::string{})});
    }
  m.loaded = true;
  m.error.clear();
}

} // namespace pd::client
