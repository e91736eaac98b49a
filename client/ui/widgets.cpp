// [SECTION] Widgets shared by the views
#include "client/ui/ui.hpp"

#include "client/testing/item_table.hpp"

#include "imgui_internal.h" // ImGuiItemStatusFlags_ for the item table
#include "imgui_stdlib.h"

#include <algorithm>
#include <vector>

namespace pd::client::ui {

namespace flow_impl {
// The room from the cursor to where text would wrap (the wrap position, else the region's edge).
float room() {
  const ImGuiWindow* w = ImGui::GetCurrentWindow();
  float right = w->WorkRect.Max.x;
  if (w->DC.TextWrapPos > 0.0f) right = std::min(right, w->DC.TextWrapPos + w->Pos.x - w->Scroll.x);
  return right - ImGui::GetCursorScreenPos().x;
}
} // namespace flow_impl

bool fit_on_line(float width) {
  if (!narrow()) return true;
  const ImGuiWindow* w = ImGui::GetCurrentWindow();
  if (!w->DC.IsSameLine || width <= flow_impl::room() + 0.5f) return true;
  ImGui::NewLine(); // what follows on a line that has no room for it goes under it
  return false;
}

void text(std::string_view s, ImU32 col) {
  // On a narrow layout, text that does not fit goes under what it followed and wraps.
  bool wrap = false;
  if (narrow()) {
    const float width = ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
    if (width > flow_impl::room() && flow_impl::room() < ImGui::GetCurrentWindow()->WorkRect.GetWidth() * 0.4f) fit_on_line(width);
    wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0.0f && width > flow_impl::room();
  }
  if (wrap) ImGui::PushTextWrapPos(0.0f);
  ImGui::PushStyleColor(ImGuiCol_Text, col);
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
  ImGui::PopStyleColor();
  if (wrap) ImGui::PopTextWrapPos();
  testing::record_text(s);
}

void text_wrapped(std::string_view s, ImU32 col) {
  ImGui::PushStyleColor(ImGuiCol_Text, col);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  testing::record_text(s);
}

void heading(std::string_view s, float size, ImU32 col) {
  FontScope font(fonts().bold, size);
  text(s, col);
}

void error_box(std::string_view message) {
  // A tinted box with the message wrapped inside it.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pad = dp(12, 10);
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(start.x + pad.x, start.y + pad.y));
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + width - 2 * pad.x);
  ImGui::PushStyleColor(ImGuiCol_Text, color::error);
  ImGui::TextUnformatted(message.data(), message.data() + message.size());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  testing::record_text(message);
  const ImVec2 end(start.x + width, ImGui::GetItemRectMax().y + pad.y);
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(start, end, color::error_soft, dp(6));
  dl->AddRect(start, end, color::error_border, dp(6));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(start);
  ImGui::Dummy(ImVec2(width, end.y - start.y));
}

void brand_mark(float size) {
  // A rounded accent square with a "P": the product's mark.
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float s = dp(size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + s, p.y + s), color::accent, s * 0.28f);
  {
    FontScope font(fonts().bold, size * 0.62f);
    const ImVec2 t = ImGui::CalcTextSize("P");
    dl->AddText(ImVec2(p.x + (s - t.x) * 0.5f, p.y + (s - t.y) * 0.5f), color::surface, "P");
  }
  ImGui::Dummy(ImVec2(s, s));
}

namespace {
// A button filled with a colour, white bold label: the primary and danger buttons.
bool filled_button(const char* label, ImVec2 size, bool enabled, ImU32 fill, ImU32 hover, ImU32 active) {
  if (size.y > 0) size.y = tap_height(size.y);
  fit_on_line(size.x > 0 ? size.x : ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2);
  ImGui::PushStyleColor(ImGuiCol_Button, fill);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, active);
  ImGui::PushStyleColor(ImGuiCol_Text, color::surface);
  ImGui::PushStyleColor(ImGuiCol_Border, fill);
  ImGui::BeginDisabled(!enabled);
  bool pressed;
  {
    FontScope font(fonts().bold, 0.0f);
    pressed = ImGui::Button(label, size);
  }
  ImGui::EndDisabled();
  ImGui::PopStyleColor(5);
  return pressed && enabled;
}
} // namespace

bool primary_button(const char* label, ImVec2 size, bool enabled) {
  return filled_button(label, size, enabled, color::accent, color::accent_hover, color::accent_active);
}

bool secondary_button(const char* label, ImVec2 size) {
  if (size.y > 0) size.y = tap_height(size.y);
  fit_on_line(size.x > 0 ? size.x : ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2);
  return ImGui::Button(label, size);
}

bool danger_button(const char* label, ImVec2 size, bool enabled) {
  return filled_button(label, size, enabled, color::error, color::error_hover, color::error_active);
}

FormFooter form_footer(std::string_view label, std::string_view busy, bool sending, bool ready, const char* cancel, std::string_view id) {
  std::string shown(sending && !busy.empty() ? busy : label);
  if (!busy.empty()) shown += "###" + std::string(id.empty() ? label : id);
  FormFooter clicks;
  clicks.submit = primary_button(shown.c_str(), ImVec2(0, 0), ready && !sending);
  ImGui::SameLine();
  clicks.cancel = secondary_button(cancel);
  return clicks;
}

ImVec2 pill_size(std::string_view text) {
  FontScope font(fonts().bold, 12.5f);
  const ImVec2 t = ImGui::CalcTextSize(text.data(), text.data() + text.size());
  const ImVec2 pad = dp(9, 3);
  return ImVec2(t.x + pad.x * 2, t.y + pad.y * 2);
}

