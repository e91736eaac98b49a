// Wakes live streams when events are appended. Streams wait for a sequence number greater
// than the one they have seen; the hub holds no events itself (streams read the log).
#pragma once

#include "shared/domain/types.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace pd::events {

class EventHub {
public:
  void published(domain::Sequence last);
  // Waits until the log holds an event after `seen`, the timeout passes, or close() is called.
  // Returns the latest sequence known.
  domain::Sequence wait_after(domain::Sequence seen, std::chrono::milliseconds timeout);
  domain::Sequence latest() const { return latest_.load(); }
  void close();
  // Wakes every waiting stream without new events, so each re-checks its session (after a
  // sign-out) at once instead of at its next keep-alive.
  void wake_all();
  bool closed() const { return closed_.load(); }

  std::atomic<int> open_streams{0};

private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::atomic<domain::Sequence> latest_{0};
  std::atomic<bool> closed_{false};
  std::atomic<std::uint64_t> generation_{0};
};

} // namespace pd::events
