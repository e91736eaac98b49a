// One frame of the client: apply what arrived, draw the views, apply what they asked for.
// The glue between the client's logic (client/app, the pd_client_app library: no ImGui, no
// browser) and what only the browser build has: the views and the page's platform calls.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/store.hpp"

namespace pd::client {

class App {
public:
  App(platform::Http& http, platform::Browser& browser, platform::EventStreams& streams);

  void start();
  void update();     // before a frame: queued responses, stream messages, network and URL changes, timers
  void draw();       // inside the ImGui frame
  void after_frame(); // actions emitted while drawing

private:
  void run(); // the store's effects, on the browser's platform
  platform::Http& http_;
  platform::Browser& browser_;
  platform::EventStreams& streams_;
  Store store_;
  Dispatch dispatch_;
  bool shown_ = false;
};

} // namespace pd::client
