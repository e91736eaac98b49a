#include "server/auth/passwords.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_auth_passwords { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::auth;

TEST_CASE("passwords are stored as argon2id hashes that verify only the right password") {
  init_crypto();
  auto h = hash_password("demo-password");
  CHECK(h.rfind("$argon2id$", 0) == 0);
  CHECK(h.find("demo-password") == std::string::npos);
  CHECK(verify_password(h, "demo-password"));
  CHECK_FALSE(verify_password(h, "demo-passwore"));
  CHECK_FALSE(verify_password(h, ""));
  CHECK(hash_password("demo-password") != h); // salted
}

} // namespace test_unit_server_auth_passwords
