#include "client/app_frame.hpp"

#include "client/platform/media.hpp"
#include "client/platform/text_input.hpp"
#include "client/views/views.hpp"

namespace pd::client {

App::App(platform::Http& http, platform::Browser& browser, platform::EventStreams& streams)
    : http_(http), browser_(browser), streams_(streams), store_(browser) {}

void App::run() { run_effects(store_.take_effects(), http_, streams_); }

void App::start() {
  store_.start();
  run();
}

void App::update() {
  bool changed = store_.tick(platform::now_ms());
  changed |= store_.apply_responses(http_.take_responses());
  changed |= store_.apply_stream(streams_.take_messages());
  if (browser_.take_online_changed()) changed |= store_.apply_online(browser_.online());
  if (browser_.take_location_changed()) changed |= store_.apply_location(browser_.location_hash());
  changed |= store_.apply_uploads(platform::take_uploads());
  if (platform::take_find_request()) {
    auto& find = store_.ui().find;
    find.open = find.focus = true;
    changed = true;
  }
  changed |= platform::text_input_before_frame(); // typed into the DOM input: into the active field
  run();
  if (changed) platform::wake();
}

void App::draw() {
  views::draw_app(store_.app(), store_.ui(), dispatch_);
  platform::end_video_frame(); // videos not drawn this frame are paused and hidden
}

void App::after_frame() {
  platform::text_input_after_frame(); // the DOM input follows the active field, in the frame that focused it
  if (store_.apply(dispatch_.take())) platform::wake();
  run(); // in the frame of the click: a file picker opens only right after a gesture
  if (!shown_) {
    platform::show_app();
    shown_ = true;
  }
}

} // namespace pd::client
