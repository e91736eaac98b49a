// Server-Sent Events through the browser's EventSource. Messages come back through
// pd_stream_message and wait in a queue until the app takes them before the next frame.
#include "client/platform/event_stream.hpp"

#include "client/platform/browser.hpp"

#include <emscripten.h>

#include <unordered_set>
#include <utility>

namespace {

using pd::client::platform::StreamMessage;

std::vector<StreamMessage> g_messages;
std::unordered_set<pd::client::platform::StreamId> g_open;

// kinds: 0 open, 1 event, 2 cursor, 3 reconnecting, 4 closed (see StreamMessage::Kind)
EM_JS(void, js_stream_open, (unsigned id, const char* url), {
  var streams = Module.pdStreams || (Module.pdStreams = {});
  var es = new EventSource(UTF8ToString(url));
  streams[id] = es;
  var post = function(kind, data, lastId) {
    if (streams[id] !== es) return;
    var d = String(data || "");
    var l = String(lastId || "");
    var dn = lengthBytesUTF8(d) + 1, ln = lengthBytesUTF8(l) + 1;
    var dp = _malloc(dn), lp = _malloc(ln);
    stringToUTF8(d, dp, dn);
    stringToUTF8(l, lp, ln);
    _pd_stream_message(id, kind, dp, lp);
    _free(dp);
    _free(lp);
  };
  es.onopen = function() { post(0, "", ""); };
  es.addEventListener("event", function(e) { post(1, e.data, e.lastEventId); });
  es.addEventListener("cursor", function(e) { post(2, "", e.lastEventId); });
  es.onerror = function() {
    if (es.readyState === EventSource.CLOSED) {
      post(4, "", "");
      delete streams[id];
    } else {
      post(3, "", "");
    }
  };
});

EM_JS(void, js_stream_close, (unsigned id), {
  var streams = Module.pdStreams;
  if (!streams || !streams[id]) return;
  streams[id].close();
  delete streams[id];
});

class BrowserEventStreams final : public pd::client::platform::EventStreams {
public:
  void open(pd::client::platform::StreamId id, std::string_view url) override {
    g_open.insert(id);
    js_stream_open(id, std::string(url).c_str());
  }
  void close(pd::client::platform::StreamId id) override {
    g_open.erase(id);
    js_stream_close(id);
  }
  std::vector<StreamMessage> take_messages() override {
    std::vector<StreamMessage> out;
    for (auto& m : std::exchange(g_messages, {}))
      if (g_open.count(m.stream)) out.push_back(std::move(m));
    return out;
  }
};

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void pd_stream_message(unsigned id, int kind, const char* data, const char* last_id) {
  StreamMessage m;
  m.stream = id;
  m.kind = static_cast<StreamMessage::Kind>(kind);
  m.data = data ? data : "";
  m.last_event_id = last_id ? last_id : "";
  g_messages.push_back(std::move(m));
  pd::client::platform::wake();
}

namespace pd::client::platform {

EventStreams& browser_event_streams() {
  static BrowserEventStreams streams;
  return streams;
}

} // namespace pd::client::platform
