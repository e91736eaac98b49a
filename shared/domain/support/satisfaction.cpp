#include "shared/domain/support/satisfaction.hpp"

#include "shared/core/dates.hpp"
#include "shared/core/number_format.hpp"
#include "shared/domain/support/support_metrics.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace pd::domain {

namespace {

std::string flag_ticket_list(const std::vector<std::int64_t>& ids, std::size_t at_most = 5) {
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < at_most; ++i) out += (i ? ", #" : "#") + std::to_string(ids[i]);
  if (ids.size() > at_most) out += " and " + std::to_string(ids.size() - at_most) + " more";
  return out;
}
std::string flag_customer_label(const ProgramState& s, CustomerId c) {
  auto cust = s.customer(c);
  return cust ? cust->profile.name : "Customer " + std::to_string(c);
}

// The last four weeks, this one included, for the program.
SupportMetrics flag_four_weeks(const ProgramState& s, TimeMs now) {
  const auto w = week_of(now);
  return support_metrics(s, MetricScope{}, w - 3, w, now);
}

} // namespace

NpsGroup nps_group(int score) { return score >= 9 ? NpsGroup::promoter : score >= 7 ? NpsGroup::passive : NpsGroup::detractor; }

std::optional<double> nps_score(int promoters, int passives, int detractors) {
  const int n = promoters + passives + detractors;
  if (n <= 0) return std::nullopt;
  return 100.0 * (promoters - detractors) / n;
}

const NpsAnswer* latest_nps_answer(const ProgramState& s, CustomerId customer) {
  for (auto it = s.nps_answers.rbegin(); it != s.nps_answers.rend(); ++it)
    if (it->customer_id == customer) return &*it;
  return nullptr;
}

std::optional<core::Error> nps_refusal(const ProgramState& s, CustomerId customer, TimeMs now) {
  if (auto last = latest_nps_answer(s, customer); last && now - last->at < std::int64_t{s.quality.nps_period_days} * 86'400'000)
    return core::Error{core::ErrorCode::conflict,
                       "You answered this already; we ask at most once every " + std::to_string(s.quality.nps_period_days) + " days.", "data.score"};
  auto it = s.tickets_by_customer.find(customer);
  if (it != s.tickets_by_customer.end())
    for (auto id : it->second)
      if (auto t = s.ticket(id); t && !is_open(t->status)) return std::nullopt;
  return core::Error{core::ErrorCode::conflict, "We ask once one of your tickets is resolved.", "data.score"};
}

std::optional<core::Error> quality_settings_problem(const QualitySettings& q) {
  auto bad = [](const char* field, const std::string& message) {
    return core::Error{core::ErrorCode::invalid_field, message, std::string("data.settings.") + field};
  };
  if (q.nps_period_days < 7 || q.nps_period_days > 730) return bad("nps_period_days", "Ask at most once in 7 to 730 days.");
  if (q.csat_floor_tenths < 10 || q.csat_floor_tenths > 50) return bad("csat_floor_tenths", "The CSAT floor is between 1.0 and 5.0.");
  if (q.csat_min_ratings < 1 || q.csat_min_ratings > 1000) return bad("csat_min_ratings", "Between 1 and 1000 ratings.");
  if (q.response_factor_percent < 100 || q.response_factor_percent > 1000)
    return bad("response_factor_percent", "Between 1x and 10x the first-response window (100 to 1000).");
  if (q.reopen_max_percent < 1 || q.reopen_max_percent > 100) return bad("reopen_max_percent", "Between 1% and 100%.");
  if (q.reopen_min_resolved < 1 || q.reopen_min_resolved > 1000) return bad("reopen_min_resolved", "Between 1 and 1000 tickets.");
  if (q.repeat_tickets < 2 || q.repeat_tickets > 50) return bad("repeat_tickets", "Between 2 and 50 tickets.");
  if (q.repeat_days < 1 || q.repeat_days > 90) return bad("repeat_days", "Between 1 and 90 days.");
  return std::nullopt;
}

