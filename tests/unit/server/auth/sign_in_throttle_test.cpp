#include "server/auth/sign_in_throttle.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_auth_sign_in_throttle { // one namespace per test file: unity batches (PD_UNITY) share a unit

using pd::auth::SignInThrottle;
using pd::auth::ThrottleRules;

namespace {

ThrottleRules rules() {
  ThrottleRules r;
  r.per_pair = {3, 1000, 60000};
  r.per_address = {6, 1000, 60000};
  r.per_account = {4, 1000, 10000};
  r.forget_after_ms = 3600000;
  return r;
}

// A failed attempt: begun (counted at once) and never taken back.
void fail(SignInThrottle& t, const std::string& account, const std::string& address, std::int64_t now) {
  REQUIRE(t.begin(account, address, now) == 0);
}

} // namespace

TEST_CASE("per account and address: the first failures are free, then each failure doubles the wait") {
  SignInThrottle t(rules());
  std::int64_t now = 1'000'000;
  for (int i = 0; i < 3; ++i) fail(t, "a@x.test", "10.0.0.1", now);
  CHECK(t.wait_ms("a@x.test", "10.0.0.1", now) == 1000);
  CHECK(t.begin("a@x.test", "10.0.0.1", now) == 1000); // refused, and not counted
  CHECK(t.wait_ms("b@x.test", "10.0.0.1", now) == 0);  // another account from the same address
  CHECK(t.wait_ms("a@x.test", "10.0.0.9", now) == 0);  // the same account from another address
  now += 1000;
  fail(t, "a@x.test", "10.0.0.1", now);
  CHECK(t.wait_ms("a@x.test", "10.0.0.1", now) == 2000);
  CHECK(t.wait_ms("a@x.test", "10.0.0.1", now + 1500) == 500);
}

