#include "server/auth/hash_gate.hpp"

#include "server/config/options.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace pd::auth {

int default_hash_slots() {
  const auto hardware = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(hardware / 2, 1, 8);
}

HashGateLimits hash_gate_limits(const config::Options& options) {
  HashGateLimits l;
  l.slots = options.hash_concurrency > 0 ? options.hash_concurrency : default_hash_slots();
  l.max_wait_ms = options.hash_wait_ms;
  l.max_waiting = 16 * l.slots;
  return l;
}

HashGate::HashGate(HashGateLimits limits) : limits_(limits) {}

HashGate::Slot::~Slot() {
  if (gate_) gate_->leave();
}

std::optional<HashGate::Slot> HashGate::enter() {
  std::unique_lock lock(mutex_);
  if (queue_.empty() && in_use_ < limits_.slots) {
    ++in_use_;
    return Slot(this);
  }
  if (static_cast<int>(queue_.size()) >= limits_.max_waiting) return std::nullopt;
  const auto ticket = next_ticket_++;
  queue_.push_back(ticket);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(limits_.max_wait_ms);
  const bool turn = changed_.wait_until(lock, deadline, [&] { return queue_.front() == ticket && in_use_ < limits_.slots; });
  queue_.erase(std::find(queue_.begin(), queue_.end(), ticket));
  if (!turn) {
    changed_.notify_all(); // the next in line may be the head now
    return std::nullopt;
  }
  ++in_use_;
  changed_.notify_all(); // with a free slot left, the next in line may go too
  return Slot(this);
}

void HashGate::leave() {
  {
    std::lock_guard lock(mutex_);
    --in_use_;
  }
  changed_.notify_all();
}

int HashGate::in_use() const {
  std::lock_guard lock(mutex_);
  return in_use_;
}

int HashGate::waiting() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(queue_.size());
}

HashGate& password_hash_gate(const config::Options& options) {
  static HashGate gate(hash_gate_limits(options));
  return gate;
}

} // namespace pd::auth
