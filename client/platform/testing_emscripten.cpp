// Exposes the item table to the page for the browser tests:
//   window.pdItems() -> [{id, label, text, window, kind, x, y, w, h, flags, visible, active, value?}]
//                        rectangles in CSS pixels of the page
//   window.pdFrame() -> number of frames drawn so far
#include "client/platform/testing_hooks.hpp"

#include "client/platform/browser.hpp"
#include "client/testing/item_table.hpp"

#include <emscripten.h>

#include <string>

extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_items_json(float canvas_x, float canvas_y) {
  static std::string json;
  json = pd::client::testing::items_json(pd::client::platform::device_pixel_ratio(), canvas_x, canvas_y);
  return json.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE double pd_frame() {
  return static_cast<double>(pd::client::testing::frame_count());
}

namespace {

EM_JS(void, js_expose_items, (), {
  window.pdItems = function() {
    var r = Module.canvas.getBoundingClientRect();
    return JSON.parse(UTF8ToString(_pd_items_json(r.left, r.top)));
  };
  window.pdFrame = function() { return _pd_frame(); };
});

} // namespace

namespace pd::client::platform {

void expose_item_table() { js_expose_items(); }

} // namespace pd::client::platform
