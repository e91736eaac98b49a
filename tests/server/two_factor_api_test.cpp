// Two-factor sign-in (TOTP) over real HTTP against a real server process: enrolment, sign-in
// with the code, wrong and replayed codes, recovery codes, turning it off. Codes are computed
// by Debian's oathtool from the secret the server hands out, as an authenticator app would.
#include "server_process.hpp"

#include "tests/oathtool.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <thread>

namespace test_server_two_factor_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s({}, false);
  return s;
}
json body_of(const httplib::Result& r) { return json::parse(r->body, nullptr, false); }
const char* kJson = "application/json";
const std::string kPassword = "a-long-password";

struct Account {
  std::string email, cookie;
};

Account new_account(const std::string& email) {
  auto c = server().client();
  auto up = c.Post("/api/v1/accounts", api_headers(), json{{"email", email}, {"name", "Two Factor"}, {"password", kPassword}}.dump(), kJson);
  REQUIRE(up);
  REQUIRE(up->status == 202);
  auto in = c.Post("/api/v1/session", api_headers(), json{{"email", email}, {"password", kPassword}}.dump(), kJson);
  REQUIRE(in);
  REQUIRE(in->status == 200);
  return Account{email, session_cookie_of(in)};
}

// Sets up and turns on two-factor sign-in; returns the authenticator and the recovery codes.
std::pair<Authenticator, json> enrol(const Account& a) {
  auto c = server().client();
  auto setup = c.Post("/api/v1/account/two-factor/setup", api_headers(a.cookie), "{}", kJson);
  REQUIRE(setup);
  REQUIRE(setup->status == 200);
  Authenticator auth{body_of(setup)["secret"].get<std::string>()};
  auto enable = c.Post("/api/v1/account/two-factor/enable", api_headers(a.cookie), json{{"code", auth.next_code()}}.dump(), kJson);
  REQUIRE(enable);
  REQUIRE(enable->status == 200);
  return {auth, body_of(enable)["recovery_codes"]};
}

httplib::Result sign_in(const std::string& email, const std::string& code = {}) {
  json body{{"email", email}, {"password", kPassword}};
  if (!code.empty()) body["code"] = code;
  return server().client().Post("/api/v1/session", api_headers(), body.dump(), kJson);
}
} // namespace

TEST_CASE("enrolment: setup gives a secret and its otpauth URI, a first code turns it on and gives ten recovery codes once") {
  auto a = new_account("enrol@two-factor.test");
  auto c = server().client();
  CHECK(body_of(c.Get("/api/v1/me", api_headers(a.cookie)))["two_factor"] == false);
  CHECK(c.Post("/api/v1/account/two-factor/setup", api_headers(), "{}", kJson)->status == 401);

  auto setup = c.Post("/api/v1/account/two-factor/setup", api_headers(a.cookie), "{}", kJson);
  REQUIRE(setup->status == 200);
  const auto secret = body_of(setup)["secret"].get<std::string>();
  CHECK(secret.size() == 32);
  CHECK(body_of(setup)["otpauth_uri"] ==
        "otpauth://totp/Partnerdesk:enrol@two-factor.test?secret=" + secret + "&issuer=Partnerdesk&algorithm=SHA1&digits=6&period=30");
  CHECK(body_of(c.Get("/api/v1/me", api_headers(a.cookie)))["two_factor"] == false); // pending only

  auto missing = c.Post("/api/v1/account/two-factor/enable", api_headers(a.cookie), "{}", kJson);
  CHECK(missing->status == 400);
  CHECK(body_of(missing)["error"]["field"] == "code");
  auto wrong = c.Post("/api/v1/account/two-factor/enable", api_headers(a.cookie), R"({"code":"000000x"})", kJson);
  CHECK(wrong->status == 400);
  CHECK(body_of(wrong)["error"]["field"] == "code");

  Authenticator auth{secret};
  auto enable = c.Post("/api/v1/account/two-factor/enable", api_headers(a.cookie), json{{"code", auth.next_code()}}.dump(), kJson);
  REQUIRE(enable->status == 200);
  auto codes = body_of(enable)["recovery_codes"];
  REQUIRE(codes.size() == 10);
  CHECK(codes[0].get<std::string>().size() == 14);
  CHECK(body_of(c.Get("/api/v1/me", api_headers(a.cookie)))["two_factor"] == true);
  // Already on: setting up again is refused until it is turned off.
  CHECK(c.Post("/api/v1/account/two-factor/setup", api_headers(a.cookie), "{}", kJson)->status == 409);
}

