#include "client/app/app.hpp"

#include "client/views/views.hpp"

namespace pd::client {

App::App(platform::Http& http, platform::Browser& browser)
    : http_(http), browser_(browser), store_(http, browser) {}

void App::start() { store_.start(); }

void App::update() {
  bool changed = store_.apply_responses(http_.take_responses());
  if (browser_.take_location_changed()) changed |= store_.apply_location(browser_.location_hash());
  if (changed) platform::wake();
}

void App::draw() { views::draw_app(store_.app(), store_.ui(), dispatch_); }

void App::after_frame() {
  if (store_.apply(dispatch_.take())) platform::wake();
  if (!shown_) {
    platform::show_app();
    shown_ = true;
  }
}

} // namespace pd::client
