#include "server/storage/email_verifications.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_storage_email_verifications { // one namespace per test file: unity batches (PD_UNITY) share a unit

using pd::storage::verification_resend_wait_ms;

constexpr std::int64_t minute = 60'000;
constexpr std::int64_t now = 1'000 * minute;

TEST_CASE("a fresh verification link may be sent at once when none was sent in the last hour") {
  CHECK(verification_resend_wait_ms({}, now) == 0);
  CHECK(verification_resend_wait_ms({now - 61 * minute, now - 70 * minute}, now) == 0);
}

TEST_CASE("one link a minute: the next one waits for the minute after the last") {
  CHECK(verification_resend_wait_ms({now - 20'000}, now) == 40'000);
  CHECK(verification_resend_wait_ms({now - 5 * minute, now - 20'000}, now) == 40'000);
  CHECK(verification_resend_wait_ms({now - minute}, now) == 0);
}

TEST_CASE("five links an hour: the sixth waits until the oldest of the last five is an hour old") {
  // Sent 50, 40, 30, 20 and 10 minutes ago: the one from 50 minutes ago leaves the hour in 10.
  const std::vector<std::int64_t> five = {now - 50 * minute, now - 40 * minute, now - 30 * minute, now - 20 * minute, now - 10 * minute};
  CHECK(verification_resend_wait_ms(five, now) == 10 * minute);
  CHECK(verification_resend_wait_ms({now - 40 * minute, now - 30 * minute, now - 20 * minute, now - 10 * minute}, now) == 0);
}

TEST_CASE("a link dated after now (a clock stepped back) counts no waiting time") {
  CHECK(verification_resend_wait_ms({now + 5 * minute}, now) == 0);
}

} // namespace test_unit_server_storage_email_verifications
