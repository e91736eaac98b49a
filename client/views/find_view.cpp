// The in-page find. Ctrl/Cmd+F (kept from the browser, whose find cannot see the canvas) opens a
// bar at the top of the page; every text of the page containing the query (the item table of
// the last frame: text, labels and field values) is highlighted, the current match in the
// accent colour and brought into view. Enter or Next goes to the next match, Shift+Enter or
// Previous to the one before, Escape or Close closes the bar.
#include "client/testing/item_table.hpp"
#include "client/ui/ui.hpp"
#include "client/views/views.hpp"

#include "imgui_internal.h" // ImGui::FindWindowByName, SetScrollY(ImGuiWindow*)

#include <string>

namespace pd::client::views {

namespace {

constexpr const char* find_window = "Find on page";

// Scrolls every window around the hit that hides it, from the innermost out, so that the hit
// ends in the middle of each: a card below the fold holds the hit inside its own rectangle (and
// an auto-sized card may keep a fraction of a pixel to scroll), so the page around it must
// scroll as well. A window scrolled moves the hit for the windows around it.
void bring_into_view(const testing::TextHit& hit) {
  float y0 = hit.y0, y1 = hit.y1;
  for (ImGuiWindow* w = ImGui::FindWindowByName(hit.window.c_str()); w != nullptr;
       w = (w->Flags & ImGuiWindowFlags_ChildWindow) != 0 ? w->ParentWindow : nullptr) {
    if (w->ScrollMax.y <= 0) continue;
    if (y0 >= w->InnerRect.Min.y && y1 <= w->InnerRect.Max.y) continue; // in view of this one
    const float centre = (y0 + y1) * 0.5f;
    const float middle = (w->InnerRect.Min.y + w->InnerRect.Max.y) * 0.5f;
    const float target = ImClamp(w->Scroll.y + centre - middle, 0.0f, w->ScrollMax.y);
    const float moved = target - w->Scroll.y;
    ImGui::SetScrollY(w, target);
    y0 -= moved;
    y1 -= moved;
  }
}

void highlight(const std::vector<testing::TextHit>& hits, int current) {
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const float pad = ui::dp(2);
  for (int i = 0; i < static_cast<int>(hits.size()); ++i) {
    const auto& h = hits[static_cast<std::size_t>(i)];
    const ImVec2 a(h.x0 - pad, h.y0 - pad), b(h.x1 + pad, h.y1 + pad);
    if (i == current) {
      dl->AddRectFilled(a, b, IM_COL32(0xF5, 0x9E, 0x0B, 0x55), ui::dp(3));
      dl->AddRect(a, b, ui::color::warning, ui::dp(3), 0, ui::dp(2));
    } else {
      dl->AddRectFilled(a, b, IM_COL32(0xFD, 0xE0, 0x47, 0x50), ui::dp(3));
    }
  }
}

void step(FindBar& f, int count, int by) {
  if (count == 0) return;
  f.current = ((f.current + by) % count + count) % count;
  f.scroll = true;
}

} // namespace

void draw_find(UiState& ui_state) {
  auto& f = ui_state.find;
  if (!f.open) return;
  const auto hits = testing::find_text(f.query, find_window);
  const int count = static_cast<int>(hits.size());
  if (f.current >= count) f.current = 0;
  if (f.scroll && count > 0) bring_into_view(hits[static_cast<std::size_t>(f.current)]);
  f.scroll = false;
  highlight(hits, f.current);

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const bool narrow = ui::narrow();
  const float width = narrow ? vp->WorkSize.x - ui::dp(16) : ui::dp(440);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - width - ui::dp(8), vp->WorkPos.y + ui::dp(64)));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(12, 10));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, ui::dp(1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui::dp(8));
  ImGui::Begin(find_window, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_AlwaysAutoResize);
  if (f.focus) {
    ImGui::SetKeyboardFocusHere();
    f.focus = false;
  }
  bool edited = false;
  const std::string result = f.query.empty() ? "" : count == 0 ? "No matches" : std::to_string(f.current + 1) + " of " + std::to_string(count);
  const float buttons = ui::dp(narrow ? 96 : 190);
  const bool enter = ui::input_text("##Find on this page", "Find on this page", f.query, edited, ImGuiInputTextFlags_EscapeClearsAll,
                                    ImGui::GetContentRegionAvail().x - buttons - ui::dp(80));
  const bool field_active = ImGui::IsItemActive();
  if (edited) {
    f.current = 0;
    f.scroll = true;
  }
  if (enter) {
    step(f, count, ImGui::GetIO().KeyShift ? -1 : 1);
    f.focus = true; // Enter lets go of the field: take it again for the next Enter
  }
  ImGui::SameLine();
  ui::text(result.empty() ? " " : result, count == 0 ? ui::color::muted : ui::color::text);
  ImGui::SameLine();
  if (ui::secondary_button(narrow ? "\xE2\x86\x91##Previous match" : "Previous")) step(f, count, -1);
  ImGui::SameLine();
  if (ui::secondary_button(narrow ? "\xE2\x86\x93##Next match" : "Next")) step(f, count, 1);
  ImGui::SameLine();
  const bool escape = ImGui::IsKeyPressed(ImGuiKey_Escape) && (field_active || ImGui::IsWindowFocused());
  if (ui::secondary_button(narrow ? "\xC3\x97##Close find" : "Close") || escape) f = FindBar{};
  ImGui::End();
  ImGui::PopStyleVar(3);
}

} // namespace pd::client::views
