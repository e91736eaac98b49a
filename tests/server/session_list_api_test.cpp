// A person's list of sessions over real HTTP: each sign-in with its browser and address, the one
// asking marked current, and ending another one (which then answers 401) or the current one.
#include "server_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace test_server_session_list_api { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s;
  return s;
}
json body_of(const httplib::Result& r) { return json::parse(r->body, nullptr, false); }
const char* kJson = "application/json";

std::string sign_in(const std::string& email, const std::string& user_agent) {
  auto headers = api_headers();
  headers.emplace("User-Agent", user_agent);
  auto r = server().client().Post("/api/v1/session", headers, json{{"email", email}, {"password", "demo-password"}}.dump(), kJson);
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return session_cookie_of(r);
}
} // namespace

TEST_CASE("a person sees each session with its browser and address, and ends another one") {
  auto c = server().client();
  const auto laptop = sign_in("marco@acme.test", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
  const auto phone = sign_in("marco@acme.test",
                             "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                             "Version/17.5 Mobile/15E148 Safari/604.1");
  auto list = c.Get("/api/v1/account/sessions", api_headers(laptop));
  REQUIRE(list->status == 200);
  CHECK(list->get_header_value("Cache-Control") == "no-store");
  const auto items = body_of(list)["items"];
  REQUIRE(items.size() >= 2);
  json mine, other;
  for (const auto& s : items) {
    if (s["current"] == true) mine = s;
    if (s["browser"] == "Safari on iPhone") other = s;
  }
  REQUIRE(mine.is_object());
  REQUIRE(other.is_object());
  CHECK(mine["browser"] == "Firefox on Linux");
  CHECK(mine["address"] == "127.0.0.1");
  CHECK(mine["last_seen_at"].get<std::int64_t>() >= mine["created_at"].get<std::int64_t>());
  CHECK(other["current"] == false);
  CHECK_FALSE(list->body.find("token") != std::string::npos); // never the token or its hash

  // Another person cannot end it, and an unknown id is the same answer.
  const auto priya = sign_in("priya@acme.test", "curl/8.0");
  auto foreign = c.Delete("/api/v1/account/sessions/" + std::to_string(other["id"].get<std::int64_t>()), api_headers(priya));
  CHECK(foreign->status == 404);
  CHECK(body_of(foreign)["error"]["field"] == "session_id");
  CHECK(c.Delete("/api/v1/account/sessions/999999999", api_headers(laptop))->status == 404);
  CHECK(c.Get("/api/v1/me", api_headers(phone))->status == 200);

  auto ended = c.Delete("/api/v1/account/sessions/" + std::to_string(other["id"].get<std::int64_t>()), api_headers(laptop));
  CHECK(ended->status == 204);
  CHECK_FALSE(ended->has_header("Set-Cookie")); // this browser stays signed in
  CHECK(c.Get("/api/v1/me", api_headers(phone))->status == 401);
  CHECK(c.Get("/api/v1/me", api_headers(laptop))->status == 200);

  // Ending the current one signs this browser out.
  auto self = c.Delete("/api/v1/account/sessions/" + std::to_string(mine["id"].get<std::int64_t>()), api_headers(laptop));
  CHECK(self->status == 204);
  CHECK(self->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
  CHECK(c.Get("/api/v1/me", api_headers(laptop))->status == 401);
  CHECK(c.Get("/api/v1/account/sessions", api_headers())->status == 401);
}

TEST_CASE("a session id that is not a number is not a route") {
  const auto cookie = sign_in("sofia@acme.test", "curl/8.0");
  CHECK(server().client().Delete("/api/v1/account/sessions/abc", api_headers(cookie))->status == 404);
  CHECK(server().client().Delete("/api/v1/account/sessions/99999999999999999999999", api_headers(cookie))->status == 404);
}

} // namespace test_server_session_list_api
