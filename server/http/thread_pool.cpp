#include "server/http/thread_pool.hpp"

#include <atomic>
#include <chrono>

namespace pd::http {

namespace {
std::atomic<std::size_t> g_threads{0};
std::atomic<std::size_t> g_busy{0};
} // namespace

std::size_t GrowingThreadPool::threads_in_process() { return g_threads.load(); }
std::size_t GrowingThreadPool::busy_in_process() { return g_busy.load(); }

GrowingThreadPool::GrowingThreadPool(std::size_t base, std::size_t max) : base_(base), max_(std::max(base, max)) {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < base_; ++i) spawn(false);
}

GrowingThreadPool::~GrowingThreadPool() { shutdown(); }

void GrowingThreadPool::spawn(bool dynamic) {
  ++live_;
  ++g_threads;
  threads_.emplace_back([this, dynamic] { worker(dynamic); });
}

bool GrowingThreadPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    jobs_.push_back(std::move(fn));
    // Every queued job needs a thread of its own: grow while jobs outnumber idle threads.
    while (jobs_.size() > idle_ && live_ < max_) {
      spawn(true);
      ++idle_; // counted idle until it takes a job, so one job spawns one thread
    }
    // Reap threads that ended (joined outside their own thread).
    for (auto& t : finished_)
      if (t.joinable()) t.join();
    finished_.clear();
  }
  cv_.notify_one();
  return true;
}

void GrowingThreadPool::worker(bool dynamic) {
  std::unique_lock lock(mutex_);
  if (!dynamic) ++idle_;
  for (;;) {
    bool has_work = true;
    if (dynamic) {
      has_work = cv_.wait_for(lock, std::chrono::seconds(5), [&] { return !jobs_.empty() || stopping_; });
    } else {
      cv_.wait(lock, [&] { return !jobs_.empty() || stopping_; });
    }
    if (jobs_.empty() && (stopping_ || !has_work)) break;
    if (jobs_.empty()) continue;
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    --idle_;
    lock.unlock();
    ++g_busy;
    job();
    --g_busy;
    lock.lock();
    ++idle_;
  }
  --idle_;
  --live_;
  --g_threads;
  if (!stopping_) {
    // Hand this thread's handle to the finished list so enqueue() can join it.
    for (auto it = threads_.begin(); it != threads_.end(); ++it) {
      if (it->get_id() == std::this_thread::get_id()) {
        finished_.splice(finished_.end(), threads_, it);
        break;
      }
    }
  }
}

void GrowingThreadPool::shutdown() {
  std::list<std::thread> all;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty() && finished_.empty()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      all.splice(all.end(), threads_);
      all.splice(all.end(), finished_);
    }
    if (all.empty()) break;
    for (auto& t : all)
      if (t.joinable()) t.join();
    all.clear();
  }
}

std::size_t GrowingThreadPool::thread_count() {
  std::lock_guard lock(mutex_);
  return live_;
}

} // namespace pd::http
