// The routing rules' reads (shared/domain/desk/routing.hpp): the teams and rules with the
// editor's warnings, and the trial of a rule against the program's latest tickets before it is
// saved ("this rule would have matched 42 of the last 500 tickets"). The business only; saving
// is the ChangeRouting command.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/core/field_reader.hpp"
#include "shared/core/json_fields.hpp"
#include "shared/domain/desk/routing.hpp"
#include "shared/domain/desk/routing_commands.hpp"
#include "shared/domain/program/authorization.hpp"

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

namespace {

nlohmann::json warnings_json(const std::vector<desk::RoutingWarning>& warnings) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& w : warnings) out.push_back({{"field", w.field}, {"text", w.text}});
  return out;
}

} // namespace

void register_routing_routes(httplib::Server& server, app::Services& services) {
  // The teams and ordered rules, with what the editor warns about (a rota with gaps, a rule whose
  // route an earlier one always takes).
  server.Get(R"(/api/v1/programs/(\d+)/routing)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    int status = 200;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      if (s.role_of(actor->id) == identity::Role::unknown) return std::nullopt;
      if (!identity::is_business_role(s.role_of(actor->id))) {
        status = 403;
        return nlohmann::json(nullptr);
      }
      auto check = desk::check_routing(s, s.routing, "routing");
      nlohmann::json j = s.routing;
      j["warnings"] = warnings_json(check.warnings);
      return j;
    });
    if (!body || !*body) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (status == 403) return http::send_error(res, 403, ErrorCode::forbidden, "Only the business sees its routing rules.");
    http::send_json(res, 200, **body);
  });

  // Tries one rule: {"rule": {...}} (the rule as ChangeRouting takes it) -> how many of the last
  // 500 tickets it would have matched, a few of them, and why it can never match if so.
  server.Post(R"(/api/v1/programs/(\d+)/routing/trial)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto parsed = core::parse_object(req.body);
    if (!parsed) return http::send_error(res, 400, parsed.error());
    core::FieldReader top(parsed.value(), {"rule"});
    const auto& obj = top.object("rule");
    if (top.error()) return http::send_error(res, http::status_for(top.error()->code), *top.error());
    std::optional<core::Error> error;
    auto rule = read_rule(obj, "rule", error);
    if (error) return http::send_error(res, http::status_for(error->code), *error);
    int status = 200;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      if (s.role_of(actor->id) == identity::Role::unknown) return std::nullopt;
      if (!identity::is_business_role(s.role_of(actor->id))) {
        status = 403;
        return nlohmann::json(nullptr);
      }
      // The rule's words checked as saving it would (an unknown category, team or topic).
      desk::RoutingSettings alone{s.routing.teams, {rule}};
      if (auto e = desk::check_routing(s, alone, "trial").error) {
        if (e->field.rfind("trial.rules[0]", 0) == 0) e->field = "rule" + e->field.substr(14);
        error = *e;
        status = 400;
        return nlohmann::json(nullptr);
      }
      auto trial = desk::try_rule(s, rule);
      nlohmann::json j = {{"matched", trial.matched}, {"considered", trial.considered}, {"examples", trial.examples}};
      if (auto why = desk::never_matches(rule)) j["never_matches"] = *why;
      return j;
    });
    if (!body || !*body) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (status == 403) return http::send_error(res, 403, ErrorCode::forbidden, "Only the business tries routing rules.");
    if (status == 400 && error) return http::send_error(res, 400, *error);
    http::send_json(res, 200, **body);
  });
}

} // namespace pd::routes
