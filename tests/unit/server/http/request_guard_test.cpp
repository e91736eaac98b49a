#include "server/http/request_guard.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_http_request_guard { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::http;

namespace {

httplib::Request request(const std::string& method, const std::string& path, httplib::Headers headers = {}) {
  httplib::Request r;
  r.method = method;
  r.path = path;
  r.headers = std::move(headers);
  return r;
}

bool refused(const httplib::Request& req) {
  httplib::Response res;
  const bool out = refuse_cross_site_write(req, res);
  if (out) CHECK(res.status == 403);
  return out;
}

const std::string key = "Bearer pdk_" + std::string(64, 'a');
const std::string billing = "/api/v1/programs/1/billing/payments";

} // namespace

TEST_CASE("unsafe API requests need X-Requested-With; reads and non-API paths do not") {
  CHECK(refused(request("POST", "/api/v1/programs/1/commands")));
  CHECK(refused(request("DELETE", "/api/v1/session")));
  CHECK_FALSE(refused(request("POST", "/api/v1/programs/1/commands", {{"X-Requested-With", "partnerdesk"}})));
  CHECK_FALSE(refused(request("GET", "/api/v1/programs/1/snapshot")));
  CHECK_FALSE(refused(request("POST", "/somewhere")));
}

TEST_CASE("the billing route is exempt only with a Bearer key and without a session cookie") {
  CHECK_FALSE(refused(request("POST", billing, {{"Authorization", key}})));
  CHECK_FALSE(refused(request("POST", billing, {{"Authorization", key}, {"Cookie", "theme=dark"}})));
  CHECK(refused(request("POST", billing)));
  CHECK(refused(request("POST", billing, {{"Authorization", "Basic abc"}})));
  CHECK(refused(request("POST", billing, {{"Authorization", key}, {"Cookie", "pd_session=" + std::string(64, 'b')}})));
  CHECK(refused(request("POST", billing, {{"Authorization", key}, {"Cookie", "theme=dark; pd_session=x"}})));
  CHECK(refused(request("POST", billing, {{"Authorization", key}, {"Cookie", "theme=dark"}, {"Cookie", "pd_session=x"}})));
  CHECK(refused(request("POST", billing, {{"Authorization", key}, {"Authorization", key}})));
  // Other routes, other methods and look-alike paths are not exempt.
  CHECK(refused(request("POST", "/api/v1/programs/1/commands", {{"Authorization", key}})));
  CHECK(refused(request("PUT", billing, {{"Authorization", key}})));
  CHECK(refused(request("POST", billing + "/x", {{"Authorization", key}})));
  CHECK(refused(request("POST", "/api/v1/programs/1/billing/payments2", {{"Authorization", key}})));
}

TEST_CASE("cookies are found by name among others") {
  CHECK(has_cookie(request("GET", "/", {{"Cookie", "a=1; pd_session=x; b=2"}}), "pd_session"));
  CHECK(has_cookie(request("GET", "/", {{"Cookie", "pd_session="}}), "pd_session"));
  CHECK_FALSE(has_cookie(request("GET", "/", {{"Cookie", "xpd_session=1; pd_session_old=2"}}), "pd_session"));
  CHECK_FALSE(has_cookie(request("GET", "/"), "pd_session"));
}

TEST_CASE("a request is secure with --cookie-secure, or when the trusted proxy forwards https") {
  pd::config::Options plain;
  auto from = [](const std::string& addr, httplib::Headers h) {
    auto r = request("GET", "/api/v1/me", std::move(h));
    r.remote_addr = addr;
    return r;
  };
  CHECK_FALSE(secure_request(from("10.0.0.1", {{"X-Forwarded-Proto", "https"}}), plain)); // no proxy trusted
  pd::config::Options proxied;
  proxied.trusted_proxy = "10.0.0.1";
  CHECK(secure_request(from("10.0.0.1", {{"X-Forwarded-Proto", "https"}}), proxied));
  CHECK(secure_request(from("10.0.0.1", {{"X-Forwarded-Proto", "http, https"}}), proxied));
  CHECK_FALSE(secure_request(from("10.0.0.1", {{"X-Forwarded-Proto", "http"}}), proxied));
  CHECK_FALSE(secure_request(from("10.0.0.1", {}), proxied));
  CHECK_FALSE(secure_request(from("10.0.0.2", {{"X-Forwarded-Proto", "https"}}), proxied)); // not the proxy
  CHECK_FALSE(secure_request(from("10.0.0.1", {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Proto", "https"}}), proxied));
  pd::config::Options always;
  always.cookie_secure = true;
  CHECK(secure_request(from("10.0.0.9", {}), always));
}

TEST_CASE("the billing route's exemption also ends with the __Host- session cookie") {
  CHECK(refused(request("POST", billing, {{"Authorization", key}, {"Cookie", "__Host-pd_session=" + std::string(64, 'b')}})));
}

} // namespace test_unit_server_http_request_guard

namespace test_unit_server_http_request_guard {

TEST_CASE("the rate limit refills per minute and survives a wall clock stepped back") {
  RateLimiter limiter(60, 3); // one a second, three at once
  const std::int64_t now = 50'000'000;
  CHECK(limiter.take("10.0.0.1", now) == 0);
  CHECK(limiter.take("10.0.0.1", now) == 0);
  CHECK(limiter.take("10.0.0.1", now) == 0);
  CHECK(limiter.take("10.0.0.1", now) == 1000); // empty: one token a second
  CHECK(limiter.take("10.0.0.2", now) == 0);    // another address has its own bucket
  CHECK(limiter.take("10.0.0.1", now + 1000) == 0);
  // The clock steps back eleven minutes: no eleven-minute lockout, the bucket goes on from there.
  CHECK(limiter.take("10.0.0.1", now + 1000 - 660'000) == 1000);
  CHECK(limiter.take("10.0.0.1", now + 2000 - 660'000) == 0);
}

} // namespace test_unit_server_http_request_guard
