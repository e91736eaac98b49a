// A forgotten password: the card that asks for the email (#/forgot) and confirms the mail is on
// its way, and the card that sets a new password from the mailed link (#/reset/{token}).
#include "client/views/views.hpp"

#include "client/platform/text_input.hpp"
#include "client/views/layout.hpp"
#include "shared/core/password_rule.hpp"

namespace pd::client::views {

namespace {

void field_label(const char* text) {
  ui::FontScope font(ui::fonts().bold, 14);
  ui::text(text);
}

} // namespace

void draw_forgot_password(const AppState&, UiState& ui_state, Dispatch& dispatch) {
  auto& f = ui_state.password_reset;
  begin_centered_card("Forgot your password", 420);
  brand_header();
  ImGui::Dummy(ui::dp(0, 12));
  ui::heading("Forgot your password?", 20);
  if (f.sent) {
    ui::text_wrapped("Check your email. If an account uses " + f.email +
                         ", a message with a link to choose a new password is on its way. The link works once, for an hour.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 8));
    ui::message_box("Reset link sent", ui::tone::accent);
  } else {
    ui::text_wrapped("Enter the email you sign in with. We will send you a link to choose a new password.", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 8));
    bool submit = false;
    bool edited = false;
    platform::form_begin("forgot");
    ImGui::BeginDisabled(f.sending);
    field_label("Email");
    submit |= ui::input_text("##Reset email", "name@company.com", f.email, edited, ImGuiInputTextFlags_CharsNoBlank);
    edited |= platform::form_field(platform::FieldKind::username, f.email);
    if (edited) f.errors.fields.erase("email"); // the message was about what was typed before
    ui::field_error(f.errors.field("email"));
    ImGui::EndDisabled();
    if (!f.errors.general.empty()) {
      ImGui::Dummy(ui::dp(0, 2));
      ui::error_box(f.errors.general);
    }
    ImGui::Dummy(ui::dp(0, 6));
    const char* button = f.sending ? "Sending\xE2\x80\xA6###Send reset link" : "Send reset link###Send reset link";
    if (ui::primary_button(button, ImVec2(-FLT_MIN, ui::dp(42)), !f.sending)) submit = true;
    platform::form_submit_button("Send reset link");
    submit = submit && !f.sending;
    if (platform::form_end(submit) && !f.sending) submit = true;
    if (submit) dispatch(SubmitForgotPassword{});
  }
  ImGui::Dummy(ui::dp(0, 8));
  if (centered_link("Back to sign in")) dispatch(Navigate{Route{Page::signin}});
  end_centered_card();
}

void draw_reset_password(const AppState&, UiState& ui_state, Dispatch& dispatch) {
  auto& f = ui_state.password_reset;
  begin_centered_card("Choose a new password", 420);
  brand_header();
  ImGui::Dummy(ui::dp(0, 12));
  ui::heading("Choose a new password", 20);
  ui::text_wrapped("Every browser signed in to your account is signed out when the password changes.", ui::color::muted);
  ImGui::Dummy(ui::dp(0, 8));
  bool submit = false;
  bool edited = false;
  platform::form_begin("reset");
  ImGui::BeginDisabled(f.sending);
  field_label("New password");
  submit |= ui::input_text("##Choose a new password", core::password_hint().c_str(), f.password, edited, ImGuiInputTextFlags_Password);
  edited |= platform::form_field(platform::FieldKind::new_password, f.password);
  if (edited) f.errors.fields.erase("password"); // the message was about what was typed before
  ui::field_error(f.errors.field("password"));
  ImGui::EndDisabled();
  if (const auto* token_error = f.errors.field("token")) {
    ImGui::Dummy(ui::dp(0, 2));
    ui::error_box(*token_error);
    if (centered_link("Ask for a new link")) dispatch(Navigate{Route{Page::forgot_password}});
  }
  if (!f.errors.general.empty()) {
    ImGui::Dummy(ui::dp(0, 2));
    ui::error_box(f.errors.general);
  }
  ImGui::Dummy(ui::dp(0, 6));
  const char* button = f.sending ? "Saving\xE2\x80\xA6###Set new password" : "Set new password###Set new password";
  if (ui::primary_button(button, ImVec2(-FLT_MIN, ui::dp(42)), !f.sending)) submit = true;
  platform::form_submit_button("Set new password");
  submit = submit && !f.sending;
  if (platform::form_end(submit) && !f.sending) submit = true;
  if (submit) dispatch(SubmitNewPassword{});
  ImGui::Dummy(ui::dp(0, 8));
  if (centered_link("Back to sign in")) dispatch(Navigate{Route{Page::signin}});
  end_centered_card();
}

} // namespace pd::client::views
