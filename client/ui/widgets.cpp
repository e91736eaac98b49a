// [SECTION] Widgets shared by the views
#include "client/ui/ui.hpp"

#include "client/testing/item_table.hpp"

#include "imgui_internal.h" // ImGuiItemStatusFlags_ for the item table
#include "imgui_stdlib.h"

namespace pd::client::ui {

void text(std::string_view s, ImU32 col) {
  ImGui::PushStyleColor(ImGuiCol_Text, col);
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
  ImGui::PopStyleColor();
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
  dl->AddRect(start, end, IM_COL32(0xF3, 0xC1, 0xBC, 0xFF), dp(6));
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

bool primary_button(const char* label, ImVec2 size, bool enabled) {
  ImGui::PushStyleColor(ImGuiCol_Button, color::accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color::accent_hover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, color::accent_active);
  ImGui::PushStyleColor(ImGuiCol_Text, color::surface);
  ImGui::PushStyleColor(ImGuiCol_Border, color::accent);
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

bool secondary_button(const char* label, ImVec2 size) { return ImGui::Button(label, size); }

bool input_text(const char* label, const char* hint, std::string& value, bool& edited, ImGuiInputTextFlags flags) {
  ImGui::SetNextItemWidth(-FLT_MIN);
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
                      IM_COL32(0x1E, 0x29, 0x3B, 3), r + grow);
  }
}

} // namespace pd::client::ui
