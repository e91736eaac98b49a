// The weekly support reports and the quarterly review (seed 002 section 9), for the business:
//   GET /api/v1/programs/{id}/support/reports                       the reports written, newest first
//   GET /api/v1/programs/{id}/support/reports/{YYYY-MM-DD}           one report as written (JSON)
//   GET /api/v1/programs/{id}/support/reports/{YYYY-MM-DD}.csv       its figures and action items
//   GET /api/v1/programs/{id}/support/reports/{YYYY-MM-DD}.html      its printable page
//   GET /api/v1/programs/{id}/support/quarterly?quarter=2026-Q4      the quarter's talking points
// Reports are written by the scheduler each Monday (weekly_report.hpp); action items and the
// support cost are commands (AddReportAction, CompleteReportAction, SetSupportCost).
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/csv.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/core/dates.hpp"
#include "shared/domain/support/support_metrics.hpp"
#include "shared/domain/support/weekly_report.hpp"

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

namespace {

// The answer of a business-only read: nullopt after answering 404/403.
template <class Fn>
auto business_read(const httplib::Request& req, httplib::Response& res, app::Services& services, PersonId actor, Fn&& fn)
    -> std::optional<decltype(fn(std::declval<const ProgramState&>()))> {
  bool forbidden = false;
  using Out = decltype(fn(std::declval<const ProgramState&>()));
  auto out = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<Out> {
    if (s.role_of(actor) == identity::Role::unknown) return std::nullopt;
    if ((forbidden = !identity::is_business_role(s.role_of(actor)))) return Out{};
    return fn(s);
  });
  if (!out || !*out) {
    http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id");
    return std::nullopt;
  }
  if (forbidden) {
    http::send_error(res, 403, ErrorCode::forbidden, "Only the business reads its support reports.");
    return std::nullopt;
  }
  return std::move(**out);
}

} // namespace

void register_report_routes(httplib::Server& server, app::Services& services) {
  server.Get(R"(/api/v1/programs/(\d+)/support/reports)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto body = business_read(req, res, services, actor->id, [](const ProgramState& s) {
      nlohmann::json items = nlohmann::json::array();
      for (auto it = s.reports.weekly.rbegin(); it != s.reports.weekly.rend(); ++it) {
        int open = 0;
        for (const auto& a : it->second.actions) open += a.done ? 0 : 1;
        items.push_back({{"week_of", it->second.week_of}, {"written_at", it->second.written_at}, {"actions", it->second.actions.size()}, {"open_actions", open}});
      }
      return nlohmann::json{{"items", items}};
    });
    if (!body) return;
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, *body);
  });

  server.Get(R"(/api/v1/programs/(\d+)/support/reports/(\d{4}-\d{2}-\d{2})(\.csv|\.html)?)", [&services](const httplib::Request& req,
                                                                                                          httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto week = week_of_date(req.matches[2].str());
    if (!week) return http::send_error(res, 400, ErrorCode::invalid_field, "The week is a real date, YYYY-MM-DD.", "week");
    const std::string kind = req.matches[3].str();
    bool missing = false;
    auto body = business_read(req, res, services, actor->id, [&](const ProgramState& s) {
      auto it = s.reports.weekly.find(*week);
      if (it == s.reports.weekly.end()) return missing = true, std::string("-");
      if (kind == ".html") return weekly_report_html(s, it->second);
      if (kind == ".csv") {
        http::CsvWriter w;
        for (const auto& row : weekly_report_csv(it->second)) w.row(row);
        return w.text().empty() ? std::string("-") : w.text();
      }
      return nlohmann::json(it->second).dump();
    });
    if (!body) return;
    if (missing) return http::send_error(res, 404, ErrorCode::not_found, "No report was written for that week.", "week");
    res.set_header("Cache-Control", "no-store");
    if (kind == ".csv") return http::send_csv(res, *body, "support-report-p" + std::to_string(http::path_id(req, 1)) + "-" + week_label(*week) + ".csv");
    if (kind == ".html") {
      res.headers.erase("Content-Security-Policy"); // its own, instead of the app's: the page styles itself inline and runs nothing
      res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
      return res.set_content(*body, "text/html; charset=utf-8");
    }
    res.set_content(*body, "application/json");
  });

  server.Get(R"(/api/v1/programs/(\d+)/support/quarterly)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto now = services.now_ms();
    auto text = http::text_param(req, "quarter", 7);
    if (!text) return http::send_error(res, 400, text.error());
    const auto quarter = parse_quarter(text.value().empty() ? quarter_of(now) : text.value());
    if (!quarter) return http::send_error(res, 400, ErrorCode::invalid_field, "quarter is a quarter such as 2026-Q4.", "quarter");
    auto body = business_read(req, res, services, actor->id, [&](const ProgramState& s) {
      auto j = quarterly_review_json(quarterly_review(s, quarter->first, quarter->second, now));
      auto it = s.reports.support_costs.find(quarter_label(quarter->first, quarter->second));
      j["support_cost_minor"] = it == s.reports.support_costs.end() ? nlohmann::json(nullptr) : nlohmann::json(it->second);
      j["currency"] = s.currency;
      return j;
    });
    if (!body) return;
    res.set_header("Cache-Control", "no-store");
    http::send_json(res, 200, *body);
  });
}

} // namespace pd::routes
