// Sign-in throttling: growing delays after repeated failures, per account and per client
// address. A few failures are free; then each further attempt must wait
// base * 2^(failures - free_failures), capped, after the last failure. Failures are forgotten
// after a quiet period, and a success clears the account's count, so an attacker can slow a
// victim's sign-in down for at most `max_delay` at a time, never lock it permanently.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pd::auth {

struct ThrottleRules {
  int free_failures = 5;
  std::int64_t base_delay_ms = 1000;
  std::int64_t max_delay_ms = 15 * 60 * 1000;
  std::int64_t forget_after_ms = 60 * 60 * 1000;
};

class SignInThrottle {
public:
  explicit SignInThrottle(ThrottleRules rules = {}) : rules_(rules) {}

  // Milliseconds the caller must still wait before an attempt for (account, address) is
  // accepted; 0 when it may proceed.
  std::int64_t wait_ms(const std::string& account, const std::string& address, std::int64_t now_ms);
  void record_failure(const std::string& account, const std::string& address, std::int64_t now_ms);
  void record_success(const std::string& account);

private:
  struct Entry {
    int failures = 0;
    std::int64_t last_failure_ms = 0;
  };
  std::int64_t wait_for(const Entry& e, std::int64_t now_ms) const;
  void bump(std::unordered_map<std::string, Entry>& map, const std::string& key, std::int64_t now_ms);

  ThrottleRules rules_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> by_account_;
  std::unordered_map<std::string, Entry> by_address_;
};

} // namespace pd::auth