std::vector<RedFlag> current_red_flags(const ProgramState& s, TimeMs now) {
  std::vector<RedFlag> out;
  const auto& q = s.quality;
  const auto m = flag_four_weeks(s, now);

  // CSAT below the floor: audit the last 20 closed tickets.
  if (m.csat_score && m.ratings >= q.csat_min_ratings && *m.csat_score * 10 < q.csat_floor_tenths) {
    RedFlag f{"csat_low", "csat_low", 0, {}, "", "", now, 0};
    for (auto it = s.tickets.rbegin(); it != s.tickets.rend() && f.tickets.size() < 20; ++it)
      if (!is_open(it->second.status)) f.tickets.push_back(it->first);
    f.evidence = "CSAT " + core::decimal_text(*m.csat_score, 2) + " from " + std::to_string(m.ratings) + " ratings over the last 4 weeks (floor " +
                 core::one_decimal(q.csat_floor_tenths, 10) + ").";
    f.action = "Audit the last 20 closed tickets for patterns.";
    out.push_back(std::move(f));
  }

  // First response beyond the factor times the window, still unanswered.
  {
    RedFlag f{"slow_first_response", "slow_first_response", 0, {}, "", "", now, 0};
    for (const auto& [id, entry] : s.open_tickets) {
      // Past the window already (the scheduler flags that first), so only those are read.
      if (!entry.first_response_overdue) continue;
      auto t = s.ticket(id);
      if (!t || t->sla.first_responded_at != 0 || t->sla.first_response_ms <= 0) continue;
      if ((now - t->opened_at) * 100 > t->sla.first_response_ms * q.response_factor_percent) f.tickets.push_back(id);
    }
    if (!f.tickets.empty()) {
      f.evidence = std::to_string(f.tickets.size()) + (f.tickets.size() == 1 ? " ticket has" : " tickets have") + " waited more than " +
                   core::multiplier_text(q.response_factor_percent) + " the first-response window without an answer: " + flag_ticket_list(f.tickets) + ".";
      f.action = "Check staffing and routing: who is on the queue now, and do the rules send these tickets to someone available?";
      out.push_back(std::move(f));
    }
  }

  // Reopen rate above the maximum.
  if (m.reopen_rate_pct && m.first_resolved >= q.reopen_min_resolved && *m.reopen_rate_pct > q.reopen_max_percent) {
    RedFlag f{"reopen_rate", "reopen_rate", 0, {}, "", "", now, 0};
    f.evidence = "Reopen rate " + core::decimal_text(*m.reopen_rate_pct, 1) + "% of " + std::to_string(m.first_resolved) +
                 " resolved tickets over the last 4 weeks (at most " + std::to_string(q.reopen_max_percent) + "%).";
    f.action = "Solutions are not sticking: review the reopened tickets' answers with the agents.";
    out.push_back(std::move(f));
  }

  // The same customer with repeat_tickets or more tickets in repeat_days: the candidates from
  // the weekly sums, then their own tickets.
  {
    const auto since = now - std::int64_t{q.repeat_days} * 86'400'000;
    CountList<std::int64_t> candidates;
    for (auto it = s.metrics.weeks.lower_bound(week_of(since)); it != s.metrics.weeks.end(); ++it)
      candidates.insert(candidates.end(), it->second.customers.begin(), it->second.customers.end());
    count_list_settle(candidates);
    for (const auto& [c, n] : candidates) {
      if (n < q.repeat_tickets) continue;
      auto list = s.tickets_by_customer.find(c);
      if (list == s.tickets_by_customer.end()) continue;
      RedFlag f{"repeat_customer:" + std::to_string(c), "repeat_customer", c, {}, "", "", now, 0};
      for (auto id = list->second.rbegin(); id != list->second.rend(); ++id)
        if (auto t = s.ticket(*id); t && t->opened_at >= since && t->opened_at <= now) f.tickets.push_back(*id);
      if (static_cast<int>(f.tickets.size()) < q.repeat_tickets) continue;
      std::sort(f.tickets.begin(), f.tickets.end());
      f.evidence = flag_customer_label(s, c) + " opened " + std::to_string(f.tickets.size()) + " tickets in " + std::to_string(q.repeat_days) +
                   " days: " + flag_ticket_list(f.tickets) + ".";
      f.action = "Reach out before the next ticket: call or write to " + flag_customer_label(s, c) + " about what keeps going wrong.";
      out.push_back(std::move(f));
    }
  }

  // An NPS detractor whose follow-up is not done yet.
  for (const auto& a : s.nps_answers) {
    if (a.check_in_id == 0) continue;
    auto c = s.check_ins.find(a.check_in_id);
    if (c == s.check_ins.end() || c->second.done) continue;
    RedFlag f{"nps_detractor:" + std::to_string(a.check_in_id), "nps_detractor", a.customer_id, {}, "", "", now, 0};
    f.evidence = flag_customer_label(s, a.customer_id) + " answered " + std::to_string(a.score) + " of 10 to the NPS question" +
                 (a.comment.empty() ? std::string(".") : ": \"" + a.comment + "\"");
    f.action = "Follow up within 24 hours (a check-in is due " + core::format_utc_minute(c->second.due_at) + ").";
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<EventBody> red_flag_events(const ProgramState& s, TimeMs now) {
  std::vector<EventBody> out;
  const auto now_flags = current_red_flags(s, now);
  std::set<std::string> holding;
  for (const auto& f : now_flags) holding.insert(f.key);
  std::set<std::string> raised;
  for (const auto& f : s.red_flags)
    if (f.cleared_at == 0) {
      raised.insert(f.key);
      if (!holding.count(f.key)) out.push_back(RedFlagCleared{f.key});
    }
  for (const auto& f : now_flags)
    if (!raised.count(f.key)) out.push_back(RedFlagRaised{f});
  return out;
}

bool red_flags_due(const ProgramState& s, TimeMs now) { return !red_flag_events(s, now).empty(); }

std::vector<const RedFlag*> active_red_flags(const ProgramState& s) {
  std::vector<const RedFlag*> out;
  for (auto it = s.red_flags.rbegin(); it != s.red_flags.rend(); ++it)
    if (it->cleared_at == 0) out.push_back(&*it);
  return out;
}

const char* red_flag_title(const std::string& kind) {
  if (kind == "csat_low") return "CSAT below the floor";
  if (kind == "slow_first_response") return "First responses far beyond the SLA";
  if (kind == "reopen_rate") return "Reopen rate too high";
  if (kind == "repeat_customer") return "A customer keeps coming back";
  if (kind == "nps_detractor") return "NPS detractor";
  return "Red flag";
}

} // namespace pd::domain
