// The support desk's reads: tickets (paged, filtered), one ticket with its thread, the
// business's support overview, an agent's support record and follow-ups, and the reader's
// notifications. Served from the in-memory state under the command service's shared lock;
// commands go through POST /programs/{id}/commands like every other command.
#include "server/routes/routes.hpp"

#include "server/app/current_person.hpp"
#include "server/http/query.hpp"
#include "server/http/responses.hpp"
#include "shared/core/text_search.hpp"
#include "server/scheduling/time_zones.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/performance.hpp"
#include "shared/domain/support/response_target.hpp"
#include "shared/domain/program/list_filters.hpp"
#include "shared/domain/support/support_overview.hpp"
#include "shared/domain/support/ticket_audit.hpp"
#include "shared/domain/visibility.hpp"

namespace pd::routes {

using core::ErrorCode;
using namespace domain;

namespace {

void program_not_found(httplib::Response& res) { http::send_error(res, 404, ErrorCode::not_found, "No such program.", "program_id"); }

using core::contains_folded;

} // namespace

void register_metrics_routes(httplib::Server& server, app::Services& services); // metrics_routes.cpp
void register_retention_routes(httplib::Server& server, app::Services& services); // retention_routes.cpp
void register_report_routes(httplib::Server& server, app::Services& services);    // report_routes.cpp
void register_privacy_routes(httplib::Server& server, app::Services& services);   // privacy_routes.cpp

void register_support_routes(httplib::Server& server, app::Services& services) {
  register_metrics_routes(server, services);
  register_retention_routes(server, services);
  register_report_routes(server, services);
  register_privacy_routes(server, services);
  // Tickets the reader may see, newest first by default. Filters: view=open|overdue|escalated|
  // closed|all, agent, customer, priority, q (subject or customer name), after_id paging.
  // A customer's tickets are summarised and filtered as the customer sees them (customer_view):
  // view=escalated lists the customer's own escalations still awaiting the business, and
  // view=overdue lists nothing (customers are not told of SLA misses), so no filter tells a
  // customer more than its snapshot does.
  server.Get(R"(/api/v1/programs/(\d+)/tickets)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto limit = http::int_param(req, "limit", 1, 200, 50);
    auto before = http::int_param(req, "before_id", 0, INT64_MAX, 0);
    auto agent = http::int_param(req, "agent", -1, INT64_MAX, -1);
    auto customer = http::int_param(req, "customer", 0, INT64_MAX, 0);
    auto view = http::text_param(req, "view", 20);
    auto priority = http::text_param(req, "priority", 4);
    auto q = http::text_param(req, "q", 100);
    auto team = http::text_param(req, "team", 40);
    for (const core::Error* e : {limit ? nullptr : &limit.error(), before ? nullptr : &before.error(), agent ? nullptr : &agent.error(),
                                 customer ? nullptr : &customer.error(), view ? nullptr : &view.error(), priority ? nullptr : &priority.error(),
                                 q ? nullptr : &q.error(), team ? nullptr : &team.error()})
      if (e) return http::send_error(res, 400, *e);
    // The list views and filters are the browser's too (shared/domain/list_filters).
    TicketFilter filter;
    if (!view.value().empty()) {
      auto v = ticket_view_from(view.value());
      if (!v) return http::send_error(res, 400, ErrorCode::invalid_field, "'view' is one of open, overdue, escalated, closed, all.", "view");
      filter.view = *v;
    }
    filter.agent = agent.value();
    filter.customer = customer.value();
    filter.q = q.value();
    filter.team = team.value(); // a team's queue (routing rules)
    if (!priority.value().empty()) {
      filter.priority = ticket_priority_from(priority.value());
      if (!filter.priority) return http::send_error(res, 400, ErrorCode::invalid_field, "'priority' is one of P0, P1, P2, P3.", "priority");
    }
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      const auto role = s.role_of(actor->id);
      if (role == identity::Role::unknown) return std::nullopt;
      const bool is_customer = role == identity::Role::customer;
      nlohmann::json items = nlohmann::json::array();
      nlohmann::json next = nullptr;
      auto it = before.value() ? s.tickets.lower_bound(before.value()) : s.tickets.end();
      while (it != s.tickets.begin()) {
        --it;
        if (!is_allowed(s, actor->id, Action::read_ticket, {.ticket = it->second.id})) continue;
        std::optional<Ticket> shown; // a customer's own tickets only: few
        if (is_customer) shown = customer_view(it->second);
        const Ticket& t = shown ? *shown : it->second;
        if (!ticket_matches(s, t, filter)) continue;
        if (static_cast<std::int64_t>(items.size()) == limit.value()) {
          next = items.back()["id"];
          break;
        }
        items.push_back(ticket_summary_json(s, t));
      }
      return nlohmann::json{{"items", items}, {"next_before_id", next}};
    });
    if (!body || !*body) return program_not_found(res);
    http::send_json(res, 200, **body);
  });

  // One ticket with its thread (customers: customer_view(), as in their snapshot).
  server.Get(R"(/api/v1/programs/(\d+)/tickets/(\d+))", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto ticket = http::path_id(req, 2);
    auto found = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      auto t = s.ticket(ticket);
      if (!t || !is_allowed(s, actor->id, Action::read_ticket, {.ticket = ticket})) return std::nullopt;
      // "audit": the ticket's audit trail as this reader is shown it (ticket_audit.hpp).
      if (s.role_of(actor->id) == identity::Role::customer) {
        const auto seen = customer_view(*t);
        auto shown = nlohmann::json(seen);
        shown["audit"] = audit_trail(s, *t, actor->id);
        shown["targets"] = sla::response_targets_json(s.support_settings, seen); // as the customer's ticket page shows them
        return shown;
      }
      auto j = nlohmann::json(*t);
      j["audit"] = audit_trail(s, *t, actor->id);
      j["targets"] = sla::response_targets_json(s.support_settings, *t); // which windows apply and why
      return j;
    });
    if (!found || !*found) return http::send_error(res, 404, ErrorCode::not_found, "No such ticket.", "ticket_id");
    http::send_json(res, 200, **found);
  });

  // The business's support overview (docs/requirements.md, Support overview) over a period of
  // days for the SLA health score.
  server.Get(R"(/api/v1/programs/(\d+)/support/overview)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto period = http::int_param(req, "period_days", 1, 365, 30);
    if (!period) return http::send_error(res, 400, period.error());
    const auto now = services.now_ms();
    int status = 200;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      const auto role = s.role_of(actor->id);
      if (role == identity::Role::unknown) return std::nullopt;
      if (!is_allowed(s, actor->id, Action::read_support_overview)) {
        status = 403;
        return nlohmann::json(nullptr);
      }
      auto o = support_overview(s, now, static_cast<int>(period.value()));
      auto j = overview_to_json(s, o, now);
      j["period_days"] = period.value();
      return j;
    });
    if (!body || !*body) return program_not_found(res);
    if (status == 403) return http::send_error(res, 403, ErrorCode::forbidden, "Only the business sees the support overview.");
    http::send_json(res, 200, **body);
  });

  // An agent's support record: warnings, history, performance score, follow-ups.
  server.Get(R"(/api/v1/programs/(\d+)/agents/(\d+)/support)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    const auto agent = http::path_id(req, 2);
    const auto now = services.now_ms();
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      if (!s.agents.count(agent) || !is_allowed(s, actor->id, Action::read_support_record, {.person = agent})) return std::nullopt;
      AgentSupport empty;
      auto it = s.agent_support.find(agent);
      const auto& rec = it == s.agent_support.end() ? empty : it->second;
      nlohmann::json follow = nlohmann::json::array();
      for (const auto& f : follow_ups(s, agent, now))
        follow.push_back({{"customer_id", f.customer_id}, {"reason", f.reason}, {"detail", f.detail}, {"due", f.due}, {"check_in_id", f.check_in_id}});
      return nlohmann::json{{"agent_id", agent},
                            {"warnings", rec.warnings},
                            {"remediation_required", rec.remediation_required},
                            {"remediation", rec.remediation}, // at 0: none recorded
                            {"may_work_support", may_work_support(s, agent)},
                            {"why_no_support", why_no_support(s, agent)},
                            {"held_customers", held_customers(s, agent)},
                            {"overdue_flags", rec.overdue_flags},
                            {"history", rec.history},
                            {"performance", performance_to_json(performance_of(rec, now))},
                            {"performance_history", performance_history_json(rec, now)},
                            {"follow_ups", follow}};
    });
    if (!body || !*body) return http::send_error(res, 404, ErrorCode::not_found, "No such agent.", "agent_id");
    http::send_json(res, 200, **body);
  });

  // IANA time-zone names for the SLA calendar picker.
  server.Get("/api/v1/time-zones", [&services](const httplib::Request& req, httplib::Response& res) {
    if (!app::require_actor(req, res, services)) return;
    static const auto zones = scheduling::known_zones();
    http::send_json(res, 200, nlohmann::json{{"items", zones}});
  });

  // The reader's notifications, newest first, with the unread count.
  server.Get(R"(/api/v1/programs/(\d+)/notifications)", [&services](const httplib::Request& req, httplib::Response& res) {
    auto actor = app::require_actor(req, res, services);
    if (!actor) return;
    auto body = services.commands.read(http::path_id(req, 1), [&](const ProgramState& s) -> std::optional<nlohmann::json> {
      if (s.role_of(actor->id) == identity::Role::unknown) return std::nullopt;
      auto it = s.inboxes.find(actor->id);
      nlohmann::json items = nlohmann::json::array();
      if (it == s.inboxes.end()) return nlohmann::json{{"items", items}, {"unread", 0}, {"read_up_to", 0}};
      for (auto n = it->second.items.rbegin(); n != it->second.items.rend(); ++n) items.push_back(*n);
      return nlohmann::json{{"items", items}, {"unread", it->second.unread()}, {"read_up_to", it->second.read_up_to}};
    });
    if (!body || !*body) return program_not_found(res);
    http::send_json(res, 200, **body);
  });
}

} // namespace pd::routes
