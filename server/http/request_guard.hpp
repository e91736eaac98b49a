// Limits applied to every request before routing: header count and size (431), a token
// bucket per client address (429), and the client address itself (X-Forwarded-For is
// believed only from the configured trusted proxy).
#pragma once

#include "server/config/options.hpp"

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pd::http {

std::string client_address(const httplib::Request& req, const config::Options& options);

// Whether the request reached the service over TLS: always with --cookie-secure, otherwise
// when it comes from the trusted proxy and that proxy says so (X-Forwarded-Proto: https).
// Decides the session cookie's Secure flag and __Host- name.
bool secure_request(const httplib::Request& req, const config::Options& options);

class RateLimiter {
public:
  RateLimiter(int per_minute, int burst) : per_minute_(per_minute), burst_(burst) {}
  // Takes one token for `address` at `now_ms`; returns 0 if allowed, else ms until one frees.
  std::int64_t take(const std::string& address, std::int64_t now_ms);

private:
  struct Bucket {
    double tokens = 0;
    std::int64_t last_ms = 0;
  };
  int per_minute_, burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// Returns true (after answering) if the request must be refused.
bool refuse_oversized_headers(const httplib::Request& req, httplib::Response& res, const config::Options& options);
// A body declared (Content-Length) larger than --max-body-bytes is refused with 413 before a
// byte of it is read: the client gets the answer while it is still sending, not a closed
// connection once the server has read up to the limit.
bool refuse_oversized_body(const httplib::Request& req, httplib::Response& res, const config::Options& options);

// CSRF: unsafe /api/ requests must carry 'X-Requested-With: partnerdesk' (a cross-site page
// cannot set a custom header without a CORS preflight, which this server never grants; with
// SameSite=Strict cookies this closes cookie-borne writes). The one exception is the billing
// system's payment route called with an API key (Authorization: Bearer) and without a session
// cookie: such a request carries no ambient credential a browser could send on its own.
// Returns true (after answering 403) if the request must be refused.
bool refuse_cross_site_write(const httplib::Request& req, httplib::Response& res);
// Whether any Cookie header of the request names the cookie.
bool has_cookie(const httplib::Request& req, std::string_view name);

} // namespace pd::http
