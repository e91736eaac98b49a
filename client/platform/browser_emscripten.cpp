// [SECTION] Page access from C++ (Emscripten): URL fragment, sessionStorage, origin, network
// state, clock and randomness, clipboard, canvas, loading screen.
// Index:
//   [SECTION] Page listeners
//   [SECTION] Location
//   [SECTION] Session storage
//   [SECTION] Origin, network, clock, randomness
//   [SECTION] Clipboard
//   [SECTION] Canvas and loading screen
#include "client/platform/browser.hpp"
#include "client/platform/page_events.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>

namespace pd::client::platform {

namespace {

// Strings returned from JS are malloc'ed UTF-8; this takes ownership.
std::string take_js_string(char* p) {
  if (!p) return {};
  std::string s(p);
  std::free(p);
  return s;
}

// [SECTION] Page listeners
EM_JS(void, js_install_listeners, (), {
  var page = Module.pdPage = { locationChanged: false, resized: true, clip: "", pasted: null, pasteWaiting: false,
                               onlineChanged: false, findRequested: false };
  // Ctrl/Cmd+F: the browser's own find cannot see the canvas; the app's find bar opens instead.
  window.addEventListener("keydown", function(e) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.keyCode !== 70) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    page.findRequested = true;
  }, true);
  var connectivity = function() { page.onlineChanged = true; };
  window.addEventListener("online", connectivity);
  window.addEventListener("offline", connectivity);
  window.addEventListener("resize", function() { page.resized = true; });
  var changed = function() { page.locationChanged = true; };
  window.addEventListener("hashchange", changed);
  window.addEventListener("popstate", changed);
  var deliver = function(text) { page.pasteWaiting = false; page.pasted = String(text || ""); page.clip = page.pasted; };
  // Ctrl/Cmd+V: GLFW must not see the V yet; the paste event (below) brings the text and
  // the app then replays the shortcut to ImGui. No paste event (some browsers outside an
  // editable element): read the clipboard instead.
  window.addEventListener("keydown", function(e) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.keyCode !== 86) return;
    e.stopImmediatePropagation();
    page.pasteWaiting = true;
    setTimeout(function() {
      if (!page.pasteWaiting) return;
      page.pasteWaiting = false;
      if (navigator.clipboard && navigator.clipboard.readText)
        navigator.clipboard.readText().then(deliver, function() {});
    }, 200);
  }, true);
  // Ctrl/Cmd+C or the browser's Copy: the text the reader selected on the canvas
  // (client/ui/selectable_text.cpp), unless a field has text selected: it copies its own.
  document.addEventListener("copy", function(e) {
    var t = e.target;
    var field = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA");
    if (!e.clipboardData || (field && t.selectionStart !== t.selectionEnd)) return;
    var s = UTF8ToString(_pd_selected_text());
    if (!s) return;
    e.clipboardData.setData("text/plain", s);
    e.preventDefault();
    page.clip = s;
  });
  window.addEventListener("paste", function(e) {
    if (!e.clipboardData) return;
    e.preventDefault();
    deliver(e.clipboardData.getData("text/plain"));
  });
});

EM_JS(int, js_take_find_request, (), {
  var page = Module.pdPage;
  if (!page || !page.findRequested) return 0;
  page.findRequested = false;
  return 1;
});

EM_JS(int, js_is_mac, (), {
  var p = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "";
  return /mac|iphone|ipad/i.test(p) ? 1 : 0;
});

