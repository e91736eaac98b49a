// Reliability: commands keep arriving while the server is killed with SIGKILL at random
// moments and restarted, many times. Afterwards every acknowledged command is present
// exactly once, unacknowledged ones are resolved by retrying with the same command id, and
// the projections agree with a replay of the event log.
#include "api_client.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <random>
#include <set>
#include <thread>

namespace test_server_crash { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
json profile(const std::string& email) {
  return {{"name", "Crash Co"}, {"email", email}, {"segment", "Growth"}, {"subscription", "active"},
          {"started_on", "2026-05-01"}, {"mrr", {{"minor", 1000}, {"currency", "USD"}}}};
}
} // namespace

TEST_CASE("kill -9 at random moments: every acknowledged command is kept exactly once") {
  auto dir = std::filesystem::temp_directory_path() / ("pd-crash-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::vector<std::string> data = {"--data", dir.string()};
  std::mt19937 rng(20261122);
  std::map<std::string, std::string> acknowledged; // command id -> email
  std::map<std::string, std::string> uncertain;    // sent, no answer seen
  int sent = 0;
  const int rounds = 8;

  for (int round = 0; round < rounds; ++round) {
    auto s = std::make_unique<ServerProcess>(data, /*demo=*/round == 0);
    Session staff(*s, "staff@acme.test");
    // Resolve commands whose answer was lost in the previous crash: a retry with the same id
    // either reports the first result or applies it now, never twice.
    for (auto it = uncertain.begin(); it != uncertain.end();) {
      auto r = staff.command(1, "AddCustomer", {{"profile", profile(it->second)}}, it->first);
      REQUIRE(r);
      REQUIRE(r->status == 200);
      acknowledged[it->first] = it->second;
      it = uncertain.erase(it);
    }
    std::atomic<bool> stop{false};
    std::thread writer([&] {
      while (!stop) {
        auto id = "crash-" + std::to_string(round) + "-" + std::to_string(++sent);
        auto email = id + "@crash.test";
        uncertain[id] = email;
        auto r = staff.command(1, "AddCustomer", {{"profile", profile(email)}}, id);
        if (r && r->status == 200) {
          acknowledged[id] = email;
          uncertain.erase(id);
        } else if (r) {
          FAIL_CHECK("unexpected status " << r->status << " " << r->body);
          break;
        } else {
          break; // connection lost: the server is gone
        }
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(150, 700)(rng)));
    s->kill_hard();
    stop = true;
    writer.join();
    // The projections written in the same transactions as the events agree with a replay.
    auto [code, out_] = run_server_command({"check", "--data", dir.string()});
    const auto& out = out_; // clang 14: a lambda (CAPTURE) cannot name a structured binding
    CAPTURE(out);
    CHECK(code == 0);
  }

  ServerProcess last(data, false);
  Session staff(last, "staff@acme.test");
  for (const auto& [id, email] : uncertain) {
    auto r = staff.command(1, "AddCustomer", {{"profile", profile(email)}}, id);
    REQUIRE(r);
    CHECK(r->status == 200);
    acknowledged[id] = email;
  }
  std::multiset<std::string> emails;
  std::int64_t after = 0;
  for (;;) {
    auto page = json_of(staff.get("/api/v1/programs/1/customers?limit=200&after_id=" + std::to_string(after)));
    for (const auto& c : page["items"]) emails.insert(c["profile"]["email"].get<std::string>());
    if (page["next_after_id"].is_null()) break;
    after = page["next_after_id"].get<std::int64_t>();
  }
  MESSAGE(rounds << " SIGKILLs, " << acknowledged.size() << " commands acknowledged");
  CHECK(acknowledged.size() > static_cast<std::size_t>(rounds));
  for (const auto& [id_, email] : acknowledged) {
    const auto& id = id_; // clang 14: a lambda (CAPTURE) cannot name a structured binding
    CAPTURE(id);
    CHECK(emails.count(email) == 1);
  }
  std::size_t crash_rows = 0;
  for (const auto& e : emails) crash_rows += e.find("@crash.test") != std::string::npos ? 1 : 0;
  CHECK(crash_rows == acknowledged.size());
  last.stop();
  CHECK(run_server_command({"check", "--data", dir.string()}).first == 0);
  std::filesystem::remove_all(dir);
}

} // namespace test_server_crash
