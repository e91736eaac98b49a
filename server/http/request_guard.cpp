#include "server/http/request_guard.hpp"

#include "server/auth/session_cookie.hpp"
#include "server/http/responses.hpp"

#include <algorithm>
#include <cmath>
#include <regex>

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

bool secure_request(const httplib::Request& req, const config::Options& options) {
  if (options.cookie_secure) return true;
  if (options.trusted_proxy.empty() || req.remote_addr != options.trusted_proxy) return false;
  if (req.get_header_value_count("X-Forwarded-Proto") != 1) return false;
  // A chain of proxies lists one protocol each: the last is what the trusted proxy saw.
  auto proto = req.get_header_value("X-Forwarded-Proto");
  auto comma = proto.rfind(',');
  if (comma != std::string::npos) proto = proto.substr(comma + 1);
  proto.erase(0, proto.find_first_not_of(' '));
  proto.erase(proto.find_last_not_of(' ') + 1);
  return proto == "https";
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
  // A wall clock stepped back (NTP, a virtual machine restored) refills nothing and takes
  // nothing away: the bucket goes on from the new time.
  const auto elapsed = std::max<std::int64_t>(0, now_ms - b.last_ms);
  b.tokens = std::min<double>(burst_, b.tokens + static_cast<double>(elapsed) * rate_per_ms);
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

bool refuse_oversized_body(const httplib::Request& req, httplib::Response& res, const config::Options& options) {
  if (!req.has_header("Content-Length")) return false;
  const auto declared = req.get_header_value("Content-Length");
  if (declared.empty() || declared.size() > 19 || declared.find_first_not_of("0123456789") != std::string::npos) return false; // httplib answers 400
  if (std::stoull(declared) <= options.max_body_bytes) return false;
  res.status = 413; // the error handler writes the body (fill_error_body)
  return true;
}

bool has_cookie(const httplib::Request& req, std::string_view name) {
  const auto count = req.get_header_value_count("Cookie");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string header = req.get_header_value("Cookie", "", i);
    std::size_t pos = 0;
    while (pos <= header.size()) {
      auto end = header.find(';', pos);
      if (end == std::string::npos) end = header.size();
      std::string_view part(header.data() + pos, end - pos);
      while (!part.empty() && (part.front() == ' ' || part.front() == '\t')) part.remove_prefix(1);
      const auto eq = part.find('=');
      auto key = part.substr(0, eq);
      while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.remove_suffix(1);
      if (key == name) return true;
      pos = end + 1;
    }
  }
  return false;
}

namespace {

bool is_unsafe_method(const std::string& m) { return m != "GET" && m != "HEAD" && m != "OPTIONS"; }

// The billing system's routes (payments, usage, failed payments), called with an API key and no session cookie.
bool api_key_request(const httplib::Request& req) {
  static const std::regex billing_route(R"(/api/v1/programs/\d+/billing/(payments|usage|payment-failures))");
  if (req.method != "POST" || !std::regex_match(req.path, billing_route)) return false;
  if (req.get_header_value_count("Authorization") != 1 || req.get_header_value("Authorization").rfind("Bearer ", 0) != 0) return false;
  return !has_cookie(req, auth::session_cookie_name) && !has_cookie(req, auth::secure_session_cookie_name);
}

} // namespace

bool refuse_cross_site_write(const httplib::Request& req, httplib::Response& res) {
  if (req.path.rfind("/api/", 0) != 0 || !is_unsafe_method(req.method)) return false;
  if (req.get_header_value("X-Requested-With") == "partnerdesk" || api_key_request(req)) return false;
  send_error(res, 403, core::ErrorCode::forbidden, "Requests that change data must carry the header 'X-Requested-With: partnerdesk'.",
             "X-Requested-With");
  return true;
}

} // namespace pd::http
