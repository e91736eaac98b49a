// The top bar of signed-in pages: product name, program switcher (with "New program…"), the
// person, sign-out.
#include "client/views/views.hpp"

#include "client/app/role_text.hpp"
#include "client/app/selectors.hpp"
#include "client/ui/ui.hpp"
#include "client/views/theme_switch.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace pd::client::views {

namespace {
constexpr float bar_height = 60;   // CSS pixels
constexpr float notice_height = 40;

// The program switcher: the person's programs, then "New program…"; a light chevron instead of
// ImGui's solid arrow.
void program_switcher(const AppState& app, const api::Membership& membership, float right_x, float row_y, bool compact, bool tiny,
                      Dispatch& dispatch) {
  const api::Membership* current = &membership;
  const float frame_h = ImGui::GetFrameHeight();
  ImGui::SameLine(0, ui::dp(tiny ? 12 : 28));
  if (!compact) {
    ImGui::SetCursorPosY(row_y);
    ImGui::AlignTextToFramePadding();
    ui::text("Program", ui::color::muted);
    ImGui::SameLine(0, ui::dp(8));
  }
  ImGui::SetCursorPosY(row_y);
  const float combo_w = std::clamp(right_x - ui::dp(16) - ImGui::GetCursorPosX(), ui::dp(120), ui::dp(300));
  ImGui::SetNextItemWidth(combo_w);
  const std::string preview =
      app.route.page == Page::new_program ? std::string("New program\xE2\x80\xA6") : membership_label(*current);
  const ImVec2 combo_pos = ImGui::GetCursorScreenPos();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(10, 6));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ui::dp(0, 2));
  if (ui::begin_combo("##Program", preview.c_str(), ImGuiComboFlags_HeightLarge | ImGuiComboFlags_NoArrowButton)) {
    const bool on_program = is_program_page(app.route.page);
    for (const auto& m : app.me->memberships) {
      const std::string item = membership_label(m) + "##" + std::to_string(m.program_id);
      const bool selected = on_program && m.program_id == current->program_id;
      if (ImGui::Selectable(item.c_str(), selected, ImGuiSelectableFlags_None, ImVec2(0, ui::dp(30))) && !selected)
        dispatch(SelectProgram{m.program_id});
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::accent);
    if (ImGui::Selectable("New program\xE2\x80\xA6", app.route.page == Page::new_program, ImGuiSelectableFlags_None,
                          ImVec2(0, ui::dp(30))))
      dispatch(Navigate{Route{Page::new_program}});
    ImGui::PopStyleColor();
    ImGui::EndCombo();
  }
  ImGui::PopStyleVar(2);
  // A light chevron instead of ImGui's solid arrow.
  const float cx = combo_pos.x + combo_w - ui::dp(18), cy = combo_pos.y + frame_h * 0.5f, r = ui::dp(4);
  ImGui::GetWindowDrawList()->AddPolyline(
      std::array{ImVec2(cx - r, cy - r * 0.5f), ImVec2(cx, cy + r * 0.5f), ImVec2(cx + r, cy - r * 0.5f)}.data(), 3,
      ui::color::muted, ImDrawFlags_None, ui::dp(1.5f));
}

// The name opens the account menu (Sign out of all devices).
void account_menu(const AppState& app, const std::string& name, float row_y, Dispatch& dispatch) {
  const float frame_h = ImGui::GetFrameHeight();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::SetCursorPosY(row_y);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
  if (ImGui::InvisibleButton("##Account", ImVec2(ts.x, frame_h))) ImGui::OpenPopup("Account menu");
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  const float ty = p.y + (frame_h - ts.y) * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(p.x, ty));
  ui::text(name, hovered ? ui::color::accent : ui::color::text);
  if (hovered) dl->AddLine(ImVec2(p.x, ty + ts.y), ImVec2(p.x + ts.x, ty + ts.y), ui::color::accent, ui::dp(1));
  ImGui::SetCursorScreenPos(ImVec2(p.x + ts.x, p.y));
  ImGui::SameLine(0, ui::dp(14));
  ImGui::SetNextWindowPos(ImVec2(p.x + ts.x, p.y + frame_h + ui::dp(8)), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(16, 14));
  if (ImGui::BeginPopup("Account menu")) {
    {
      ui::FontScope font(ui::fonts().bold, 0.0f);
      ui::text(name);
    }
    ui::text(app.me->person.email, ui::color::muted);
    ImGui::Separator();
    theme_switch(ui::dp(220));
    ImGui::Separator();
    if (ImGui::Selectable("Your account", false, ImGuiSelectableFlags_None, ImVec2(ui::dp(220), ui::dp(30))))
      dispatch(Navigate{Route{Page::account}});
    if (ImGui::Selectable("Sign out of all devices", false, ImGuiSelectableFlags_None, ImVec2(ui::dp(220), ui::dp(30)))) {
      Confirm c;
      c.kind = Confirm::Kind::sign_out_everywhere;
      dispatch(AskConfirm{c});
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

// A strip under the bar for problems that are not about one form.
void notice_strip(const AppState& app, float bar_bottom) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float height = bar_bottom;
  const float strip = ui::dp(notice_height);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + height));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, strip));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::color::error_soft);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(20, 0));
  ImGui::Begin("Notice", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  ImGui::SetCursorPosY((strip - ImGui::GetTextLineHeight()) * 0.5f);
  ui::text(app.network.problem, ui::color::error);
  ImGui::End();
  ImGui::PopStyleColor();
}

