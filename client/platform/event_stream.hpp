// Server-Sent Events from the Partnerdesk server (same origin, the session cookie goes
// along). The browser's EventSource reconnects by itself after a dropped connection and
// resumes after the last message id it saw; messages are queued and taken by the app at
// the start of the next frame, like HTTP responses.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pd::client::platform {

using StreamId = std::uint32_t;

struct StreamMessage {
  enum class Kind {
    open,         // connected (first time or after a reconnect)
    event,        // an "event" message: data holds the event JSON
    cursor,       // a "cursor" message: nothing to apply, last_event_id advanced
    reconnecting, // the connection dropped; the browser is trying again by itself
    closed,       // the browser gave up (refused or failed request): open a new stream to go on
  };
  StreamId stream = 0;
  Kind kind = Kind::open;
  std::string data;
  std::string last_event_id;
};

class EventStreams {
public:
  virtual ~EventStreams() = default;
  // Opens a stream; the id is the caller's and comes back in each StreamMessage.
  virtual void open(StreamId id, std::string_view url) = 0;
  virtual void close(StreamId id) = 0; // no more messages of that stream are delivered
  virtual std::vector<StreamMessage> take_messages() = 0;
};

EventStreams& browser_event_streams();

} // namespace pd::client::platform
