#include "client/views/layout.hpp"

#include "client/app/selectors.hpp"
#include "client/views/views.hpp"

#include "imgui_internal.h"

#include <algorithm>

namespace pd::client::views {

// [SECTION] Public pages
void begin_centered_card(const char* name, float width, float top) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float avail_h = vp->WorkSize.y - top;
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + top + avail_h * 0.45f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  const float w = std::min(ui::dp(width), vp->WorkSize.x - ui::dp(24));
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, FLT_MAX));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::color::surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(36, 34));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui::dp(14));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, ui::dp(1));
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing);
  ui::card_shadow();
}

void end_centered_card() {
  ImGui::End();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor();
}

void brand_header() {
  ui::brand_mark(34);
  ImGui::SameLine(0, ui::dp(12));
  {
    ui::FontScope font(ui::fonts().bold, 26);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (ui::dp(34) - ImGui::GetTextLineHeight()) * 0.5f);
    ui::text("Partnerdesk");
  }
  ImGui::Dummy(ui::dp(0, 2));
  ui::text_wrapped("Support for your partner program, in one place.", ui::color::muted);
}

// [SECTION] Program pages
bool begin_page(const AppState& app, UiState&, Dispatch& dispatch) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float top = shell_height(app);
  const float left = nav_width();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + left, vp->WorkPos.y + top));
  ImGui::SetNextWindowSize(ImVec2(std::max(1.0f, vp->WorkSize.x - left), std::max(1.0f, vp->WorkSize.y - top)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::narrow() ? ui::dp(14, 18) : ui::dp(36, 30));
  ImGui::Begin("Page", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, 0); // layout groups are see-through; cards paint themselves

  const auto& r = app.replica;
  if (program_state(app)) return true;
  // Still loading, or it failed.
  ImGui::Dummy(ui::dp(0, 40));
  if (!r.problem.empty()) {
    ImGui::PushItemWidth(ui::dp(520));
    ImGui::BeginGroup();
    ui::heading("This program could not be loaded", 22);
    ImGui::Dummy(ui::dp(0, 4));
    ui::error_box(r.problem);
    ImGui::Dummy(ui::dp(0, 6));
    if (ui::primary_button("Try again", ImVec2(ui::dp(140), ui::dp(40)), !r.snapshot_loading)) dispatch(RetrySnapshot{});
    ImGui::EndGroup();
    ImGui::PopItemWidth();
  } else {
    ui::text("Loading the program\xE2\x80\xA6", ui::color::muted);
  }
  return false;
}

void end_page() {
  ImGui::PopStyleColor();
  ImGui::End();
}

void page_title(std::string_view title, std::string_view subtitle) {
  ui::heading(title, 26);
  if (!subtitle.empty()) ui::text(subtitle, ui::color::muted);
  ImGui::Dummy(ui::dp(0, 8));
}

bool back_link(const char* label) {
  ui::FontScope font(ui::fonts().regular, 14);
  // A small left chevron, then the link.
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight(), r = ui::dp(3.5f);
  const ImVec2 points[] = {ImVec2(p.x + r + ui::dp(2), p.y + h * 0.5f - r), ImVec2(p.x + ui::dp(2), p.y + h * 0.5f),
                           ImVec2(p.x + r + ui::dp(2), p.y + h * 0.5f + r)};
  ImGui::GetWindowDrawList()->AddPolyline(points, 3, ui::color::accent, ImDrawFlags_None, ui::dp(1.5f));
  ImGui::SetCursorScreenPos(ImVec2(p.x + ui::dp(12), p.y));
  const bool clicked = ui::link(label);
  ImGui::Dummy(ui::dp(0, 2));
  return clicked;
}