void pill(std::string_view text, Tone t) {
  const ImVec2 size = pill_size(text);
  fit_on_line(size.x);
  FontScope font(fonts().bold, 12.5f);
  const ImVec2 pad = dp(9, 3);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), t.bg, size.y * 0.5f);
  ImGui::SetCursorScreenPos(ImVec2(p.x + pad.x, p.y + pad.y));
  ui::text(text, t.fg);
  ImGui::SetCursorScreenPos(p);
  ImGui::Dummy(size);
}

void dot(ImU32 col) {
  const float r = dp(4);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + h * 0.5f), r, col);
  ImGui::Dummy(ImVec2(r * 2, h));
  ImGui::SameLine(0, dp(8));
}

bool link(const char* label) {
  const char* end = ImGui::FindRenderedTextEnd(label);
  const ImVec2 size = ImGui::CalcTextSize(label, end);
  fit_on_line(size.x);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton(label, size);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 col = hovered ? color::accent_hover : color::accent;
  dl->AddText(p, col, label, end);
  if (hovered) {
    dl->AddLine(ImVec2(p.x, p.y + size.y), ImVec2(p.x + size.x, p.y + size.y), col, dp(1));
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  }
  return pressed;
}

void message_box(std::string_view message, Tone t) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pad = dp(12, 10);
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(start.x + pad.x, start.y + pad.y));
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + width - 2 * pad.x);
  ImGui::PushStyleColor(ImGuiCol_Text, t.fg);
  ImGui::TextUnformatted(message.data(), message.data() + message.size());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  testing::record_text(message);
  const ImVec2 end(start.x + width, ImGui::GetItemRectMax().y + pad.y);
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(start, end, t.bg, dp(6));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(start);
  ImGui::Dummy(ImVec2(width, end.y - start.y));
}

namespace {
struct Tinted {
  ImVec2 start;
  float width;
  Tone tone;
};
std::vector<Tinted> g_tinted;
} // namespace

void begin_tinted(Tone t) {
  const ImVec2 pad = dp(14, 12);
  Tinted p{ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail().x, t};
  g_tinted.push_back(p);
  ImGui::GetWindowDrawList()->ChannelsSplit(2);
  ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(p.start.x + pad.x, p.start.y + pad.y));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + p.width - 2 * pad.x);
}

void end_tinted() {
  const ImVec2 pad = dp(14, 12);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const Tinted p = g_tinted.back();
  g_tinted.pop_back();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end(p.start.x + p.width, ImGui::GetItemRectMax().y + pad.y);
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(p.start, end, p.tone.bg, dp(8));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(p.start);
  ImGui::Dummy(ImVec2(p.width, end.y - p.start.y));
}

void field_label(std::string_view label) {
  FontScope font(fonts().bold, 13.5f);
  text(label, color::text);
}

void field_error(const std::string* message) {
  if (!message || message->empty()) return;
  FontScope font(fonts().regular, 13.5f);
  text_wrapped(*message, color::error);
}

bool begin_card(const char* id, float width, float height) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, dp(22, 20));
  // NavFlattened: the keyboard moves through a card's items as through the page's (Tab does not
  // stop at the card's edge).
  ImGuiChildFlags flags = ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_NavFlattened;
  if (height <= 0) flags |= ImGuiChildFlags_AutoResizeY;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, color::surface);
  const bool open = ImGui::BeginChild(id, ImVec2(width, height), flags, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  return open;
}

void end_card() { ImGui::EndChild(); }

void begin_column(const char* id, float width) {
  // ImGui gives the wheel to the innermost window that can scroll: an auto-sized child may keep a
  // fraction of a pixel to scroll and would swallow it.
  ImGui::BeginChild(id, ImVec2(width, 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_NavFlattened,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
}

void end_column() { ImGui::EndChild(); }

void flow_next(float next_width, float spacing) {
  const ImGuiWindow* w = ImGui::GetCurrentWindow();
  float limit = w->WorkRect.Max.x;
  if (w->DC.TextWrapPos > 0.0f) limit = std::min(limit, w->DC.TextWrapPos + w->Pos.x - w->Scroll.x); // a tinted panel's edge
  if (ImGui::GetItemRectMax().x + spacing + next_width <= limit + 0.5f) ImGui::SameLine(0, spacing);
}

void caption(std::string_view s) {
  FontScope font(fonts().bold, 12);
  text(s, color::muted);
}

bool input_text(const char* label, const char* hint, std::string& value, bool& edited, ImGuiInputTextFlags flags, float width) {
  ImGui::SetNextItemWidth(width);
  const bool enter = ImGui::InputTextWithHint(label, hint, &value, flags | ImGuiInputTextFlags_EnterReturnsTrue);
  edited = ImGui::IsItemEdited();
  if (!(flags & ImGuiInputTextFlags_Password)) testing::record_value(value);
  return enter;
}

bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags) {
  const ImGuiID id = ImGui::GetID(label);
  const bool open = ImGui::BeginCombo(label, preview, flags);
  testing::record_info(id, label, ImGuiItemStatusFlags_Openable | (open ? ImGuiItemStatusFlags_Opened : 0), preview);
  return open;
}

void card_shadow() {
  // Soft layered shadow under the current window, drawn behind every window.
  const ImVec2 p = ImGui::GetWindowPos();
  const ImVec2 s = ImGui::GetWindowSize();
  const float r = ImGui::GetStyle().WindowRounding;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  for (int i = 1; i <= 8; ++i) {
    const float grow = dp(static_cast<float>(i) * 1.5f);
    const float drop = dp(4.0f);
    dl->AddRectFilled(ImVec2(p.x - grow, p.y - grow + drop), ImVec2(p.x + s.x + grow, p.y + s.y + grow + drop),
                      color::shadow, r + grow);
  }
}

} // namespace pd::client::ui
