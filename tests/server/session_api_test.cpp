// Sign-in, sign-out and /me over real HTTP against a real server process.
#include "raw_socket.hpp"
#include "server_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace test_server_session_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
// One server for the whole file: the demo program is loaded once.
ServerProcess& server() {
  static ServerProcess s;
  return s;
}
json body_of(const httplib::Result& r) { return json::parse(r->body, nullptr, false); }
const char* kJson = "application/json";
} // namespace

TEST_CASE("signing in with the demo agent sets a hardened session cookie and /me names the programs") {
  auto c = server().client();
  auto r = c.Post("/api/v1/session", api_headers(), R"({"email":"agent@acme.test","password":"demo-password"})", kJson);
  REQUIRE(r);
  CHECK(r->status == 200);
  std::string set_cookie; // the session's (a first sign-in also sets the device cookie)
  for (auto [it, end] = r->headers.equal_range("Set-Cookie"); it != end; ++it)
    if (it->second.rfind("pd_session=", 0) == 0) set_cookie = it->second;
  CHECK(set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(set_cookie.find("Max-Age=1209600") != std::string::npos);
  auto cookie = session_cookie_of(r);
  CHECK(cookie.size() == std::string("pd_session=").size() + 64); // 256-bit token as hex

  auto me = c.Get("/api/v1/me", api_headers(cookie));
  REQUIRE(me);
  CHECK(me->status == 200);
  auto j = body_of(me);
  CHECK(j["person"]["email"] == "agent@acme.test");
  CHECK(j["person"]["name"] == "Ava Martinez");
  REQUIRE(j["memberships"].size() == 2);
  CHECK(j["memberships"][0]["program_name"] == "Acme Analytics");
  CHECK(j["memberships"][0]["role"] == "agent");
  CHECK(j["memberships"][1]["program_name"] == "Brightside CRM");
}

TEST_CASE("every demo role signs in and sees its role in Acme Analytics") {
  auto c = server().client();
  const std::pair<const char*, const char*> roles[] = {
      {"owner@acme.test", "owner"}, {"staff@acme.test", "staff"}, {"trainee@acme.test", "agent"}, {"customer@acme.test", "customer"}};
  for (auto [email_, role] : roles) {
    const auto* email = email_; // clang 14: a lambda (CAPTURE) cannot name a structured binding
    CAPTURE(email);
    auto r = c.Post("/api/v1/session", api_headers(), json{{"email", email}, {"password", "demo-password"}}.dump(), kJson);
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto j = body_of(r);
    CHECK(j["memberships"][0]["program_name"] == "Acme Analytics");
    CHECK(j["memberships"][0]["role"] == role);
  }
}

TEST_CASE("email is matched case-insensitively and trimmed") {
  auto c = server().client();
  auto r = c.Post("/api/v1/session", api_headers(), R"({"email":"  Staff@ACME.test ","password":"demo-password"})", kJson);
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("wrong password and unknown account get the same 401 and no cookie") {
  auto c = server().client();
  auto wrong = c.Post("/api/v1/session", api_headers(), R"({"email":"owner@acme.test","password":"nope-nope"})", kJson);
  auto unknown = c.Post("/api/v1/session", api_headers(), R"({"email":"nobody@acme.test","password":"nope-nope"})", kJson);
  REQUIRE(wrong);
  REQUIRE(unknown);
  CHECK(wrong->status == 401);
  CHECK(unknown->status == 401);
  CHECK(wrong->body == unknown->body);
  CHECK(body_of(wrong)["error"]["code"] == "invalid_credentials");
  CHECK(body_of(wrong)["error"]["message"] == "Wrong email or password.");
  CHECK_FALSE(wrong->has_header("Set-Cookie"));
}

TEST_CASE("/me without a session, with a forged token or after sign-out is 401") {
  auto c = server().client();
  auto none = c.Get("/api/v1/me");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(body_of(none)["error"]["code"] == "unauthenticated");
  auto forged = c.Get("/api/v1/me", api_headers("pd_session=" + std::string(64, 'a')));
  CHECK(forged->status == 401);

  auto r = c.Post("/api/v1/session", api_headers(), R"({"email":"customer@acme.test","password":"demo-password"})", kJson);
  auto cookie = session_cookie_of(r);
  CHECK(c.Get("/api/v1/me", api_headers(cookie))->status == 200);
  auto out = c.Delete("/api/v1/session", api_headers(cookie));
  REQUIRE(out);
  CHECK(out->status == 204);
  CHECK(out->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
  CHECK(c.Get("/api/v1/me", api_headers(cookie))->status == 401);
}

TEST_CASE("signing in again rotates the session: the old token stops working") {
  auto c = server().client();
  auto first = session_cookie_of(c.Post("/api/v1/session", api_headers(), R"({"email":"staff@acme.test","password":"demo-password"})", kJson));
  auto second = session_cookie_of(c.Post("/api/v1/session", api_headers(first), R"({"email":"staff@acme.test","password":"demo-password"})", kJson));
  REQUIRE_FALSE(first.empty());
  REQUIRE_FALSE(second.empty());
  CHECK(first != second);
  CHECK(c.Get("/api/v1/me", api_headers(first))->status == 401);
  CHECK(c.Get("/api/v1/me", api_headers(second))->status == 200);
}

TEST_CASE("bad sign-in bodies get 400 naming the field") {
  auto c = server().client();
  struct Case { const char* body; const char* code; const char* field; };
  const Case cases[] = {
      {R"({"password":"x"})", "missing_field", "email"},
      {R"({"email":"owner@acme.test"})", "missing_field", "password"},
      {R"({"email":42,"password":"x"})", "invalid_field", "email"},
      {R"({"email":"not-an-email","password":"x"})", "invalid_field", "email"},
      {R"({"email":"owner@acme.test","password":"x","role":"owner"})", "unknown_field", "role"},
  };
  for (const auto& k : cases) {
    CAPTURE(k.body);
    auto r = c.Post("/api/v1/session", api_headers(), k.body, kJson);
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(body_of(r)["error"]["code"] == k.code);
    CHECK(body_of(r)["error"]["field"] == k.field);
  }
  auto malformed = c.Post("/api/v1/session", api_headers(), "{\"email\":", kJson);
  CHECK(malformed->status == 400);
  CHECK(body_of(malformed)["error"]["code"] == "invalid_json");
}

TEST_CASE("a body over the 1 MiB limit is refused with 413 and a JSON error") {
  // The server answers from the declared length, before the body, and closes: a client still
  // sending would find the connection gone (EPIPE) as often as not. So the request declares
  // its length, sends a first piece, and reads the answer.
  RawSocket s(server().port());
  REQUIRE(s.connected());
  const std::size_t length = 1024 * 1024 + 10;
  REQUIRE(s.send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Requested-With: partnerdesk\r\n"
                 "Content-Type: application/json\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n{\"email\":\"owner@acme.test\",\"password\":\"xxxx"));
  const auto response = s.receive("}}");
  INFO(response);
  CHECK(RawSocket::status_of(response) == 413);
  CHECK(response.find("\"payload_too_large\"") != std::string::npos);
}

TEST_CASE("writes without the CSRF header are refused") {
  auto c = server().client();
  auto r = c.Post("/api/v1/session", R"({"email":"owner@acme.test","password":"demo-password"})", kJson);
  REQUIRE(r);
  CHECK(r->status == 403);
  CHECK(body_of(r)["error"]["field"] == "X-Requested-With");
  CHECK_FALSE(r->has_header("Set-Cookie"));
}

TEST_CASE("unknown API routes answer 404 with the JSON error shape") {
  auto c = server().client();
  auto get = c.Get("/api/v1/nothing-here");
  REQUIRE(get);
  CHECK(get->status == 404);
  CHECK(body_of(get)["error"]["code"] == "not_found");
  auto post = c.Post("/api/v1/nothing-here", api_headers(), "{}", kJson);
  CHECK(post->status == 404);
  CHECK(body_of(post)["error"]["code"] == "not_found");
}

TEST_CASE("repeated failed sign-ins are slowed down with 429 and Retry-After") {
  ServerProcess own; // a fresh server: throttling state is per process
  auto c = own.client();
  int last = 0;
  for (int i = 0; i < 7; ++i) {
    auto r = c.Post("/api/v1/session", api_headers(), R"({"email":"owner@acme.test","password":"guess"})", kJson);
    REQUIRE(r);
    last = r->status;
    if (last == 429) {
      CHECK(r->has_header("Retry-After"));
      CHECK(body_of(r)["error"]["code"] == "rate_limited");
      break;
    }
  }
  CHECK(last == 429);
  // Even the right password waits until the delay has passed.
  auto right = c.Post("/api/v1/session", api_headers(), R"({"email":"owner@acme.test","password":"demo-password"})", kJson);
  CHECK(right->status == 429);
}

} // namespace test_server_session_api
