// Sign-up tells nobody which emails have an account: a new email and a registered one get the
// same answer, and the next step (signing in) is the same for both.
#include "api_client.hpp"

#include <doctest/doctest.h>

namespace test_server_sign_up { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s;
  return s;
}

// The answer with the email taken out: what differs between two sign-ups besides it.
json shape(const httplib::Result& r) {
  auto body = json_of(r);
  if (body.is_object()) body.erase("email");
  if (body.is_object() && body.contains("message")) body["message"] = std::string(body["message"]).size() > 0;
  return body;
}
} // namespace

TEST_CASE("signing up with a registered email answers exactly as with a new one, and changes nothing") {
  Session anon(server());
  auto fresh = anon.post("/api/v1/accounts", {{"email", "lena@vogel.test"}, {"name", "Lena Vogel"}, {"password", "a-long-password"}});
  auto taken = anon.post("/api/v1/accounts", {{"email", "owner@acme.test"}, {"name", "Mallory"}, {"password", "mallorys-password"}});
  REQUIRE(fresh);
  REQUIRE(taken);
  CHECK(fresh->status == 202);
  CHECK(taken->status == fresh->status);
  CHECK(shape(taken) == shape(fresh));
  CHECK(json_of(fresh)["email"] == "lena@vogel.test");
  CHECK(json_of(taken)["email"] == "owner@acme.test");
  CHECK(json_of(fresh)["next"] == "sign_in");
  CHECK_FALSE(fresh->has_header("Set-Cookie")); // nobody is signed in by either
  CHECK_FALSE(taken->has_header("Set-Cookie"));

  // The new person signs in with the password they chose; the registered account keeps its own.
  Session lena(server(), "lena@vogel.test", "a-long-password");
  CHECK(json_of(lena.get("/api/v1/me"))["person"]["name"] == "Lena Vogel");
  Session owner(server(), "owner@acme.test", "demo-password");
  CHECK(json_of(owner.get("/api/v1/me"))["person"]["name"] != "Mallory");
  auto mallory = anon.post("/api/v1/session", {{"email", "owner@acme.test"}, {"password", "mallorys-password"}});
  CHECK(mallory->status == 401);

  // Signing up again with the same new email: the same answer, and the first password stays.
  auto again = anon.post("/api/v1/accounts", {{"email", "Lena@Vogel.test"}, {"name", "Lena"}, {"password", "another-password"}});
  CHECK(again->status == 202);
  CHECK(shape(again) == shape(fresh));
  CHECK(anon.post("/api/v1/session", {{"email", "lena@vogel.test"}, {"password", "another-password"}})->status == 401);
}

} // namespace test_server_sign_up
