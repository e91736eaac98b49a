// The HTTP server's task queue: `base` threads always, grown on demand up to `max` and shrunk
// again when idle. It grows whenever queued connections outnumber idle threads, so a burst of
// connections arriving before idle threads wake up is never stranded behind long-lived live
// streams (cpp-httplib 0.41's ThreadPool decides on "no idle thread" at enqueue time only,
// and a burst can leave jobs queued with every thread held by a stream).
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>

namespace pd::http {

class GrowingThreadPool final : public httplib::TaskQueue {
public:
  GrowingThreadPool(std::size_t base, std::size_t max);
  ~GrowingThreadPool() override;

  bool enqueue(std::function<void()> fn) override;
  void shutdown() override;

  std::size_t thread_count();

  // Threads of every pool in this process, and how many of them run a job now (a connection:
  // requests on it, or a live stream). For /metrics.
  static std::size_t threads_in_process();
  static std::size_t busy_in_process();

private:
  void worker(bool dynamic);
  void spawn(bool dynamic); // with mutex_ held

  std::size_t base_, max_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::list<std::thread> threads_;
  std::list<std::thread> finished_;
  std::size_t idle_ = 0;
  std::size_t live_ = 0;
  bool stopping_ = false;
};

} // namespace pd::http
