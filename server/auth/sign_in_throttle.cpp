#include "server/auth/sign_in_throttle.hpp"

#include <algorithm>

namespace pd::auth {

std::string SignInThrottle::pair_key(const std::string& account, const std::string& address) {
  std::string key = account;
  key += '\n'; // neither an email nor an address holds a line break
  key += address;
  return key;
}

std::int64_t SignInThrottle::wait_for(const Table& table, const std::string& key, const DelayRule& rule, std::int64_t now_ms) const {
  auto it = table.find(key);
  if (it == table.end()) return 0;
  const auto& e = it->second;
  if (e.failures < rule.free_failures) return 0;
  // A wall clock stepped back counts as no time since the last failure: never a longer wait.
  const auto since = std::max<std::int64_t>(0, now_ms - e.last_failure_ms);
  if (since >= rules_.forget_after_ms) return 0;
  const int excess = std::min(e.failures - rule.free_failures, 30);
  const std::int64_t delay = std::min(rule.max_delay_ms, rule.base_delay_ms << excess);
  return std::max<std::int64_t>(0, delay - since);
}

bool SignInThrottle::is_known(const std::string& account, const std::string& address, std::int64_t now_ms) const {
  auto it = known_.find(account);
  if (it == known_.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](const KnownAddress& k) {
    return k.address == address && now_ms - k.last_success_ms < rules_.known_address_ms;
  });
}

std::int64_t SignInThrottle::wait_locked(const std::string& account, const std::string& address, std::int64_t now_ms) const {
  std::int64_t w = wait_for(by_pair_, pair_key(account, address), rules_.per_pair, now_ms);
  w = std::max(w, wait_for(by_address_, address, rules_.per_address, now_ms));
  if (!is_known(account, address, now_ms)) w = std::max(w, wait_for(by_account_, account, rules_.per_account, now_ms));
  return w;
}

std::int64_t SignInThrottle::wait_ms(const std::string& account, const std::string& address, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return wait_locked(account, address, now_ms);
}

void SignInThrottle::bump(Table& table, const std::string& key, std::int64_t now_ms) {
  auto& e = table[key];
  if (now_ms - e.last_failure_ms >= rules_.forget_after_ms) e.failures = 0;
  e.failures += 1;
  e.last_failure_ms = now_ms;
  if (table.size() <= rules_.max_entries) return;
  // Bound memory: drop forgotten entries, then (under a flood of fresh ones) the older half.
  for (auto it = table.begin(); it != table.end();)
    it = now_ms - it->second.last_failure_ms >= rules_.forget_after_ms ? table.erase(it) : std::next(it);
  if (table.size() <= rules_.max_entries) return;
  std::vector<std::int64_t> times;
  times.reserve(table.size());
  for (const auto& [k, v] : table) times.push_back(v.last_failure_ms);
  auto middle = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
  std::nth_element(times.begin(), middle, times.end());
  const auto cut = *middle;
  for (auto it = table.begin(); it != table.end();)
    it = it->second.last_failure_ms < cut && it->first != key ? table.erase(it) : std::next(it);
}

void SignInThrottle::take_back(Table& table, const std::string& key) {
  auto it = table.find(key);
  if (it == table.end()) return;
  if (--it->second.failures <= 0) table.erase(it);
}

std::int64_t SignInThrottle::begin(const std::string& account, const std::string& address, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  if (auto w = wait_locked(account, address, now_ms); w > 0) return w;
  bump(by_pair_, pair_key(account, address), now_ms);
  bump(by_address_, address, now_ms);
  bump(by_account_, account, now_ms);
  return 0;
}

void SignInThrottle::succeeded(const std::string& account, const std::string& address, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  by_pair_.erase(pair_key(account, address));
  by_account_.erase(account);
  take_back(by_address_, address);

  auto& list = known_[account];
  auto it = std::find_if(list.begin(), list.end(), [&](const KnownAddress& k) { return k.address == address; });
  if (it != list.end()) it->last_success_ms = now_ms;
  else if (list.size() < rules_.known_addresses_per_account) list.push_back({address, now_ms});
  else *std::min_element(list.begin(), list.end(), [](const KnownAddress& a, const KnownAddress& b) {
         return a.last_success_ms < b.last_success_ms;
       }) = {address, now_ms};
  if (known_.size() > rules_.max_entries) {
    for (auto k = known_.begin(); k != known_.end();) {
      const bool fresh = std::any_of(k->second.begin(), k->second.end(),
                                     [&](const KnownAddress& a) { return now_ms - a.last_success_ms < rules_.known_address_ms; });
      k = fresh || k->first == account ? std::next(k) : known_.erase(k);
    }
  }
}

void SignInThrottle::abandoned(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  take_back(by_pair_, pair_key(account, address));
  take_back(by_address_, address);
  take_back(by_account_, account);
}

std::size_t SignInThrottle::entries() {
  std::lock_guard lock(mutex_);
  return by_pair_.size() + by_address_.size() + by_account_.size() + known_.size();
}

} // namespace pd::auth