// The menu button of a narrow layout: three bars, a finger's size; opens and closes the
// navigation sheet.
void menu_button(UiState& ui_state, float height) {
  const float s = ui::dp(ui::tap_target);
  ImGui::SetCursorPos(ImVec2(ImGui::GetStyle().WindowPadding.x - ui::dp(8), (height - s) * 0.5f));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  if (ImGui::InvisibleButton("Menu", ImVec2(s, s))) ui_state.nav_open = !ui_state.nav_open;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (ImGui::IsItemHovered() || ui_state.nav_open) dl->AddRectFilled(p, ImVec2(p.x + s, p.y + s), ui::color::neutral_soft, ui::dp(8));
  const float x0 = p.x + s * 0.5f - ui::dp(10), x1 = p.x + s * 0.5f + ui::dp(10);
  for (int i = -1; i <= 1; ++i) {
    const float y = p.y + s * 0.5f + static_cast<float>(i) * ui::dp(6);
    dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), ui::color::text, ui::dp(2));
  }
}

} // namespace

float shell_height(const AppState& app) {
  return ui::dp(bar_height) + (app.network.problem.empty() ? 0.0f : ui::dp(notice_height));
}

void draw_shell(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float height = ui::dp(bar_height);
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::color::surface);
  const bool menu = ui::narrow() && is_program_page(app.route.page) && app.me; // the navigation behind a button
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(ui::narrow() ? 12 : 20, 0));
  ImGui::Begin("Top bar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine(ImVec2(vp->WorkPos.x, vp->WorkPos.y + height - ui::dp(1)),
              ImVec2(vp->WorkPos.x + vp->WorkSize.x, vp->WorkPos.y + height - ui::dp(1)), ui::color::border, ui::dp(1));

  const float frame_h = ImGui::GetFrameHeight();
  const float row_y = (height - frame_h) * 0.5f;
  const float width = ImGui::GetWindowWidth();
  const float pad = ImGui::GetStyle().WindowPadding.x;
  const bool compact = width < ui::dp(760); // no "Program" label, no name
  const bool tiny = width < ui::dp(480);    // the mark without the product name

  // Right block: the person and sign-out (measured first, the switcher takes what is left).
  const char* sign_out = app.signing_out ? "Signing out\xE2\x80\xA6###Sign out" : "Sign out###Sign out";
  const float button_w = menu ? 0.0f : ImGui::CalcTextSize("Signing out\xE2\x80\xA6").x + ImGui::GetStyle().FramePadding.x * 2;
  std::string name;
  if (app.me) name = app.me->person.name.empty() ? app.me->person.email : app.me->person.name;
  const float name_w = compact ? 0.0f : ImGui::CalcTextSize(name.c_str()).x + ui::dp(14);
  const bool bell = is_program_page(app.route.page) && app.me;
  const float bell_w = bell ? ImGui::GetFrameHeight() + ui::dp(14) : 0.0f;
  const float right_x = width - pad - button_w - name_w - bell_w;

  // Product (on a phone, the menu button in its place)
  if (menu) {
    menu_button(ui_state, height);
  } else {
    ImGui::SetCursorPos(ImVec2(pad, (height - ui::dp(28)) * 0.5f));
    ui::brand_mark(28);
  }
  if (!tiny && !menu) {
    ImGui::SameLine(0, ui::dp(10));
    ui::FontScope font(ui::fonts().bold, 18);
    ImGui::SetCursorPosY((height - ImGui::GetTextLineHeight()) * 0.5f);
    ui::text("Partnerdesk");
  }

  // Program switcher
  const api::Membership* current = current_membership(app, ui_state);
  if (app.me && current) program_switcher(app, *current, right_x, row_y, compact, tiny, dispatch);

  // The notification bell, the person and sign-out, right-aligned
  if (app.me) {
    ImGui::SameLine();
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right_x));
    if (bell) {
      draw_notifications(app, ui_state, dispatch, ImGui::GetCursorPosX(), row_y);
      ImGui::SameLine(0, ui::dp(14));
    }
    if (!compact) account_menu(app, name, row_y, dispatch);
    if (!menu) { // on a phone, sign-out is in the navigation sheet
      ImGui::SetCursorPosY(row_y);
      ImGui::BeginDisabled(app.signing_out);
      if (ui::secondary_button(sign_out, ImVec2(button_w, 0))) dispatch(SignOut{});
      ImGui::EndDisabled();
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();

  if (!app.network.problem.empty()) notice_strip(app, height);
}

} // namespace pd::client::views
