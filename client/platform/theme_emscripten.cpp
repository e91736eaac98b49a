// The colour scheme from the browser: matchMedia('(prefers-color-scheme: dark)') and the person's
// choice in localStorage (another tab's change arrives through the storage event).
#include "client/platform/theme.hpp"

#include <emscripten.h>

#include <cstdlib>

namespace pd::client::platform {

namespace {

EM_JS(void, js_theme_install, (), {
  if (Module.pdTheme) return;
  var T = Module.pdTheme = { query: null, choice: "system", shown: -1 };
  var read = function() {
    var v = null;
    try { v = window.localStorage.getItem("partnerdesk.theme"); } catch (e) {}
    T.choice = v === "light" || v === "dark" ? v : "system";
  };
  read();
  window.addEventListener("storage", function(e) { if (e.key === "partnerdesk.theme" || e.key === null) read(); });
  if (window.matchMedia) T.query = window.matchMedia("(prefers-color-scheme: dark)");
});

EM_JS(char*, js_theme_choice, (), {
  var s = Module.pdTheme.choice;
  var n = lengthBytesUTF8(s) + 1;
  var p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

EM_JS(void, js_set_theme_choice, (const char* choice), {
  var v = UTF8ToString(choice);
  Module.pdTheme.choice = v;
  try {
    if (v === "system") window.localStorage.removeItem("partnerdesk.theme");
    else window.localStorage.setItem("partnerdesk.theme", v);
  } catch (e) {}
});

EM_JS(int, js_theme_dark, (), {
  var T = Module.pdTheme;
  var dark = T.choice === "dark" || (T.choice === "system" && !!(T.query && T.query.matches)) ? 1 : 0;
  if (dark !== T.shown) {
    T.shown = dark;
    var root = document.documentElement;
    root.classList.toggle("dark", dark === 1);
    root.classList.toggle("light", dark === 0);
    root.style.colorScheme = dark ? "dark" : "light";
  }
  return dark;
});

void install() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  js_theme_install();
}

} // namespace

std::string theme_choice() {
  install();
  char* p = js_theme_choice();
  std::string s = p ? p : "system";
  std::free(p);
  return s;
}

void set_theme_choice(std::string_view choice) {
  install();
  const std::string v = choice == "light" || choice == "dark" ? std::string(choice) : std::string("system");
  js_set_theme_choice(v.c_str());
}

bool theme_dark() {
  install();
  return js_theme_dark() != 0;
}

} // namespace pd::client::platform
