// Password hashing (argon2id, 64 MiB each) is bounded: a burst of sign-ins and sign-ups runs
// only --hash-concurrency hashes at once; the rest wait up to --hash-wait-ms and then get 503
// with Retry-After, and the server's memory stays bounded. Each request names its own client
// address (X-Forwarded-For from the trusted 127.0.0.1) so the sign-in throttle stays out of the way.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <thread>
#include <vector>

namespace test_server_hashing_limit { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

// A field of /proc/PID/status in KiB (VmRSS: resident now; VmHWM: the most resident so far).
long proc_status_kib(int pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
  return -1;
}

struct Answer {
  int status = -1;
  std::string retry_after;
  json body;
};

// Sends all requests at once (one thread and connection each) and returns the answers in order.
std::vector<Answer> burst(const ServerProcess& s, const std::vector<std::pair<std::string, json>>& requests) {
  std::vector<Answer> answers(requests.size());
  std::atomic<std::size_t> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    threads.emplace_back([&, i] {
      auto c = s.client();
      c.set_read_timeout(120);
      auto headers = api_headers();
      headers.emplace("X-Forwarded-For", "10.50." + std::to_string(i / 200) + "." + std::to_string(i % 200));
      ++ready;
      while (!go) std::this_thread::yield();
      auto r = c.Post(requests[i].first, headers, requests[i].second.dump(), "application/json");
      if (!r) return;
      answers[i] = {r->status, r->get_header_value("Retry-After"), json::parse(r->body, nullptr, false)};
    });
  }
  while (ready < requests.size()) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
  return answers;
}

constexpr long mib = 1024; // in KiB

} // namespace

TEST_CASE("a burst of sign-ins and sign-ups hashes one at a time: the rest get 503 with Retry-After, memory stays bounded") {
  ServerProcess s({"--trusted-proxy", "127.0.0.1", "--hash-concurrency", "1", "--hash-wait-ms", "20", "--threads", "48"});
  REQUIRE(s.pid() > 0);
  const long before = proc_status_kib(s.pid(), "VmRSS");
  REQUIRE(before > 0);

  std::vector<std::pair<std::string, json>> requests;
  for (int i = 0; i < 20; ++i)
    requests.push_back({"/api/v1/session", {{"email", "unknown-" + std::to_string(i) + "@burst.test"}, {"password", "guess-guess"}}});
  for (int i = 0; i < 20; ++i)
    requests.push_back({"/api/v1/accounts", {{"email", "new-" + std::to_string(i) + "@burst.test"}, {"name", "New"},
                                             {"password", "a-long-password"}}});
  auto answers = burst(s, requests);

  int busy_sign_in = 0, busy_sign_up = 0;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto& a = answers[i];
    const bool sign_in = i < 20;
    if (a.status == 503) {
      (sign_in ? busy_sign_in : busy_sign_up) += 1;
      CHECK(a.retry_after == "1");
      CHECK(a.body["error"]["code"] == "rate_limited");
      CHECK_FALSE(a.body["error"]["message"].get<std::string>().empty());
    } else {
      CHECK(a.status == (sign_in ? 401 : 202));
    }
  }
  CHECK(busy_sign_in > 0);
  CHECK(busy_sign_up > 0);

  // Forty requests at once, 64 MiB each unbounded: up to 2.5 GiB (without the gate this burst
  // grew the debug server by about 650 MiB). One at a time stays far below.
  const long peak = proc_status_kib(s.pid(), "VmHWM");
  INFO("resident before: " << before / mib << " MiB, peak: " << peak / mib << " MiB");
  CHECK(peak - before < 4 * 64 * mib);

  // The server is answering: a sign-in after the burst works.
  auto c = s.client();
  auto ok = c.Post("/api/v1/session", api_headers(), R"({"email":"owner@acme.test","password":"demo-password"})", "application/json");
  REQUIRE(ok);
  CHECK(ok->status == 200);
}

TEST_CASE("within the wait, a burst of sign-ins queues for the hashing slot and every one is answered") {
  ServerProcess s({"--trusted-proxy", "127.0.0.1", "--hash-concurrency", "1", "--hash-wait-ms", "60000"});
  const long before = proc_status_kib(s.pid(), "VmRSS");
  std::vector<std::pair<std::string, json>> requests;
  for (const char* email : {"owner@acme.test", "staff@acme.test", "agent@acme.test", "customer@acme.test", "priya@acme.test",
                            "owner@brightside.test"})
    requests.push_back({"/api/v1/session", {{"email", email}, {"password", "demo-password"}}});
  auto answers = burst(s, requests);
  for (std::size_t i = 0; i < answers.size(); ++i) {
    INFO(requests[i].second["email"]);
    CHECK(answers[i].status == 200);
  }
  const long peak = proc_status_kib(s.pid(), "VmHWM");
  CHECK(peak - before < 4 * 64 * mib);
}

} // namespace test_server_hashing_limit
