// A calm light theme and a dark slate one (client/app/palette.hpp). Built from scratch at every
// pixel-ratio or colour-scheme change so sizes never drift.
#include "client/ui/ui.hpp"

#include <algorithm>

namespace pd::client::ui {

namespace {
ImVec4 v(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
ImVec4 v(ImU32 c, float alpha) {
  ImVec4 f = ImGui::ColorConvertU32ToFloat4(c);
  f.w = alpha;
  return f;
}
} // namespace

namespace {
float g_pixel_ratio = 1.0f;
bool g_dark = false;
} // namespace

bool dark() { return g_dark; }

void set_dark(bool dark) {
  if (dark != g_dark) apply_theme(g_pixel_ratio, dark);
}

void apply_theme(float pixel_ratio, bool dark) {
  g_pixel_ratio = pixel_ratio;
  g_dark = dark;
  detail::palette = dark ? dark_palette : light_palette;
  detail::tones = detail::tones_of(detail::palette);
  ImGuiStyle s;
  s.WindowPadding = ImVec2(24, 24);
  s.WindowRounding = 0;
  s.WindowBorderSize = 0;
  s.ChildRounding = 10;
  s.ChildBorderSize = 1;
  s.PopupRounding = 8;
  s.PopupBorderSize = 1;
  s.FramePadding = ImVec2(12, 9);
  s.TabRounding = 6;
  s.TabBarBorderSize = 0;
  s.TabBarOverlineSize = 2;
  s.FrameRounding = 6;
  s.FrameBorderSize = 1;
  s.ItemSpacing = ImVec2(10, 10);
  s.ItemInnerSpacing = ImVec2(8, 6);
  s.CellPadding = ImVec2(8, 6);
  s.ScrollbarSize = 12;
  s.ScrollbarRounding = 6;
  s.GrabRounding = 6;
  s.SelectableTextAlign = ImVec2(0.0f, 0.5f);
  s.FontSizeBase = base_font_size;
  s.ScaleAllSizes(pixel_ratio);
  s.FontScaleDpi = pixel_ratio;

  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = v(color::text);
  c[ImGuiCol_TextDisabled] = v(color::disabled);
  c[ImGuiCol_WindowBg] = v(color::page);
  c[ImGuiCol_ChildBg] = v(color::surface);
  c[ImGuiCol_PopupBg] = v(color::surface);
  c[ImGuiCol_Border] = v(color::border);
  c[ImGuiCol_BorderShadow] = v(0, 0.0f);
  c[ImGuiCol_FrameBg] = v(color::surface);
  c[ImGuiCol_FrameBgHovered] = v(detail::palette.frame_hover);
  c[ImGuiCol_FrameBgActive] = v(color::surface);
  c[ImGuiCol_TitleBg] = v(color::surface);
  c[ImGuiCol_TitleBgActive] = v(color::surface);
  c[ImGuiCol_TitleBgCollapsed] = v(color::surface);
  c[ImGuiCol_MenuBarBg] = v(color::surface);
  c[ImGuiCol_ScrollbarBg] = v(0, 0.0f);
  c[ImGuiCol_ScrollbarGrab] = v(detail::palette.scroll_grab);
  c[ImGuiCol_ScrollbarGrabHovered] = v(detail::palette.scroll_grab_hover);
  c[ImGuiCol_ScrollbarGrabActive] = v(detail::palette.scroll_grab_active);
  c[ImGuiCol_CheckMark] = v(color::accent);
  c[ImGuiCol_SliderGrab] = v(color::accent);
  c[ImGuiCol_SliderGrabActive] = v(color::accent_active);
  c[ImGuiCol_Button] = v(color::surface);
  c[ImGuiCol_ButtonHovered] = v(detail::palette.button_hover);
  c[ImGuiCol_ButtonActive] = v(detail::palette.button_active);
  c[ImGuiCol_Header] = v(color::accent_soft);
  c[ImGuiCol_HeaderHovered] = v(detail::palette.button_hover);
  c[ImGuiCol_HeaderActive] = v(color::accent_soft);
  c[ImGuiCol_Separator] = v(color::border);
  c[ImGuiCol_SeparatorHovered] = v(color::accent);
  c[ImGuiCol_SeparatorActive] = v(color::accent);
  c[ImGuiCol_ResizeGrip] = v(0, 0.0f);
  c[ImGuiCol_ResizeGripHovered] = v(0, 0.0f);
  c[ImGuiCol_ResizeGripActive] = v(0, 0.0f);
  c[ImGuiCol_TextSelectedBg] = v(color::accent, 0.25f);
  c[ImGuiCol_NavCursor] = v(color::accent);
  c[ImGuiCol_ModalWindowDimBg] = v(color::scrim, dark ? 0.6f : 0.35f);
  c[ImGuiCol_InputTextCursor] = v(color::text);
  // Tabs: quiet until chosen; the chosen one is the card's white with an accent line on top.
  c[ImGuiCol_Tab] = v(detail::palette.tab);
  c[ImGuiCol_TabHovered] = v(color::accent_soft);
  c[ImGuiCol_TabSelected] = v(color::surface);
  c[ImGuiCol_TabSelectedOverline] = v(color::accent);
  c[ImGuiCol_TabDimmed] = v(detail::palette.tab);
  c[ImGuiCol_TabDimmedSelected] = v(color::surface);
  c[ImGuiCol_TabDimmedSelectedOverline] = v(color::accent);
  // Tables: the app's hairline borders, not ImGui's dark defaults.
  c[ImGuiCol_TableHeaderBg] = v(color::table_header);
  c[ImGuiCol_TableBorderStrong] = v(color::border);
  c[ImGuiCol_TableBorderLight] = v(color::table_rule);
  c[ImGuiCol_TableRowBg] = v(0, 0.0f);
  c[ImGuiCol_TableRowBgAlt] = v(color::table_header);
  ImGui::GetStyle() = s;
}

} // namespace pd::client::ui

namespace pd::client::ui {

bool narrow() { return ImGui::GetMainViewport()->WorkSize.x < dp(narrow_width); }

bool touch() { return ImGui::GetIO().MouseSource == ImGuiMouseSource_TouchScreen; }

float tap_height(float h) { return narrow() || touch() ? std::max(h, dp(tap_target)) : h; }

void adapt_style() {
  // Buttons, fields and combos are as tall as a finger needs on a phone or a touch screen.
  ImGuiStyle& s = ImGui::GetStyle();
  const float padding = narrow() || touch() ? (tap_target - base_font_size) * 0.5f : 9.0f;
  s.FramePadding.y = dp(padding);
}

} // namespace pd::client::ui
