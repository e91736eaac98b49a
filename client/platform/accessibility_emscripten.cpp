// The accessibility tree mirrored from the item table (see accessibility.hpp). The DOM is
// updated only when the table's JSON changed since the last update, and its elements are kept
// by key (item id and occurrence), so an unchanged element keeps its node and the focus.
#include "client/platform/accessibility.hpp"

#include "client/platform/browser.hpp"
#include "client/testing/item_table.hpp"

#include "imgui.h"

#include <emscripten.h>

#include <functional>
#include <string>

extern "C" EMSCRIPTEN_KEEPALIVE void pd_a11y_activate(unsigned int id) {
  float x = 0, y = 0;
  if (!pd::client::testing::item_center(id, x, y)) return;
  ImGuiIO& io = ImGui::GetIO();
  // Queued: ImGui trickles them over the next frames (move, press, release), as a real click.
  io.AddMousePosEvent(x, y);
  io.AddMouseButtonEvent(0, true);
  io.AddMouseButtonEvent(0, false);
  pd::client::platform::wake();
}

namespace {

EM_JS(void, js_a11y_install, (), {
  function hidden(el) {
    el.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;overflow:hidden;" +
                       "clip-path:inset(50%);white-space:nowrap;pointer-events:none;";
  }
  var root = document.createElement("div");
  root.id = "pd-a11y";
  // Transparent and never hit by the mouse: the canvas under it draws and takes the pointer.
  root.style.cssText = "position:fixed;left:0;top:0;width:0;height:0;opacity:0;pointer-events:none;" +
                       "overflow:visible;z-index:1;font:12px sans-serif;";
  var live = document.createElement("div");
  live.id = "pd-a11y-live";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  hidden(live);
  document.body.appendChild(root);
  document.body.appendChild(live);
  // A screen reader's "activate" (or element.click()) clicks the item on the canvas.
  root.addEventListener("click", function(ev) {
    var el = ev.target && ev.target.closest ? ev.target.closest("[data-pd-id]") : null;
    if (!el) return;
    ev.preventDefault();
    _pd_a11y_activate(Number(el.getAttribute("data-pd-id")));
  });
  Module.pdA11y = { root: root, live: live, groups: new Map(), nodes: new Map(), spoken: "" };
});

// Rebuilds the tree from the item table's JSON (rectangles in CSS pixels of the canvas).
EM_JS(void, js_a11y_update, (const char* json_ptr), {
  var A = Module.pdA11y;
  if (!A) return;
  var items = JSON.parse(UTF8ToString(json_ptr));
  var rect = Module.canvas.getBoundingClientRect();
  A.root.style.left = rect.left + "px";
  A.root.style.top = rect.top + "px";

  function visible(label) {
    var i = label.indexOf("##");
    return (i < 0 ? label : label.substring(0, i)).trim();
  }
  // "##Role" names a combo without a shown label: its id, when it is a word.
  function hidden_word(label) {
    var m = /^##+([A-Za-z][A-Za-z ]*)$/.exec(label || "");
    return m ? m[1] : "";
  }
  // The landmark or dialog each top-level window is.
  var modal = {};
  items.forEach(function(it) { if (it.kind === "window" && it.modal) modal[it.window] = true; });
  function group_for(window_path) {
    var top = window_path.split("/")[0];
    var key = "g:" + top;
    var g = A.groups.get(key);
    if (!g) {
      var name = visible(top);
      var tag = "div", role = null, label = name;
      if (top === "Navigation") { tag = "nav"; label = "Main navigation"; }
      else if (top === "Top bar") { tag = "header"; label = null; }
      else if (top === "Page") { tag = "main"; label = null; }
      else if (modal[top]) { role = "dialog"; }
      else if (top.indexOf("##Combo") === 0) { role = "listbox"; label = "Choices"; }
      else if (top.indexOf("##") === 0) { role = "group"; label = null; }
      else if (top === "Notice") { role = "region"; label = "Notice"; }
      else { tag = "main"; }
      g = document.createElement(tag);
      if (role) g.setAttribute("role", role);
      if (role === "dialog") g.setAttribute("aria-modal", "true");
      if (label) g.setAttribute("aria-label", label);
      A.groups.set(key, g);
    }
    return g;
  }

  var seen = new Map(), used_groups = new Set(), order = [], toast = "";
  var last_text = "";
  items.forEach(function(it) {
    if (it.kind === "window" || !it.visible) return;
    var top = it.window.split("/")[0];
    var text = visible(it.text || "");
    if (top === "Toast") { if (it.kind === "text") toast = toast ? toast + " " + text : text; return; }
    var role = null, name = text, state = {};
    if (it.kind === "text") {
      if (!text) return;
      last_text = text;
    } else if (it.kind === "input") {
      role = "textbox";
      name = text || last_text || hidden_word(it.label) || "Text field";
    } else if (it.kind === "checkable") {
      role = "checkbox";
      state["aria-checked"] = it.checked ? "true" : "false";
    } else {
      name = text || hidden_word(it.label);
      if (it.value !== undefined && it.value !== "") {
        var shown_as = name || last_text;
        name = shown_as ? shown_as + ": " + it.value : it.value;
      }
      if (!name) return;
      role = top.indexOf("##Combo") === 0 ? "option" : "button";
      if (it.expanded !== undefined) state["aria-expanded"] = it.expanded ? "true" : "false";
    }
    if (it.disabled) state["aria-disabled"] = "true";
    var n = (seen.get(it.id) || 0) + 1;
    seen.set(it.id, n);
    var key = it.id + "#" + n;
    var el = A.nodes.get(key);
    if (!el || el.getAttribute("data-pd-role") !== (role || "text")) {
      el = document.createElement(role ? "div" : "p");
      el.setAttribute("data-pd-role", role || "text");
      if (role) {
        el.setAttribute("role", role);
        el.tabIndex = -1;
        el.setAttribute("data-pd-id", String(it.id));
      }
      el.style.position = "absolute";
      el.style.margin = "0";
      el.style.overflow = "hidden";
      A.nodes.set(key, el);
    }
    if (role) {
      if (el.getAttribute("aria-label") !== name) el.setAttribute("aria-label", name);
      ["aria-checked", "aria-expanded", "aria-disabled"].forEach(function(a) {
        if (state[a] === undefined) { if (el.hasAttribute(a)) el.removeAttribute(a); }
        else if (el.getAttribute(a) !== state[a]) el.setAttribute(a, state[a]);
      });
      var shown = role === "textbox" ? (it.value || "") : "";
      if (el.textContent !== shown) el.textContent = shown;
    } else if (el.textContent !== text) {
      el.textContent = text;
    }
    el.style.left = it.x + "px";
    el.style.top = it.y + "px";
    el.style.width = Math.max(1, it.w) + "px";
    el.style.height = Math.max(1, it.h) + "px";
    var g = group_for(it.window);
    used_groups.add(g);
    order.push([g, el, it.focused]);
  });

  // Put the nodes in the frame's order (moving a node keeps it; focus stays on it).
  var focused = null;
  var group_order = [];
  order.forEach(function(o) { if (group_order.indexOf(o[0]) < 0) group_order.push(o[0]); });
  group_order.forEach(function(g, i) {
    if (A.root.children[i] !== g) A.root.insertBefore(g, A.root.children[i] || null);
  });
  while (A.root.children.length > group_order.length) A.root.removeChild(A.root.lastChild);
  var index = new Map();
  order.forEach(function(o) {
    var g = o[0], el = o[1];
    var i = index.get(g) || 0;
    if (g.children[i] !== el) g.insertBefore(el, g.children[i] || null);
    index.set(g, i + 1);
    if (o[2]) focused = el;
  });
  group_order.forEach(function(g) {
    var n = index.get(g) || 0;
    while (g.children.length > n) g.removeChild(g.lastChild);
  });
  var live_nodes = new Set(order.map(function(o) { return o[1]; }));
  A.nodes.forEach(function(el, key) { if (!live_nodes.has(el)) A.nodes.delete(key); });

  // The keyboard moved ImGui's focus: the browser's focus follows, unless a text field (the
  // page's own input, client/platform/text_input) has it.
  var active = document.activeElement;
  var typing = active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA");
  if (focused && active !== focused && !typing) focused.focus({ preventScroll: true });

  if (toast !== A.spoken) {
    A.spoken = toast;
    A.live.textContent = toast;
  }
});

std::uint64_t g_frame = 0;
std::size_t g_hash = 0;

} // namespace

namespace pd::client::platform {

void install_accessibility_tree() { js_a11y_install(); }

void update_accessibility_tree() {
  const auto frame = testing::frame_count();
  if (frame == g_frame) return;
  g_frame = frame;
  const std::string json = testing::items_json(device_pixel_ratio(), 0, 0);
  const std::size_t hash = std::hash<std::string>{}(json);
  if (hash == g_hash) return;
  g_hash = hash;
  js_a11y_update(json.c_str());
}

} // namespace pd::client::platform
