// [SECTION] Tables: the house list table and the pieces of its rows
#include "client/ui/ui.hpp"

#include <algorithm>

namespace pd::client::ui {

bool begin_list_table(const char* id, int columns, ImGuiTableFlags flags, ImVec2 size, ImVec2 cell_padding) {
  ImGui::PushStyleColor(ImGuiCol_TableRowBg, color::surface);
  ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, color::list_row_alt);
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, color::table_header);
  ImGui::PushStyleColor(ImGuiCol_TableBorderLight, color::border);
  ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, color::border);
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, dp(cell_padding.x, cell_padding.y));
  if (ImGui::BeginTable(id, columns, flags, size)) return true;
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);
  return false;
}

void end_list_table() {
  ImGui::EndTable();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);
}

void table_header_row(int columns) {
  const float h = dp(36);
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, color::table_header);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, h);
  for (int c = 0; c < columns; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    center_in_row(h, ImGui::GetTextLineHeight());
    FontScope font(fonts().bold, 13.5f);
    ImGui::PushStyleColor(ImGuiCol_Text, color::muted);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    ImGui::PopStyleColor();
  }
  ImGui::PopStyleColor();
}

void list_row(float height) { ImGui::TableNextRow(0, height); }

void center_in_row(float row_h, float content_h) {
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (row_h - content_h) * 0.5f));
}

bool row_button(const char* label, float row_h) {
  const float y = ImGui::GetCursorPosY();
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, color::accent_soft);
  ImGui::PushStyleColor(ImGuiCol_HeaderActive, color::accent_soft);
  ImGui::PushStyleColor(ImGuiCol_Text, 0);
  const bool clicked = ImGui::Selectable(label, false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, row_h));
  ImGui::PopStyleColor(3);
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImGui::SetCursorPosY(y);
  return clicked;
}

void empty_state(std::string_view heading_text, std::string_view line, float top) {
  ImGui::Dummy(dp(0, top));
  heading(heading_text, 18);
  text(line, color::muted);
}

} // namespace pd::client::ui
