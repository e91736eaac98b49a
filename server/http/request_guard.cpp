#include "server/http/request_guard.hpp"

#include "server/http/responses.hpp"

#include <algorithm>
#include <cmath>

namespace pd::http {

std::string client_address(const httplib::Request& req, const config::Options& options) {
  if (!options.trusted_proxy.empty() && req.remote_addr == options.trusted_proxy && req.has_header("X-Forwarded-For")) {
    // The proxy appends the address it saw: the last entry is the one it vouches for.
    auto xff = req.get_header_value("X-Forwarded-For");
    auto comma = xff.rfind(',');
    auto last = comma == std::string::npos ? xff : xff.substr(comma + 1);
    last.erase(0, last.find_first_not_of(' '));
    last.erase(last.find_last_not_of(' ') + 1);
    if (!last.empty() && last.size() <= 64) return last;
  }
  return req.remote_addr;
}

std::int64_t RateLimiter::take(const std::string& address, std::int64_t now_ms) {
  if (per_minute_ <= 0) return 0;
  const double rate_per_ms = per_minute_ / 60000.0;
  std::lock_guard lock(mutex_);
  if (buckets_.size() > 100000) { // forget full buckets to bound memory
    for (auto it = buckets_.begin(); it != buckets_.end();)
      it = static_cast<double>(now_ms - it->second.last_ms) * rate_per_ms + it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
  }
  auto [it, fresh] = buckets_.try_emplace(address, Bucket{static_cast<double>(burst_), now_ms});
  auto& b = it->second;
  b.tokens = std::min<double>(burst_, b.tokens + static_cast<double>(now_ms - b.last_ms) * rate_per_ms);
  b.last_ms = now_ms;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return static_cast<std::int64_t>(std::ceil((1.0 - b.tokens) / rate_per_ms));
}

bool refuse_oversized_headers(const httplib::Request& req, httplib::Response& res, const config::Options& options) {
  if (req.headers.size() > options.max_header_count) {
    send_error(res, 431, core::ErrorCode::invalid_field,
               "Too many request headers (at most " + std::to_string(options.max_header_count) + ").");
    return true;
  }
  for (const auto& [name, value] : req.headers) {
    if (name.size() + value.size() > options.max_header_bytes) {
      send_error(res, 431, core::ErrorCode::invalid_field,
                 "The request header '" + name.substr(0, 64) + "' is too long (at most " + std::to_string(options.max_header_bytes) + " bytes).",
                 name.substr(0, 64));
      return true;
    }
  }
  return false;
}

} // namespace pd::http
