// HTTP through the browser's fetch(). Each response comes back through pd_http_done and
// waits in a queue until the app takes it at the start of the next frame.
#include "client/platform/http.hpp"

#include "client/platform/browser.hpp"

#include <emscripten.h>

#include <string>
#include <utility>

namespace {

std::vector<pd::client::platform::HttpResponse> g_done;

// Same-origin cookies; the CSRF header and a JSON content type on every non-GET request;
// no cache; a 30 s limit. Network failures and timeouts report status 0.
EM_JS(void, js_fetch, (unsigned id, const char* method, const char* path, const char* body), {
  var m = UTF8ToString(method);
  var init = { method: m, credentials: "same-origin", cache: "no-store", redirect: "error",
               headers: { "Accept": "application/json" } };
  if (m !== "GET") {
    init.headers["X-Requested-With"] = "partnerdesk";
    init.headers["Content-Type"] = "application/json";
    if (body) init.body = UTF8ToString(body);
  }
  var ctl = typeof AbortController !== "undefined" ? new AbortController() : null;
  if (ctl) { init.signal = ctl.signal; setTimeout(function() { ctl.abort(); }, 30000); }
  fetch(UTF8ToString(path), init)
    .then(function(r) { return r.text().then(function(t) { return [r.status, t]; }); })
    .catch(function() { return [0, ""]; })
    .then(function(res) {
      var n = lengthBytesUTF8(res[1]) + 1;
      var p = _malloc(n);
      stringToUTF8(res[1], p, n);
      _pd_http_done(id, res[0], p);
      _free(p);
    });
});

class FetchHttp final : public pd::client::platform::Http {
public:
  void send(pd::client::platform::RequestId id, pd::client::platform::Method method, std::string_view path,
            std::string_view json_body) override {
    using pd::client::platform::Method;
    const char* m = method == Method::get ? "GET" : method == Method::post ? "POST" : "DELETE";
    const std::string p(path), b(json_body);
    js_fetch(id, m, p.c_str(), b.empty() ? nullptr : b.c_str());
  }
  std::vector<pd::client::platform::HttpResponse> take_responses() override {
    return std::exchange(g_done, {});
  }
};

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void pd_http_done(unsigned id, int status, const char* body) {
  g_done.push_back({id, status, body ? std::string(body) : std::string()});
  pd::client::platform::wake();
}

namespace pd::client::platform {

Http& browser_http() {
  static FetchHttp http;
  return http;
}

} // namespace pd::client::platform
