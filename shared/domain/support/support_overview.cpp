#include "shared/domain/support/support_overview.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/support/sla.hpp"

#include <algorithm>
#include <cmath>

namespace pd::domain {

SupportOverview support_overview(const ProgramState& s, TimeMs now, int period_days, std::size_t open_limit) {
  SupportOverview o;
  std::map<PersonId, AgentOverdue> overdue;
  for (const auto& [id, t] : s.open_tickets) { // oldest first: ids grow with opening time
    ++o.open_count;
    if (o.open_by_age.size() < open_limit) o.open_by_age.push_back(id);
    if (t.escalation_pending) o.awaiting_escalation.push_back(id);
    if (t.overdue_since != 0)
      overdue[t.agent_id].tickets.push_back({id, t.overdue_since, t.first_response_overdue ? "first response" : "resolution"});
  }
  for (auto& [agent, group] : overdue) {
    group.agent_id = agent;
    std::sort(group.tickets.begin(), group.tickets.end(), [](const OverdueRef& a, const OverdueRef& b) { return a.due < b.due; });
    o.overdue_count += group.tickets.size();
    o.overdue_by_agent.push_back(std::move(group));
  }
  std::sort(o.overdue_by_agent.begin(), o.overdue_by_agent.end(),
            [](const AgentOverdue& a, const AgentOverdue& b) { return a.tickets.size() > b.tickets.size(); });

  const TimeMs since = now - static_cast<std::int64_t>(period_days) * day_ms;
  const TimeMs windows[3] = {now - 7 * day_ms, now - 30 * day_ms, now - 90 * day_ms};
  for (const auto& [agent, rec] : s.agent_support) {
    for (const auto& out : rec.outcomes)
      if (out.at >= since && out.at <= now) {
        ++o.sla_total;
        o.sla_in_time += out.in_time ? 1 : 0;
      }
    if (agent == 0 || !s.agents.count(agent)) continue;
    ResponseAverage avg;
    avg.agent_id = agent;
    std::int64_t sum[3] = {0, 0, 0};
    for (const auto& r : rec.responses)
      for (int w = 0; w < 3; ++w)
        if (r.at >= windows[w] && r.at <= now) {
          sum[w] += r.elapsed_ms;
          ++avg.count[w];
        }
    for (int w = 0; w < 3; ++w) avg.avg_ms[w] = avg.count[w] ? sum[w] / avg.count[w] : 0;
    o.response_times.push_back(avg);
  }
  for (const auto& [id, a] : s.agents)
    if (!s.agent_support.count(id)) o.response_times.push_back(ResponseAverage{id, {0, 0, 0}, {0, 0, 0}});
  o.sla_health = o.sla_total ? 100.0 * o.sla_in_time / o.sla_total : 100.0;
  for (auto it = s.rated_tickets.rbegin(); it != s.rated_tickets.rend() && o.recent_ratings.size() < 20; ++it)
    o.recent_ratings.push_back(*it);
  return o;
}

PerformanceScore performance_of(const AgentSupport& rec, TimeMs now) {
  PerformanceScore p;
  const TimeMs since = now - 90 * day_ms;
  int total = 0, in_time = 0;
  for (const auto& o : rec.outcomes)
    if (o.at >= since && o.at <= now) {
      ++total;
      in_time += o.in_time ? 1 : 0;
    }
  if (total) p.sla_compliance = 100.0 * in_time / total;
  std::int64_t sum = 0;
  int n = 0;
  for (const auto& r : rec.responses)
    if (r.at >= since && r.at <= now) {
      sum += r.elapsed_ms;
      ++n;
    }
  if (n) p.response = std::max(0.0, 100.0 * (1.0 - static_cast<double>(sum) / static_cast<double>(n) / static_cast<double>(day_ms)));
  // Ratings given up to `now` (every rating, not only the last 90 days). A record without the
  // dated samples (older snapshots) counts its totals.
  int customers = rec.customer_ratings, businesses = rec.business_ratings;
  std::int64_t customer_sum = rec.customer_rating_sum, business_sum = rec.business_rating_sum;
  if (static_cast<int>(rec.ratings.size()) == rec.customer_ratings + rec.business_ratings) {
    customers = businesses = 0;
    customer_sum = business_sum = 0;
    for (const auto& r : rec.ratings)
      if (r.at <= now) {
        (r.by_business ? businesses : customers) += 1;
        (r.by_business ? business_sum : customer_sum) += r.score;
      }
  }
  if (customers) {
    p.customer_average = static_cast<double>(customer_sum) / customers;
    p.customer = (p.customer_average - 1.0) / 4.0 * 100.0;
  }
  if (businesses) {
    p.business_average = static_cast<double>(business_sum) / businesses;
    p.business = (p.business_average - 1.0) / 4.0 * 100.0;
  }
  p.customer_ratings = customers;
  p.business_ratings = businesses;
  p.responses = n;
  p.sla_in_time = in_time;
  p.sla_total = total;
  p.response_average_ms = n ? sum / n : 0;
  double weighted = 0, weights = 0;
  for (auto [value, weight] : {std::pair{p.sla_compliance, weight_sla}, std::pair{p.response, weight_response},
                               std::pair{p.customer, weight_customer}, std::pair{p.business, weight_business}})
    if (value >= 0) {
      weighted += value * weight;
      weights += weight;
    }
  if (weights > 0) p.score = weighted / weights;
  for (const auto& w : rec.warnings) p.warnings_active += w.monitor_until > now ? 1 : 0;
  return p;
}

std::vector<FollowUp> follow_ups(const ProgramState& s, PersonId agent, TimeMs now) {
  std::vector<FollowUp> out;
  const TimeMs quiet_before = now - s.support_settings.quiet_days * day_ms;
  for (const auto& [cid, c] : s.customers) {
    if (c.assigned_agent != agent) continue;
    if (c.profile.subscription == SubscriptionStatus::trialing)
      out.push_back({cid, "onboarding", "Still in trial: onboarding not finished", 0, 0});
    int open = 0;
    TimeMs last = 0;
    if (auto it = s.tickets_by_customer.find(cid); it != s.tickets_by_customer.end())
      for (auto tid : it->second) {
        const auto& t = s.tickets.at(tid);
        open += is_open(t.status) ? 1 : 0;
        last = std::max(last, std::max(t.last_customer_activity, t.opened_at));
      }
    if (open) out.push_back({cid, "open_issues", std::to_string(open) + (open == 1 ? " open ticket" : " open tickets"), 0, 0});
    if (last == 0)
      if (auto d = core::parse_date(c.profile.started_on)) last = core::days_from_civil(*d) * day_ms;
    if (last != 0 && last < quiet_before)
      out.push_back({cid, "quiet", "No contact for " + std::to_string((now - last) / day_ms) + " days", last, 0});
  }
  // Scheduled check-ins come first, soonest first: they are the reminders with a date.
  std::vector<FollowUp> check_ins;
  for (const auto& [id, ci] : s.check_ins)
    if (ci.agent_id == agent && !ci.done) check_ins.push_back({ci.customer_id, "check_in", ci.note.empty() ? "Scheduled check-in" : ci.note, ci.due_at, id});
  std::stable_sort(check_ins.begin(), check_ins.end(), [](const FollowUp& a, const FollowUp& b) { return a.due < b.due; });
  out.insert(out.begin(), check_ins.begin(), check_ins.end());
  return out;
}

nlohmann::json ticket_summary_json(const ProgramState& s, const Ticket& t) {
  auto c = s.customer(t.customer_id);
  auto next = sla::next_deadline(t);
  return {{"id", t.id},
          {"subject", t.subject},
          {"customer_id", t.customer_id},
          {"customer_name", c ? c->profile.name : ""},
          {"agent_id", t.agent_id},
          {"status", t.status},
          {"priority", t.priority},
          {"category", t.category},
          {"opened_at", t.opened_at},
          {"updated_at", t.updated_at},
          {"overdue", t.overdue()},
          {"escalation_pending", t.escalation.pending},
          {"next_deadline", next.at},
          {"next_deadline_kind", next.what},
          {"messages", t.messages.size()},
          {"restricted_topics", t.restricted_topics}};
}

nlohmann::json overview_to_json(const ProgramState& s, const SupportOverview& o, TimeMs now) {
  auto name_of = [&](PersonId p) -> std::string {
    if (p == 0) return "Business queue";
    auto m = s.member(p);
    return m ? m->name : "";
  };
  nlohmann::json open = nlohmann::json::array();
  for (auto id : o.open_by_age) {
    auto j = ticket_summary_json(s, s.tickets.at(id));
    j["age_ms"] = now - s.tickets.at(id).opened_at;
    open.push_back(std::move(j));
  }
  nlohmann::json overdue = nlohmann::json::array();
  for (const auto& g : o.overdue_by_agent) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : g.tickets)
      items.push_back({{"ticket_id", r.ticket_id}, {"subject", s.tickets.at(r.ticket_id).subject}, {"target", r.target},
                       {"due", r.due}, {"overdue_ms", now - r.due}});
    overdue.push_back({{"agent_id", g.agent_id}, {"agent_name", name_of(g.agent_id)}, {"tickets", items}});
  }
  nlohmann::json times = nlohmann::json::array();
  for (const auto& r : o.response_times)
    times.push_back({{"agent_id", r.agent_id}, {"agent_name", name_of(r.agent_id)}, {"avg_ms_7d", r.avg_ms[0]}, {"avg_ms_30d", r.avg_ms[1]},
                     {"avg_ms_90d", r.avg_ms[2]}, {"count_7d", r.count[0]}, {"count_30d", r.count[1]}, {"count_90d", r.count[2]}});
  nlohmann::json escalations = nlohmann::json::array();
  for (auto id : o.awaiting_escalation) {
    const auto& t = s.tickets.at(id);
    auto j = ticket_summary_json(s, t);
    j["escalation"] = t.escalation;
    escalations.push_back(std::move(j));
  }
  nlohmann::json ratings = nlohmann::json::array();
  for (auto id : o.recent_ratings) {
    const auto& t = s.tickets.at(id);
    ratings.push_back({{"ticket_id", id}, {"subject", t.subject}, {"agent_id", t.agent_id}, {"agent_name", name_of(t.agent_id)},
                       {"rating", *t.customer_rating}});
  }
  return {{"open_count", o.open_count},     {"open", open},
          {"overdue_count", o.overdue_count}, {"overdue_by_agent", overdue},
          {"sla_health", o.sla_health},     {"sla_in_time", o.sla_in_time},
          {"sla_total", o.sla_total},       {"response_times", times},
          {"awaiting_escalation", escalations}, {"recent_ratings", ratings}};
}

nlohmann::json performance_to_json(const PerformanceScore& p) {
  auto v = [](double d) { return d < 0 ? nlohmann::json(nullptr) : nlohmann::json(std::round(d * 10) / 10); };
  return {{"score", v(p.score)},
          {"sla_compliance", v(p.sla_compliance)},
          {"response", v(p.response)},
          {"customer", v(p.customer)},
          {"business", v(p.business)},
          {"customer_average", p.customer_average},
          {"business_average", p.business_average},
          {"warnings_active", p.warnings_active},
          {"weights", {{"sla_compliance", weight_sla}, {"response", weight_response}, {"customer", weight_customer}, {"business", weight_business}}}};
}

} // namespace pd::domain
