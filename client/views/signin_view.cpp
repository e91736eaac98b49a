// The sign-in and sign-up screens (and the start-up screen shown while the session is
// checked): a card centered on the page.
#include "client/views/views.hpp"

#include "client/views/layout.hpp"
#include "client/platform/text_input.hpp"
#include "shared/core/password_rule.hpp"

#include <algorithm>

namespace pd::client::views {

namespace {

void label(const char* text) {
  ui::FontScope font(ui::fonts().bold, 14);
  ui::text(text);
}

// "Already have an account? Sign in": muted text followed by a link, centered.
bool switch_line(const char* lead, const char* link_label) {
  const float w = ImGui::CalcTextSize(lead).x + ui::dp(6) + ImGui::CalcTextSize(link_label, nullptr, true).x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (ImGui::GetContentRegionAvail().x - w) * 0.5f));
  ui::text(lead, ui::color::muted);
  ImGui::SameLine(0, ui::dp(6));
  return ui::link(link_label);
}

} // namespace

void draw_loading(const AppState& app, UiState&, Dispatch& dispatch) {
  begin_centered_card("Loading", 420);
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
  end_centered_card();
}

void draw_signin(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  begin_centered_card("Sign in", 420);
  brand_header();
  ImGui::Dummy(ui::dp(0, 14));

  if (!ui_state.signin_notice.empty()) {
    ui::message_box(ui_state.signin_notice, ui::tone::accent);
    ImGui::Dummy(ui::dp(0, 4));
  }

  const bool busy = app.signing_in;
  const bool focus = ui_state.focus_signin && !busy;
  ui_state.focus_signin = false;
  bool submit = false;
  bool edited = false;

  // The fields are also a real HTML form laid over the card, for password managers.
  platform::form_begin("signin");
  ImGui::BeginDisabled(busy);
  label("Email");
  if (focus && ui_state.email.empty()) ImGui::SetKeyboardFocusHere();
  submit |= ui::input_text("##Email", "name@company.com", ui_state.email, edited, ImGuiInputTextFlags_CharsNoBlank);
  edited |= platform::form_field(platform::FieldKind::username, ui_state.email);
  if (edited) dispatch(EmailEdited{});

  ImGui::Dummy(ui::dp(0, 2));
  label("Password");
  if (focus && !ui_state.email.empty() && !ui_state.signin_needs_code) ImGui::SetKeyboardFocusHere();
  submit |= ui::input_text("##Password", "", ui_state.password, edited, ImGuiInputTextFlags_Password);
  platform::form_field(platform::FieldKind::current_password, ui_state.password);
  if (ui_state.signin_needs_code) {
    // The password was right and two-factor sign-in is on: the code, on the same card.
    ImGui::Dummy(ui::dp(0, 2));
    label("Two-factor code");
    ui::text_wrapped("Enter the 6-digit code from your authenticator app, or one of your recovery codes.", ui::color::muted);
    if (focus) ImGui::SetKeyboardFocusHere();
    bool code_edited = false;
    submit |= ui::input_text("##Two-factor code", "123456", ui_state.signin_code, code_edited, ImGuiInputTextFlags_CharsNoBlank);
    platform::form_field(platform::FieldKind::one_time_code, ui_state.signin_code);
  }
  ImGui::EndDisabled();

  if (!ui_state.signin_error.empty()) {
    ImGui::Dummy(ui::dp(0, 2));
    ui::error_box(ui_state.signin_error);
  }

  ImGui::Dummy(ui::dp(0, 6));
  const char* button = busy ? "Signing in\xE2\x80\xA6###Sign in" : "Sign in###Sign in";
  if (ui::primary_button(button, ImVec2(-FLT_MIN, ui::dp(42)), !busy)) submit = true;
  platform::form_submit_button("Sign in");
  submit = submit && !busy;
  if (platform::form_end(submit) && !busy) submit = true; // a password manager submitted the page's form
  if (submit) dispatch(SubmitSignIn{});

  ImGui::Dummy(ui::dp(0, 4));
  if (centered_link("Forgot your password?")) dispatch(Navigate{Route{Page::forgot_password}});
  ImGui::Dummy(ui::dp(0, 4));
  if (switch_line("New to Partnerdesk?", "Create an account")) dispatch(Navigate{Route{Page::signup}});
  end_centered_card();
}

void draw_signup(const AppState&, UiState& ui_state, Dispatch& dispatch) {
  auto& f = ui_state.signup;
  begin_centered_card("Sign up", 440);
  brand_header();
  ImGui::Dummy(ui::dp(0, 12));
  ui::heading("Create your account", 20);
  ui::text_wrapped("Start a partner program for your business, or join one you were invited to.", ui::color::muted);
  ImGui::Dummy(ui::dp(0, 8));

  bool submit = false;
  bool edited = false;
  platform::form_begin("signup");
  ImGui::BeginDisabled(f.sending);
  label("Your name");
  submit |= ui::input_text("##Your name", "Maya Chen", f.name, edited);
  edited |= platform::form_field(platform::FieldKind::name, f.name);
  if (edited) dispatch(SignUpEdited{});
  ui::field_error(f.errors.field("name"));
  ImGui::Dummy(ui::dp(0, 2));
  label("Work email");
  submit |= ui::input_text("##Work email", "name@company.com", f.email, edited, ImGuiInputTextFlags_CharsNoBlank);
  edited |= platform::form_field(platform::FieldKind::username, f.email);
  if (edited) dispatch(SignUpEdited{});
  ui::field_error(f.errors.field("email"));
  ImGui::Dummy(ui::dp(0, 2));
  label("Password");
  submit |= ui::input_text("##New password", core::password_hint().c_str(), f.password, edited, ImGuiInputTextFlags_Password);
  platform::form_field(platform::FieldKind::new_password, f.password);
  ui::field_error(f.errors.field("password"));
  ImGui::EndDisabled();

  if (!f.errors.general.empty()) {
    ImGui::Dummy(ui::dp(0, 2));
    ui::error_box(f.errors.general);
  }
  ImGui::Dummy(ui::dp(0, 6));
  const char* button = f.sending ? "Creating your account\xE2\x80\xA6###Create account" : "Create account###Create account";
  if (ui::primary_button(button, ImVec2(-FLT_MIN, ui::dp(42)), !f.sending)) submit = true;
  platform::form_submit_button("Create account");
  submit = submit && !f.sending;
  if (platform::form_end(submit) && !f.sending) submit = true; // a password manager submitted the page's form
  if (submit) dispatch(SubmitSignUp{});
  ImGui::Dummy(ui::dp(0, 8));
  if (switch_line("Already have an account?", "Sign in")) dispatch(Navigate{Route{Page::signin}});
  end_centered_card();
}

} // namespace pd::client::views
