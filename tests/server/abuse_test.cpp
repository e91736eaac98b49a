// Attack classes known against HTTP servers of this kind, rate limits, forged client
// addresses, and many open live streams.
#include "api_client.hpp"
#include "raw_socket.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>

namespace test_server_abuse { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {
ServerProcess& server() {
  static ServerProcess s({"--read-timeout", "2"});
  return s;
}
std::string gzip_of(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
bool healthy() {
  auto r = server().client().Get("/healthz");
  return r && r->status == 200;
}
// TCP connections to 127.0.0.1:port established now, seen from the connecting side (the kernel's
// table: whether the server has taken them yet or not).
int connections_to(int port) {
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  std::getline(tcp, line); // the header
  char remote[16];
  std::snprintf(remote, sizeof remote, "0100007F:%04X", static_cast<unsigned>(port));
  int n = 0;
  while (std::getline(tcp, line)) {
    std::istringstream fields(line);
    std::string slot, local, rem, state;
    fields >> slot >> local >> rem >> state;
    if (rem == remote && state == "01") ++n;
  }
  return n;
}
} // namespace

TEST_CASE("too many or too long headers get 431 with the JSON error shape") {
  std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 80; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  RawSocket a(server().port());
  a.send(many + "\r\n");
  auto ra = a.receive("}");
  CHECK(RawSocket::status_of(ra) == 431);
  CHECK(ra.find("\"code\":\"invalid_field\"") != std::string::npos);

  RawSocket b(server().port());
  b.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(10000, 'a') + "\r\n\r\n");
  CHECK(RawSocket::status_of(b.receive("}")) == 431);

  // Far past the library's own backstop: refused before any handler, never a crash.
  RawSocket c(server().port());
  c.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Huge: " + std::string(100000, 'a') + "\r\n\r\n");
  CHECK(RawSocket::status_of(c.receive()) == 400);
  CHECK(healthy());
}

TEST_CASE("chunked bodies: a huge or negative chunk size, or an endless body, are bounded") {
  const std::string head = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Requested-With: partnerdesk\r\n"
                           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  // Each answer is read up to the end of its JSON body, not until the server closes the
  // connection a read timeout later.
  RawSocket huge(server().port());
  huge.send(head + "FFFFFFFFFFFFFFFF\r\nabc\r\n");
  auto rh = RawSocket::status_of(huge.receive("}"));
  CHECK((rh == 400 || rh == 413));
  RawSocket negative(server().port());
  negative.send(head + "-5\r\nabc\r\n0\r\n\r\n");
  CHECK(RawSocket::status_of(negative.receive("}")) == 400);
  // A body that never ends: chunks past the 1 MiB limit are refused with 413.
  RawSocket endless(server().port(), 10000);
  endless.send(head);
  std::string chunk = "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
  for (int i = 0; i < 20 && endless.send(chunk); ++i) {
  }
  CHECK(RawSocket::status_of(endless.receive("}")) == 413);
  // A body that stops arriving: at the read timeout the server gives up on it (400, or closes).
  RawSocket stalled(server().port(), 6000);
  stalled.send(head + "10\r\nabc");
  auto start = Clock::now();
  auto rs = stalled.receive("}");
  CHECK(ms_since(start) < 5500);
  CHECK((rs.empty() || RawSocket::status_of(rs) == 400));
  CHECK(healthy());
}

TEST_CASE("a compressed body that inflates past the limit gets 413") {
  auto bomb = gzip_of(R"({"email":"a@b.test","password":")" + std::string(8 * 1024 * 1024, 'a') + "\"}");
  CHECK(bomb.size() < 64 * 1024);
  auto c = server().client();
  httplib::Headers h = {{"X-Requested-With", "partnerdesk"}, {"Content-Encoding", "gzip"}};
  auto r = c.Post("/api/v1/session", h, bomb, "application/json");
  REQUIRE(r);
  CHECK(r->status == 413);
  // A small compressed body is read normally.
  auto small = c.Post("/api/v1/session", h, gzip_of(R"({"email":"owner@acme.test","password":"demo-password"})"), "application/json");
  CHECK(small->status == 200);
}

