#include "shared/identity/email.hpp"

#include <doctest/doctest.h>

namespace test_unit_shared_identity_email { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;

TEST_CASE("emails are trimmed and lower-cased so one person has one account") {
  CHECK(identity::normalize_email("  Ava.Martinez@ACME.test ").value() == "ava.martinez@acme.test");
}

TEST_CASE("implausible emails are refused naming the field") {
  for (const char* bad : {"no-at-sign", "@acme.test", "ava@", "ava@acme", "a@b@acme.test", "ava @acme.test", "ava@.test", "ava@acme."}) {
    CAPTURE(bad);
    auto r = identity::normalize_email(bad, "invitee_email");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == core::ErrorCode::invalid_field);
    CHECK(r.error().field == "invitee_email");
  }
  CHECK(identity::normalize_email("   ").error().code == core::ErrorCode::missing_field);
  CHECK(identity::normalize_email(std::string(250, 'a') + "@x.test").error().message == "The email address is too long.");
}

TEST_CASE("a new address for an account: canonical, and not the one it already has") {
  CHECK(identity::check_new_email("ava@acme.test", " Ava@New.test ").value() == "ava@new.test");
  auto same = identity::check_new_email("ava@acme.test", "AVA@acme.test");
  REQUIRE_FALSE(same.ok());
  CHECK(same.error().code == core::ErrorCode::invalid_field);
  CHECK(same.error().field == "email");
  CHECK(same.error().message == "That is already your email address.");
  CHECK(identity::check_new_email("ava@acme.test", "ava@").error().message == "That does not look like an email address.");
  CHECK(identity::check_new_email("ava@acme.test", "").error().code == core::ErrorCode::missing_field);
}

} // namespace test_unit_shared_identity_email
