// [SECTION] Text the reader can select and copy (messages, notes, articles, a ticket's fields)
//
// The canvas has no text the browser can select, so this draws wrapped text as ImGui does and
// keeps a selection over it, like a page's own text:
// - a mouse drag selects; a double click selects a word, a triple click the whole text;
// - Ctrl/Cmd+C copies the selection to the system clipboard (the page's copy event, which a
//   field being edited keeps for its own text);
// - a right click or a long press (touch) opens Copy and Select all.
// One selection exists at a time, as in a browser; a click anywhere else clears it.
#include "client/ui/ui.hpp"

#include "imgui_internal.h" // CalcWrapWidthForPos, BeginPopupEx, ImTextCharFromUtf8

#include <emscripten.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

namespace pd::client::ui {

namespace {

struct Selection {
  ImGuiID id = 0;    // the text holding the selection (0: none)
  int anchor = 0;    // where the drag started (a byte offset into the text)
  int caret = 0;     // where it is now
  bool dragging = false;
};
Selection g_selection;
// What the page's copy event takes (Ctrl/Cmd+C, the browser's Edit menu): the selected part of
// a text drawn in the last frame.
std::string g_selected;
int g_selected_frame = -1;

// One drawn line: the bytes [begin, end) of the text, and its top.
struct Line {
  int begin = 0;
  int end = 0;
  float y = 0;
};

// The lines ImGui draws the text in at this wrap width (ImFont::RenderText's own breaking:
// at a newline, or where CalcWordWrapPosition says, skipping the blanks after a wrap).
std::vector<Line> layout(std::string_view s, float wrap_width, float size) {
  std::vector<Line> lines;
  ImFont* font = ImGui::GetFont();
  const char* begin = s.data();
  const char* end = begin + s.size();
  const char* p = begin;
  float y = 0;
  for (;;) {
    const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* line_end = newline ? newline : end;
    const char* eol = wrap_width > 0 ? font->CalcWordWrapPosition(size, p, line_end, wrap_width) : line_end;
    if (eol == p && p < line_end) eol = p + 1; // never stall on a glyph wider than the line
    lines.push_back({static_cast<int>(p - begin), static_cast<int>(eol - begin), y});
    y += size;
    if (eol < line_end) {
      // Wrapped: the next line starts after the blanks (and one newline) at the wrap.
      p = eol;
      while (p < end && (*p == ' ' || *p == '\t')) ++p;
      if (p < end && *p == '\n') ++p;
      if (p >= end) break;
    } else if (newline) {
      p = newline + 1;
    } else {
      break;
    }
  }
  return lines;
}

float x_of(std::string_view s, const Line& line, int offset, float size) {
  ImFont* font = ImGui::GetFont();
  offset = std::clamp(offset, line.begin, line.end);
  return font->CalcTextSizeA(size, FLT_MAX, 0.0f, s.data() + line.begin, s.data() + offset).x;
}

// The byte offset nearest to a point (relative to the text's top left).
int offset_at(std::string_view s, const std::vector<Line>& lines, ImVec2 at, float size) {
  if (at.y < 0) return 0;
  std::size_t li = std::min(lines.size() - 1, static_cast<std::size_t>(at.y / size));
  const Line& line = lines[li];
  const char* p = s.data() + line.begin;
  const char* end = s.data() + line.end;
  float x = 0;
  ImFont* font = ImGui::GetFont();
  while (p < end) {
    unsigned int c = 0;
    const int n = std::max(1, ImTextCharFromUtf8(&c, p, end));
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, p, p + n).x;
    if (at.x < x + w / 2) break;
    x += w;
    p += n;
  }
  return static_cast<int>(p - s.data());
}

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\n';
}

// The word around an offset: the run of non-blank bytes it touches.
std::pair<int, int> word_at(std::string_view s, int offset) {
  int a = offset, b = offset;
  while (a > 0 && !blank(s[static_cast<std::size_t>(a - 1)])) --a;
  while (b < static_cast<int>(s.size()) && !blank(s[static_cast<std::size_t>(b)])) ++b;
  return {a, b};
}

std::string selected(std::string_view s) {
  const int a = std::clamp(std::min(g_selection.anchor, g_selection.caret), 0, static_cast<int>(s.size()));
  const int b = std::clamp(std::max(g_selection.anchor, g_selection.caret), 0, static_cast<int>(s.size()));
  return std::string(s.substr(static_cast<std::size_t>(a), static_cast<std::size_t>(b - a)));
}

