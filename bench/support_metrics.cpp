// How long the support metrics take over a large program: 1,000,000 tickets over a year from
// 100,000 customers of 200 agents. The tickets are built directly (not through apply), then:
//   cold:    ProgramState::index_tickets() counts every ticket into the weekly sums (what a
//            server start or a replica's snapshot does), then the week's metrics;
//   refresh: one event applied through apply() (a first reply on an open ticket, which moves
//            its contribution), then what the Metrics page draws: the week's block, the week
//            before it, twelve weeks of series, and the red flags' evaluation.
// Prints "metrics <tickets> tickets <customers> customers: cold <ms> ms, refresh <ms> ms (best of 5)".
// Then every customer's churn-risk score (retention/churn.hpp), with a competitor named in one
// ticket in 50, two months of usage per customer (one in ten cut to a third) and a failed
// payment for one in fifty, kept on a ChurnBoard as the Retention page keeps it: cold (the
// tickets counted again, then every score) and refresh (one event, then the board scores again
// what it touched and what came due). The board is then checked against scoring everyone again.
// Prints "churn <customers> customers: cold <ms> ms, refresh <ms> ms (best of 5; <n> at risk or
// above; every score again <ms> ms)".
#include "shared/domain/apply.hpp"
#include "shared/domain/support/satisfaction.hpp"
#include "shared/domain/support/support_metrics.hpp"
#include "shared/domain/retention/churn.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace pd::domain;

namespace {
double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}
} // namespace

