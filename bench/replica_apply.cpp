// How long a replica takes to apply 1,000,000 events with the shared apply(): the same code
// runs natively and in the browser (wasm). Prints one line: "apply <N> events: <ms> ms".
#include "shared/domain/apply.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace pd::domain;

int main(int argc, char** argv) {
  const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  // A realistic mix: a program with 50 agents and 5,000 customers whose profiles are edited,
  // reassigned and whose agents change status.
  std::vector<Event> events;
  events.reserve(static_cast<std::size_t>(n));
  Sequence seq = 0;
  auto push = [&](PersonId actor, EventBody body) { events.push_back(Event{++seq, 1, actor, 1'700'000'000'000 + seq, std::move(body)}); };
  push(1, ProgramCreated{"Bench Program", "USD", 1, "Owner", "owner@bench.test"});
  for (PersonId a = 0; a < 50; ++a) {
    push(1, InvitationCreated{a + 1, "agent" + std::to_string(a) + "@bench.test", pd::identity::Role::agent, "h", 0, 0});
    push(100 + a, InvitationAccepted{a + 1, 100 + a, "Agent", "agent" + std::to_string(a) + "@bench.test"});
  }
  for (CustomerId c = 1; c <= 5000; ++c)
    push(1, CustomerAdded{c, CustomerProfile{"Customer " + std::to_string(c), "c" + std::to_string(c) + "@bench.test", "Growth",
                                             SubscriptionStatus::active, "2025-01-01", Money{100 * c, "USD"}, 100 + c % 50, ""}});
  std::uint64_t x = 88172645463325252ull;
  auto rnd = [&] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
  while (static_cast<std::int64_t>(events.size()) < n) {
    auto r = rnd() % 10;
    CustomerId c = static_cast<CustomerId>(rnd() % 5000 + 1);
    if (r < 6) {
      push(1, CustomerUpdated{c, CustomerProfile{"Customer " + std::to_string(c), "c" + std::to_string(c) + "@bench.test", r < 3 ? "Growth" : "Scale",
                                                 SubscriptionStatus::active, "2025-01-01", Money{static_cast<std::int64_t>(rnd() % 100000), "USD"}, 0, ""}});
    } else if (r < 9) {
      push(1, CustomerAssigned{c, static_cast<PersonId>(100 + rnd() % 50), 0});
    } else {
      push(1, AgentStatusChanged{static_cast<PersonId>(100 + rnd() % 50), rnd() % 2 ? PartnerStatus::active : PartnerStatus::suspended, "bench"});
    }
  }
  ProgramState state;
  auto start = std::chrono::steady_clock::now();
  for (const auto& e : events) apply(state, e);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("apply %lld events: %.0f ms (%zu customers, version %lld)\n", static_cast<long long>(events.size()), ms,
              state.customers.size(), static_cast<long long>(state.version));
  return 0;
}
