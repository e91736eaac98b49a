#include "server/auth/hash_gate.hpp"

#include "server/config/options.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace test_unit_server_auth_hash_gate { // one namespace per test file: unity batches (PD_UNITY) share a unit

using pd::auth::HashGate;

namespace {

// Waits (on a condition, with a generous bound) until pred holds.
template <class Pred>
bool eventually(Pred pred) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::yield();
  }
  return true;
}

} // namespace

TEST_CASE("at most `slots` hashes run at once; a freed slot lets the next in") {
  HashGate gate({2, 0, 4});
  auto a = gate.enter();
  auto b = gate.enter();
  REQUIRE(a);
  REQUIRE(b);
  CHECK(gate.in_use() == 2);
  CHECK_FALSE(gate.enter()); // no wait allowed: refused at once
  a.reset();
  CHECK(gate.in_use() == 1);
  CHECK(gate.enter());
  CHECK(gate.in_use() == 1); // the temporary slot was given back
}

TEST_CASE("a request waits for a slot that comes free within the wait") {
  HashGate gate({1, 10'000, 4});
  auto held = gate.enter();
  REQUIRE(held);
  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto slot = gate.enter();
    got = slot.has_value();
  });
  REQUIRE(eventually([&] { return gate.waiting() == 1; }));
  CHECK_FALSE(got.load());
  held.reset();
  waiter.join();
  CHECK(got.load());
  CHECK(gate.in_use() == 0);
  CHECK(gate.waiting() == 0);
}

TEST_CASE("a request that waits too long gets no slot, and leaves the line") {
  HashGate gate({1, 30, 4});
  auto held = gate.enter();
  REQUIRE(held);
  CHECK_FALSE(gate.enter());
  CHECK(gate.waiting() == 0);
  held.reset();
  CHECK(gate.enter());
}

TEST_CASE("beyond max_waiting, a request is refused without waiting") {
  HashGate gate({1, 60'000, 1});
  auto held = gate.enter();
  REQUIRE(held);
  std::thread waiter([&] { (void)gate.enter(); });
  REQUIRE(eventually([&] { return gate.waiting() == 1; }));
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(gate.enter());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
  held.reset();
  waiter.join();
}

TEST_CASE("waiting requests get their slot in the order they came") {
  HashGate gate({1, 60'000, 8});
  auto held = gate.enter();
  REQUIRE(held);
  std::vector<int> order;
  std::mutex m;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto slot = gate.enter();
      std::lock_guard lock(m);
      order.push_back(i);
    });
    REQUIRE(eventually([&] { return gate.waiting() == i + 1; })); // queued in this order
  }
  held.reset();
  for (auto& t : threads) t.join();
  CHECK(order == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("the limits follow the options: half the cores by default, 1 to 8") {
  pd::config::Options o;
  auto l = pd::auth::hash_gate_limits(o);
  CHECK(l.slots == pd::auth::default_hash_slots());
  CHECK(l.slots >= 1);
  CHECK(l.slots <= 8);
  CHECK(l.max_wait_ms == 2000);
  o.hash_concurrency = 3;
  o.hash_wait_ms = 10;
  l = pd::auth::hash_gate_limits(o);
  CHECK(l.slots == 3);
  CHECK(l.max_wait_ms == 10);
  CHECK(l.max_waiting == 48);
}

} // namespace test_unit_server_auth_hash_gate
