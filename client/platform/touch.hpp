// Touch screens (client/platform only): a tap clicks, a drag scrolls the window under the
// finger with momentum after release, a long press is a right-click, two fingers are left to
// the browser (pinch zoom). ImGui has no touch scrolling of its own.
#pragma once

namespace pd::client::platform {

// Listens for touches on the canvas; call once, before glfwInit (so GLFW never sees them).
void install_touch();
// Once a tick, before ImGui::NewFrame: the long press and the momentum of a released drag.
// Returns true while something moves (frames should be drawn).
bool update_touch(double now_ms);

} // namespace pd::client::platform
