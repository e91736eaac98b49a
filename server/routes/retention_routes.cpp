// Churn risk and retention (seed 002 section 7), read from the program's state with the shared
// functions the browser's customer list and case page call (shared/domain/retention/).
//   GET /api/v1/programs/{id}/support/churn?level=&limit=&offset=   customers by score
//   GET /api/v1/programs/{id}/support/churn.csv                       the same, every customer
//   GET /api/v1/programs/{id}/customers/{cid}/churn?weeks=            one customer: signals, history
//   GET /api/v1/programs/{id}/support/retention                       the cases and the churn saves
// The cases are worked with commands (OpenRetentionCase, RecordRetentionReason, ...).
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/csv.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/core/money_format.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/retention/churn.hpp"
#include "shared/domain/retention/retention_report.hpp"

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

void register_retention_routes(httplib::Server& server, app::Services& services) {
  server.Get(R"(/api/v1/programs/(\d+)/support/churn(\.csv)?)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const bool csv = req.matches[2].length() > 0;
    auto level = http::text_param(req, "level", 20);
    if (!level) return http::send_error(res, 400, level.error());
    std::optional<ChurnLevel> only;
    if (!level.value().empty()) {
      for (auto l : {ChurnLevel::healthy, ChurnLevel::monitor, ChurnLevel::at_risk, ChurnLevel::high_risk, ChurnLevel::critical})
        if (level.value() == churn_level_word(l)) only = l;
      if (!only) return http::send_error(res, 400, ErrorCode::invalid_field, "level is healthy, monitor, at_risk, high_risk or critical.", "level");
    }
    auto limit = http::int_param(req, "limit", 1, 500, 100);
    if (!limit) return http::send_error(res, 400, limit.error());
    auto offset = http::int_param(req, "offset", 0, 10'000'000, 0);
    if (!offset) return http::send_error(res, 400, offset.error());
    const auto now = services.now_ms();
    bool refused = false;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<std::string> {
      if (s.role_of(actor->id) == identity::Role::unknown) return std::nullopt;
      if ((refused = !may_read_churn(s, actor->id))) return std::string{};
      auto list = visible_churn_scores(s, actor->id, now);
      if (csv) {
        http::CsvWriter w;
        w.row({"customer_id", "name", "score", "level", "mrr", "currency", "signals", "open_case"});
        for (const auto& c : list) {
          if (only && c.level != *only) continue;
          const auto* cust = s.customer(c.customer_id);
          std::string signals;
          for (const auto& g : c.signals) signals += (signals.empty() ? "" : "; ") + g.kind + " +" + std::to_string(g.points) + ": " + g.detail;
          const auto* open = s.retention.open_case_of(c.customer_id);
          w.row({std::to_string(c.customer_id), cust->profile.name, std::to_string(c.score), churn_level_word(c.level),
                 core::decimal_amount(cust->profile.mrr.minor, cust->profile.mrr.currency), cust->profile.mrr.currency, signals,
                 open ? std::to_string(open->id) : ""});
        }
        return w.text();
      }
      nlohmann::json counts = nlohmann::json::object();
      for (auto l : {ChurnLevel::healthy, ChurnLevel::monitor, ChurnLevel::at_risk, ChurnLevel::high_risk, ChurnLevel::critical}) counts[churn_level_word(l)] = 0;
      nlohmann::json items = nlohmann::json::array();
      std::int64_t matched = 0;
      for (const auto& c : list) {
        counts[churn_level_word(c.level)] = counts[churn_level_word(c.level)].get<int>() + 1;
        if (only && c.level != *only) continue;
        if (matched >= offset.value() && matched < offset.value() + limit.value()) items.push_back(churn_json(s, c));
        ++matched;
      }
      return nlohmann::json{{"items", items}, {"total", matched}, {"levels", counts}, {"at", now}}.dump();
    });
    if (!body) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (refused) return http::send_error(res, 403, ErrorCode::forbidden, "Customers do not see churn scores.");
    res.set_header("Cache-Control", "no-store");
    if (csv) return http::send_csv(res, **body, "churn-risk-p" + std::to_string(http::path_id(req, 1)) + ".csv");
    res.set_content(**body, "application/json");
  });

  server.Get(R"(/api/v1/programs/(\d+)/customers/(\d+)/churn)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto weeks = http::int_param(req, "weeks", 0, 104, 12);
    if (!weeks) return http::send_error(res, 400, weeks.error());
    const auto now = services.now_ms();
    const auto customer = http::path_id(req, 2);
    int status = 200;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      if (s.role_of(actor->id) == identity::Role::unknown) return std::nullopt;
      if (!s.customer(customer) || !is_allowed(s, actor->id, Action::read_customer, {.customer = customer})) return status = 404, nlohmann::json{};
      if (!may_read_churn(s, actor->id)) return status = 403, nlohmann::json{};
      auto j = churn_json(s, churn_score(s, customer, now));
      nlohmann::json history = nlohmann::json::array();
      for (const auto& p : churn_history(s, customer, now, static_cast<int>(weeks.value()))) history.push_back({{"at", p.at}, {"score", p.score}});
      j["history"] = history;
      nlohmann::json cases = nlohmann::json::array();
      for (const auto& [id, k] : s.retention.cases)
        if (k.customer_id == customer) cases.push_back(k);
      j["cases"] = cases;
      return j;
    });
    if (!body) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (status == 404) return http::send_error(res, 404, ErrorCode::not_found, "No such customer.", "customer_id");
    if (status == 403) return http::send_error(res, 403, ErrorCode::forbidden, "Customers do not see churn scores.");
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, **body);
  });

  server.Get(R"(/api/v1/programs/(\d+)/support/retention)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto now = services.now_ms();
    bool refused = false;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      if (s.role_of(actor->id) == identity::Role::unknown) return std::nullopt;
      if ((refused = !may_read_churn(s, actor->id))) return nlohmann::json{};
      return retention_json(s, actor->id, now);
    });
    if (!body) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (refused) return http::send_error(res, 403, ErrorCode::forbidden, "Customers do not see retention cases.");
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, **body);
  });
}

} // namespace pd::routes
