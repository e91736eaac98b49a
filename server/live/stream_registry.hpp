// Admission of live streams. cpp-httplib serves a chunked response on its connection's thread
// for as long as the response lasts, so every open stream holds one HTTP thread. The registry
// counts open streams per session, per person, per client address and in total, and admits a
// new one only below every limit. The total stays below the thread pool's maximum by a
// reserve (config::stream_capacity), so ordinary requests always find a thread.
//
// A StreamSlot stands for one admitted stream; the stream's count is released when the slot
// is released or destroyed, whichever comes first.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pd::live {

struct StreamLimits {
  int per_session = 4;
  int per_person = 8;
  int per_address = 32;
  int total = 1024;
};

// Which limit refused a stream (none: admitted).
enum class StreamLimit { none, session, person, address, total };

// The limit's name in error bodies ("streams_per_session", ..., "streams_total").
const char* field_name(StreamLimit limit);
// The limit's label in /metrics ("session", "person", "address", "total").
const char* metric_label(StreamLimit limit);

class StreamRegistry;

class StreamSlot {
public:
  ~StreamSlot();
  StreamSlot(const StreamSlot&) = delete;
  StreamSlot& operator=(const StreamSlot&) = delete;
  // Frees the slot now; later calls (and the destructor) do nothing.
  void release();

private:
  friend class StreamRegistry;
  StreamSlot(StreamRegistry& registry, std::string session, std::int64_t person, std::string address)
      : registry_(&registry), session_(std::move(session)), person_(person), address_(std::move(address)) {}
  StreamRegistry* registry_;
  std::string session_;
  std::int64_t person_;
  std::string address_;
  std::once_flag released_;
};

struct StreamAdmission {
  std::shared_ptr<StreamSlot> slot; // empty when refused
  StreamLimit refused = StreamLimit::none;
  int limit = 0; // the refusing limit's value
};

class StreamRegistry {
public:
  // `gauge` mirrors the number of open streams for readers that must not lock (metrics).
  explicit StreamRegistry(std::atomic<int>& gauge) : gauge_(gauge) {}

  void set_limits(const StreamLimits& limits);
  StreamLimits limits() const;

  // Admits one stream of `session` (its token hash), `person` and client `address`, or names
  // the first limit it would exceed (checked in the order session, person, address, total).
  StreamAdmission admit(const std::string& session, std::int64_t person, const std::string& address);

  int open() const;
  int open_for_person(std::int64_t person) const;

private:
  friend class StreamSlot;
  void release(const StreamSlot& slot);

  std::atomic<int>& gauge_;
  mutable std::mutex mutex_;
  StreamLimits limits_;
  int open_ = 0;
  // Only keys with open streams are held, so the maps never outgrow the total limit.
  std::unordered_map<std::string, int> by_session_;
  std::unordered_map<std::int64_t, int> by_person_;
  std::unordered_map<std::string, int> by_address_;
};

} // namespace pd::live
