// Counters for GET /metrics (Prometheus text format): requests by status class, a latency
// histogram, events appended, open live streams and their capacity, refused requests and
// streams, HTTP threads.
#pragma once

#include "server/live/stream_registry.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace pd::app {

class Metrics {
public:
  static constexpr std::array<double, 12> buckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

  void observe(int status, double seconds);
  void rate_limited() { ++rate_limited_; }
  void stream_refused(live::StreamLimit limit);
  void set_stream_capacity(int capacity) { stream_capacity_ = capacity; }
  std::string render(std::int64_t events_appended, int open_streams, std::int64_t programs) const;

private:
  std::array<std::atomic<std::uint64_t>, 6> by_class_{}; // 1xx..5xx, other
  std::array<std::atomic<std::uint64_t>, buckets.size()> le_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_us_{0};
  std::atomic<std::uint64_t> rate_limited_{0};
  std::array<std::atomic<std::uint64_t>, 4> streams_refused_{}; // session, person, address, total
  std::atomic<int> stream_capacity_{0};
};

} // namespace pd::app
