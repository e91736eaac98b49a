// The incremental aggregates behind the support metrics (seed 002 section 6, support_metrics):
// what one ticket contributes to which week, and the sums of those contributions per week for the
// program, per agent and per customer segment. Kept by ProgramState::track_ticket() as events
// apply: the ticket's previous contribution is taken out and its new one put in, so the sums
// always equal a recount of every ticket (support_metrics.hpp reads them; the unit tests check
// that equality after random event sequences). Weeks start Monday 00:00 UTC and are numbered
// from the week of 1970-01-01.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pd::domain {

// One ticket's contribution. Each part is counted in the week it happened.
struct MetricFacts {
  bool counted = false;
  std::int32_t opened_week = 0; // volume, escalation, automation and mentions count here
  std::int8_t priority = 2;     // 0-3: P0-P3
  std::int8_t category = 0;     // index into all_categories
  std::int64_t agent = 0;       // the handling agent now (0: the business's queue)
  std::int64_t customer = 0;
  std::string segment;          // the customer's segment now
  bool escalated = false;
  bool automated = false;       // the desk answered it automatically (an article, the account's status)
  std::int16_t positive = 0;    // customer messages and the rating comment matching the word lists
  std::int16_t negative = 0;
  std::int32_t response_week = -1; // the first response (-1: none yet)
  std::int64_t response_ms = 0;
  std::int32_t sla_week = -1;      // the first-response SLA outcome (-1: not known yet)
  bool sla_in_time = false;
  std::int32_t first_resolved_week = -1; // the first time it was resolved: reopen rate and first-contact resolution
  bool reopened = false;
  bool first_contact = false;            // resolved after at most one reply from the desk, never reopened
  std::int32_t resolved_week = -1;       // resolved or closed now (-1: open): resolution time and backlog
  std::int64_t resolution_ms = 0;
  std::int32_t csat_week = -1;           // the customer's overall satisfaction, 1-5
  std::int8_t csat = 0;
  // What the churn score reads (retention/churn.hpp), not counted in the sums: when the ticket
  // first turned negative (a negative customer message, comment or a rating of 1-2) and first
  // named a competitor on the business's list (0: never).
  std::int64_t negative_at = 0;
  std::int64_t competitor_at = 0;
  bool operator==(const MetricFacts&) const = default;
};

// Counts by key, sorted by key, without zero counts: a flat map that a week's sums can hold by
// the thousand without a node per entry.
template <class Key>
using CountList = std::vector<std::pair<Key, std::int32_t>>;

// Adds `n` to the key's count (dropping it at zero).
template <class Key>
void count_list_add(CountList<Key>& list, Key key, std::int32_t n) {
  auto it = std::lower_bound(list.begin(), list.end(), key, [](const std::pair<Key, std::int32_t>& p, Key k) { return p.first < k; });
  if (it != list.end() && it->first == key) {
    if ((it->second += n) == 0) list.erase(it);
  } else if (n != 0) {
    list.insert(it, {key, n});
  }
}
// Sorts a list whose entries were appended in any order and merges the repeated keys.
template <class Key>
void count_list_settle(CountList<Key>& list) {
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t out = 0;
  for (std::size_t i = 0; i < list.size();) {
    auto entry = list[i];
    for (++i; i < list.size() && list[i].first == entry.first; ++i) entry.second += list[i].second;
    if (entry.second != 0) list[out++] = entry;
  }
  list.resize(out);
}

// Sums over the tickets' contributions to one week (for one scope).
struct MetricTotals {
  std::int32_t opened = 0;
  std::array<std::int32_t, 4> by_priority{};
  std::array<std::int32_t, 10> by_category{}; // in the order of all_categories
  std::int32_t escalated = 0, automated = 0, positive = 0, negative = 0;
  CountList<std::int64_t> customers; // tickets opened per customer
  std::int32_t responses = 0;
  std::int64_t response_ms = 0;
  CountList<std::int32_t> response_minutes; // whole minutes -> first responses (the p95)
  std::int32_t sla_total = 0, sla_in_time = 0;
  std::int32_t first_resolved = 0, reopened = 0, first_contact = 0;
  std::int32_t resolved = 0; // resolved or closed now, in the week it happened
  std::int64_t resolution_ms = 0;
  std::int32_t csat_count = 0, csat_sum = 0;
  std::int32_t promoters = 0, passives = 0, detractors = 0; // NPS answers given in the week
  bool operator==(const MetricTotals&) const = default;
};

struct SupportAggregates {
  std::map<std::int32_t, MetricTotals> weeks;
  std::map<std::pair<std::int64_t, std::int32_t>, MetricTotals> agent_weeks;   // (agent, week)
  std::map<std::pair<std::string, std::int32_t>, MetricTotals> segment_weeks; // (segment, week)
  bool bulk = false; // between begin_bulk() and end_bulk()
  bool operator==(const SupportAggregates&) const = default;
  // Adds (sign +1) or takes out (sign -1) one ticket's contribution; empty weeks are dropped.
  void count(const MetricFacts& f, int sign);
  // Counting every ticket at once (ProgramState::index_tickets): between the two calls count()
  // only adds, appending to the customer and minute lists, which end_bulk() sorts and merges.
  void begin_bulk() { bulk = true; }
  void end_bulk();
  // Adds an NPS answer (0-10; "Not now" counts nothing) given at `at` by a customer of `agent`
  // in `segment`.
  void count_nps(std::int64_t at, std::int64_t agent, const std::string& segment, int score, int sign);
};

} // namespace pd::domain
