// [SECTION] Window and frame loop (Emscripten: GLFW emulation + WebGL2)
// Index:
//   [SECTION] State
//   [SECTION] Input: wheel, wake-ups, paste
//   [SECTION] open_window
//   [SECTION] Frame loop
#include "client/platform/window.hpp"

#include "client/platform/browser.hpp"
#include "client/platform/page_events.hpp"
#include "client/platform/touch.hpp"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_internal.h"
#include "imgui_impl_opengl3.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace pd::client::platform {

// [SECTION] State
namespace {

GLFWwindow* g_window = nullptr;
FrameHooks g_hooks;
int g_wake_frames = 8;      // frames still to draw because something happened
double g_last_draw_ms = 0;
float g_pixel_ratio = 0;
float g_font_scale = 1;        // the browser's default font size over 16 px: the UI scales with it
int g_width = 0, g_height = 0; // canvas backing store, device pixels
const char* g_cursor = "";
std::string g_clipboard_hold;  // keeps the text ImGui asked for alive until the next call
bool g_mac = false;

// [SECTION] Input: wheel, wake-ups, paste
// ImGui keeps the wheel on the window it last scrolled for as long as the wheel turns and the
// mouse stays still. After a page change that window is no longer drawn: the wheel would scroll
// it unseen and the new page would not move. Such a lock is let go before the frame.
void release_stale_wheel() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.WheelingWindow == nullptr || g.WheelingWindow->Active) return; // Active: drawn in the last frame
  g.WheelingWindow = nullptr;
  g.WheelingWindowReleaseTimer = 0.0f;
  g.WheelingWindowStartFrame = -1;
  g.WheelingAxisAvg = ImVec2(0.0f, 0.0f);
}

// Emscripten's GLFW wheel events are coarse; the DOM wheel event gives the real deltas.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*) {
  float multiplier = 0.0f;
  if (ev->deltaMode == DOM_DELTA_PIXEL) multiplier = 1.0f / 100.0f;
  else if (ev->deltaMode == DOM_DELTA_LINE) multiplier = 1.0f / 3.0f;
  else if (ev->deltaMode == DOM_DELTA_PAGE) multiplier = 80.0f;
  ImGui::GetIO().AddMouseWheelEvent(-static_cast<float>(ev->deltaX) * multiplier,
                                    -static_cast<float>(ev->deltaY) * multiplier);
  wake();
  return EM_TRUE;
}

// Installed before ImGui's own GLFW callbacks, which chain to these.
// A mouse (touches never reach GLFW: platform/touch_emscripten.cpp) makes ImGui's pointer a mouse again.
void on_cursor_pos(GLFWwindow*, double, double) {
  ImGui::GetIO().AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  wake();
}
void on_mouse_button(GLFWwindow*, int, int, int) {
  ImGui::GetIO().AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  wake();
}
void on_key(GLFWwindow*, int, int, int, int) { wake(); }
void on_char(GLFWwindow*, unsigned int) { wake(); }
void on_cursor_enter(GLFWwindow*, int) { wake(); }

// A paste arrived from the page (Ctrl/Cmd+V). The V key was kept from GLFW so that ImGui
// sees the shortcut only now, when the text is there to be read.
void deliver_paste(const std::string& text) {
  set_clipboard_text_local(text.c_str());
  ImGuiIO& io = ImGui::GetIO();
  // With ConfigMacOSXBehaviors ImGui swaps Super and Ctrl: Cmd is the shortcut key there.
  const ImGuiKey mod = g_mac ? ImGuiMod_Super : ImGuiMod_Ctrl;
  const bool held = g_mac ? (glfwGetKey(g_window, GLFW_KEY_LEFT_SUPER) || glfwGetKey(g_window, GLFW_KEY_RIGHT_SUPER))
                          : (glfwGetKey(g_window, GLFW_KEY_LEFT_CONTROL) || glfwGetKey(g_window, GLFW_KEY_RIGHT_CONTROL));
  io.AddKeyEvent(mod, true);
  io.AddKeyEvent(ImGuiKey_V, true);
  io.AddKeyEvent(ImGuiKey_V, false);
  io.AddKeyEvent(mod, held);
  wake();
}