TEST_CASE("a wall clock stepped back never makes the wait longer than the delay") {
  SignInThrottle t(rules());
  std::int64_t now = 10'000'000;
  for (int i = 0; i < 3; ++i) fail(t, "a@x.test", "10.0.0.1", now);
  CHECK(t.wait_ms("a@x.test", "10.0.0.1", now) == 1000);
  // Eleven minutes back: still the 1-second delay, not eleven minutes more.
  CHECK(t.wait_ms("a@x.test", "10.0.0.1", now - 660'000) == 1000);
  CHECK(t.wait_ms("a@x.test", "10.0.0.1", now + 1000) == 0);
}

TEST_CASE("per address: one address trying many accounts waits longer and longer") {
  SignInThrottle t(rules());
  std::int64_t now = 0;
  for (int i = 0; i < 6; ++i) fail(t, "user" + std::to_string(i) + "@x.test", "10.0.0.66", now);
  CHECK(t.wait_ms("someone-new@x.test", "10.0.0.66", now) == 1000);
  CHECK(t.wait_ms("someone-new@x.test", "10.0.0.67", now) == 0);
  now += 1000;
  fail(t, "user7@x.test", "10.0.0.66", now);
  CHECK(t.wait_ms("someone-new@x.test", "10.0.0.66", now) == 2000);
  now += 2000;
  fail(t, "user8@x.test", "10.0.0.66", now);
  CHECK(t.wait_ms("someone-new@x.test", "10.0.0.66", now) == 4000);
}

TEST_CASE("failures from other addresses never delay the owner at an address they signed in from") {
  SignInThrottle t(rules());
  std::int64_t now = 0;
  REQUIRE(t.begin("owner@x.test", "home", now) == 0);
  t.succeeded("owner@x.test", "home", now);
  // Many attackers, each under its own limits, guess at the owner's account all day.
  for (int i = 0; i < 500; ++i) {
    const auto address = "10.9." + std::to_string(i / 2);
    if (t.begin("owner@x.test", address, now) != 0) continue;
  }
  CHECK(t.wait_ms("owner@x.test", "home", now) == 0);
  REQUIRE(t.begin("owner@x.test", "home", now) == 0);
  t.succeeded("owner@x.test", "home", now);
  // An address the account never used waits, but only up to the account's low cap.
  for (int i = 0; i < 100; ++i) (void)t.begin("owner@x.test", "10.8." + std::to_string(i), now);
  CHECK(t.wait_ms("owner@x.test", "cafe", now) > 0);
  CHECK(t.wait_ms("owner@x.test", "cafe", now) <= 10000);
  CHECK(t.wait_ms("owner@x.test", "home", now) == 0);
}

TEST_CASE("an address is known to an account only for a while") {
  auto r = rules();
  r.known_address_ms = 1000;
  r.forget_after_ms = 1'000'000;
  SignInThrottle t(r);
  REQUIRE(t.begin("owner@x.test", "home", 0) == 0);
  t.succeeded("owner@x.test", "home", 0);
  for (int i = 0; i < 20; ++i) (void)t.begin("owner@x.test", "10.8." + std::to_string(i), 5000);
  CHECK(t.wait_ms("owner@x.test", "home", 5000) > 0);
}

TEST_CASE("attempts count when they start: those sent at once cannot all slip in") {
  SignInThrottle t(rules());
  int started = 0;
  for (int i = 0; i < 10; ++i)
    if (t.begin("a@x.test", "10.0.0.1", 0) == 0) ++started;
  CHECK(started == 3);
}

TEST_CASE("a success takes its attempt back and clears the pair and the account, not the address") {
  SignInThrottle t(rules());
  for (int i = 0; i < 2; ++i) fail(t, "a@x.test", "ip1", 0);
  for (int i = 0; i < 3; ++i) fail(t, "b@x.test", "ip1", 0);
  REQUIRE(t.begin("a@x.test", "ip1", 0) == 0);
  t.succeeded("a@x.test", "ip1", 0);
  CHECK(t.wait_ms("a@x.test", "ip1", 0) == 0);
  // ip1 made 5 failed attempts (the success is not one): one more is free, then it waits.
  fail(t, "c@x.test", "ip1", 0);
  CHECK(t.wait_ms("d@x.test", "ip1", 0) == 1000);
}

TEST_CASE("an attempt that checked no password is taken back") {
  SignInThrottle t(rules());
  for (int i = 0; i < 10; ++i) {
    REQUIRE(t.begin("a@x.test", "ip", 0) == 0);
    t.abandoned("a@x.test", "ip");
  }
  CHECK(t.wait_ms("a@x.test", "ip", 0) == 0);
}

TEST_CASE("the wait is capped and failures are forgotten: no permanent lockout") {
  SignInThrottle t(rules());
  std::int64_t now = 0;
  for (int i = 0; i < 40; ++i) {
    now += t.wait_ms("a@x.test", "ip", now);
    fail(t, "a@x.test", "ip", now);
  }
  CHECK(t.wait_ms("a@x.test", "ip", now) == 60000);
  CHECK(t.wait_ms("a@x.test", "ip", now + 60000) == 0);
  CHECK(t.wait_ms("a@x.test", "ip", now + 3600000) == 0);
}

TEST_CASE("the tables stay bounded under a flood of fresh entries") {
  auto r = rules();
  r.max_entries = 1000;
  r.per_address = {1'000'000, 1000, 60000};
  SignInThrottle t(r);
  for (int i = 0; i < 5000; ++i) (void)t.begin("user" + std::to_string(i) + "@x.test", "ip" + std::to_string(i % 3000), i);
  CHECK(t.entries() <= 3 * 1000 + 3);
  // The newest entries are kept: the last account's pair still counts.
  for (int i = 0; i < 2; ++i) fail(t, "user4999@x.test", "ip1999", 5000);
  CHECK(t.wait_ms("user4999@x.test", "ip1999", 5000) == 1000);
}

} // namespace test_unit_server_auth_sign_in_throttle
