#include "server/live/event_hub.hpp"

namespace pd::live {

void EventHub::published(domain::Sequence last) {
  {
    std::lock_guard lock(mutex_);
    if (last > latest_.load()) latest_.store(last);
  }
  cv_.notify_all();
}

domain::Sequence EventHub::wait_after(domain::Sequence seen, std::uint64_t generation, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, timeout, [&] { return latest_.load() > seen || closed_.load() || generation_.load() != generation; });
  return latest_.load();
}

void EventHub::wake_all() {
  {
    std::lock_guard lock(mutex_);
    ++generation_;
  }
  cv_.notify_all();
}

void EventHub::close() {
  {
    std::lock_guard lock(mutex_); // a stream between its check and its wait still sees it
    closed_.store(true);
  }
  cv_.notify_all();
}

} // namespace pd::live