int main(int argc, char** argv) {
  const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  const std::int64_t customers = argc > 2 ? std::atoll(argv[2]) : 100'000;
  const std::int64_t agents = 200;
  const TimeMs now = 1'795'000'000'000;
  ProgramState s;
  s.id = 1;
  s.name = "Bench Program";
  s.members[1] = Member{1, "Owner", "owner@bench.test", pd::identity::Role::owner, 0, 1};
  for (PersonId a = 0; a < agents; ++a) {
    const PersonId id = 100 + a;
    s.members[id] = Member{id, "Agent " + std::to_string(a), "agent" + std::to_string(a) + "@bench.test", pd::identity::Role::agent, 0, 1};
    s.agents[id] = Agent{id, PartnerStatus::active, {}, 0, 1};
  }
  const char* segments[] = {"Starter", "Growth", "Enterprise"};
  for (CustomerId c = 1; c <= customers; ++c)
    s.customers[c] = Customer{c, CustomerProfile{"Customer " + std::to_string(c), "c" + std::to_string(c) + "@bench.test", segments[c % 3],
                                                 SubscriptionStatus::active, "2025-01-01", Money{4900, "USD"}, 0, ""},
                              100 + c % agents, 0, 1};
  std::uint64_t x = 88172645463325252ull;
  auto rnd = [&] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
  const TimeMs span = 365LL * day_ms;
  TicketId open_unanswered = 0;
  for (TicketId id = 1; id <= n; ++id) {
    Ticket t;
    t.id = id;
    t.customer_id = 1 + static_cast<CustomerId>(rnd() % static_cast<std::uint64_t>(customers));
    t.agent_id = s.customers[t.customer_id].assigned_agent;
    t.subject = "Ticket " + std::to_string(id);
    t.opened_at = now - span + span * id / n;
    t.updated_at = t.opened_at;
    t.priority = static_cast<Priority>(rnd() % 4);
    t.category = all_categories[rnd() % all_categories.size()];
    const auto words = rnd() % 50;
    t.messages.push_back(TicketMessage{1, MessageKind::reply, 0, {}, pd::identity::Role::customer,
                                       words == 0 ? "Zendesk does this for less" : words % 5 == 0 ? "Thanks, great help" : "It is broken again", t.opened_at, {},
                                       {}, false, {}});
    t.sla.first_response_ms = 12 * hour_ms;
    t.sla.first_response_due = t.opened_at + 12 * hour_ms;
    const bool open = rnd() % 100 < 8 || t.opened_at > now - 2 * day_ms;
    t.status = open ? TicketStatus::open : TicketStatus::closed;
    if (!open || rnd() % 3 != 0) {
      t.sla.first_responded_at = t.opened_at + static_cast<TimeMs>(rnd() % static_cast<std::uint64_t>(16 * hour_ms));
      t.messages.push_back(TicketMessage{2, MessageKind::reply, t.agent_id, {}, pd::identity::Role::agent, "Here is how.",
                                         t.sla.first_responded_at, {}, {}, false, {}});
    } else if (t.opened_at > now - 6 * hour_ms) {
      open_unanswered = id;
    }
    if (!open) {
      t.sla.resolved_at = t.sla.first_responded_at + static_cast<TimeMs>(rnd() % static_cast<std::uint64_t>(48 * hour_ms));
      t.changes.push_back(TicketChange{TicketChangeKind::status_changed, t.sla.resolved_at, t.agent_id, 0, 0, TicketStatus::resolved});
      if (rnd() % 10 < 3)
        t.customer_rating = CustomerRating{5, 4, 5, static_cast<int>(1 + rnd() % 5), {}, t.sla.resolved_at + hour_ms, {}};
    }
    s.tickets.emplace(id, std::move(t));
  }
  s.retention.settings.competitors = {"Zendesk", "Freshdesk"};
  for (CustomerId c = 1; c <= customers; ++c) {
    auto& sig = s.retention.signals[c];
    const std::int64_t base = 1000 + static_cast<std::int64_t>(rnd() % 1000);
    sig.usage = {UsagePoint{"2026-10", base, now - 40 * day_ms}, UsagePoint{"2026-11", c % 10 == 0 ? base / 3 : base, now - 10 * day_ms}};
    if (c % 50 == 0) sig.failures.push_back(PaymentFailure{"in_" + std::to_string(c), Money{4900, "USD"}, "Card declined", now - 3 * day_ms});
    sig.last_sign_in = now - static_cast<TimeMs>(rnd() % 30) * day_ms;
  }
  double cold = 1e18, refresh = 1e18;
  SupportMetrics week;
  // Cold: nothing derived yet, as after decoding a snapshot.
  auto forget_derived = [&s] {
    s.tickets_by_customer.clear();
    s.open_tickets.clear();
    s.metrics = {};
    s.retention_tickets.clear();
    s.rated_tickets.clear();
  };
  for (int round = 0; round < 5; ++round) {
    forget_derived();
    auto start = std::chrono::steady_clock::now();
    s.index_tickets();
    week = support_metrics(s, MetricScope{}, week_of(now), week_of(now), now);
    cold = std::min(cold, ms_since(start));
  }
  // One event: the first reply on a ticket opened in the last hours, moving its contribution.
  Sequence seq = 1;
  for (int round = 0; round < 5 && open_unanswered != 0; ++round) {
    const auto& t = s.tickets.at(open_unanswered);
    TicketMessage reply{static_cast<std::int64_t>(t.messages.size() + 1), MessageKind::reply, t.agent_id, "Agent", pd::identity::Role::agent,
                        "Looking into it now.", now, {}, {}, false, {}};
    auto sla = t.sla;
    if (sla.first_responded_at == 0) sla.first_responded_at = now;
    Event e{seq++, 1, t.agent_id, now, TicketReplied{open_unanswered, reply, TicketStatus::open, sla, false}};
    auto start = std::chrono::steady_clock::now();
    apply(s, e);
    const auto w = week_of(now);
    auto m = support_metrics(s, MetricScope{}, w, w, now);
    auto before = support_metrics(s, MetricScope{}, w - 1, w - 1, now);
    auto series = weekly_series(s, MetricScope{}, w - 11, w, now);
    auto flags = current_red_flags(s, now);
    refresh = std::min(refresh, ms_since(start));
    if (m.total_tickets + before.total_tickets + static_cast<int>(series.size() + flags.size()) < 0) return 1; // keep the results
  }
  std::printf("metrics %lld tickets %lld customers: cold %.1f ms, refresh %.1f ms (best of 5; this week %d tickets, CSAT %.2f)\n",
              static_cast<long long>(n), static_cast<long long>(customers), cold, refresh, week.total_tickets, week.csat_score.value_or(0));
  std::fflush(stdout);

  // Churn: cold is the tickets' facts counted again and every score; refresh one event and every score.
  double churn_cold = 1e18, churn_refresh = 1e18;
  std::size_t at_risk = 0;
  ChurnBoard board;
  for (int round = 0; round < 3; ++round) {
    forget_derived();
    board = {};
    auto start = std::chrono::steady_clock::now();
    s.index_tickets();
    board.rebuild(s, now);
    churn_cold = std::min(churn_cold, ms_since(start));
    at_risk = 0;
    for (std::size_t i = 0; i < board.size() && board[i].score >= at_risk_score; ++i) ++at_risk;
  }
  // One event, then the board scores again the customers it touched (and those due by then):
  // the Retention page's refresh. A minute passes between the events.
  TimeMs later = now;
  for (int round = 0; round < 5; ++round) {
    const CustomerId c = 1 + round * 10; // one in ten: its usage already fell, so its score moves
    later += 60'000;
    Event e{seq++, 1, 0, later, UsageRecorded{c, UsagePoint{"2026-12", 10, later}}};
    auto start = std::chrono::steady_clock::now();
    apply(s, e);
    board.note(s, e);
    board.refresh(s, later);
    churn_refresh = std::min(churn_refresh, ms_since(start));
    if (board.size() == 0) return 1;
  }
  // The board equals scoring every customer again.
  auto start = std::chrono::steady_clock::now();
  const auto all = churn_scores(s, later);
  const double every = ms_since(start);
  if (all != board.scores()) {
    std::printf("churn board differs from churn_scores\n");
    return 1;
  }
  std::printf("churn %lld customers: cold %.1f ms, refresh %.1f ms (best of 5; %zu at risk or above; every score again %.1f ms)\n",
              static_cast<long long>(customers), churn_cold, churn_refresh, at_risk, every);
  return 0;
}
