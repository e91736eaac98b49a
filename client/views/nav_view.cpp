// The left navigation of program pages: the program and the person's role, one entry per
// page the role may open, and whether the page is live (connected to the program's stream).
#include "client/views/views.hpp"

#include "client/app/role_text.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/ui/ui.hpp"

#include <algorithm>

namespace pd::client::views {

float nav_width() {
  const float w = ImGui::GetMainViewport()->WorkSize.x;
  return w < ui::dp(900) ? ui::dp(190) : ui::dp(236);
}

namespace {

bool nav_entry(const char* label, bool active) {
  const float h = ui::dp(38);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::PushStyleColor(ImGuiCol_Header, ui::color::accent_soft);
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, active ? ui::color::accent_soft : ui::color::neutral_soft);
  ImGui::PushStyleColor(ImGuiCol_HeaderActive, ui::color::accent_soft);
  ImGui::PushStyleColor(ImGuiCol_Text, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, ui::dp(7));
  const bool clicked = ImGui::Selectable(label, active, ImGuiSelectableFlags_None, ImVec2(w, h));
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(4);
  // The label, drawn over the highlight.
  ui::FontScope font(active ? ui::fonts().bold : ui::fonts().regular, 15);
  const ImVec2 t = ImGui::CalcTextSize(label);
  ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + ui::dp(12), p.y + (h - t.y) * 0.5f),
                                      active ? ui::color::accent : ui::color::text, label);
  if (active)
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + ui::dp(9)), ImVec2(p.x + ui::dp(3), p.y + h - ui::dp(9)),
                                              ui::color::accent, ui::dp(2));
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  return clicked;
}

Page nav_page(Page p) {
  // Detail pages light up their list.
  if (p == Page::customer || p == Page::new_customer) return Page::customers;
  if (p == Page::ticket || p == Page::new_ticket) return Page::tickets;
  if (p == Page::support_settings) return Page::settings;
  if (p == Page::agent) return Page::agents;
  return p;
}

} // namespace

void draw_nav(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float top = shell_height(app);
  const float width = nav_width();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + top));
  ImGui::SetNextWindowSize(ImVec2(width, std::max(1.0f, vp->WorkSize.y - top)));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::color::surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(14, 20));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ui::dp(6, 4));
  ImGui::Begin("Navigation", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar(2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
  dl->AddLine(ImVec2(wp.x + ws.x - ui::dp(1), wp.y), ImVec2(wp.x + ws.x - ui::dp(1), wp.y + ws.y), ui::color::border, ui::dp(1));

  const auto* m = current_membership(app, ui_state);
  const auto role = current_role(app, ui_state);
  if (m) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ui::dp(12));
    ui::caption(identity::is_business_role(role) ? "BUSINESS" : role == identity::Role::agent ? "PARTNER AGENT" : "CUSTOMER");
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ui::dp(12));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - ui::dp(8));
    {
      ui::FontScope font(ui::fonts().bold, 16);
      ui::text_wrapped(m->program_name);
    }
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ui::dp(12));
    ui::text(std::string("Your role: ") + role_label(role), ui::color::muted);
  }
  ImGui::Dummy(ui::dp(0, 14));

  const Page here = nav_page(app.route.page);
  for (const auto& item : nav_items(role)) {
    ImGui::PushID(static_cast<int>(item.page));
    if (nav_entry(item.label, here == item.page) && app.route.page != item.page)
      dispatch(Navigate{program_route(item.page, app.route.program_id)});
    ImGui::PopID();
  }

  // Live status at the bottom.
  const char* label = "Connecting\xE2\x80\xA6";
  ImU32 col = IM_COL32(0x94, 0xA0, 0xB2, 0xFF);
  switch (app.replica.live) {
  case LiveStatus::live:
    label = "Live";
    col = ui::color::success;
    break;
  case LiveStatus::reconnecting:
    label = "Reconnecting\xE2\x80\xA6";
    col = IM_COL32(0xD9, 0x77, 0x06, 0xFF);
    break;
  default: break;
  }
  const float line = ImGui::GetTextLineHeight();
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY() + ui::dp(16), ImGui::GetWindowHeight() - line - ui::dp(22)));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ui::dp(12));
  ui::dot(col);
  {
    ui::FontScope font(ui::fonts().regular, 13.5f);
    ui::text(label, app.replica.live == LiveStatus::live ? ui::color::success : ui::color::muted);
  }
  if (ImGui::IsItemHovered() && app.replica.live == LiveStatus::live)
    ImGui::SetTooltip("Changes made by others appear here as they happen.");
  ImGui::End();
  ImGui::PopStyleColor();
}

} // namespace pd::client::views
