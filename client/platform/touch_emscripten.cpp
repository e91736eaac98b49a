// [SECTION] Touch: taps, drag scrolling with momentum, long press (Emscripten)
// Index:
//   [SECTION] State
//   [SECTION] Scrolling
//   [SECTION] Touch events
//   [SECTION] install_touch, update_touch
#include "client/platform/touch.hpp"

#include "client/platform/browser.hpp"

#include <emscripten.h>

#include "imgui.h"
#include "imgui_internal.h"

#include <cfloat>
#include <cmath>

namespace pd::client::platform {

// [SECTION] State
namespace touch_impl {

enum class Phase { idle, pending, dragging, done };

constexpr float slop_css = 10.0f;          // a finger moving less than this taps
constexpr double long_press_ms = 550.0;    // held still this long: a right-click
constexpr double friction_ms = 325.0;      // momentum decays by e every this long
constexpr double min_speed = 0.02;         // CSS px per ms: momentum stops below

struct Sample {
  double t = 0;
  float x = 0, y = 0;
};

struct Touch {
  Phase phase = Phase::idle;
  int id = -1;
  float ratio = 1;          // device pixels per CSS pixel at the touch
  float start_x = 0, start_y = 0, x = 0, y = 0;
  double start_ms = 0;
  ImGuiID target = 0;       // the window the drag scrolls
  Sample samples[8];        // the last moves, for the release speed
  int sample_count = 0;
  // Momentum after a drag (device pixels per ms).
  ImGuiID fling_window = 0;
  double vx = 0, vy = 0, last_ms = 0;
};
Touch g_touch;

// [SECTION] Scrolling
// The window the wheel would scroll at pos: the innermost one that can scroll, as ImGui picks it.
ImGuiWindow* scroll_target(ImVec2 pos) {
  if (!ImGui::GetCurrentContext()) return nullptr;
  ImGuiWindow* hovered = nullptr;
  ImGuiWindow* under_moving = nullptr;
  ImGui::FindHoveredWindowEx(pos, false, &hovered, &under_moving);
  ImGuiWindow* w = hovered;
  while (w && (w->Flags & ImGuiWindowFlags_ChildWindow) &&
         ((w->ScrollMax.y <= 0.0f && w->ScrollMax.x <= 0.0f) || (w->Flags & ImGuiWindowFlags_NoScrollWithMouse)))
    w = w->ParentWindow;
  if (!w || (w->ScrollMax.y <= 0.0f && w->ScrollMax.x <= 0.0f) || (w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return nullptr;
  return w;
}

// Scrolls a window by a finger's move (device pixels); false when it cannot move further.
bool scroll_by(ImGuiID id, float dx, float dy) {
  ImGuiWindow* w = id ? ImGui::FindWindowByID(id) : nullptr;
  if (!w) return false;
  bool moved = false;
  if (dy != 0.0f && w->ScrollMax.y > 0.0f) {
    const float from = w->ScrollTarget.y < FLT_MAX ? w->ScrollTarget.y : w->Scroll.y;
    const float to = ImClamp(from - dy, 0.0f, w->ScrollMax.y);
    moved |= to != from;
    ImGui::SetScrollY(w, to);
  }
  if (dx != 0.0f && w->ScrollMax.x > 0.0f) {
    const float from = w->ScrollTarget.x < FLT_MAX ? w->ScrollTarget.x : w->Scroll.x;
    const float to = ImClamp(from - dx, 0.0f, w->ScrollMax.x);
    moved |= to != from;
    ImGui::SetScrollX(w, to);
  }
  return moved;
}

void add_sample(double t, float x, float y) {
  Touch& g = g_touch;
  if (g.sample_count == 8) {
    for (int i = 1; i < 8; ++i) g.samples[i - 1] = g.samples[i];
    g.sample_count = 7;
  }
  g.samples[g.sample_count++] = Sample{t, x, y};
}

// The finger's speed over its last 100 ms (device pixels per ms).
void release_speed(double now, double& vx, double& vy) {
  const Touch& g = g_touch;
  vx = vy = 0;
  if (g.sample_count < 2) return;
  int first = g.sample_count - 2; // the move before the last at least, then back over 100 ms
  while (first > 0 && now - g.samples[first - 1].t <= 100.0) --first;
  const Sample& a = g.samples[first];
  const Sample& b = g.samples[g.sample_count - 1];
  const double dt = b.t - a.t;
  if (dt < 8.0 || now - b.t > 100.0) return; // too short to measure, or the finger stopped before lifting
  vx = (b.x - a.x) / dt;
  vy = (b.y - a.y) / dt;
}

// [SECTION] Touch events
void touch_start(int id, float x, float y, float ratio, double now) {
  Touch& g = g_touch;
  ImGuiIO& io = ImGui::GetIO();
  const bool was_flinging = g.fling_window != 0;
  g.fling_window = 0;
  g.phase = was_flinging ? Phase::done : Phase::pending; // a tap that stops a fling clicks nothing
  g.id = id;
  g.ratio = ratio;
  g.start_x = g.x = x;
  g.start_y = g.y = y;
  g.start_ms = now_ms(); // the long press is timed on the frames' clock
  g.sample_count = 0;
  add_sample(now, x, y);
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  io.AddMousePosEvent(x, y);
}

void touch_move(int id, float x, float y, double now) {
  Touch& g = g_touch;
  if (id != g.id || g.phase == Phase::idle || g.phase == Phase::done) return;
  if (g.phase == Phase::pending) {
    if (std::hypot(x - g.start_x, y - g.start_y) < slop_css * g.ratio) return;
    ImGuiWindow* w = scroll_target(ImVec2(g.start_x, g.start_y));
    g.target = w ? w->ID : 0;
    g.phase = Phase::dragging;
    ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX); // nothing stays hovered under a scrolling finger
  }
  scroll_by(g.target, x - g.x, y - g.y);
  g.x = x;
  g.y = y;
  add_sample(now, x, y);
}

void touch_end(int id, bool cancelled, double now) {
  Touch& g = g_touch;
  if (id != g.id) return;
  ImGuiIO& io = ImGui::GetIO();
  if (g.phase == Phase::pending && !cancelled) {
    // A tap: pressed and released where the finger was (ImGui takes them over two frames).
    io.AddMousePosEvent(g.x, g.y);
    io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
    io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
  } else if (g.phase == Phase::dragging && !cancelled) {
    release_speed(now, g.vx, g.vy);
    if (std::hypot(g.vx, g.vy) >= min_speed * g.ratio && g.target) {
      g.fling_window = g.target;
      g.last_ms = now_ms(); // the glide runs on the frames' clock
    }
  }
  g.phase = Phase::idle;
  g.id = -1;
}

} // namespace touch_impl

using namespace touch_impl;

// at: the event's own time (performance.now's clock): the finger's speed does not depend on
// when a busy page got round to the event.
extern "C" EMSCRIPTEN_KEEPALIVE void pd_touch(int kind, int id, float x, float y, float ratio, double at) {
  if (!ImGui::GetCurrentContext()) return;
  const double now = at > 0 ? at : now_ms();
  switch (kind) {
  case 0: touch_start(id, x, y, ratio, now); break;
  case 1: touch_move(id, x, y, now); break;
  case 2: touch_end(id, false, now); break;
  default: touch_end(g_touch.id, true, now); break; // cancelled, or a second finger (pinch): no tap, no scroll
  }
  wake();
}

namespace touch_impl {
// Touches on the canvas go to pd_touch in device pixels, before GLFW's listeners (which would
// press at a stale mouse position). One finger is ours; a second one (pinch) is the browser's.
// Cancelling the move and the end keeps the browser from panning and from sending the mouse
// events it makes up for a tap.
EM_JS(void, js_install_touch, (), {
  var canvas = Module["canvas"] || document.getElementById("canvas");
  if (!canvas) return;
  var primary = null;
  var send = function(kind, t, e) {
    var r = canvas.getBoundingClientRect();
    var sx = r.width > 0 ? canvas.width / r.width : 1;
    var sy = r.height > 0 ? canvas.height / r.height : 1;
    _pd_touch(kind, t.identifier, (t.clientX - r.left) * sx, (t.clientY - r.top) * sy, sx, e.timeStamp);
  };
  var find = function(list) {
    for (var i = 0; i < list.length; ++i) if (list[i].identifier === primary) return list[i];
    return null;
  };
  var on = function(type, fn) {
    window.addEventListener(type, function(e) {
      if (e.target !== canvas) return;
      e.stopPropagation(); /* not to the GLFW listeners on the canvas; other page listeners still see it */
      fn(e);
    }, { capture: true, passive: false });
  };
  on("touchstart", function(e) {
    if (e.touches.length > 1) {
      if (primary !== null) _pd_touch(3, primary, 0, 0, 1, e.timeStamp);
      primary = null;
      return;
    }
    var t = e.changedTouches[0];
    primary = t.identifier;
    send(0, t, e);
  });
  on("touchmove", function(e) {
    if (primary === null) return;
    var t = find(e.changedTouches);
    if (t) { e.preventDefault(); send(1, t, e); }
  });
  var end = function(kind) {
    return function(e) {
      if (primary === null) return;
      var t = find(e.changedTouches);
      if (!t) return;
      e.preventDefault();
      send(kind, t, e);
      primary = null;
    };
  };
  on("touchend", end(2));
  on("touchcancel", end(3));
});
} // namespace touch_impl

// [SECTION] install_touch, update_touch
void install_touch() { js_install_touch(); }

bool update_touch(double now) {
  Touch& g = g_touch;
  if (g.phase == Phase::pending && now - g.start_ms >= long_press_ms) {
    // Held still: a right-click where the finger is (a context menu, where there is one).
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(g.x, g.y);
    io.AddMouseButtonEvent(ImGuiMouseButton_Right, true);
    io.AddMouseButtonEvent(ImGuiMouseButton_Right, false);
    g.phase = Phase::done;
  }
  if (g.fling_window) {
    const double dt = std::min(now - g.last_ms, 50.0);
    g.last_ms = now;
    const double decay = std::exp(-dt / friction_ms);
    g.vx *= decay;
    g.vy *= decay;
    const bool moved = scroll_by(g.fling_window, static_cast<float>(g.vx * dt), static_cast<float>(g.vy * dt));
    if (!moved || std::hypot(g.vx, g.vy) < min_speed * g.ratio) g.fling_window = 0;
  }
  return g.phase == Phase::pending || g.phase == Phase::dragging || g.fling_window != 0;
}

} // namespace pd::client::platform
