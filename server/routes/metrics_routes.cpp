// The support metrics (seed 002 section 6): the period's block, the period before it and each
// week, as JSON and as CSV, for the program, an agent, a team or a customer segment. Read from
// the state's incremental aggregates (shared/domain/support/support_metrics.hpp), the same
// functions the browser's metrics page calls.
//   GET /api/v1/programs/{id}/support/metrics?scope=&from=&to=
//   GET /api/v1/programs/{id}/support/metrics.csv?scope=&from=&to=
//   GET /api/v1/programs/{id}/support/mentions?scope=&from=&to=&kind=positive|negative&limit=
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/csv.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/domain/support/support_metrics.hpp"

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

namespace {

struct MetricsQuery {
  MetricScope scope;
  std::int32_t from_week = 0, to_week = 0;
};

// scope (default program), from and to (dates; each names the week holding it; default: the
// current week). The range holds at most max_metric_weeks weeks.
std::optional<MetricsQuery> read_metrics_query(const httplib::Request& req, httplib::Response& res, TimeMs now) {
  MetricsQuery q;
  auto scope_text = http::text_param(req, "scope", 220);
  if (!scope_text) return http::send_error(res, 400, scope_text.error()), std::nullopt;
  auto scope = parse_metric_scope(scope_text.value());
  if (!scope)
    return http::send_error(res, 400, ErrorCode::invalid_field, "scope is program, agent:<id>, team:<key> or segment:<name>.", "scope"),
           std::nullopt;
  q.scope = *scope;
  q.to_week = week_of(now);
  for (const char* name : {"to", "from"}) {
    auto text = http::text_param(req, name, 10);
    if (!text) return http::send_error(res, 400, text.error()), std::nullopt;
    if (text.value().empty()) {
      if (std::string_view(name) == "from") q.from_week = q.to_week;
      continue;
    }
    auto week = week_of_date(text.value());
    if (!week) return http::send_error(res, 400, ErrorCode::invalid_field, std::string(name) + " must be a date, YYYY-MM-DD.", name), std::nullopt;
    (std::string_view(name) == "to" ? q.to_week : q.from_week) = *week;
  }
  if (q.from_week > q.to_week) return http::send_error(res, 400, ErrorCode::invalid_field, "from must not be after to.", "from"), std::nullopt;
  if (q.to_week - q.from_week + 1 > max_metric_weeks)
    return http::send_error(res, 400, ErrorCode::invalid_field, "A range holds at most " + std::to_string(max_metric_weeks) + " weeks.", "from"),
           std::nullopt;
  return q;
}

} // namespace

void register_metrics_routes(httplib::Server& server, app::Services& services) {
  server.Get(R"(/api/v1/programs/(\d+)/support/metrics(\.csv)?)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto now = services.now_ms();
    auto q = read_metrics_query(req, res, now);
    if (!q) return;
    const bool csv = req.matches[2].length() > 0;
    std::optional<core::Error> refused;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<std::string> {
      if (s.role_of(actor->id) == identity::Role::unknown) return std::nullopt;
      if ((refused = metrics_refusal(s, actor->id, q->scope))) return std::string{};
      if (!csv) return metrics_report_json(s, q->scope, q->from_week, q->to_week, now).dump();
      http::CsvWriter w;
      for (const auto& row : metrics_csv_rows(weekly_series(s, q->scope, q->from_week, q->to_week, now))) w.row(row);
      return w.text();
    });
    if (!body || !*body) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (refused) return http::send_error(res, refused->code == ErrorCode::forbidden ? 403 : 404, *refused);
    if (csv) return http::send_csv(res, **body, "support-metrics-p" + std::to_string(http::path_id(req, 1)) + "-" + week_label(q->from_week) + ".csv");
    res.set_content(**body, "application/json");
  });

  // The messages behind a period's mention counts (the word lists' matches), newest first.
  server.Get(R"(/api/v1/programs/(\d+)/support/mentions)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto now = services.now_ms();
    auto q = read_metrics_query(req, res, now);
    if (!q) return;
    auto kind = http::text_param(req, "kind", 10);
    if (!kind) return http::send_error(res, 400, kind.error());
    if (kind.value() != "positive" && kind.value() != "negative")
      return http::send_error(res, 400, ErrorCode::invalid_field, "kind is positive or negative.", "kind");
    auto limit = http::int_param(req, "limit", 1, 500, 100);
    if (!limit) return http::send_error(res, 400, limit.error());
    const int sign = kind.value() == "positive" ? 1 : -1;
    std::optional<core::Error> refused;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<std::string> {
      if (s.role_of(actor->id) == identity::Role::unknown) return std::nullopt;
      if ((refused = metrics_refusal(s, actor->id, q->scope))) return std::string{};
      return mention_hits_json(mention_hits(s, q->scope, q->from_week, q->to_week, sign, static_cast<std::size_t>(limit.value()))).dump();
    });
    if (!body || !*body) return http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    if (refused) return http::send_error(res, refused->code == ErrorCode::forbidden ? 403 : 404, *refused);
    res.set_content(**body, "application/json");
  });
}

} // namespace pd::routes
