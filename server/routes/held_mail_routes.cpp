// Mail held for the business (server/storage/held_mail.hpp): replies by email that were not
// added to a ticket by themselves. The business only (identity::is_business_role): list them,
// discard one, or add one to its ticket as the business's reply quoting the sender.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "server/storage/held_mail.hpp"
#include "shared/core/field_reader.hpp"
#include "shared/core/json_fields.hpp"
#include "shared/domain/commands.hpp"
#include "shared/domain/support/support_commands.hpp"
#include "shared/identity/role.hpp"

namespace pd::routes {

using core::ErrorCode;

namespace {

nlohmann::json held_json(const storage::HeldMail& m) {
  return {{"id", m.id},         {"program_id", m.program_id},     {"ticket_id", m.ticket_id},
          {"sender", m.sender}, {"subject", m.subject},           {"text", m.text},
          {"reason", m.reason}, {"received_at", m.received_at_ms}};
}

// 0 when the caller may use the held mail of the program, else the status refused with (and
// the answer already sent): 404 when not a member (or no program), 403 for anyone but the business.
int refuse_held_mail(app::Services& services, const domain::Actor& actor, domain::ProgramId program,
                     httplib::Response& res) {
  const auto role = services.commands.read(program, [&](const domain::ProgramState& s) { return s.role_of(actor.id); });
  if (!role || *role == identity::Role::unknown) {
    http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    return 404;
  }
  if (!identity::is_business_role(*role)) {
    http::send_error(res, 403, ErrorCode::forbidden, "Only the business sees mail held for it.");
    return 403;
  }
  return 0;
}

} // namespace

void register_held_mail_routes(httplib::Server& server, app::Services& services) {
  // The program's held mail, newest first (at most 100).
  server.Get(R"(/api/v1/programs/(\d+)/held-mail)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto program = http::path_id(req, 1);
    if (refuse_held_mail(services, *actor, program, res)) return;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : storage::HeldMailStore(services.db).list(program))
      list.push_back(held_json(m));
    http::send_json(res, 200, {{"held_mail", list}});
  });

  // Discards one: it is gone from the list (the message stays in the mailbox).
  server.Post(R"(/api/v1/programs/(\d+)/held-mail/(\d+)/discard)",
              [&services](const httplib::Request& req, httplib::Response& res) {
                auto actor = app::require_actor(req, res, services);
                if (!actor) return;
                const auto program = http::path_id(req, 1);
                if (refuse_held_mail(services, *actor, program, res)) return;
                if (!storage::HeldMailStore(services.db).remove(program, http::path_id(req, 2)))
                  return http::send_error(res, 404, ErrorCode::not_found, "No such held mail.", "mail_id");
                http::send_json(res, 200, {{"discarded", http::path_id(req, 2)}});
              });

  // Adds one to its ticket as the business's reply, quoting the sender. Body (optional):
  // {"ticket_id": N}, required when the mail names no ticket. Answers as a command does.
  server.Post(R"(/api/v1/programs/(\d+)/held-mail/(\d+)/append)", [&services](const httplib::Request& req,
                                                                              httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto program = http::path_id(req, 1);
    if (refuse_held_mail(services, *actor, program, res)) return;
    std::optional<std::int64_t> ticket;
    if (!req.body.empty()) {
      auto parsed = core::parse_object(req.body);
      if (!parsed) return http::send_error(res, 400, parsed.error());
      core::FieldReader reader(parsed.value(), {"ticket_id"});
      ticket = reader.optional_integer("ticket_id", 1, std::numeric_limits<std::int64_t>::max());
      if (reader.error()) return http::send_error(res, http::status_for(reader.error()->code), *reader.error());
    }
    storage::HeldMailStore held(services.db);
    const auto mail_id = http::path_id(req, 2);
    auto mail = held.find(program, mail_id);
    if (!mail) return http::send_error(res, 404, ErrorCode::not_found, "No such held mail.", "mail_id");
    if (!ticket && mail->ticket_id == 0)
      return http::send_error(res, 400, ErrorCode::missing_field,
                              "This mail names no ticket: say which ticket to add it to.", "ticket_id");
    domain::ReplyToTicket reply;
    reply.ticket_id = ticket.value_or(mail->ticket_id);
    reply.text = "Email from " + mail->sender +
                 (mail->subject.empty() ? std::string() : " (\"" + mail->subject + "\")") + ":\n\n" + mail->text;
    auto out = services.commands.execute(program, "held-mail-" + mail->message_key, domain::Command{reply}, *actor,
                                         services.now_ms());
    if (out.status == 200) held.remove(program, mail_id);
    if (out.status != 200 && out.body.contains("error") && out.body["error"].value("field", "") == "data.ticket_id") {
      out.body["error"]["field"] = "ticket_id";
      out.text.clear();
    }
    if (out.text.empty()) return http::send_json(res, out.status, out.body);
    res.status = out.status;
    res.set_content(out.text, "application/json");
  });
}

} // namespace pd::routes
