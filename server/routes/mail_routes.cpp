// Mail a person chooses to get, unsubscribing without signing in, and the owner's view of
// delivery:
//   GET  /api/v1/account/mail-preferences            each kind of mail and how the person gets it
//   POST /api/v1/account/mail-preferences            {modes: {kind: "each"|"daily_digest"|"off"}}
//   POST /api/v1/mail/unsubscribe                    {token}: the page a mail's "Stop these" link opens
//   POST /unsubscribe/{token}                        RFC 8058 one-click, as mail programs send it
//   GET  /api/v1/programs/{id}/mail-status           owners and admins: the relay, and this program's
//                                                    mail still waiting, with the relay's last answer
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "server/mail/event_mail.hpp"
#include "shared/core/json_fields.hpp"
#include "shared/domain/program/authorization.hpp"

namespace pd::routes {

using core::ErrorCode;

namespace {

nlohmann::json preferences_json(app::Services& services, domain::PersonId person) {
  const auto modes = mail::mail_modes(services.db, person);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& info : domain::mail_categories())
    items.push_back({{"key", info.key},
                     {"label", info.label},
                     {"description", info.description},
                     {"mode", domain::to_string(modes.at(info.category))}});
  return {{"categories", items}, {"relay", services.mail.relay_configured()}, {"digest_hour", services.options.digest_hour}};
}

// Turns one kind of mail off for the person a token names; the answer names it.
std::optional<mail::Unsubscribe> unsubscribe(app::Services& services, const std::string& token) {
  auto target = mail::parse_unsubscribe_token(services.links, token);
  if (!target) return std::nullopt;
  mail::set_mail_modes(services.db, target->person, {{target->category, domain::MailMode::off}});
  services.log.info("unsubscribed", {{"person", target->person}, {"kind", domain::mail_category_info(target->category).key}});
  return target;
}

} // namespace

void register_mail_routes(httplib::Server& server, app::Services& services) {
  server.Get("/api/v1/account/mail-preferences", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = app::current_caller(req, services);
    if (!caller) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    http::send_json(res, 200, preferences_json(services, caller->person_id));
  });

  server.Post("/api/v1/account/mail-preferences", [&services](const httplib::Request& req, httplib::Response& res) {
    auto caller = app::current_caller(req, services);
    if (!caller) return http::send_error(res, 401, ErrorCode::unauthenticated, "Sign in to continue.");
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    if (auto unknown = core::reject_unknown_fields(body.value(), {"modes"})) return http::send_error(res, 400, *unknown);
    const auto& modes = body.value().contains("modes") ? body.value()["modes"] : nlohmann::json();
    if (!modes.is_object() || modes.empty())
      return http::send_error(res, 400, ErrorCode::invalid_field, "modes must be an object of kinds of mail and how to get them.", "modes");
    std::map<domain::MailCategory, domain::MailMode> chosen;
    for (const auto& [key, value] : modes.items()) {
      auto category = domain::parse_mail_category(key);
      if (!category)
        return http::send_error(res, 400, ErrorCode::invalid_field, "Unknown kind of mail '" + key.substr(0, 40) + "'.", "modes." + key.substr(0, 40));
      auto mode = value.is_string() ? domain::parse_mail_mode(value.get<std::string>()) : std::nullopt;
      if (!mode)
        return http::send_error(res, 400, ErrorCode::invalid_field, "How to get it must be \"each\", \"daily_digest\" or \"off\".", "modes." + key);
      chosen[*category] = *mode;
    }
    mail::set_mail_modes(services.db, caller->person_id, chosen);
    http::send_json(res, 200, preferences_json(services, caller->person_id));
  });

  server.Post("/api/v1/mail/unsubscribe", [&services](const httplib::Request& req, httplib::Response& res) {
    auto body = core::parse_object(req.body);
    if (!body) return http::send_error(res, 400, body.error());
    if (auto unknown = core::reject_unknown_fields(body.value(), {"token"})) return http::send_error(res, 400, *unknown);
    const auto& token = body.value().contains("token") ? body.value()["token"] : nlohmann::json();
    auto done = token.is_string() ? unsubscribe(services, token.get<std::string>()) : std::nullopt;
    if (!done) return http::send_error(res, 400, ErrorCode::invalid_field, "This unsubscribe link is not valid.", "token");
    const auto& info = domain::mail_category_info(done->category);
    http::send_json(res, 200, nlohmann::json{{"kind", info.key}, {"label", info.label}, {"mode", "off"}});
  });

  // A mail program's one-click unsubscribe (RFC 8058): a POST without cookies to the link in
  // List-Unsubscribe. Outside /api/, so it needs no X-Requested-With; the signed token is the
  // only credential.
  server.Post(R"(/unsubscribe/([0-9]{1,18}-[a-z_]{1,40}\.[0-9a-f]{16}))", [&services](const httplib::Request& req, httplib::Response& res) {
    if (!unsubscribe(services, req.matches[1].str()))
      return http::send_error(res, 400, ErrorCode::invalid_field, "This unsubscribe link is not valid.", "token");
    res.set_content("Unsubscribed.\n", "text/plain; charset=utf-8");
  });

  server.Get(R"(/api/v1/programs/(\d+)/mail-status)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto program = http::path_id(req, 1);
    auto allowed = services.commands.read(program, [&](const domain::ProgramState& s) -> int {
      if (!domain::is_allowed(s, actor->id, domain::Action::read_program)) return 404;
      return domain::is_allowed(s, actor->id, domain::Action::manage_security) ? 200 : 403;
    });
    if (!allowed || *allowed == 404) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (*allowed == 403) return http::send_error(res, 403, ErrorCode::forbidden, "Only owners and admins see mail delivery.");
    auto status = services.mail.outbox().program_status(program, 20);
    nlohmann::json waiting = nlohmann::json::array();
    for (const auto& row : status.waiting)
      waiting.push_back({{"kind", row.mail.kind},
                         {"recipient", row.mail.recipient},
                         {"subject", row.mail.subject},
                         {"created_at", row.created_at_ms},
                         {"attempts", row.attempts},
                         {"next_attempt_at", row.next_attempt_at_ms},
                         {"last_error", row.last_error}});
    http::send_json(res, 200, nlohmann::json{{"relay", services.mail.relay_configured()},
                                             {"queued", status.queued},
                                             {"failing", status.failing},
                                             {"sent", status.sent},
                                             {"waiting", waiting}});
  });
}

} // namespace pd::routes
