// Sign-in throttling with growing delays, shaped so that nobody can lock someone else out.
//
// Three counts of failed sign-ins, each forgotten after `forget_after_ms` without a new one:
//   - per (account, address): the guesses one address makes at one account;
//   - per address, whatever the account: one address trying many accounts;
//   - per account, whatever the address: guesses spread over many addresses. This count is
//     never applied to an address the account signed in from during the last
//     `known_address_ms` (its owner's usual addresses), and its delay is capped low.
// A few failures of each count are free; then each further attempt must wait
// base * 2^(failures - free_failures), capped, after the last one.
//
// An attempt counts as a failure from the moment it starts (begin), so attempts sent at once
// cannot all slip in before the first failure is recorded; a successful one is taken back
// (succeeded), as is one that never checked a password (abandoned). A success clears its
// (account, address) count and the account's count, and makes the address a known one for the
// account; it never clears the address's count (signing in to one's own account must not buy
// more guesses at others).
//
// So failures sent from other addresses never delay the right password from an address the
// account has signed in from before: only that address's own failures can. From an address the
// account never used, they delay it by at most `per_account.max_delay_ms` at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pd::auth {

struct DelayRule {
  int free_failures;
  std::int64_t base_delay_ms;
  std::int64_t max_delay_ms;
};

struct ThrottleRules {
  static constexpr std::int64_t minute_ms = 60'000;
  DelayRule per_pair{5, 1000, 15 * minute_ms};
  DelayRule per_address{20, 1000, 15 * minute_ms};
  DelayRule per_account{10, 1000, minute_ms};
  std::int64_t forget_after_ms = 60 * minute_ms;
  std::int64_t known_address_ms = 30LL * 24 * 60 * 60 * 1000;
  std::size_t known_addresses_per_account = 8;
  std::size_t max_entries = 100000; // per table; the oldest are dropped beyond it
};

class SignInThrottle {
public:
  explicit SignInThrottle(ThrottleRules rules = {}) : rules_(rules) {}

  // Milliseconds the caller must still wait before an attempt for (account, address) is
  // accepted; 0 when it may proceed. Changes nothing.
  std::int64_t wait_ms(const std::string& account, const std::string& address, std::int64_t now_ms);
  // Starts an attempt: 0 and the attempt is counted as a failure until succeeded() or
  // abandoned(); otherwise the wait (as wait_ms) and nothing is counted.
  std::int64_t begin(const std::string& account, const std::string& address, std::int64_t now_ms);
  // The attempt begun for (account, address) had the right password.
  void succeeded(const std::string& account, const std::string& address, std::int64_t now_ms);
  // The attempt begun for (account, address) checked no password (the server was busy).
  void abandoned(const std::string& account, const std::string& address);
  // Entries kept in all tables (for tests: memory stays bounded).
  std::size_t entries();

private:
  struct Entry {
    int failures = 0;
    std::int64_t last_failure_ms = 0;
  };
  using Table = std::unordered_map<std::string, Entry>;
  struct KnownAddress {
    std::string address;
    std::int64_t last_success_ms = 0;
  };

  std::int64_t wait_locked(const std::string& account, const std::string& address, std::int64_t now_ms) const;
  std::int64_t wait_for(const Table& table, const std::string& key, const DelayRule& rule, std::int64_t now_ms) const;
  bool is_known(const std::string& account, const std::string& address, std::int64_t now_ms) const;
  void bump(Table& table, const std::string& key, std::int64_t now_ms);
  static void take_back(Table& table, const std::string& key);
  static std::string pair_key(const std::string& account, const std::string& address);

  ThrottleRules rules_;
  std::mutex mutex_;
  Table by_pair_;
  Table by_address_;
  Table by_account_;
  std::unordered_map<std::string, std::vector<KnownAddress>> known_; // account -> addresses it signed in from
};

} // namespace pd::auth
