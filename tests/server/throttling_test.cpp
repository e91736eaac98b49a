// Sign-in throttling as an attacker meets it: failures from elsewhere never lock the owner out
// of their usual address, one address trying many accounts waits longer and longer, and
// attempts sent at once are counted at once. The server trusts 127.0.0.1 as its proxy, so each
// request names its client address in X-Forwarded-For.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace test_server_throttling { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

ServerProcess& server() {
  static ServerProcess s({"--trusted-proxy", "127.0.0.1", "--hash-wait-ms", "20000"});
  return s;
}

httplib::Result sign_in(const ServerProcess& s, const std::string& email, const std::string& password, const std::string& address) {
  auto c = s.client();
  c.set_read_timeout(60);
  auto headers = api_headers();
  headers.emplace("X-Forwarded-For", address);
  return c.Post("/api/v1/session", headers, json{{"email", email}, {"password", password}}.dump(), "application/json");
}

int retry_after(const httplib::Result& r) { return std::atoi(r->get_header_value("Retry-After").c_str()); }

} // namespace

TEST_CASE("an attacker elsewhere cannot lock the owner out: the right password from their usual address signs in") {
  const std::string owner = "owner@brightside.test";
  REQUIRE(sign_in(server(), owner, "demo-password", "10.1.0.1")->status == 200); // Rosa's usual address

  // Someone guesses at Rosa's account from three addresses of their own until refused.
  int refused = 0;
  for (int i = 0; i < 30; ++i) {
    auto r = sign_in(server(), owner, "guess-" + std::to_string(i), "10.66.0." + std::to_string(i % 3));
    REQUIRE(r);
    CHECK((r->status == 401 || r->status == 429));
    if (r->status == 429) {
      ++refused;
      CHECK(r->has_header("Retry-After"));
      CHECK(json_of(r)["error"]["code"] == "rate_limited");
    }
  }
  CHECK(refused > 0); // the guesser is slowed down
  CHECK(sign_in(server(), owner, "demo-password", "10.66.0.1")->status == 429);

  // Rosa, from her usual address, signs in at once, and again later.
  auto rosa = sign_in(server(), owner, "demo-password", "10.1.0.1");
  REQUIRE(rosa);
  CHECK(rosa->status == 200);
  CHECK(json_of(rosa)["person"]["email"] == owner);
  CHECK(sign_in(server(), owner, "demo-password", "10.1.0.1")->status == 200);
}

TEST_CASE("one address trying many accounts waits longer and longer; other addresses do not") {
  const std::string attacker = "10.77.0.1";
  httplib::Result first;
  int n = 0;
  for (; n < 40; ++n) {
    auto r = sign_in(server(), "nobody-" + std::to_string(n) + "@spray.test", "guess", attacker);
    REQUIRE(r);
    if (r->status == 429) {
      first = std::move(r);
      break;
    }
    CHECK(r->status == 401);
  }
  REQUIRE(first);
  CHECK(n >= 5); // a few mistakes are free
  const int wait1 = retry_after(first);
  CHECK(wait1 >= 1);
  // A new account from the same address waits too; the same account from elsewhere does not.
  CHECK(sign_in(server(), "someone-else@spray.test", "guess", attacker)->status == 429);
  CHECK(sign_in(server(), "someone-else@spray.test", "guess", "10.77.0.2")->status == 401);

  // Once the wait has passed, one more failure makes the next wait longer.
  httplib::Result next;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < until) {
    next = sign_in(server(), "nobody-later@spray.test", "guess", attacker);
    REQUIRE(next);
    if (next->status != 429) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(next->status == 401);
  auto after = sign_in(server(), "nobody-last@spray.test", "guess", attacker);
  REQUIRE(after->status == 429);
  CHECK(retry_after(after) > wait1);
}

TEST_CASE("sign-ins sent at once count as they start: a burst gets no more tries than one by one") {
  const std::string victim = "agent@acme.test", address = "10.88.0.1";
  constexpr int burst = 12;
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<int> statuses(burst, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < burst; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (!go) std::this_thread::yield();
      auto r = sign_in(server(), victim, "wrong-" + std::to_string(i), address);
      statuses[i] = r ? r->status : -1;
    });
  }
  while (ready < burst) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
  int tried = 0, refused = 0;
  for (int s : statuses) {
    if (s == 401) ++tried;
    if (s == 429) ++refused;
  }
  CHECK(tried + refused == burst);
  CHECK(tried <= 5); // the free tries of one account from one address
  CHECK(refused >= burst - 5);
  // The owner of that account, from their own address, is not affected.
  CHECK(sign_in(server(), victim, "demo-password", "10.3.0.1")->status == 200);
}

} // namespace test_server_throttling
