// Opens N live event streams against a running server, then times /healthz and a signed-in
// customer read while they stay open. Prints "streams N open M worst_health_ms X worst_read_ms Y".
// Usage: pd_bench_stream_latency PORT COOKIE [streams=1000] [samples=50]
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

int open_stream(int port, const std::string& cookie, long long after) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  std::string req = "GET /api/v1/programs/1/stream?after=" + std::to_string(after) + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n\r\n";
  (void)::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  return fd;
}

bool saw_connected(int fd) {
  std::string got;
  char buf[4096];
  while (got.find("connected") == std::string::npos) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    got.append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

double ms_of(const std::chrono::steady_clock::time_point& t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s PORT COOKIE [streams] [samples]\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::string cookie = argv[2];
  const int streams = argc > 3 ? std::atoi(argv[3]) : 1000;
  const int samples = argc > 4 ? std::atoi(argv[4]) : 50;
  rlimit r{};
  getrlimit(RLIMIT_NOFILE, &r);
  r.rlim_cur = r.rlim_max;
  setrlimit(RLIMIT_NOFILE, &r);

  // As the browser does: streams continue from the snapshot's version.
  long long after = 0;
  {
    httplib::Client c("127.0.0.1", port);
    if (auto snap = c.Get("/api/v1/programs/1/snapshot", httplib::Headers{{"Cookie", cookie}}); snap && snap->status == 200) {
      // The program's version (the top-level key; agents and customers carry versions too).
      auto body = nlohmann::json::parse(snap->body, nullptr, false);
      if (body.is_object() && body.contains("version") && body.at("version").is_number_integer()) after = body.at("version").get<long long>();
    }
  }
  std::vector<int> fds;
  for (int i = 0; i < streams; ++i) fds.push_back(open_stream(port, cookie, after));
  int open = 0;
  for (int fd : fds)
    if (fd >= 0 && saw_connected(fd)) ++open;

  double worst_health = 0, worst_read = 0;
  httplib::Headers signed_in{{"Cookie", cookie}};
  for (int i = 0; i < samples; ++i) {
    httplib::Client c("127.0.0.1", port);
    auto t = std::chrono::steady_clock::now();
    auto h = c.Get("/healthz");
    worst_health = std::max(worst_health, h && h->status == 200 ? ms_of(t) : 1e9);
    httplib::Client c2("127.0.0.1", port);
    t = std::chrono::steady_clock::now();
    auto rd = c2.Get("/api/v1/programs/1/customers?limit=20", signed_in);
    worst_read = std::max(worst_read, rd && rd->status == 200 ? ms_of(t) : 1e9);
  }
  std::printf("streams %d open %d worst_health_ms %.2f worst_read_ms %.2f\n", streams, open, worst_health, worst_read);
  for (int fd : fds)
    if (fd >= 0) ::close(fd);
  return open == streams ? 0 : 1;
}
