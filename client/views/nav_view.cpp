// The left navigation of program pages: the program and the person's role, one entry per
// page the role may open, and whether the page is live (connected to the program's stream).
#include "client/views/views.hpp"

#include "client/app/role_text.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/ui/ui.hpp"
#include "client/views/theme_switch.hpp"

#include "imgui_internal.h"

#include <algorithm>

namespace pd::client::views {

float nav_width() { return ui::narrow() ? 0.0f : ui::dp(236); }

namespace {

bool nav_entry(const char* label, bool active, float height) {
  const float h = height > 0 ? height : ui::tap_height(ui::dp(38));
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
  if (p == Page::support_settings || p == Page::responses) return Page::settings;
  if (p == Page::agent) return Page::agents;
  return p;
}

} // namespace

namespace {

// The program, the person's role and one entry per page; on a sheet, choosing one closes it.
// fit_bottom: on the side panel, where the entries must end (the live status is below them):
// entries get shorter, down to 26 px, when a role's list would not fit the window's height.
void nav_entries(const AppState& app, UiState& ui_state, Dispatch& dispatch, float fit_bottom = 0) {
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
  const auto items = nav_items(role);
  float entry_h = 0;
  if (fit_bottom > 0 && !items.empty()) {
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float per = (fit_bottom - ImGui::GetCursorPosY()) / static_cast<float>(items.size()) - spacing;
    entry_h = std::clamp(per, ui::dp(26), ui::tap_height(ui::dp(38)));
  }
  for (const auto& item : items) {
    ImGui::PushID(static_cast<int>(item.page));
    if (nav_entry(item.label, here == item.page, entry_h)) {
      ui_state.nav_open = false;
      if (app.route.page != item.page) dispatch(Navigate{program_route(item.page, app.route.program_id)});
    }
    ImGui::PopID();
  }
}

// Live status at the bottom.
void live_status(const AppState& app) {
  const char* label = "Connecting\xE2\x80\xA6";
  ImU32 col = ui::color::disabled;
  switch (app.replica.live) {
  case LiveStatus::live:
    label = "Live";
    col = ui::color::success;
    break;
  case LiveStatus::reconnecting:
    label = "Reconnecting\xE2\x80\xA6";
    col = ui::color::attention;
    break;
  default: break;
  }
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ui::dp(12));
  ui::dot(col);
  {
    ui::FontScope font(ui::fonts().regular, 13.5f);
    ui::text(label, app.replica.live == LiveStatus::live ? ui::color::success : ui::color::muted);
  }
  if (ImGui::IsItemHovered() && app.replica.live == LiveStatus::live)
    ImGui::SetTooltip("Changes made by others appear here as they happen.");
}

// The person and sign-out, at the foot of the sheet (the top bar has no room for them on a phone).
void sheet_account(const AppState& app, Dispatch& dispatch) {
  if (!app.me) return;
  ImGui::Separator();
  ImGui::Dummy(ui::dp(0, 4));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ui::dp(12));
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text(app.me->person.name.empty() ? app.me->person.email : app.me->person.name);
  }
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ui::dp(12));
  ui::text(app.me->person.email, ui::color::muted);
  ImGui::Dummy(ui::dp(0, 4));
  const char* sign_out = app.signing_out ? "Signing out\xE2\x80\xA6###Sign out" : "Sign out###Sign out";
  ImGui::BeginDisabled(app.signing_out);
  if (ui::secondary_button(sign_out, ImVec2(ImGui::GetContentRegionAvail().x, 0))) dispatch(SignOut{});
  ImGui::EndDisabled();
  theme_switch(ImGui::GetContentRegionAvail().x);
  if (ImGui::Button("Your account", ImVec2(ImGui::GetContentRegionAvail().x, 0))) {
    dispatch(Navigate{Route{Page::account}});
  }
  if (ImGui::Button("Sign out of all devices", ImVec2(ImGui::GetContentRegionAvail().x, 0))) {
    Confirm c;
    c.kind = Confirm::Kind::sign_out_everywhere;
    dispatch(AskConfirm{c});
  }
}

constexpr ImGuiWindowFlags panel_flags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

} // namespace

void draw_nav(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (ui::narrow()) return; // a sheet behind the top bar's menu button: draw_nav_sheet
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float top = shell_height(app);
  const float width = nav_width();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + top));
  ImGui::SetNextWindowSize(ImVec2(width, std::max(1.0f, vp->WorkSize.y - top)));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::color::surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(14, 20));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ui::dp(6, 4));
  ImGui::Begin("Navigation", nullptr, panel_flags);
  ImGui::PopStyleVar(2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
  dl->AddLine(ImVec2(wp.x + ws.x - ui::dp(1), wp.y), ImVec2(wp.x + ws.x - ui::dp(1), wp.y + ws.y), ui::color::border, ui::dp(1));
  const float line = ImGui::GetTextLineHeight();
  nav_entries(app, ui_state, dispatch, ImGui::GetWindowHeight() - line - ui::dp(40));
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY() + ui::dp(16), ImGui::GetWindowHeight() - line - ui::dp(22)));
  live_status(app);
  ImGui::End();
  ImGui::PopStyleColor();
}

void draw_nav_sheet(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  static Page shown_on = Page::loading;
  if (app.route.page != shown_on) ui_state.nav_open = false; // a page reached another way (Back, a link)
  shown_on = app.route.page;
  if (!ui::narrow() || !ui_state.nav_open) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float top = shell_height(app);
  const ImVec2 pos(vp->WorkPos.x, vp->WorkPos.y + top), size(vp->WorkSize.x, std::max(1.0f, vp->WorkSize.y - top));
  // The page behind, dimmed; a tap on it closes the sheet.
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, (ui::color::scrim & 0x00FFFFFFu) | (ui::dark() ? 0x99000000u : 0x59000000u));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("Menu scrim", nullptr, panel_flags & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  if (ImGui::InvisibleButton("Close menu", size) || ImGui::IsKeyPressed(ImGuiKey_Escape)) ui_state.nav_open = false;
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  // The sheet: the whole height, most of the width.
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(std::min(size.x - ui::dp(48), ui::dp(320)), size.y));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::color::surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(14, 20));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ui::dp(6, 4));
  ImGui::Begin("Menu", nullptr, (panel_flags & ~(ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar)) );
  ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  ImGui::PopStyleVar(2);
  nav_entries(app, ui_state, dispatch);
  ImGui::Dummy(ui::dp(0, 12));
  live_status(app);
  ImGui::Dummy(ui::dp(0, 12));
  sheet_account(app, dispatch);
  ImGui::End();
  ImGui::PopStyleColor();
}

} // namespace pd::client::views
