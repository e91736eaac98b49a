// Wakes live streams when events are appended. Streams wait for a sequence number greater
// than the one they have seen; the hub holds no events itself (streams read the log). The
// hub also admits streams (StreamRegistry: limits per session, person, address and in total).
#pragma once

#include "server/live/stream_registry.hpp"
#include "shared/domain/types.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace pd::live {

class EventHub {
public:
  void published(domain::Sequence last);
  // Waits until the log holds an event after `seen`, wake_all() has been called since the
  // caller read `generation`, the timeout passes, or close() is called. Returns the latest
  // sequence known.
  domain::Sequence wait_after(domain::Sequence seen, std::uint64_t generation, std::chrono::milliseconds timeout);
  domain::Sequence latest() const { return latest_.load(); }
  // Counts wake_all() calls: a stream that sees it change re-checks its session.
  std::uint64_t generation() const { return generation_.load(); }
  void close();
  // Wakes every waiting stream without new events, so each re-checks its session (after a
  // sign-out) at once instead of at its next keep-alive.
  void wake_all();
  bool closed() const { return closed_.load(); }

  // Streams open now (kept by `streams`; read without a lock by /metrics).
  std::atomic<int> open_streams{0};
  StreamRegistry streams{open_streams};

private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::atomic<domain::Sequence> latest_{0};
  std::atomic<bool> closed_{false};
  std::atomic<std::uint64_t> generation_{0};
};

} // namespace pd::live
