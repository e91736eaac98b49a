// Resource exhaustion: live streams each hold a server thread, so one person (sign-up is open)
// must not be able to open streams until no thread is left for anyone. Streams are limited per
// sign-in, per person and per client address (429), and in total (503), and the total stays
// below --max-threads by --stream-reserve so /healthz and other people's sign-ins still answer.
#include "api_client.hpp"
#include "raw_socket.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

namespace test_server_resource_exhaustion { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Polls `done` until it holds or `limit` passes; returns whether it held.
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = std::chrono::milliseconds(15000)) {
  const auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

// An open (or refused) live stream over a plain socket: the status, the error body if refused.
struct Stream {
  RawSocket socket;
  int status = 0;
  std::string response;
  json error() const {
    auto at = response.find("\r\n\r\n");
    return at == std::string::npos ? json() : json::parse(response.substr(at + 4), nullptr, false);
  }
  std::string header(const std::string& name) const {
    auto at = response.find("\r\n" + name + ": ");
    if (at == std::string::npos) return {};
    at += name.size() + 4;
    return response.substr(at, response.find("\r\n", at) - at);
  }
};

Stream open_stream(const ServerProcess& s, const std::string& cookie, const std::string& forwarded_for = {}) {
  Stream st{RawSocket(s.port(), 5000), 0, {}};
  std::string request = "GET /api/v1/programs/1/stream HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n";
  if (!forwarded_for.empty()) request += "X-Forwarded-For: " + forwarded_for + "\r\n";
  st.socket.send(request + "\r\n");
  st.response = st.socket.receive("\r\n\r\n");
  st.status = RawSocket::status_of(st.response);
  if (st.status == 200 && st.response.find("connected") == std::string::npos) st.response += st.socket.receive("connected");
  if (st.status != 200 && st.response.find("}}") == std::string::npos) st.response += st.socket.receive("}}");
  return st;
}

// A value of /metrics, e.g. metric(s, "pd_open_streams"); -1 if missing.
long metric(const ServerProcess& s, const std::string& name) {
  auto c = s.client();
  c.set_read_timeout(3, 0);
  auto r = c.Get("/metrics");
  if (!r) return -1;
  auto at = r->body.find("\n" + name + " ");
  if (at == std::string::npos) return -1;
  return std::stol(r->body.substr(at + name.size() + 2));
}

void check_refused(const Stream& st, int status, const std::string& field, int limit) {
  CAPTURE(st.response);
  CHECK(st.status == status);
  CHECK(st.header("Retry-After") == "5");
  auto e = st.error();
  CHECK(e["error"]["code"] == "rate_limited");
  CHECK(e["error"]["field"] == field);
  CHECK(e["error"]["limit"] == limit);
  CHECK_FALSE(e["error"]["message"].get<std::string>().empty());
}

} // namespace

TEST_CASE("one person is refused live streams past the per-sign-in and per-person limits; closed streams free their slots") {
  // The default limits (4 per sign-in, 8 per person) with a small pool: 16 threads, 4 kept for requests.
  ServerProcess s({"--threads", "2", "--max-threads", "16", "--stream-reserve", "4"});
  Session tab_a(s, "customer@acme.test"), tab_b(s, "customer@acme.test"), tab_c(s, "customer@acme.test");
  Session staff(s, "staff@acme.test");

  std::vector<Stream> a, b;
  for (int i = 0; i < 4; ++i) {
    a.push_back(open_stream(s, tab_a.cookie()));
    CHECK(a.back().status == 200);
  }
  check_refused(open_stream(s, tab_a.cookie()), 429, "streams_per_session", 4);
  // A second sign-in of the same person may open up to the person's limit of 8.
  for (int i = 0; i < 4; ++i) {
    b.push_back(open_stream(s, tab_b.cookie()));
    CHECK(b.back().status == 200);
  }
  check_refused(open_stream(s, tab_c.cookie()), 429, "streams_per_person", 8);
  // Someone else is not affected by the customer's limits.
  auto other = open_stream(s, staff.cookie());
  CHECK(other.status == 200);
  CHECK(metric(s, "pd_open_streams") == 9);
  CHECK(metric(s, "pd_streams_refused_total{limit=\"session\"}") == 1);
  CHECK(metric(s, "pd_streams_refused_total{limit=\"person\"}") == 1);

  // Closing two tabs frees two slots: the third sign-in then opens two streams, not three.
  a.pop_back();
  a.pop_back();
  CHECK(eventually([&] { return metric(s, "pd_open_streams") == 7; }));
  auto c1 = open_stream(s, tab_c.cookie());
  auto c2 = open_stream(s, tab_c.cookie());
  CHECK(c1.status == 200);
  CHECK(c2.status == 200);
  check_refused(open_stream(s, tab_c.cookie()), 429, "streams_per_person", 8);

  // Signing out ends that sign-in's streams and frees their slots too.
  CHECK(tab_b.del("/api/v1/session")->status == 204);
  CHECK(eventually([&] { return metric(s, "pd_open_streams") == 5; }));
  auto c3 = open_stream(s, tab_c.cookie());
  CHECK(c3.status == 200);
}