// [SECTION] Helpers
bool choice(const char* id, const std::vector<std::string>& labels, int& index, float width) {
  bool changed = false;
  if (width > 0) ui::fit_on_line(width); // on a phone, under what it followed when the line has no room
  const float w = width < 0 ? ImGui::GetContentRegionAvail().x : width;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::SetNextItemWidth(w);
  const char* preview = index >= 0 && index < static_cast<int>(labels.size()) ? labels[index].c_str() : "";
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(8, 6));
  if (ui::begin_combo(id, preview, ImGuiComboFlags_HeightLarge | ImGuiComboFlags_NoArrowButton)) {
    for (int i = 0; i < static_cast<int>(labels.size()); ++i) {
      ImGui::PushID(i);
      const bool selected = i == index;
      if (ImGui::Selectable(labels[i].c_str(), selected, 0, ImVec2(0, ui::dp(28))) && !selected) {
        index = i;
        changed = true;
      }
      if (selected) ImGui::SetItemDefaultFocus();
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ImGui::PopStyleVar();
  // A light chevron instead of ImGui's solid arrow (as in the top bar's switcher).
  const float cx = pos.x + w - ui::dp(16), cy = pos.y + ImGui::GetFrameHeight() * 0.5f, r = ui::dp(4);
  const ImVec2 points[] = {ImVec2(cx - r, cy - r * 0.5f), ImVec2(cx, cy + r * 0.5f), ImVec2(cx + r, cy - r * 0.5f)};
  dl->AddPolyline(points, 3, ui::color::muted, ImDrawFlags_None, ui::dp(1.5f));
  return changed;
}

bool labeled_input(const char* label, const char* id, const char* hint, std::string& value, const std::string* error,
                   ImGuiInputTextFlags flags) {
  ui::field_label(label);
  bool edited = false;
  if (error) ImGui::PushStyleColor(ImGuiCol_Border, ui::color::error);
  ui::input_text(id, hint, value, edited, flags);
  if (error) ImGui::PopStyleColor();
  ui::field_error(error);
  ImGui::Dummy(ui::dp(0, 2));
  return edited;
}

void fact(std::string_view label, std::string_view value, float label_width) {
  const float x = ImGui::GetCursorPosX();
  ui::text(label, ui::color::muted);
  ImGui::SameLine(x + label_width);
  const bool wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0.0f; // a long value wraps under itself
  if (wrap) ImGui::PushTextWrapPos(0.0f);
  ui::text(value);
  if (wrap) ImGui::PopTextWrapPos();
}

float column_width(float avail, int columns, float gap, float min_width) {
  const float w = (avail - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  return w < min_width ? avail : w;
}

std::string display_name(const api::Person& p) { return p.name.empty() ? p.email : p.name; }

void form_errors(const SupportForm& form) {
  if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  for (const auto& [field, message] : form.errors.fields) ui::error_box(message);
}

bool begin_dialog(const char* name, float width) {
  if (!ImGui::IsPopupOpen(name)) ImGui::OpenPopup(name);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const bool sheet = ui::narrow(); // a phone: the dialog is a full-screen sheet
  if (sheet) {
    ImGui::SetNextWindowPos(vp->WorkPos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(vp->WorkSize, ImGuiCond_Always);
  } else {
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    const float w = std::min(ui::dp(width), vp->WorkSize.x - ui::dp(24));
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, FLT_MAX));
  }
  ImGui::PushStyleColor(ImGuiCol_PopupBg, ui::color::surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, sheet ? ui::dp(18, 22) : ui::dp(28, 26));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, sheet ? 0.0f : ui::dp(12));
  return ImGui::BeginPopupModal(name, nullptr,
                                ImGuiWindowFlags_NoTitleBar | (sheet ? 0 : ImGuiWindowFlags_AlwaysAutoResize) | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings);
}

void end_dialog_style() {
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
}

bool centered_link(const char* label) {
  const float w = ImGui::CalcTextSize(label, nullptr, true).x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (ImGui::GetContentRegionAvail().x - w) * 0.5f));
  return ui::link(label);
}

} // namespace pd::client::views
