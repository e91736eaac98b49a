// [SECTION] Tables: the house list table and the pieces of its rows, as a table on a wide layout
// and as stacked cards on a narrow one
#include "client/ui/ui.hpp"

#include "client/testing/item_table.hpp"

#include "imgui_internal.h"

#include <algorithm>
#include <string>
#include <vector>

namespace pd::client::ui {

namespace list_impl {

struct CardColumn {
  std::string name;
  CardPart part = CardPart::fact;
};

// One open list table (they may follow each other on a page, and in principle nest).
struct ListState {
  bool cards = false;
  bool styled = true;       // the list table's colours and padding are pushed
  std::vector<CardColumn> columns;
  int previous_cell = -1;   // the cell drawn last in the current card
  bool title_font = false;  // the title's bold font is pushed
  bool in_card = false;
  float card_top = 0;       // screen y of the current card's top
  ImGuiID button_id = 0;    // the current card's row button, which remembers the card's height
};
std::vector<ListState> g_lists;

constexpr float card_label_width = 104; // CSS pixels
constexpr float card_padding_y = 12;

ListState* current() { return g_lists.empty() ? nullptr : &g_lists.back(); }

void close_title_font(ListState& l) {
  if (!l.title_font) return;
  ImGui::PopFont();
  l.title_font = false;
}

// Ends the current card: remembers its height for its row button (next frame).
void end_card_row(ListState& l) {
  if (!l.in_card) return;
  close_title_font(l);
  // The bottom of the card's last item (not the cursor: a list clipper may have moved it on).
  const float bottom = ImGui::GetItemRectMax().y;
  if (l.button_id != 0 && bottom > l.card_top) ImGui::GetStateStorage()->SetFloat(l.button_id, bottom + dp(card_padding_y) - l.card_top);
  l.in_card = false;
  l.button_id = 0;
}

} // namespace list_impl

using namespace list_impl;

bool cards() {
  const ListState* l = current();
  return l && l->cards;
}

float clip_height(float row_h) { return narrow() ? -1.0f : row_h; }

bool begin_list_table(const char* id, int columns, ImGuiTableFlags flags, ImVec2 size, ImVec2 cell_padding) {
  ListState state;
  state.cards = narrow();
  if (state.cards) {
    // One column of cards, as tall as they are (the page scrolls them), in no particular order.
    flags &= ~(ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable | ImGuiTableFlags_BordersInnerV |
               ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable);
    flags |= ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH;
    columns = 1;
    size = ImVec2(0, 0);
    cell_padding = ImVec2(14, card_padding_y); // the card's padding: ImGui adds it above and below each row
  }
  ImGui::PushStyleColor(ImGuiCol_TableRowBg, color::surface);
  ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, color::list_row_alt);
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, color::table_header);
  ImGui::PushStyleColor(ImGuiCol_TableBorderLight, color::border);
  ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, color::border);
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, dp(cell_padding.x, cell_padding.y));
  if (ImGui::BeginTable(id, columns, flags, size)) {
    if (state.cards) ImGui::PushTextWrapPos(0.0f); // long values wrap inside the card
    g_lists.push_back(std::move(state));
    return true;
  }
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);
  return false;
}

void end_list_table() {
  bool styled = true;
  if (ListState* l = current()) {
    end_card_row(*l);
    if (l->cards) ImGui::PopTextWrapPos();
    styled = l->styled;
    g_lists.pop_back();
  }
  ImGui::EndTable();
  if (!styled) return;
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);
}

bool begin_table(const char* id, int columns, ImGuiTableFlags flags, ImVec2 size) {
  if (narrow()) return begin_list_table(id, columns, flags, size);
  if (!ImGui::BeginTable(id, columns, flags, size)) return false;
  ListState state;
  state.styled = false;
  g_lists.push_back(std::move(state));
  return true;
}

void end_table() { end_list_table(); }

void list_column(const char* name, ImGuiTableColumnFlags flags, float weight, ImGuiID user_id, CardPart part) {
  ListState* l = current();
  if (!l || !l->cards) {
    ImGui::TableSetupColumn(name, flags, weight, user_id);
    return;
  }
  if (l->columns.empty()) ImGui::TableSetupColumn("##card", ImGuiTableColumnFlags_WidthStretch);
  CardColumn c;
  c.name = name ? std::string(name, ImGui::FindRenderedTextEnd(name)) : std::string();
  c.part = part;
  l->columns.push_back(std::move(c));
}

bool list_cell(int column) {
  ListState* l = current();
  if (!l || !l->cards) return ImGui::TableSetColumnIndex(column);
  if (!l->in_card) list_row(0);
  close_title_font(*l);
  const bool after_lead = l->previous_cell >= 0 && static_cast<std::size_t>(l->previous_cell) < l->columns.size() &&
                          l->columns[static_cast<std::size_t>(l->previous_cell)].part == CardPart::lead;
  l->previous_cell = column;
  if (column < 0 || static_cast<std::size_t>(column) >= l->columns.size()) return true;
  const CardColumn& c = l->columns[static_cast<std::size_t>(column)];
  if (after_lead) ImGui::SameLine(0, dp(8));
  switch (c.part) {
  case CardPart::title:
    ImGui::PushFont(fonts().bold, 16.0f);
    l->title_font = true;
    break;
  case CardPart::lead:
  case CardPart::plain: break;
  case CardPart::fact:
    if (c.name.empty()) break;
    {
      const float x = ImGui::GetCursorPosX();
      FontScope font(fonts().regular, 13.5f);
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + dp(card_label_width - 8));
      text(c.name, color::muted);
      ImGui::PopTextWrapPos();
      ImGui::SameLine(x + dp(card_label_width));
    }
    break;
  }
  return true;
}

bool list_next_cell() {
  ListState* l = current();
  if (!l || !l->cards) return ImGui::TableNextColumn();
  return list_cell(l->in_card ? l->previous_cell + 1 : 0);
}

void table_header_row(int columns) {
  if (cards()) return;
  const float h = dp(36);
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, color::table_header);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, h);
  for (int c = 0; c < columns; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    center_in_row(h, ImGui::GetTextLineHeight());
    FontScope font(fonts().bold, 13.5f);
    ImGui::PushStyleColor(ImGuiCol_Text, color::muted);
    const char* name = ImGui::TableGetColumnName(c);
    ImGui::TableHeader(name);
    testing::record_label(ImGui::GetItemID(), name ? name : ""); // ImGui does not report a header's label
    ImGui::PopStyleColor();
  }
  ImGui::PopStyleColor();
}

void list_row(float height) {
  ListState* l = current();
  if (!l || !l->cards) {
    ImGui::TableNextRow(0, height);
    return;
  }
  end_card_row(*l);
  ImGui::TableNextRow(0, 0);
  ImGui::TableSetColumnIndex(0);
  l->card_top = ImGui::GetCursorScreenPos().y - dp(card_padding_y);
  l->in_card = true;
  l->previous_cell = -1;
}

void center_in_row(float row_h, float content_h) {
  if (cards()) return;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (row_h - content_h) * 0.5f));
}

bool row_button(const char* label, float row_h) {
  ListState* l = current();
  const bool card = l && l->cards;
  if (card) {
    // The card's height is known once it is drawn: the button takes the one of the last frame.
    if (!l->in_card) list_row(0);
    l->button_id = ImGui::GetID(label);
    row_h = ImGui::GetStateStorage()->GetFloat(l->button_id, dp(96)) - 2 * dp(card_padding_y);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, l->card_top + dp(card_padding_y)));
  }
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
