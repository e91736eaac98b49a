// What the client needs from the page around it: the URL fragment, session storage, the
// system clipboard, the canvas and its pixel ratio, the loading screen.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pd::client::platform {

class Browser {
public:
  virtual ~Browser() = default;

  // URL fragment ("#/home"). push adds a history entry, replace does not; neither fires the
  // change notification, which reports the back/forward buttons and typed URLs only.
  virtual std::string location_hash() = 0;
  virtual void push_hash(std::string_view hash) = 0;
  virtual void replace_hash(std::string_view hash) = 0;
  virtual bool take_location_changed() = 0;

  // sessionStorage (this tab, survives reloads). Absent key or unavailable storage: nullopt.
  virtual std::optional<std::string> session_get(std::string_view key) = 0;
  virtual void session_set(std::string_view key, std::string_view value) = 0;
  virtual void session_remove(std::string_view key) = 0;
  virtual void session_remove_prefix(std::string_view prefix) = 0; // every key starting with it

  // The page's origin ("https://desk.example.com"), to turn server paths into full links.
  virtual std::string origin() = 0;
  // The document title (browser tab, history entries).
  virtual void set_title(std::string_view title) = 0;

  // What the browser believes about the network (navigator.onLine). take_online_changed
  // reports the online/offline events since the last call.
  virtual bool online() = 0;
  virtual bool take_online_changed() = 0;
};

Browser& the_browser();

// Page-level calls used by the window and UI layers.
float device_pixel_ratio();
void canvas_css_size(double& width, double& height);
void set_canvas_cursor(const char* css_cursor); // "default", "text", "pointer", ...
void show_app();                                 // hide the loading screen
void show_fatal(const char* message);            // replace the loading screen with a message
double now_ms();          // monotonic, for timers
double wall_clock_ms();   // Unix milliseconds (Date.now), for dates shown to people
std::string random_hex(int bytes); // from crypto.getRandomValues, two hex digits a byte
void open_url(const char* url);    // opens a same-origin URL (a file, a guide) in a new tab
void download(const char* url);    // saves a same-origin file (sent as an attachment) without opening a tab

// System clipboard, wired into ImGui's platform IO by the window layer.
const char* clipboard_text();                    // last text copied or pasted
void set_clipboard_text(const char* text);       // writes through to the system clipboard

// Ctrl/Cmd+F was pressed since the last call (kept from the browser, whose find cannot see the
// canvas: the app's find bar opens instead).
bool take_find_request();

// Asks for a few frames to be drawn (something happened that the screen should show).
void wake();

} // namespace pd::client::platform
