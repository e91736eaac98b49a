// How many password hashes run at once. Each argon2id hash or check (sign-in, also for an
// unknown email; sign-up; accepting an invitation with a new account; a password change once
// there is a route for it: every route that hashes takes a slot) holds 64 MiB while it runs,
// and requests arrive on up to --max-threads threads: without a bound, thirty-two simultaneous
// sign-ins took the server from 0.4 GiB to 2.4 GiB. The gate lets `slots` hashes run at once; a
// further request waits, first come first served, for at most `max_wait_ms`, and at most
// `max_waiting` requests wait at once. A request that gets no slot is answered 503 with
// Retry-After by its route, having hashed nothing.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace pd::config {
struct Options;
}

namespace pd::auth {

struct HashGateLimits {
  int slots = 1;
  std::int64_t max_wait_ms = 2000;
  int max_waiting = 16;
};

// Half the hardware threads (hashing is CPU-bound, and the other half keeps ordinary requests
// answered), at least 1 and at most 8 (8 x 64 MiB = 512 MiB at most for hashing).
int default_hash_slots();
// The limits from --hash-concurrency (0: default_hash_slots()) and --hash-wait-ms; 16 waiting
// requests per slot.
HashGateLimits hash_gate_limits(const config::Options& options);

class HashGate {
public:
  explicit HashGate(HashGateLimits limits);
  HashGate(const HashGate&) = delete;
  HashGate& operator=(const HashGate&) = delete;

  // Held while hashing; gives the slot back when destroyed.
  class Slot {
  public:
    Slot(Slot&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    ~Slot();

  private:
    friend class HashGate;
    explicit Slot(HashGate* gate) : gate_(gate) {}
    HashGate* gate_;
  };

  // A slot, after waiting up to max_wait_ms; nothing when none came free in time or too many
  // requests are already waiting.
  std::optional<Slot> enter();

  const HashGateLimits& limits() const { return limits_; }
  int in_use() const;
  int waiting() const;

private:
  void leave();

  const HashGateLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int in_use_ = 0;
  std::uint64_t next_ticket_ = 0;
  std::deque<std::uint64_t> queue_; // tickets of waiting requests, oldest first
};

// The server's one gate: hashing memory is the process's, whatever route asks. Sized from the
// options given on the first call.
HashGate& password_hash_gate(const config::Options& options);

// What a route answers when enter() gave no slot: 503, this Retry-After, code rate_limited.
inline constexpr int hash_busy_retry_after_seconds = 1;
inline constexpr const char* hash_busy_message = "The server is busy checking other passwords. Try again in a moment.";

} // namespace pd::auth