void draw_highlight(std::string_view s, const std::vector<Line>& lines, ImVec2 pos, float size) {
  const int a = std::min(g_selection.anchor, g_selection.caret);
  const int b = std::max(g_selection.anchor, g_selection.caret);
  if (a == b) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 col = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
  for (const Line& line : lines) {
    if (line.end < a || line.begin > b) continue;
    const float x0 = x_of(s, line, std::max(a, line.begin), size);
    float x1 = x_of(s, line, std::min(b, line.end), size);
    if (b > line.end) x1 += size * 0.3f; // the selection runs on past this line's end
    if (x1 > x0) dl->AddRectFilled(ImVec2(pos.x + x0, pos.y + line.y), ImVec2(pos.x + x1, pos.y + line.y + size), col);
  }
}

void copy_menu(std::string_view s, ImGuiID id, bool hovered) {
  const ImGuiID menu = ImHashStr("##copy-menu", 0, id);
  if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
    if (g_selection.id != id || g_selection.anchor == g_selection.caret) g_selection = Selection{};
    ImGui::OpenPopupEx(menu);
  }
  if (!ImGui::BeginPopupEx(menu, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings))
    return;
  const bool has_selection = g_selection.id == id && g_selection.anchor != g_selection.caret;
  // Entries a finger tall on a touch screen.
  const ImVec2 entry(dp(160), tap_height(ImGui::GetFrameHeight()));
  ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
  if (ImGui::Selectable(has_selection ? "Copy" : "Copy text", false, 0, entry)) {
    const std::string out = has_selection ? selected(s) : std::string(s);
    ImGui::SetClipboardText(out.c_str());
    ImGui::CloseCurrentPopup();
  }
  if (ImGui::Selectable("Select all", false, 0, entry)) {
    g_selection = Selection{id, 0, static_cast<int>(s.size()), false};
    ImGui::CloseCurrentPopup();
  }
  ImGui::PopStyleVar();
  ImGui::EndPopup();
}

} // namespace

void selectable_text(std::string_view s, ImU32 col) {
  const ImGuiID id = ImGui::GetID(s.data(), s.data() + s.size());
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float size = ImGui::GetFontSize();
  const float wrap_width = ImGui::CalcWrapWidthForPos(pos, 0.0f);
  const auto lines = layout(s, wrap_width, size);
  if (g_selection.id == id) draw_highlight(s, lines, pos, size);
  text_wrapped(s, col);

  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && ImGui::IsMouseHoveringRect(min, max);
  const ImGuiIO& io = ImGui::GetIO();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  const ImVec2 at(io.MousePos.x - pos.x, io.MousePos.y - pos.y);
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    const int offset = offset_at(s, lines, at, size);
    const int clicks = io.MouseClickedCount[ImGuiMouseButton_Left];
    g_selection = Selection{id, offset, offset, true};
    if (clicks == 2) std::tie(g_selection.anchor, g_selection.caret) = word_at(s, offset);
    if (clicks >= 3) g_selection.anchor = 0, g_selection.caret = static_cast<int>(s.size());
    g_selection.dragging = clicks == 1;
  } else if (!hovered && g_selection.id == id && !g_selection.dragging && ImGui::IsMouseClicked(ImGuiMouseButton_Left) &&
             !ImGui::IsPopupOpen(0u, ImGuiPopupFlags_AnyPopupId)) {
    g_selection = Selection{}; // a click elsewhere lets go of the selection
  }
  if (g_selection.id == id && g_selection.dragging) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) g_selection.caret = offset_at(s, lines, at, size);
    else g_selection.dragging = false;
  }
  // The keyboard's copy goes through the page's copy event, which asks selected_text().
  if (g_selection.id == id) {
    g_selected = selected(s);
    g_selected_frame = ImGui::GetFrameCount();
  }
  copy_menu(s, id, hovered);
}

std::string selected_text() {
  const bool shown = g_selection.id != 0 && g_selected_frame >= ImGui::GetFrameCount() - 1;
  return shown ? g_selected : std::string();
}

} // namespace pd::client::ui

// Asked by the page's copy event (client/platform/browser_emscripten.cpp).
extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_selected_text() {
  static std::string out;
  out = pd::client::ui::selected_text();
  return out.c_str();
}
