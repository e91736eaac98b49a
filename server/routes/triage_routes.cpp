// The triage panel's facts and the response templates over HTTP (shared/domain/desk/triage.hpp,
// templates.hpp): what the desk knows of a ticket's customer and issue (with the lifetime value
// from the business's payment records, which an agent's copy of the program does not hold), and
// the program's templates filled in for a ticket. Agents and the business; customers never.
// Saving is the TriageTicket, SetProductAreas, SaveResponseTemplate, RemoveResponseTemplate and
// SetCannedTriggers commands.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/domain/desk/templates.hpp"
#include "shared/domain/desk/triage.hpp"
#include "shared/domain/program/authorization.hpp"

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

namespace {

nlohmann::json facts_json(const desk::TriageFacts& f) {
  nlohmann::json j = {{"lifetime_value", f.lifetime_value},
                      {"previous_tickets", f.previous_tickets},
                      {"sentiment_history", desk::to_string(f.sentiment)},
                      {"first_contact", f.first_contact},
                      {"repeat_issue", f.repeat_issue}};
  if (f.tenure) j["tenure"] = {{"months", f.tenure->months}, {"days", f.tenure->days}};
  else j["tenure"] = nullptr;
  return j;
}

} // namespace

void register_triage_routes(httplib::Server& server, app::Services& services) {
  // The triage facts of one ticket, its entries, and the canned-response triggers its customer's
  // words match.
  server.Get(R"(/api/v1/programs/(\d+)/tickets/(\d+)/triage)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto ticket = http::path_id(req, 2);
    const auto now = services.now_ms();
    int status = 200;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      const auto* t = s.ticket(ticket);
      if (!t || !is_allowed(s, actor->id, Action::read_ticket, {.ticket = ticket})) return std::nullopt;
      if (s.role_of(actor->id) == identity::Role::customer) {
        status = 403;
        return nlohmann::json(nullptr);
      }
      std::string said = t->subject;
      for (const auto& m : t->messages)
        if (m.kind == MessageKind::reply && m.author_role == identity::Role::customer) said += "\n" + m.text;
      nlohmann::json triggers = nlohmann::json::array();
      for (const auto* hit : desk::matching_triggers(s.responses, said)) triggers.push_back(*hit);
      return nlohmann::json{{"ticket_id", t->id},
                            {"facts", facts_json(desk::triage_facts(s, *t, now))},
                            {"entries", t->triage},
                            {"triaged", t->triage.triaged_at != 0},
                            {"product_areas", s.responses.product_areas},
                            {"triggers", triggers}};
    });
    if (!body || (status == 200 && !*body)) return http::send_error(res, 404, ErrorCode::not_found, "No such ticket.", "ticket_id");
    if (status == 403) return http::send_error(res, 403, ErrorCode::forbidden, "Customers do not see the triage panel.");
    http::send_json(res, 200, **body);
  });

  // The program's templates matching ?q= (every word), each filled in for ?ticket_id= when given,
  // with the placeholders left for the agent.
  server.Get(R"(/api/v1/programs/(\d+)/templates)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto q = http::text_param(req, "q", 200);
    if (!q) return http::send_error(res, 400, q.error());
    auto ticket = http::int_param(req, "ticket_id", 1, INT64_MAX, 0);
    if (!ticket) return http::send_error(res, 400, ticket.error());
    int status = 200;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      const auto role = s.role_of(actor->id);
      if (role == identity::Role::unknown) return std::nullopt;
      if (role == identity::Role::customer) {
        status = 403;
        return nlohmann::json(nullptr);
      }
      const Ticket* t = nullptr;
      if (ticket.value() != 0) {
        t = s.ticket(ticket.value());
        if (!t || !is_allowed(s, actor->id, Action::read_ticket, {.ticket = ticket.value()})) {
          status = 404;
          return nlohmann::json(nullptr);
        }
      }
      nlohmann::json items = nlohmann::json::array();
      for (const auto* tpl : desk::search_templates(s.responses, q.value())) {
        nlohmann::json j = *tpl;
        if (t) {
          const auto filled = desk::fill_template(tpl->text, desk::template_values(s, *t, actor->id));
          j["filled"] = filled;
          nlohmann::json left = nlohmann::json::array();
          for (const auto& p : desk::placeholders_in(filled)) left.push_back("[" + p.name + "]");
          j["placeholders"] = left;
        }
        items.push_back(std::move(j));
      }
      return nlohmann::json{{"items", items}, {"triggers", s.responses.triggers}, {"fields", desk::template_fields}};
    });
    if (!body) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (status == 403) return http::send_error(res, 403, ErrorCode::forbidden, "Customers do not see the response templates.");
    if (status == 404) return http::send_error(res, 404, ErrorCode::not_found, "No such ticket.", "ticket_id");
    http::send_json(res, 200, **body);
  });
}

} // namespace pd::routes