// The limits below refill one request a minute: none comes back while a test runs, however
// slow the machine (at 60 a minute, one second of delay gave one request more).
TEST_CASE("per-address rate limit: 429 with Retry-After; a forged X-Forwarded-For changes nothing") {
  ServerProcess limited({"--rate-limit", "1", "--rate-burst", "5"}, false);
  auto c = limited.client();
  int ok = 0, limited_count = 0;
  for (int i = 0; i < 8; ++i) {
    auto r = c.Get("/healthz", {{"X-Forwarded-For", "10.0.0." + std::to_string(i)}});
    REQUIRE(r);
    if (r->status == 200) ++ok;
    if (r->status == 429) {
      ++limited_count;
      CHECK(r->has_header("Retry-After"));
      CHECK(json_of(r)["error"]["code"] == "rate_limited");
    }
  }
  CHECK(ok == 5);
  CHECK(limited_count == 3);
  auto metrics = c.Get("/metrics");
  CHECK(metrics->status == 429); // still the same address
}

TEST_CASE("behind a trusted proxy, X-Forwarded-For names the client") {
  ServerProcess proxied({"--rate-limit", "1", "--rate-burst", "2", "--trusted-proxy", "127.0.0.1"}, false);
  auto c = proxied.client();
  for (int i = 0; i < 6; ++i) CHECK(c.Get("/healthz", {{"X-Forwarded-For", "203.0.113.7, 10.0.0." + std::to_string(i)}})->status == 200);
  CHECK(c.Get("/healthz", {{"X-Forwarded-For", "10.0.0.1"}})->status == 200);
  CHECK(c.Get("/healthz", {{"X-Forwarded-For", "10.0.0.1"}})->status == 429);
}