TEST_CASE("sign-in with two-factor on asks for the code, refuses a wrong or replayed one naming the field, and accepts the right one") {
  auto a = new_account("signin@two-factor.test");
  auto [auth_, codes] = enrol(a);
  auto auth = auth_;

  auto asked = sign_in(a.email);
  REQUIRE(asked);
  CHECK(asked->status == 401);
  CHECK(body_of(asked)["error"]["code"] == "two_factor_required");
  CHECK(body_of(asked)["error"]["field"] == "code");
  CHECK_FALSE(asked->has_header("Set-Cookie"));

  // A wrong password says nothing about two-factor, with or without a code.
  auto wrong_password = server().client().Post("/api/v1/session", api_headers(),
                                               json{{"email", a.email}, {"password", "not-the-password"}, {"code", "123456"}}.dump(), kJson);
  CHECK(wrong_password->status == 401);
  CHECK(body_of(wrong_password)["error"]["code"] == "invalid_credentials");
  CHECK_FALSE(body_of(wrong_password)["error"].contains("field"));

  auto wrong = sign_in(a.email, auth.last_code() == "000000" ? "111111" : "000000");
  CHECK(wrong->status == 401);
  CHECK(body_of(wrong)["error"]["code"] == "invalid_credentials");
  CHECK(body_of(wrong)["error"]["field"] == "code");
  CHECK_FALSE(wrong->has_header("Set-Cookie"));

  // The code that turned it on was accepted once already.
  auto replayed = sign_in(a.email, auth.last_code());
  CHECK(replayed->status == 401);
  CHECK(body_of(replayed)["error"]["field"] == "code");

  const auto code = auth.next_code();
  auto ok = sign_in(a.email, code);
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(body_of(ok)["two_factor"] == true);
  CHECK_FALSE(session_cookie_of(ok).empty());
  auto again = sign_in(a.email, code);
  CHECK(again->status == 401);
  CHECK(body_of(again)["error"]["field"] == "code");
}

TEST_CASE("a recovery code signs in once") {
  auto a = new_account("recovery@two-factor.test");
  auto enrolled = enrol(a);
  const auto recovery = enrolled.second[3].get<std::string>();
  auto first = sign_in(a.email, recovery);
  REQUIRE(first);
  CHECK(first->status == 200);
  auto second = sign_in(a.email, recovery);
  CHECK(second->status == 401);
  CHECK(body_of(second)["error"]["field"] == "code");
  CHECK(sign_in(a.email, enrolled.second[4].get<std::string>())->status == 200); // the others still work
}

TEST_CASE("turning two-factor off needs a valid code; afterwards the password alone signs in") {
  auto a = new_account("disable@two-factor.test");
  auto [auth_, codes] = enrol(a);
  auto auth = auth_;
  auto c = server().client();
  auto none = c.Post("/api/v1/account/two-factor/disable", api_headers(a.cookie), "{}", kJson);
  CHECK(none->status == 400);
  CHECK(body_of(none)["error"]["code"] == "missing_field");
  CHECK(body_of(none)["error"]["field"] == "code");
  auto wrong = c.Post("/api/v1/account/two-factor/disable", api_headers(a.cookie), R"({"code":"abcd-efgh-ijkl"})", kJson);
  CHECK(wrong->status == 400);
  CHECK(body_of(wrong)["error"]["field"] == "code");
  auto extra = c.Post("/api/v1/account/two-factor/disable", api_headers(a.cookie), R"({"code":"123456","why":"x"})", kJson);
  CHECK(extra->status == 400);
  CHECK(body_of(extra)["error"]["field"] == "why");
  CHECK(sign_in(a.email)->status == 401);

  auto off = c.Post("/api/v1/account/two-factor/disable", api_headers(a.cookie), json{{"code", auth.next_code()}}.dump(), kJson);
  REQUIRE(off);
  CHECK(off->status == 200);
  CHECK(body_of(c.Get("/api/v1/me", api_headers(a.cookie)))["two_factor"] == false);
  CHECK(sign_in(a.email)->status == 200);
  CHECK(c.Post("/api/v1/account/two-factor/disable", api_headers(a.cookie), R"({"code":"123456"})", kJson)->status == 409);
}

TEST_CASE("new recovery codes need a fresh code and replace the old ones") {
  auto a = new_account("regenerate@two-factor.test");
  auto [auth_, old_codes] = enrol(a);
  auto auth = auth_;
  auto c = server().client();
  auto by_recovery = c.Post("/api/v1/account/two-factor/recovery-codes", api_headers(a.cookie),
                            json{{"code", old_codes[0]}}.dump(), kJson);
  CHECK(by_recovery->status == 400);
  CHECK(body_of(by_recovery)["error"]["field"] == "code");
  auto fresh = c.Post("/api/v1/account/two-factor/recovery-codes", api_headers(a.cookie), json{{"code", auth.next_code()}}.dump(), kJson);
  REQUIRE(fresh);
  REQUIRE(fresh->status == 200);
  auto codes = body_of(fresh)["recovery_codes"];
  REQUIRE(codes.size() == 10);
  CHECK(sign_in(a.email, old_codes[1].get<std::string>())->status == 401);
  CHECK(sign_in(a.email, codes[0].get<std::string>())->status == 200);
}

TEST_CASE("wrong codes count for the sign-in throttle") {
  auto a = new_account("throttle@two-factor.test");
  auto enrolled = enrol(a);
  int status = 0;
  for (int i = 0; i < 8 && status != 429; ++i) status = sign_in(a.email, "zzzz-zzzz-zzzz")->status;
  CHECK(status == 429);
}

} // namespace test_server_two_factor_api
