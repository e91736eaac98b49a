// [SECTION] Real text entry (Emscripten): the DOM input mirroring ImGui's active text field, and
// the HTML forms over the sign-in and sign-up cards. See text_input.hpp.
// Index:
//   [SECTION] Page side (JavaScript)
//   [SECTION] ImGui side: the active field's state
//   [SECTION] Frame hooks
//   [SECTION] Forms
#include "client/platform/text_input.hpp"

#include <emscripten.h>

#include "imgui.h"
#include "imgui_internal.h"

namespace ImStb {
#include "imstb_textedit.h" // the STB_TexteditState behind ImGuiInputTextState::Stb (cursor, selection, undo)
}

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace pd::client::platform {

namespace text_entry {

// [SECTION] Page side (JavaScript)
// Module.pdText: the DOM elements and what the page has seen. Positions from C++ are in canvas
// (device) pixels and UTF-8 byte offsets; the page converts them to CSS pixels and UTF-16 indices.
EM_JS(void, js_ti_install, (), {
  var T = Module.pdText = { bound: null, known: null, composing: false, base: null, generic: {}, forms: {},
                            root: null, wake: false };
  // Kinds (FieldKind, then 6 multiline, 7 decimal): element, autocomplete, inputmode, capitalisation, spelling.
  var KINDS = [
    ["text", "off", "text", "sentences", true],
    ["text", "email", "email", "none", false],
    ["text", "username", "email", "none", false],
    ["password", "current-password", "", "none", false],
    ["password", "new-password", "", "none", false],
    ["text", "one-time-code", "numeric", "none", false],
    ["text", "name", "text", "words", false],
    ["textarea", "off", "text", "sentences", true],
    ["text", "off", "decimal", "none", false]
  ];
  T.rootEl = function() {
    if (!T.root) {
      T.root = document.createElement("div");
      T.root.className = "pd-text-entry";
      T.root.style.cssText = "position:fixed;left:0;top:0;width:0;height:0;overflow:visible;pointer-events:none;z-index:1";
      document.body.appendChild(T.root);
    }
    return T.root;
  };
  // Device pixels of the canvas to CSS pixels of the page.
  T.toCss = function(x, y, w, h) {
    var c = Module.canvas, r = c.getBoundingClientRect();
    var s = c.width > 0 ? r.width / c.width : 1;
    return [r.left + x * s, r.top + y * s, Math.max(1, w * s), Math.max(1, h * s)];
  };
  T.place = function(el, x, y, w, h) {
    var p = T.toCss(x, y, w, h);
    var css = p[0] + "px," + p[1] + "px," + p[2] + "px," + p[3] + "px";
    if (el.pdPlace === css) return;
    el.pdPlace = css;
    el.style.left = p[0] + "px"; el.style.top = p[1] + "px";
    el.style.width = p[2] + "px"; el.style.height = p[3] + "px";
  };
  // UTF-16 index in s of a UTF-8 byte offset, and back.
  T.u16 = function(s, bytes) {
    var b = 0, i = 0;
    while (i < s.length && b < bytes) {
      var c = s.codePointAt(i);
      b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      i += c >= 0x10000 ? 2 : 1;
    }
    return i;
  };
  T.u8 = function(s, index) { return lengthBytesUTF8(s.slice(0, index)); };
  T.make = function(kind) {
    var k = KINDS[kind] || KINDS[0];
    var el = document.createElement(k[0] === "textarea" ? "textarea" : "input");
    if (k[0] !== "textarea") el.type = k[0];
    el.setAttribute("autocomplete", k[1]);
    // A name before a field binds it (the tree's name for that field replaces it then).
    el.setAttribute("aria-label", ["Text", "Email", "Email", "Password", "New password", "Code", "Name", "Text", "Amount"][kind] || "Text");
    if (k[2]) el.setAttribute("inputmode", k[2]);
    el.setAttribute("autocapitalize", k[3]);
    el.setAttribute("autocorrect", k[4] ? "on" : "off");
    el.spellcheck = k[4];
    el.tabIndex = -1;
    // Invisible but present (not display:none: a browser neither focuses nor fills that); 16px
    // keeps phones from zooming into the field.
    el.style.cssText = "position:absolute;left:0;top:0;width:1px;height:1px;margin:0;padding:0;border:0;outline:0;" +
                       "opacity:0;pointer-events:none;font-size:16px;background:transparent;color:transparent;" +
                       "caret-color:transparent;resize:none;overflow:hidden";
    el.pdMirror = true;
    el.addEventListener("input", function() {
      // A change the frame's poll will not see (the element is not the focused mirror): a
      // password manager filling a form field.
      if (!(T.bound === el && document.activeElement === el)) el.pdDirty = true;
      T.wake = true;
    });
    el.addEventListener("compositionstart", function() {
      T.composing = true;
      T.base = { v: el.value, s: el.selectionStart || 0, e: el.selectionEnd || 0 };
    });
    // A browser's IME changes the value itself (input events while composing: the text being
    // composed is shown). A composition event sent by a script does not: its default action,
    // the preview and the final insertion, is carried out here instead.
    var emulate = function(e) {
      if (e.isTrusted || !T.base) return;
      var d = String(e.data || ""), b = T.base;
      el.value = b.v.slice(0, b.s) + d + b.v.slice(b.e);
      try { el.setSelectionRange(b.s + d.length, b.s + d.length); } catch (err) {}
    };
    el.addEventListener("compositionupdate", function(e) { emulate(e); T.wake = true; });
    el.addEventListener("compositionend", function(e) {
      emulate(e);
      T.composing = false;
      T.base = null;
      T.wake = true;
    });
    el.addEventListener("blur", function() { if (T.composing) { T.composing = false; T.base = null; } });
    el.addEventListener("paste", function(e) {
      e.preventDefault();
      e.stopPropagation(); // not the page's paste listener, which replays Ctrl+V to ImGui
      if (el.readOnly || !e.clipboardData) return;
      // Line breaks as the element keeps them (no backslash escapes here: EM_JS would turn them
      // into the characters themselves).
      var cr = String.fromCharCode(13), lf = String.fromCharCode(10);
      var text = String(e.clipboardData.getData("text/plain") || "").split(cr + lf).join(lf).split(cr).join(lf);
      if (el.tagName !== "TEXTAREA") text = text.split(lf).join(" ");
      if (Module.pdPage) Module.pdPage.clip = text;
      var s = el.selectionStart || 0, en = el.selectionEnd || 0;
      el.setRangeText(text, Math.min(s, en), Math.max(s, en), "end");
      el.dispatchEvent(new Event("input", { bubbles: true }));
      T.wake = true;
    });
    return el;
  };
  T.get = function(kind) {
    if (!T.generic[kind]) T.rootEl().appendChild(T.generic[kind] = T.make(kind));
    return T.generic[kind];
  };

  // Keys typed into a mirror element are the element's: GLFW (ImGui's keyboard) and the page's
  // paste shortcut do not see them, so nothing arrives twice. Modifiers, Tab, Escape and Enter
  // (in a single-line field, or with Ctrl/Cmd) go on to ImGui, which moves focus, cancels, submits.
  var passes = function(e, el) {
    var k = e.key;
    if (k === "Shift" || k === "Control" || k === "Alt" || k === "Meta") return true;
    if (e.isComposing || e.keyCode === 229) return false;
    if (k === "Tab" || k === "Escape") return true;
    if (k === "Enter") return el.tagName !== "TEXTAREA" || e.ctrlKey || e.metaKey;
    return false;
  };
  var keyFilter = function(e) {
    var el = e.target;
    if (!el || !el.pdMirror) return;
    if (e.type === "keypress" || !passes(e, el)) { e.stopImmediatePropagation(); return; }
    if (e.type === "keydown" && (e.key === "Tab" || e.key === "Enter")) e.preventDefault();
  };
  window.addEventListener("keydown", keyFilter, true);
  window.addEventListener("keypress", keyFilter, true);
  window.addEventListener("keyup", keyFilter, true);
  // A tap or click on a text field (the canvas shows the text cursor over it) focuses the
  // element right in the gesture: phones open their keyboard only for a focus made there.
  var gesture = function(e) {
    if (!Module.canvas || e.target !== Module.canvas || Module.canvas.style.cursor !== "text") return;
    var el = T.bound || T.get(0);
    if (document.activeElement !== el) el.focus({ preventScroll: true });
  };
  window.addEventListener("touchend", gesture, true);
  window.addEventListener("mouseup", gesture, true);
});

// Binds the element of a kind (or a form's field) to the active field and focuses it.
EM_JS(void, js_ti_bind, (unsigned int id, int kind, const char* form, int field, int read_only), {
  var T = Module.pdText, name = UTF8ToString(form), el = null;
  if (name && T.forms[name]) el = T.forms[name].fields[field] || null;
  if (!el) el = T.get(kind);
  el.readOnly = !!read_only;
  // A screen reader names the focused element as the field: the accessibility tree's name for it.
  var node = document.querySelector('[data-pd-id="' + id + '"]');
  var label = node && node.getAttribute("aria-label");
  if (label) el.setAttribute("aria-label", label);
  T.bound = el;
  T.known = null;
  T.composing = false;
  if (document.activeElement !== el) el.focus({ preventScroll: true });
});

EM_JS(void, js_ti_unbind, (), {
  var T = Module.pdText, el = T.bound;
  T.bound = null;
  T.known = null;
  if (el && document.activeElement === el) el.blur();
});

// The active field's text and selection (anchor, caret: UTF-8 offsets) into the element.
EM_JS(void, js_ti_push, (const char* text, int anchor, int caret), {
  var T = Module.pdText, el = T.bound;
  if (!el || T.composing) return;
  var v = UTF8ToString(text);
  if (el.value !== v) el.value = v;
  var a = T.u16(v, anchor), c = T.u16(v, caret);
  try { el.setSelectionRange(Math.min(a, c), Math.max(a, c), c < a ? "backward" : "forward"); } catch (err) {}
  T.known = { v: el.value, s: el.selectionStart, e: el.selectionEnd, d: el.selectionDirection };
});

// Places a generic element at the caret (x, y, line height in canvas pixels).
EM_JS(void, js_ti_place, (float x, float y, float h), {
  var T = Module.pdText, el = T.bound;
  if (el && !el.pdForm) T.place(el, x, y, 2, h);
});

// What the focused element holds now, if it changed since the page and ImGui last agreed:
// the value (malloc'ed UTF-8), the anchor and caret as UTF-8 offsets.
EM_JS(char*, js_ti_take, (int* anchor, int* caret), {
  var T = Module.pdText, el = T.bound;
  if (!el || !T.known || document.activeElement !== el) return 0;
  var v = el.value;
  var s = el.selectionStart === null ? v.length : el.selectionStart;
  var e = el.selectionEnd === null ? v.length : el.selectionEnd;
  var d = el.selectionDirection;
  var k = T.known;
  if (k.v === v && k.s === s && k.e === e && k.d === d) return 0;
  T.known = { v: v, s: s, e: e, d: d };
  var back = d === "backward";
  HEAP32[anchor >> 2] = T.u8(v, back ? e : s);
  HEAP32[caret >> 2] = T.u8(v, back ? s : e);
  var n = lengthBytesUTF8(v) + 1, p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

EM_JS(int, js_ti_take_wake, (), {
  var T = Module.pdText;
  if (!T || !T.wake) return 0;
  T.wake = false;
  return 1;
});

// [SECTION] Forms (page side)
EM_JS(char*, js_ti_form_field, (const char* form, int field, int kind, float x, float y, float w, float h,
                                const char* value, int active), {
  var T = Module.pdText, name = UTF8ToString(form), f = T.forms[name];
  if (!f) {
    var el = document.createElement("form");
    el.setAttribute("method", "post");
    el.setAttribute("action", "#");
    el.setAttribute("autocomplete", "on");
    el.setAttribute("data-form", name);
    el.noValidate = true;
    f = T.forms[name] = { el: el, fields: [], button: null, submitted: false, inApp: false, seen: true };
    el.addEventListener("submit", function(e) {
      e.preventDefault();
      if (!f.inApp) { f.submitted = true; T.wake = true; }
    });
    T.rootEl().appendChild(el);
  }
  f.seen = true;
  var input = f.fields[field];
  if (!input || input.pdKind !== kind) {
    var fresh = T.make(kind);
    fresh.pdKind = kind;
    fresh.pdForm = name;
    var names = ["text", "email", "username", "password", "new-password", "one-time-code", "name"];
    fresh.name = names[kind] || "text";
    fresh.id = "pd-" + name + "-" + fresh.name;
    fresh.setAttribute("aria-label", ["Text", "Email", "Email", "Password", "New password", "Code", "Name"][kind] || "Text");
    if (input) f.el.replaceChild(fresh, input); else f.el.insertBefore(fresh, f.button);
    f.fields[field] = input = fresh;
  }
  T.place(input, x, y, w, h);
  if (active) { input.pdDirty = false; return 0; } // the mirror carries it
  if (input.pdDirty) {
    input.pdDirty = false;
    var v = input.value, n = lengthBytesUTF8(v) + 1, p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
  }
  var now = UTF8ToString(value);
  if (input.value !== now) input.value = now;
  return 0;
});

EM_JS(void, js_ti_form_button, (const char* form, const char* label, float x, float y, float w, float h), {
  var T = Module.pdText, f = T.forms[UTF8ToString(form)];
  if (!f) return;
  if (!f.button) {
    f.button = document.createElement("button");
    f.button.type = "submit";
    f.button.tabIndex = -1;
    f.button.style.cssText = "position:absolute;margin:0;padding:0;border:0;opacity:0;pointer-events:none";
    f.el.appendChild(f.button);
  }
  var text = UTF8ToString(label);
  if (f.button.textContent !== text) f.button.textContent = text;
  T.place(f.button, x, y, w, h);
});

// The account's email in a form that has no field for it (a password manager saves the new
// password under it): a hidden username input holding the value.
EM_JS(void, js_ti_form_username, (const char* form, const char* value), {
  var T = Module.pdText, f = T.forms[UTF8ToString(form)];
  if (!f) return;
  if (!f.username) {
    f.username = document.createElement("input");
    f.username.type = "text";
    f.username.name = "username";
    f.username.setAttribute("autocomplete", "username");
    f.username.readOnly = true;
    f.username.tabIndex = -1;
    f.username.style.cssText = "display:none";
    f.el.insertBefore(f.username, f.el.firstChild);
  }
  var v = UTF8ToString(value);
  if (f.username.value !== v) f.username.value = v;
});

EM_JS(int, js_ti_form_end, (const char* form, int submitted_in_app), {
  var T = Module.pdText, f = T.forms[UTF8ToString(form)];
  if (!f) return 0;
  if (submitted_in_app) {
    // A real submission for the browser (password managers save on it); the handler ignores it.
    f.inApp = true;
    try { if (f.el.requestSubmit) f.el.requestSubmit(f.button || undefined); } catch (err) {}
    f.inApp = false;
  }
  var s = f.submitted;
  f.submitted = false;
  return s ? 1 : 0;
});

// Forms not drawn since the last call leave the page (a password manager sees the sign-in form
// go away after the request: the sign-in worked).
EM_JS(void, js_ti_sweep_forms, (), {
  var T = Module.pdText;
  Object.keys(T.forms).forEach(function(name) {
    var f = T.forms[name];
    if (f.seen) { f.seen = false; return; }
    if (T.bound && T.bound.pdForm === name) T.bound = null;
    f.el.remove();
    delete T.forms[name];
  });
});

// [SECTION] ImGui side: the active field's state
constexpr int kMultiline = 7; // page-side kinds after FieldKind's
constexpr int kDecimal = 8;

struct Mark {
  ImGuiID id = 0;
  int kind = 0;
  std::string form; // empty: no form
  int field = 0;
};

std::vector<Mark> g_ti_marks;     // this frame's fields with a kind or a form
std::string g_ti_form;            // between form_begin and form_end
int g_ti_form_fields = 0;
ImGuiID g_ti_bound_id = 0;        // the field the DOM element mirrors
int g_ti_bound_kind = -1;
std::string g_ti_bound_form;
std::string g_ti_synced_text;     // what the field and the element last agreed on
int g_ti_synced_anchor = -1, g_ti_synced_caret = -1;

std::string ti_take_string(char* p) {
  std::string s(p);
  std::free(p);
  return s;
}

const Mark* ti_mark_of(ImGuiID id) {
  for (const Mark& m : g_ti_marks)
    if (m.id == id) return &m;
  return nullptr;
}

int ti_kind_from_flags(ImGuiInputTextFlags flags) {
  if (flags & ImGuiInputTextFlags_Multiline) return kMultiline;
  if (flags & ImGuiInputTextFlags_Password) return static_cast<int>(FieldKind::new_password);
  if (flags & ImGuiInputTextFlags_CharsNoBlank) return static_cast<int>(FieldKind::email);
  if (flags & (ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_CharsScientific)) return kDecimal;
  return static_cast<int>(FieldKind::text);
}

// The field's filters that typing in ImGui would apply: no line breaks in a single line, no
// blanks where they are refused. Offsets move with what is removed.
void ti_filter(std::string& text, int& anchor, int& caret, ImGuiInputTextFlags flags) {
  const bool single = !(flags & ImGuiInputTextFlags_Multiline);
  const bool no_blank = (flags & ImGuiInputTextFlags_CharsNoBlank) != 0;
  std::string out;
  out.reserve(text.size());
  int new_anchor = anchor, new_caret = caret;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool drop = c == '\r' || (single && c == '\n') || (no_blank && (c == ' ' || c == '\t'));
    if (!drop) {
      out += c;
      continue;
    }
    if (static_cast<int>(i) < anchor) --new_anchor;
    if (static_cast<int>(i) < caret) --new_caret;
  }
  text = std::move(out);
  anchor = new_anchor;
  caret = new_caret;
}

// The DOM element's text and selection into the active field's ImGui state. ImGui copies the
// state's text to the view's string when it draws the field (InputTextEx: "copy result string
// if modified"), as after a key it handled itself.
void ti_apply(ImGuiInputTextState& st, std::string text, int anchor, int caret) {
  ti_filter(text, anchor, caret, st.Flags);
  if (!(st.Flags & ImGuiInputTextFlags_CallbackResize) && st.BufCapacity > 0 &&
      static_cast<int>(text.size()) >= st.BufCapacity) {
    std::size_t n = static_cast<std::size_t>(st.BufCapacity - 1);
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n; // not inside a character
    text.resize(n);
  }
  const int len = static_cast<int>(text.size());
  ImStbTexteditState& stb = *st.Stb;
  if (len != st.TextLen || std::memcmp(st.TextA.Data, text.data(), text.size()) != 0) {
    if (st.TextA.Size < len + 1) st.TextA.resize(len + 1);
    std::memcpy(st.TextA.Data, text.c_str(), text.size() + 1);
    st.TextLen = len;
    // ImGui's undo records point into the old text: dropped (the element keeps its own undo).
    stb.undostate.undo_point = 0;
    stb.undostate.undo_char_point = 0;
    stb.undostate.redo_point = IMSTB_TEXTEDIT_UNDOSTATECOUNT;
    stb.undostate.redo_char_point = IMSTB_TEXTEDIT_UNDOCHARCOUNT;
  }
  anchor = std::clamp(anchor, 0, len);
  caret = std::clamp(caret, 0, len);
  stb.cursor = caret;
  stb.select_start = anchor;
  stb.select_end = caret;
  stb.has_preferred_x = 0;
  st.CursorClamp();
  st.CursorAnimReset();
  st.CursorFollow = true;
}

ImGuiInputTextState* ti_active_state() {
  ImGuiContext* g = ImGui::GetCurrentContext();
  if (!g || g->ActiveId == 0 || g->InputTextState.ID != g->ActiveId) return nullptr;
  return &g->InputTextState;
}

} // namespace text_entry

// [SECTION] Frame hooks
void install_text_input() { text_entry::js_ti_install(); }

bool text_input_before_frame() {
  using namespace text_entry;
  const bool woke = js_ti_take_wake() != 0;
  int anchor = 0, caret = 0;
  char* p = js_ti_take(&anchor, &caret);
  if (!p) return woke;
  std::string text = ti_take_string(p);
  ImGuiInputTextState* st = ti_active_state();
  if (!st || st->ID != g_ti_bound_id || (st->Flags & ImGuiInputTextFlags_ReadOnly)) return true;
  g_ti_synced_text = text; // what the element holds: after filtering, the frame pushes the difference back
  g_ti_synced_anchor = anchor;
  g_ti_synced_caret = caret;
  ti_apply(*st, std::move(text), anchor, caret);
  return true;
}

void text_input_after_frame() {
  using namespace text_entry;
  ImGuiInputTextState* st = ti_active_state();
  if (!st) {
    if (g_ti_bound_id != 0) js_ti_unbind();
    g_ti_bound_id = 0;
  } else {
    const Mark* m = ti_mark_of(st->ID);
    const bool multiline = (st->Flags & ImGuiInputTextFlags_Multiline) != 0;
    const int kind = multiline ? kMultiline : m ? m->kind : ti_kind_from_flags(st->Flags);
    const std::string form = m && !multiline ? m->form : std::string();
    if (st->ID != g_ti_bound_id || kind != g_ti_bound_kind || form != g_ti_bound_form) {
      js_ti_bind(st->ID, kind, form.c_str(), m ? m->field : 0, (st->Flags & ImGuiInputTextFlags_ReadOnly) ? 1 : 0);
      g_ti_bound_id = st->ID;
      g_ti_bound_kind = kind;
      g_ti_bound_form = form;
      g_ti_synced_anchor = g_ti_synced_caret = -1;
    }
    const ImStbTexteditState& stb = *st->Stb;
    const bool selection = stb.select_start != stb.select_end;
    const int anchor = selection ? stb.select_start : stb.cursor;
    const int caret = selection ? stb.select_end : stb.cursor;
    const std::string_view text(st->TextA.Data ? st->TextA.Data : "", static_cast<std::size_t>(st->TextLen));
    if (anchor != g_ti_synced_anchor || caret != g_ti_synced_caret || text != g_ti_synced_text) {
      g_ti_synced_text.assign(text);
      g_ti_synced_anchor = anchor;
      g_ti_synced_caret = caret;
      js_ti_push(g_ti_synced_text.c_str(), anchor, caret);
    }
    const ImGuiPlatformImeData& ime = ImGui::GetCurrentContext()->PlatformImeData;
    if (ime.WantVisible) js_ti_place(ime.InputPos.x, ime.InputPos.y, ime.InputLineHeight);
  }
  js_ti_sweep_forms();
  g_ti_marks.clear();
}

void text_field_kind(FieldKind kind) {
  text_entry::g_ti_marks.push_back({ImGui::GetItemID(), static_cast<int>(kind), {}, 0});
}

// [SECTION] Forms
void form_begin(const char* name) {
  text_entry::g_ti_form = name;
  text_entry::g_ti_form_fields = 0;
}

bool form_field(FieldKind kind, std::string& value) {
  using namespace text_entry;
  const ImGuiID id = ImGui::GetItemID();
  const int field = g_ti_form_fields++;
  g_ti_marks.push_back({id, static_cast<int>(kind), g_ti_form, field});
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  const bool active = ImGui::GetActiveID() == id;
  char* p = js_ti_form_field(g_ti_form.c_str(), field, static_cast<int>(kind), a.x, a.y, b.x - a.x, b.y - a.y,
                             value.c_str(), active ? 1 : 0);
  if (!p) return false;
  value = ti_take_string(p);
  return true;
}

void form_submit_button(const char* label) {
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  text_entry::js_ti_form_button(text_entry::g_ti_form.c_str(), label, a.x, a.y, b.x - a.x, b.y - a.y);
}

void form_username(const std::string& email) {
  text_entry::js_ti_form_username(text_entry::g_ti_form.c_str(), email.c_str());
}

bool form_end(bool submitted_in_app) {
  const bool submitted = text_entry::js_ti_form_end(text_entry::g_ti_form.c_str(), submitted_in_app ? 1 : 0) != 0;
  text_entry::g_ti_form.clear();
  return submitted;
}

} // namespace pd::client::platform
