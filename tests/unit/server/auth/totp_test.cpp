#include "server/auth/passwords.hpp"
#include "server/auth/totp.hpp"

#include "tests/oathtool.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <ctime>
#include <memory>
#include <set>
#include <string>

namespace test_unit_server_auth_totp { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::auth;
using pd::testing::oathtool_code;

namespace {
// RFC 6238 appendix B: the SHA-1 secret is the ASCII text "12345678901234567890".
const std::string rfc_secret = "12345678901234567890";

} // namespace

TEST_CASE("the codes are RFC 6238's published SHA-1 test vectors, with 8 digits and their 6-digit suffixes") {
  const std::pair<std::int64_t, const char*> vectors[] = {
      {59, "94287082"}, {1111111109, "07081804"}, {1111111111, "14050471"}, {1234567890, "89005924"}, {2000000000, "69279037"}};
  for (const auto& [time_, expected_] : vectors) {
    const auto time = time_; // clang 14: CHECK's lambdas cannot name a structured binding
    const std::string expected = expected_;
    CAPTURE(time);
    CHECK(totp::code_at(rfc_secret, time, 8) == expected);
    CHECK(totp::code_at(rfc_secret, time) == expected.substr(2));
    CHECK(totp::matching_step(rfc_secret, expected, time, 8, 0) == time / 30);
    CHECK(totp::matching_step(rfc_secret, expected.substr(2), time) == time / 30);
  }
}

TEST_CASE("a new random secret is 20 bytes, round-trips through base32, and its codes are oathtool's") {
  init_crypto();
  const auto secret = totp::new_secret();
  CHECK(secret.size() == 20);
  CHECK(totp::new_secret() != secret);
  const auto base32 = totp::to_base32(secret);
  CHECK(base32.size() == 32); // 160 bits, 5 bits a character, no padding
  CHECK(totp::from_base32(base32) == secret);
  for (std::int64_t t : {std::int64_t{59}, std::int64_t{1700000000}, static_cast<std::int64_t>(std::time(nullptr))}) {
    CAPTURE(t);
    const auto expected = oathtool_code(base32, t);
    CHECK(totp::code_at(secret, t) == expected);
    CHECK(totp::matching_step(secret, expected, t) == t / 30);
  }
}

TEST_CASE("base32 text is read case-insensitively and with spaces; anything else is refused") {
  CHECK(totp::to_base32(rfc_secret) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  CHECK(totp::from_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq") == rfc_secret);
  CHECK_FALSE(totp::from_base32("not base32!").has_value());
}

TEST_CASE("the otpauth URI names the issuer and the account") {
  CHECK(totp::otpauth_uri("ABC", "ava+x@acme.test") ==
        "otpauth://totp/Partnerdesk:ava%2Bx@acme.test?secret=ABC&issuer=Partnerdesk&algorithm=SHA1&digits=6&period=30");
}

TEST_CASE("a code is accepted one step either side of now, not two") {
  const std::int64_t now = 1700000015; // the middle of a step
  const auto step = now / 30;
  CHECK(totp::matching_step(rfc_secret, totp::code_at(rfc_secret, now), now) == step);
  CHECK(totp::matching_step(rfc_secret, totp::code_at(rfc_secret, now - 30), now) == step - 1);
  CHECK(totp::matching_step(rfc_secret, totp::code_at(rfc_secret, now + 30), now) == step + 1);
  CHECK_FALSE(totp::matching_step(rfc_secret, totp::code_at(rfc_secret, now - 60), now).has_value());
  CHECK_FALSE(totp::matching_step(rfc_secret, totp::code_at(rfc_secret, now + 60), now).has_value());
  CHECK_FALSE(totp::matching_step(rfc_secret, "12345", now).has_value());
  CHECK_FALSE(totp::matching_step(rfc_secret, "abcdef", now).has_value());
}

TEST_CASE("the replay guard: a code once accepted is refused, and so is any earlier step") {
  const std::int64_t now = 1700000015;
  const auto code = totp::code_at(rfc_secret, now);
  auto first = totp::accept(rfc_secret, code, now, 0);
  REQUIRE(first.has_value());
  CHECK_FALSE(totp::accept(rfc_secret, code, now, *first).has_value());                                // the same code twice
  CHECK_FALSE(totp::accept(rfc_secret, totp::code_at(rfc_secret, now - 30), now, *first).has_value()); // an older one
  CHECK(totp::accept(rfc_secret, totp::code_at(rfc_secret, now + 30), now, *first) == *first + 1);     // the next one
}

TEST_CASE("ten recovery codes, all different, stored hashed, matching as typed with spaces or capitals") {
  init_crypto();
  const auto codes = totp::new_recovery_codes();
  REQUIRE(codes.size() == 10);
  CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == 10);
  CHECK(codes[0].size() == 14); // xxxx-xxxx-xxxx
  const auto hash = totp::hash_recovery_code(codes[0]);
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find(codes[0]) == std::string::npos);
  CHECK(totp::recovery_code_matches(hash, codes[0]));
  std::string typed = codes[0];
  for (auto& c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(totp::recovery_code_matches(hash, " " + typed + " "));
  CHECK_FALSE(totp::recovery_code_matches(hash, codes[1]));
  CHECK_FALSE(totp::looks_like_code(codes[0]));
  CHECK(totp::looks_like_code("012345"));
}

} // namespace test_unit_server_auth_totp
