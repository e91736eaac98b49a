// The HTTP ceiling: cpp-httplib with the server's own task queue and limits, answering
// GET /ping with a constant. Prints its URL when ready.
#include "server/http/thread_pool.hpp"

#include <httplib.h>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  int port = argc > 1 ? std::atoi(argv[1]) : 0;
  httplib::Server s;
  s.new_task_queue = [] { return new pd::http::GrowingThreadPool(16, 2048); };
  s.set_keep_alive_max_count(1000);
  s.set_keep_alive_timeout(5);
  s.Get("/ping", [](const httplib::Request&, httplib::Response& res) { res.set_content("{\"ok\":true}", "application/json"); });
  if (port == 0) port = s.bind_to_any_port("127.0.0.1");
  else if (!s.bind_to_port("127.0.0.1", port)) return 1;
  std::printf("listening on http://127.0.0.1:%d\n", port);
  std::fflush(stdout);
  s.listen_after_bind();
}