TEST_CASE("while the total stream cap is reached, /healthz and another person's sign-in still answer at once") {
  // 10 threads at most, 4 never given to streams: 6 streams in all.
  ServerProcess s({"--threads", "2", "--max-threads", "10", "--stream-reserve", "4"});
  CHECK(metric(s, "pd_stream_capacity") == 6);
  Session staff(s, "staff@acme.test"), agent(s, "agent@acme.test");
  std::vector<Stream> held;
  for (int i = 0; i < 4; ++i) held.push_back(open_stream(s, staff.cookie()));
  for (int i = 0; i < 2; ++i) held.push_back(open_stream(s, agent.cookie()));
  for (const auto& st : held) CHECK(st.status == 200);
  REQUIRE(metric(s, "pd_open_streams") == 6);

  // The cap is reached: every other request still finds a thread.
  double worst = 0;
  for (int i = 0; i < 20; ++i) {
    auto c = s.client();
    c.set_read_timeout(3, 0);
    const auto t = Clock::now();
    auto r = c.Get("/healthz");
    REQUIRE(r);
    CHECK(r->status == 200);
    worst = std::max(worst, ms_since(t));
  }
  MESSAGE("worst /healthz with the stream cap reached: " << worst << " ms");
  CHECK(worst < 500);
  const auto t = Clock::now();
  Session customer(s, "customer@acme.test"); // throws if the sign-in fails or times out
  MESSAGE("sign-in with the stream cap reached: " << ms_since(t) << " ms");
  CHECK(ms_since(t) < 3000);
  CHECK(customer.get("/api/v1/programs/1/snapshot")->status == 200);

  // A seventh stream, from a person under every limit of their own, gets 503.
  check_refused(open_stream(s, customer.cookie()), 503, "streams_total", 6);
  CHECK(metric(s, "pd_streams_refused_total{limit=\"total\"}") == 1);
  CHECK(metric(s, "pd_http_threads") <= 10);

  // Closing streams frees the cap for the refused person.
  held.pop_back();
  held.pop_back();
  CHECK(eventually([&] { return metric(s, "pd_open_streams") == 4; }));
  auto later = open_stream(s, customer.cookie());
  CHECK(later.status == 200);
}

TEST_CASE("live streams are limited per client address (as named by the trusted proxy)") {
  ServerProcess s({"--trusted-proxy", "127.0.0.1", "--streams-per-address", "3"});
  Session staff(s, "staff@acme.test"), agent(s, "agent@acme.test");
  const std::string office = "203.0.113.5", home = "198.51.100.7";
  std::vector<Stream> held;
  held.push_back(open_stream(s, staff.cookie(), office));
  held.push_back(open_stream(s, staff.cookie(), office));
  held.push_back(open_stream(s, agent.cookie(), office));
  for (const auto& st : held) CHECK(st.status == 200);
  check_refused(open_stream(s, agent.cookie(), office), 429, "streams_per_address", 3);
  // The same person from another address is admitted.
  auto elsewhere = open_stream(s, agent.cookie(), home);
  CHECK(elsewhere.status == 200);
  CHECK(metric(s, "pd_streams_refused_total{limit=\"address\"}") == 1);
}

TEST_CASE("a stream limit below one is refused at start-up with a message naming the flags") {
  auto [code, out] = run_server_command({"--threads", "4", "--max-threads", "8", "--stream-reserve", "8"});
  CHECK(code == 2);
  CHECK(out.find("--stream-reserve") != std::string::npos);
}

} // namespace test_server_resource_exhaustion
