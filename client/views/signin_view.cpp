// The sign-in screen (and the start-up screen shown while the session is checked): a card
// centered on the page.
#include "client/views/views.hpp"

#include "client/ui/ui.hpp"

#include <algorithm>

namespace pd::client::views {

namespace {

constexpr ImGuiWindowFlags card_flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                                        ImGuiWindowFlags_NoFocusOnAppearing;

// Opens a centered card window of a fixed CSS width; the caller must call end_card.
void begin_card(const char* name, float width) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  const float w = std::min(ui::dp(width), vp->WorkSize.x - ui::dp(24));
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, FLT_MAX));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::color::surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(36, 36));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui::dp(14));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, ui::dp(1));
  ImGui::Begin(name, nullptr, card_flags);
  ui::card_shadow();
}

void end_card() {
  ImGui::End();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor();
}

void brand_header() {
  ui::brand_mark(34);
  ImGui::SameLine(0, ui::dp(12));
  {
    ui::FontScope font(ui::fonts().bold, 26);
    // Vertically center the name on the mark.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (ui::dp(34) - ImGui::GetTextLineHeight()) * 0.5f);
    ui::text("Partnerdesk");
  }
  ImGui::Dummy(ui::dp(0, 2));
  ui::text_wrapped("Support for your partner program, in one place.", ui::color::muted);
}

} // namespace

void draw_loading(const AppState& app, UiState&, Dispatch& dispatch) {
  begin_card("Loading", 420);
  brand_header();
  ImGui::Dummy(ui::dp(0, 12));
  if (app.network.problem.empty()) {
    ui::text("Connecting to Partnerdesk\xE2\x80\xA6", ui::color::muted);
  } else {
    ui::error_box(app.network.problem);
    ImGui::Dummy(ui::dp(0, 4));
    if (ui::primary_button("Try again", ImVec2(-FLT_MIN, ui::dp(42)), app.network.in_flight == 0))
      dispatch(RetrySessionCheck{});
  }
  end_card();
}

void draw_signin(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  begin_card("Sign in", 420);
  brand_header();
  ImGui::Dummy(ui::dp(0, 14));

  const bool busy = app.signing_in;
  const bool focus = ui_state.focus_signin && !busy;
  ui_state.focus_signin = false;
  bool submit = false;
  bool edited = false;

  ImGui::BeginDisabled(busy);
  {
    ui::FontScope font(ui::fonts().bold, 14);
    ui::text("Email");
  }
  if (focus && ui_state.email.empty()) ImGui::SetKeyboardFocusHere();
  submit |= ui::input_text("##Email", "name@company.com", ui_state.email, edited,
                           ImGuiInputTextFlags_CharsNoBlank);
  if (edited) dispatch(EmailEdited{});

  ImGui::Dummy(ui::dp(0, 2));
  {
    ui::FontScope font(ui::fonts().bold, 14);
    ui::text("Password");
  }
  if (focus && !ui_state.email.empty()) ImGui::SetKeyboardFocusHere();
  submit |= ui::input_text("##Password", "", ui_state.password, edited, ImGuiInputTextFlags_Password);
  ImGui::EndDisabled();

  if (!ui_state.signin_error.empty()) {
    ImGui::Dummy(ui::dp(0, 2));
    ui::error_box(ui_state.signin_error);
  }

  ImGui::Dummy(ui::dp(0, 6));
  const char* label = busy ? "Signing in\xE2\x80\xA6###Sign in" : "Sign in###Sign in";
  if (ui::primary_button(label, ImVec2(-FLT_MIN, ui::dp(42)), !busy)) submit = true;
  if (submit && !busy) dispatch(SubmitSignIn{});
  end_card();
}

} // namespace pd::client::views