const char* get_clipboard(ImGuiContext*) {
  g_clipboard_hold = clipboard_text();
  return g_clipboard_hold.c_str();
}
void set_clipboard(ImGuiContext*, const char* text) { set_clipboard_text(text); }

const char* css_cursor(ImGuiMouseCursor cursor) {
  switch (cursor) {
  case ImGuiMouseCursor_TextInput: return "text";
  case ImGuiMouseCursor_Hand: return "pointer";
  case ImGuiMouseCursor_ResizeAll: return "move";
  case ImGuiMouseCursor_ResizeNS: return "ns-resize";
  case ImGuiMouseCursor_ResizeEW: return "ew-resize";
  case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
  case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
  case ImGuiMouseCursor_NotAllowed: return "not-allowed";
  case ImGuiMouseCursor_Wait: return "wait";
  case ImGuiMouseCursor_Progress: return "progress";
  case ImGuiMouseCursor_None: return "none";
  default: return "default";
  }
}

// The browser's default font size (16 px unless the person changed it) relative to 16 px: the
// interface scales with it, as pages in rem do. Browser zoom already changes the pixel ratio.
EM_JS(double, js_root_font_px, (), {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return px > 0 ? px : 16;
});
float root_font_scale() {
  static double last_check = -1e9;
  static float scale = 1;
  const double now = emscripten_get_now();
  if (now - last_check < 1000) return scale; // a style read per second, not per frame
  last_check = now;
  scale = static_cast<float>(std::clamp(js_root_font_px() / 16.0, 0.5, 3.0));
  return scale;
}

void backing_size(float ratio, int& w, int& h) {
  double css_w = 0, css_h = 0;
  canvas_css_size(css_w, css_h);
  w = std::max(1, static_cast<int>(std::lround(css_w * ratio)));
  h = std::max(1, static_cast<int>(std::lround(css_h * ratio)));
}

} // namespace

