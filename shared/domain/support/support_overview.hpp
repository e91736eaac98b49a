// Read models of the support desk, computed from state (server routes and browser views use
// the same functions): the business's support overview, an agent's performance score, and an
// agent's follow-up reminders (docs/requirements.md: Support overview, Performance score,
// Follow-up reminders).
#pragma once

#include "shared/domain/state.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace pd::domain {

struct OverdueRef {
  TicketId ticket_id = 0;
  TimeMs due = 0;      // the deadline that passed
  const char* target = ""; // "first response" | "resolution"
};
struct AgentOverdue {
  PersonId agent_id = 0; // 0: the business's queue
  std::vector<OverdueRef> tickets; // longest overdue first
};
struct ResponseAverage {
  PersonId agent_id = 0;
  std::int64_t avg_ms[3] = {0, 0, 0}; // last 7, 30 and 90 days (0 when no responses)
  int count[3] = {0, 0, 0};
};
struct SupportOverview {
  std::size_t open_count = 0;
  std::vector<TicketId> open_by_age; // oldest first, at most `open_limit`
  std::vector<AgentOverdue> overdue_by_agent;
  std::size_t overdue_count = 0;
  int sla_in_time = 0; // first-response SLA outcomes in the period
  int sla_total = 0;
  double sla_health = 100.0; // percent answered in time; 100 when nothing was due
  std::vector<ResponseAverage> response_times; // one per agent
  std::vector<TicketId> awaiting_escalation;   // oldest first
  std::vector<TicketId> recent_ratings;        // newest first, at most 20
};

SupportOverview support_overview(const ProgramState& state, TimeMs now, int period_days, std::size_t open_limit = 500);

// Performance score, 0-100. Weights (shown in the app): first-response SLA compliance 40%,
// response time 20% (100 at once, 0 at 24 h or more on average), customer ratings 25% and
// business ratings 15% (1-5 mapped to 0-100). Components without data are left out and the
// remaining weights scale up. Over the 90 days up to `now` for SLA and response time; every
// rating given up to `now`. performance.hpp explains it in words and follows it over time.
struct PerformanceScore {
  double sla_compliance = -1; // -1: no data
  double response = -1;
  double customer = -1;
  double business = -1;
  double score = -1;
  double customer_average = 0; // 1-5
  double business_average = 0;
  int warnings_active = 0;     // warnings still inside their 14-day monitoring window
  // The figures behind the components.
  int sla_in_time = 0, sla_total = 0;   // first-response outcomes in the 90 days
  int responses = 0;                    // first responses in the 90 days
  std::int64_t response_average_ms = 0;
  int customer_ratings = 0, business_ratings = 0;
};
inline constexpr double weight_sla = 0.40, weight_response = 0.20, weight_customer = 0.25, weight_business = 0.15;
PerformanceScore performance_of(const AgentSupport& record, TimeMs now);

// Follow-up reminders in an agent's workspace (docs/requirements.md, Follow-up reminders): open
// check-ins first (soonest first), then onboarding, open issues and quiet customers by customer.
struct FollowUp {
  CustomerId customer_id = 0;
  std::string reason; // onboarding | open_issues | quiet | check_in
  std::string detail;
  TimeMs due = 0;
  std::int64_t check_in_id = 0;
};
std::vector<FollowUp> follow_ups(const ProgramState& state, PersonId agent, TimeMs now);

nlohmann::json overview_to_json(const ProgramState& state, const SupportOverview& o, TimeMs now);
nlohmann::json performance_to_json(const PerformanceScore& p);
// One line of a ticket list. A customer's lines are built from customer_view() of the ticket
// (visibility.hpp), like everything else a customer reads.
nlohmann::json ticket_summary_json(const ProgramState& state, const Ticket& t);

} // namespace pd::domain
