// The browser window: a GLFW window on the page's canvas, WebGL2, Dear ImGui and its
// backends, and the frame loop. The canvas is sized in device pixels (CSS size times
// devicePixelRatio) and ImGui draws in device pixels; the UI scales its style and fonts by
// the pixel ratio it is given through FrameHooks::rescale.
#pragma once

#include <functional>

namespace pd::client::platform {

struct FrameHooks {
  std::function<void(float pixel_ratio)> rescale; // at start and whenever the ratio changes
  std::function<void()> update;                   // every tick, before a frame: apply queued results
  std::function<void()> draw;                     // inside the ImGui frame
  std::function<void()> after_frame;              // after the frame was rendered
};

// Creates the window, the WebGL2 context and the ImGui context; false if WebGL2 is missing.
bool open_window();
// Runs the frame loop; does not return.
[[noreturn]] void run(FrameHooks hooks);

} // namespace pd::client::platform