// [SECTION] open_window
bool open_window() {
  install_page_listeners(); // before glfwInit: our key listener must run before GLFW's
  install_touch();          // likewise for touches
  g_mac = is_mac();
  if (!glfwInit()) return false;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_SAMPLES, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  g_pixel_ratio = device_pixel_ratio();
  backing_size(g_pixel_ratio, g_width, g_height);
  g_window = glfwCreateWindow(g_width, g_height, "Partnerdesk", nullptr, nullptr);
  if (!g_window) return false;
  glfwMakeContextCurrent(g_window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard | ImGuiConfigFlags_NoMouseCursorChange;
  io.ConfigMacOSXBehaviors = g_mac;

  glfwSetCursorPosCallback(g_window, on_cursor_pos);
  glfwSetMouseButtonCallback(g_window, on_mouse_button);
  glfwSetKeyCallback(g_window, on_key);
  glfwSetCharCallback(g_window, on_char);
  glfwSetCursorEnterCallback(g_window, on_cursor_enter);
  ImGui_ImplGlfw_InitForOpenGL(g_window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);

  ImGuiPlatformIO& pio = ImGui::GetPlatformIO();
  pio.Platform_GetClipboardTextFn = get_clipboard;
  pio.Platform_SetClipboardTextFn = set_clipboard;
  return true;
}

// [SECTION] Frame loop
namespace {

// window.pdPaint = false (set by the browser tests before the page loads) runs every frame as
// usual (input, layout, the item table) but leaves the canvas as it is: software WebGL spends
// most of a test's time filling pixels nobody looks at. Setting it back to true paints again.
EM_JS(int, js_paint_wanted, (), { return window.pdPaint === false ? 0 : 1; });

bool g_painting = true;

bool paint_wanted() {
  const bool wanted = js_paint_wanted() != 0;
  if (wanted && !g_painting) wake(); // the frames after the switch show the page as it is now
  g_painting = wanted;
  return wanted;
}

// How long the last drawn frames took on the main thread (update, draw, GL calls), for the
// benchmarks: window.pdFrameTimes() returns them and starts over.
std::vector<double> g_frame_ms;

void tick(void*) {
  const double tick_start = emscripten_get_now();
  // The canvas follows the window (CSS size) and the pixel ratio (zoom, moving screens).
  const float ratio = device_pixel_ratio();
  int w = g_width, h = g_height;
  if (take_window_resized() || ratio != g_pixel_ratio) backing_size(ratio, w, h);
  if (w != g_width || h != g_height) {
    g_width = w;
    g_height = h;
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
    emscripten_set_canvas_size(w, h); // not glfwSetWindowSize: that may ask for fullscreen
#pragma clang diagnostic pop
    wake();
  }
  const float font_scale = root_font_scale();
  if (ratio != g_pixel_ratio || font_scale != g_font_scale) {
    g_pixel_ratio = ratio;
    g_font_scale = font_scale;
    if (g_hooks.rescale) g_hooks.rescale(ratio * font_scale);
    wake();
  }
  if (update_touch(emscripten_get_now())) wake();
  std::string pasted;
  if (take_paste(pasted)) deliver_paste(pasted);

  if (g_hooks.update) g_hooks.update();

  // Draw while something happens; otherwise only now and then (cursor blink, clocks).
  const double now = now_ms();
  const ImGuiIO& io = ImGui::GetIO();
  const double idle_ms = io.WantTextInput ? 100.0 : 1000.0;
  if (g_wake_frames <= 0 && now - g_last_draw_ms < idle_ms) return;
  if (g_wake_frames > 0) --g_wake_frames;
  g_last_draw_ms = now;

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  release_stale_wheel();
  ImGui::NewFrame();
  if (g_hooks.draw) g_hooks.draw();
  ImGui::Render();

  const char* cursor = css_cursor(ImGui::GetMouseCursor());
  if (cursor != g_cursor) {
    set_canvas_cursor(cursor);
    g_cursor = cursor;
  }

  ImDrawData* draw_data = ImGui::GetDrawData();
  if (paint_wanted()) {
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(g_window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(draw_data);
  } else if (draw_data->Textures != nullptr) {
    // Not painted: the font atlas still follows the frames, as a painted frame would update it.
    for (ImTextureData* tex : *draw_data->Textures) {
      if (tex->Status != ImTextureStatus_OK) ImGui_ImplOpenGL3_UpdateTexture(tex);
    }
  }

  if (g_hooks.after_frame) g_hooks.after_frame();
  if (g_frame_ms.size() < 100000) g_frame_ms.push_back(emscripten_get_now() - tick_start);
}

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_frame_times_json() {
  static std::string out;
  out = "[";
  for (std::size_t i = 0; i < g_frame_ms.size(); ++i) out += (i ? "," : "") + std::to_string(g_frame_ms[i]);
  out += "]";
  g_frame_ms.clear();
  return out.c_str();
}

namespace {
EM_JS(void, js_expose_frame_times, (), {
  window.pdFrameTimes = function() { return JSON.parse(UTF8ToString(_pd_frame_times_json())); };
});
} // namespace

void wake() { g_wake_frames = std::max(g_wake_frames, 8); }

void run(FrameHooks hooks) {
  g_hooks = std::move(hooks);
  g_font_scale = root_font_scale();
  if (g_hooks.rescale) g_hooks.rescale(g_pixel_ratio * g_font_scale);
  js_expose_frame_times();
  emscripten_set_main_loop_arg(tick, nullptr, 0, true);
  __builtin_unreachable();
}

} // namespace pd::client::platform
