#include "server/auth/sign_in_throttle.hpp"

#include <algorithm>

namespace pd::auth {

std::int64_t SignInThrottle::wait_for(const Entry& e, std::int64_t now_ms) const {
  if (e.failures < rules_.free_failures) return 0;
  if (now_ms - e.last_failure_ms >= rules_.forget_after_ms) return 0;
  int excess = std::min(e.failures - rules_.free_failures, 30);
  std::int64_t delay = std::min(rules_.max_delay_ms, rules_.base_delay_ms << excess);
  return std::max<std::int64_t>(0, e.last_failure_ms + delay - now_ms);
}

std::int64_t SignInThrottle::wait_ms(const std::string& account, const std::string& address, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  std::int64_t w = 0;
  if (auto it = by_account_.find(account); it != by_account_.end()) w = std::max(w, wait_for(it->second, now_ms));
  if (auto it = by_address_.find(address); it != by_address_.end()) w = std::max(w, wait_for(it->second, now_ms));
  return w;
}

void SignInThrottle::bump(std::unordered_map<std::string, Entry>& map, const std::string& key, std::int64_t now_ms) {
  auto& e = map[key];
  if (now_ms - e.last_failure_ms >= rules_.forget_after_ms) e.failures = 0;
  e.failures += 1;
  e.last_failure_ms = now_ms;
  // Bound memory: drop forgotten entries once the table grows large.
  if (map.size() > 100000) {
    for (auto it = map.begin(); it != map.end();)
      it = now_ms - it->second.last_failure_ms >= rules_.forget_after_ms ? map.erase(it) : std::next(it);
  }
}

void SignInThrottle::record_failure(const std::string& account, const std::string& address, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  bump(by_account_, account, now_ms);
  bump(by_address_, address, now_ms);
}

void SignInThrottle::record_success(const std::string& account) {
  std::lock_guard lock(mutex_);
  by_account_.erase(account);
}

} // namespace pd::auth
