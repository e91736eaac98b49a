#include "server/live/stream_registry.hpp"

namespace pd::live {

namespace {

// Lowers a count by one and forgets the key at zero.
template <class Map, class Key>
void decrement(Map& map, const Key& key) {
  auto it = map.find(key);
  if (it == map.end()) return;
  if (--it->second <= 0) map.erase(it);
}

int count_of(const auto& map, const auto& key) {
  auto it = map.find(key);
  return it == map.end() ? 0 : it->second;
}

} // namespace

const char* field_name(StreamLimit limit) {
  switch (limit) {
  case StreamLimit::none: return "";
  case StreamLimit::session: return "streams_per_session";
  case StreamLimit::person: return "streams_per_person";
  case StreamLimit::address: return "streams_per_address";
  case StreamLimit::total: return "streams_total";
  }
  return "";
}

const char* metric_label(StreamLimit limit) {
  switch (limit) {
  case StreamLimit::none: return "none";
  case StreamLimit::session: return "session";
  case StreamLimit::person: return "person";
  case StreamLimit::address: return "address";
  case StreamLimit::total: return "total";
  }
  return "none";
}

StreamSlot::~StreamSlot() { release(); }

void StreamSlot::release() {
  std::call_once(released_, [this] { registry_->release(*this); });
}

void StreamRegistry::set_limits(const StreamLimits& limits) {
  std::lock_guard lock(mutex_);
  limits_ = limits;
}

StreamLimits StreamRegistry::limits() const {
  std::lock_guard lock(mutex_);
  return limits_;
}

StreamAdmission StreamRegistry::admit(const std::string& session, std::int64_t person, const std::string& address) {
  std::lock_guard lock(mutex_);
  if (count_of(by_session_, session) >= limits_.per_session) return {nullptr, StreamLimit::session, limits_.per_session};
  if (count_of(by_person_, person) >= limits_.per_person) return {nullptr, StreamLimit::person, limits_.per_person};
  if (count_of(by_address_, address) >= limits_.per_address) return {nullptr, StreamLimit::address, limits_.per_address};
  if (open_ >= limits_.total) return {nullptr, StreamLimit::total, limits_.total};
  ++by_session_[session];
  ++by_person_[person];
  ++by_address_[address];
  ++open_;
  gauge_.store(open_);
  return {std::shared_ptr<StreamSlot>(new StreamSlot(*this, session, person, address)), StreamLimit::none, 0};
}

void StreamRegistry::release(const StreamSlot& slot) {
  std::lock_guard lock(mutex_);
  decrement(by_session_, slot.session_);
  decrement(by_person_, slot.person_);
  decrement(by_address_, slot.address_);
  if (open_ > 0) --open_;
  gauge_.store(open_);
}

int StreamRegistry::open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

int StreamRegistry::open_for_person(std::int64_t person) const {
  std::lock_guard lock(mutex_);
  return count_of(by_person_, person);
}

} // namespace pd::live
