// How long the business's support overview takes over a large program: 1,000,000 tickets
// and 200 agents, computed with the shared support_overview() natively and, compiled to wasm,
// in the browser. The state is built directly (not through apply) with a realistic mix: 8% of
// tickets open, a share of those overdue or escalated, 30% rated, one first-response sample
// per answered ticket. Prints "overview <tickets> tickets <agents> agents: <ms> ms (best of 5)".
#include "shared/domain/support/support_overview.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace pd::domain;

int main(int argc, char** argv) {
  const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  const std::int64_t agents = argc > 2 ? std::atoll(argv[2]) : 200;
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
  const std::int64_t customers = agents * 50;
  for (CustomerId c = 1; c <= customers; ++c)
    s.customers[c] = Customer{c, CustomerProfile{"Customer " + std::to_string(c), "c" + std::to_string(c) + "@bench.test", "Growth",
                                                 SubscriptionStatus::active, "2025-01-01", Money{4900, "USD"}, 0, ""},
                              100 + c % agents, 0, 1};
  std::uint64_t x = 88172645463325252ull;
  auto rnd = [&] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
  const TimeMs span = 365LL * day_ms; // a year of tickets, oldest first
  for (TicketId id = 1; id <= n; ++id) {
    Ticket t;
    t.id = id;
    t.customer_id = 1 + static_cast<CustomerId>(rnd() % static_cast<std::uint64_t>(customers));
    t.agent_id = s.customers[t.customer_id].assigned_agent;
    t.subject = "Ticket " + std::to_string(id);
    t.opened_at = now - span + span * id / n;
    t.updated_at = t.opened_at;
    t.priority = static_cast<Priority>(rnd() % 4);
    t.messages.push_back(TicketMessage{1, MessageKind::reply, 0, {}, pd::identity::Role::customer, "Help", t.opened_at, {}, {}, false, {}});
    t.sla.first_response_due = t.opened_at + 12 * hour_ms;
    const bool open = rnd() % 100 < 8 || t.opened_at > now - 2 * day_ms;
    t.status = open ? TicketStatus::open : TicketStatus::closed;
    const bool answered = !open || rnd() % 3 != 0;
    auto& rec = s.agent_support[t.agent_id];
    if (answered) {
      const TimeMs took = static_cast<TimeMs>(rnd() % static_cast<std::uint64_t>(16 * hour_ms));
      t.sla.first_responded_at = t.opened_at + took;
      rec.responses.push_back(ResponseSample{t.sla.first_responded_at, took, took <= 12 * hour_ms});
      rec.outcomes.push_back(SlaOutcome{t.sla.first_responded_at, took <= 12 * hour_ms});
    } else if (t.sla.first_response_due < now) {
      t.sla.first_response_overdue_at = t.sla.first_response_due;
      rec.outcomes.push_back(SlaOutcome{t.sla.first_response_due, false});
      if (rnd() % 2) t.escalation = Escalation{EscalationSource::sla, 0, t.opened_at + 24 * hour_ms, "SLA", {}, true};
    }
    if (!open && rnd() % 10 < 3) t.customer_rating = CustomerRating{5, 4, 5, static_cast<int>(1 + rnd() % 5), {}, t.opened_at + day_ms, {}};
    s.tickets.emplace(id, std::move(t));
  }
  s.index_tickets();
  double best = 1e18;
  std::size_t open_count = 0;
  for (int round = 0; round < 5; ++round) {
    auto start = std::chrono::steady_clock::now();
    auto o = support_overview(s, now, 30);
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    open_count = o.open_count;
  }
  std::printf("overview %lld tickets %lld agents: %.1f ms (best of 5; %zu open)\n", static_cast<long long>(n), static_cast<long long>(agents),
              best, open_count);
  return 0;
}