TEST_CASE("slow clients (slowhttptest, slowloris mode) do not starve other requests") {
  // A missing tool fails the test: nothing else checks slow clients.
  REQUIRE_MESSAGE(std::system("command -v slowhttptest >/dev/null 2>&1") == 0,
                  "slowhttptest is not installed (Debian package slowhttptest, installed by scripts/setup.sh)");
  ServerProcess s({"--read-timeout", "5"}, false);
  std::string cmd = "timeout 30 slowhttptest -H -c 400 -r 200 -i 4 -l 12 -t GET -u http://127.0.0.1:" + std::to_string(s.port()) +
                    "/healthz -x 10 -p 3 -g -o /tmp/pd-slowloris-" + std::to_string(::getpid()) + " >/dev/null 2>&1";
  int attack_status = -1;
  std::thread attack([&] { attack_status = std::system(cmd.c_str()); });
  // The probes start once the attack holds its connections: at least half of its 400 open to
  // the server (however long a loaded machine takes to start slowhttptest).
  const auto held_from = Clock::now();
  int held = 0;
  while ((held = connections_to(s.port())) < 200 && ms_since(held_from) < 30000) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  INFO("attack connections open: " << held);
  REQUIRE(held >= 200);
  double worst = 0;
  auto c = s.client();
  for (int i = 0; i < 20; ++i) {
    auto start = Clock::now();
    auto r = c.Get("/healthz");
    REQUIRE(r);
    CHECK(r->status == 200);
    worst = std::max(worst, ms_since(start));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  attack.join();
  // 126/127: the shell could not run it; timeout's 124 means the attack ran its full course.
  CHECK_MESSAGE((WIFEXITED(attack_status) && WEXITSTATUS(attack_status) != 126 && WEXITSTATUS(attack_status) != 127),
                "slowhttptest did not run (status " << attack_status << ")");
  MESSAGE("worst /healthz latency under slowloris: " << worst << " ms");
  CHECK(worst < 2000); // starved requests would wait for the attack's connections to time out
}

// bench/run.sh measures the same on the release build (pd_bench_stream_latency).
TEST_CASE("with 1,000 open live streams, /healthz and API reads answer within 100 ms") {
  rlimit r{};
  getrlimit(RLIMIT_NOFILE, &r);
  r.rlim_cur = r.rlim_max;
  setrlimit(RLIMIT_NOFILE, &r);
  REQUIRE(r.rlim_cur >= 2200);
  // One sign-in holds all 1,000 (the per-sign-in, per-person and per-address limits raised
  // above them), so the server's total of 1,000 is the limit reached; it stays 436 threads
  // below --max-threads (--stream-reserve 64 by default).
  ServerProcess s({"--max-threads", "1500", "--max-streams", "1000", "--streams-per-session", "2000", "--streams-per-person", "2000",
                   "--streams-per-address", "2000"});
  Session staff(s, "staff@acme.test");
  std::vector<RawSocket> streams;
  streams.reserve(1000);
  // As the browser does: the stream continues from the snapshot's version.
  const auto version = json_of(staff.get("/api/v1/programs/1/snapshot"))["version"].get<std::int64_t>();
  const std::string request = "GET /api/v1/programs/1/stream?after=" + std::to_string(version) +
                              " HTTP/1.1\r\nHost: x\r\nCookie: " + staff.cookie() + "\r\n\r\n";
  for (int i = 0; i < 1000; ++i) {
    streams.emplace_back(s.port(), 10000);
    REQUIRE(streams.back().connected());
    streams.back().send(request);
  }
  int open = 0;
  std::string missed;
  for (std::size_t i = 0; i < streams.size(); ++i) {
    auto got = streams[i].receive("connected");
    if (got.find("connected") != std::string::npos) ++open;
    else if (missed.empty()) missed = "stream " + std::to_string(i) + " got '" + got.substr(0, 300) + "'";
  }
  CAPTURE(missed);
  CHECK(open == 1000);
  auto metrics = s.client().Get("/metrics");
  CHECK(metrics->body.find("pd_open_streams 1000") != std::string::npos);
  // The 1,001st stream is refused at once (503): the streams never take the reserved threads.
  RawSocket extra(s.port(), 10000);
  extra.send(request);
  auto refused = extra.receive("}}");
  CAPTURE(refused);
  CHECK(RawSocket::status_of(refused) == 503);
  CHECK(refused.find("\"field\":\"streams_total\"") != std::string::npos);
  // A latency target is a percentile: 50 samples apart in time, so that one pause of the machine
  // (this suite runs beside the unit suite on two cores) touches one sample, not the verdict.
  // 48 of 50 answer within 100 ms, and none takes a second, which a starved pool would.
  std::vector<double> health, read;
  for (int i = 0; i < 50; ++i) {
    auto t = Clock::now();
    CHECK(s.client().Get("/healthz")->status == 200);
    health.push_back(ms_since(t));
    t = Clock::now();
    CHECK(staff.get("/api/v1/programs/1/customers?limit=20")->status == 200);
    read.push_back(ms_since(t));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::sort(health.begin(), health.end());
  std::sort(read.begin(), read.end());
  MESSAGE("with 1000 streams: /healthz p96 " << health[47] << " ms, worst " << health.back() << " ms; customer list p96 " << read[47]
                                             << " ms, worst " << read.back() << " ms");
  CHECK(health[47] < 100);
  CHECK(read[47] < 100);
  CHECK(health.back() < 1000);
  CHECK(read.back() < 1000);
}

TEST_CASE("/metrics reports requests, latency, events and streams") {
  auto c = server().client();
  c.Get("/healthz");
  auto m = c.Get("/metrics");
  REQUIRE(m);
  CHECK(m->status == 200);
  CHECK(m->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
  for (const char* name : {"pd_http_requests_total{status=\"2xx\"}", "pd_http_request_duration_seconds_bucket{le=\"0.1\"}",
                           "pd_http_request_duration_seconds_count", "pd_events_appended_total", "pd_open_streams", "pd_rate_limited_total",
                           "pd_stream_capacity 1024", "pd_streams_refused_total{limit=\"person\"}", "pd_http_threads", "pd_http_threads_busy"})
    CHECK(m->body.find(name) != std::string::npos);
}

} // namespace test_server_abuse
