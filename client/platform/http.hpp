// HTTP to the Partnerdesk server (same origin). Requests are sent at once; their responses
// are queued and taken by the app at the start of the next frame.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pd::client::platform {

using RequestId = std::uint32_t;

enum class Method { get, post, del };

struct HttpResponse {
  RequestId id = 0;
  int status = 0;   // 0: the server could not be reached (network error, timeout)
  std::string body;
};

class Http {
public:
  virtual ~Http() = default;
  // Sends JSON; non-GET requests carry the CSRF header the API requires. The id is the
  // caller's (the store numbers its requests) and comes back in the response.
  virtual void send(RequestId id, Method method, std::string_view path, std::string_view json_body = {}) = 0;
  virtual std::vector<HttpResponse> take_responses() = 0;
};

// The browser's fetch(): cookies same-origin.
Http& browser_http();

} // namespace pd::client::platform