EM_JS(char*, js_take_paste, (), {
  var page = Module.pdPage;
  if (!page || page.pasted === null) return 0;
  var s = page.pasted;
  page.pasted = null;
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

// [SECTION] Location
EM_JS(char*, js_location_hash, (), {
  var s = window.location.hash || "";
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

EM_JS(void, js_set_hash, (const char* hash, int push), {
  var h = UTF8ToString(hash);
  var url = window.location.pathname + window.location.search + h;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
});

EM_JS(int, js_take_location_changed, (), {
  var page = Module.pdPage;
  if (!page || !page.locationChanged) return 0;
  page.locationChanged = false;
  return 1;
});

// [SECTION] Session storage
EM_JS(char*, js_session_get, (const char* key), {
  var v = null;
  try { v = window.sessionStorage.getItem(UTF8ToString(key)); } catch (e) { v = null; }
  if (v === null) return 0;
  var n = lengthBytesUTF8(v) + 1;
  var p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

EM_JS(void, js_session_set, (const char* key, const char* value), {
  try { window.sessionStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

EM_JS(void, js_session_remove, (const char* key), {
  try { window.sessionStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});

EM_JS(void, js_session_remove_prefix, (const char* prefix), {
  try {
    var p = UTF8ToString(prefix);
    var doomed = [];
    for (var i = 0; i < window.sessionStorage.length; ++i) {
      var k = window.sessionStorage.key(i);
      if (k && k.indexOf(p) === 0) doomed.push(k);
    }
    doomed.forEach(function(k) { window.sessionStorage.removeItem(k); });
  } catch (e) {}
});

// [SECTION] Origin, network, clock, randomness
EM_JS(char*, js_origin, (), {
  var s = window.location.origin || "";
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

EM_JS(void, js_set_title, (const char* title), { document.title = UTF8ToString(title); });

EM_JS(int, js_online, (), { return navigator.onLine === false ? 0 : 1; });

EM_JS(int, js_take_online_changed, (), {
  var page = Module.pdPage;
  if (!page || !page.onlineChanged) return 0;
  page.onlineChanged = false;
  return 1;
});

EM_JS(double, js_wall_clock, (), { return Date.now(); });

EM_JS(void, js_random_bytes, (unsigned char* out, int n), {
  var a = new Uint8Array(n);
  crypto.getRandomValues(a);
  HEAPU8.set(a, out);
});

// [SECTION] Clipboard
EM_JS(char*, js_clipboard_text, (), {
  var s = (Module.pdPage && Module.pdPage.clip) || "";
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

EM_JS(void, js_set_clipboard_text, (const char* text, int system), {
  var s = UTF8ToString(text);
  if (Module.pdPage) Module.pdPage.clip = s;
  if (!system) return;
  var fallback = function() {
    // Older path: a one-shot copy listener fills the clipboard during execCommand.
    var onCopy = function(e) { e.clipboardData.setData("text/plain", s); e.preventDefault(); };
    document.addEventListener("copy", onCopy, true);
    try { document.execCommand("copy"); } catch (e) {}
    document.removeEventListener("copy", onCopy, true);
  };
  if (navigator.clipboard && navigator.clipboard.writeText)
    navigator.clipboard.writeText(s).catch(fallback);
  else
    fallback();
});

// [SECTION] Canvas and loading screen
EM_JS(int, js_take_resized, (), {
  var page = Module.pdPage;
  if (!page || !page.resized) return 0;
  page.resized = false;
  return 1;
});

EM_JS(void, js_canvas_css_size, (double* w, double* h), {
  var r = Module.canvas.getBoundingClientRect();
  HEAPF64[w >> 3] = r.width;
  HEAPF64[h >> 3] = r.height;
});

EM_JS(void, js_set_cursor, (const char* cursor), {
  Module.canvas.style.cursor = UTF8ToString(cursor);
});

EM_JS(void, js_open_url, (const char* url), {
  const href = UTF8ToString(url);
  if (href.startsWith('/')) window.open(href, '_blank', 'noopener');
});

EM_JS(void, js_download, (const char* url), {
  const href = UTF8ToString(url);
  if (!href.startsWith('/')) return;
  const a = document.createElement('a');
  a.href = href;
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
});

EM_JS(void, js_show_app, (), {
  if (Module.pdShowApp) Module.pdShowApp();
});

EM_JS(void, js_show_fatal, (const char* message), {
  if (Module.pdShowFatal) Module.pdShowFatal(UTF8ToString(message));
});

class PageBrowser final : public Browser {
public:
  std::string location_hash() override { return take_js_string(js_location_hash()); }
  void push_hash(std::string_view hash) override { js_set_hash(std::string(hash).c_str(), 1); }
  void replace_hash(std::string_view hash) override { js_set_hash(std::string(hash).c_str(), 0); }
  bool take_location_changed() override { return js_take_location_changed() != 0; }

  std::optional<std::string> session_get(std::string_view key) override {
    char* p = js_session_get(std::string(key).c_str());
    if (!p) return std::nullopt;
    return take_js_string(p);
  }
  void session_set(std::string_view key, std::string_view value) override {
    js_session_set(std::string(key).c_str(), std::string(value).c_str());
  }
  void session_remove(std::string_view key) override { js_session_remove(std::string(key).c_str()); }
  void session_remove_prefix(std::string_view prefix) override {
    js_session_remove_prefix(std::string(prefix).c_str());
  }
  std::string origin() override { return take_js_string(js_origin()); }
  void set_title(std::string_view title) override { js_set_title(std::string(title).c_str()); }
  bool online() override { return js_online() != 0; }
  bool take_online_changed() override { return js_take_online_changed() != 0; }
};

std::string g_clipboard;

} // namespace

Browser& the_browser() {
  static PageBrowser browser;
  return browser;
}

void install_page_listeners() { js_install_listeners(); }
bool is_mac() { return js_is_mac() != 0; }
bool take_find_request() { return js_take_find_request() != 0; }

bool take_paste(std::string& text) {
  char* p = js_take_paste();
  if (!p) return false;
  text = take_js_string(p);
  return true;
}

const char* clipboard_text() {
  g_clipboard = take_js_string(js_clipboard_text());
  return g_clipboard.c_str();
}
void set_clipboard_text(const char* text) { js_set_clipboard_text(text ? text : "", 1); }
void set_clipboard_text_local(const char* text) { js_set_clipboard_text(text ? text : "", 0); }

float device_pixel_ratio() {
  const double r = emscripten_get_device_pixel_ratio();
  return r > 0 ? static_cast<float>(r) : 1.0f;
}

void canvas_css_size(double& width, double& height) { js_canvas_css_size(&width, &height); }
bool take_window_resized() { return js_take_resized() != 0; }
void set_canvas_cursor(const char* css_cursor) { js_set_cursor(css_cursor); }
void show_app() { js_show_app(); }
void open_url(const char* url) { js_open_url(url); }
void download(const char* url) { js_download(url); }
void show_fatal(const char* message) { js_show_fatal(message); }
double now_ms() { return emscripten_get_now(); }
double wall_clock_ms() { return js_wall_clock(); }

std::string random_hex(int bytes) {
  std::string raw(static_cast<std::size_t>(bytes), '\0');
  js_random_bytes(reinterpret_cast<unsigned char*>(raw.data()), bytes);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

} // namespace pd::client::platform
