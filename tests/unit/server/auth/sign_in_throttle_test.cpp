#include "server/auth/sign_in_throttle.hpp"

#include <doctest/doctest.h>

using pd::auth::SignInThrottle;

TEST_CASE("the first failures are free, then each failure doubles the wait") {
  SignInThrottle t({/*free*/ 3, /*base*/ 1000, /*max*/ 60000, /*forget*/ 3600000});
  std::int64_t now = 1'000'000;
  for (int i = 0; i < 3; ++i) {
    CHECK(t.wait_ms("a@x.test", "10.0.0.1", now) == 0);
    t.record_failure("a@x.test", "10.0.0.1", now);
  }
  CHECK(t.wait_ms("a@x.test", "10.0.0.1", now) == 1000);
  CHECK(t.wait_ms("a@x.test", "10.0.0.9", now) == 1000); // per account, whatever the address
  CHECK(t.wait_ms("b@x.test", "10.0.0.1", now) == 1000); // per address, whatever the account
  CHECK(t.wait_ms("b@x.test", "10.0.0.9", now) == 0);
  now += 1000;
  t.record_failure("a@x.test", "10.0.0.1", now);
  CHECK(t.wait_ms("a@x.test", "10.0.0.1", now) == 2000);
  CHECK(t.wait_ms("a@x.test", "10.0.0.1", now + 1500) == 500);
}

TEST_CASE("the wait is capped and failures are forgotten: no permanent lockout") {
  SignInThrottle t({1, 1000, 60000, 3600000});
  std::int64_t now = 0;
  for (int i = 0; i < 40; ++i) t.record_failure("a@x.test", "ip", now);
  CHECK(t.wait_ms("a@x.test", "ip", now) == 60000);
  CHECK(t.wait_ms("a@x.test", "ip", now + 60000) == 0);
  CHECK(t.wait_ms("a@x.test", "ip", now + 3600000) == 0);
}

TEST_CASE("a success clears the account's failures") {
  SignInThrottle t({1, 1000, 60000, 3600000});
  t.record_failure("a@x.test", "ip1", 0);
  t.record_failure("a@x.test", "ip2", 0);
  CHECK(t.wait_ms("a@x.test", "ip3", 0) > 0);
  t.record_success("a@x.test");
  CHECK(t.wait_ms("a@x.test", "ip3", 0) == 0);
}
