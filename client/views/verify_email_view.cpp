// The page of the mailed confirmation link (#/verify/{token}): confirming the address, then
// where to go (the program it joined, the person's programs, or signing in); a link that no
// longer works says so and, signed in, offers a fresh one.
#include "client/views/views.hpp"

#include "client/app/route.hpp"
#include "client/views/layout.hpp"

namespace pd::client::views {

namespace {

void verify_email_next_step(const AppState& app, const EmailVerification& v, Dispatch& dispatch) {
  if (v.joined_program_id && app.me) {
    const std::string open = "Open " + v.joined_program_name;
    if (ui::primary_button(open.c_str(), ImVec2(-FLT_MIN, ui::dp(42))))
      dispatch(Navigate{program_route(Page::overview, v.joined_program_id)});
  } else if (app.me) {
    if (ui::primary_button("Go to your programs", ImVec2(-FLT_MIN, ui::dp(42)))) dispatch(Navigate{Route{Page::overview}});
  } else {
    if (ui::primary_button("Sign in", ImVec2(-FLT_MIN, ui::dp(42)))) dispatch(Navigate{Route{Page::signin}});
  }
}

} // namespace

void draw_verify_email(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  const auto& v = ui_state.verification;
  begin_centered_card("Confirm your email", 440);
  brand_header();
  ImGui::Dummy(ui::dp(0, 12));
  if (v.sending || (!v.done && v.error.empty())) {
    ui::text("Confirming your email address\xE2\x80\xA6", ui::color::muted);
  } else if (v.done) {
    ui::heading("Email address confirmed", 20);
    ImGui::Dummy(ui::dp(0, 4));
    ui::message_box(v.message, ui::tone::success);
    ImGui::Dummy(ui::dp(0, 8));
    verify_email_next_step(app, v, dispatch);
  } else {
    ui::heading("This link did not work", 20);
    ImGui::Dummy(ui::dp(0, 4));
    ui::error_box(v.error);
    ImGui::Dummy(ui::dp(0, 8));
    if (app.me && !app.me->email_verified) {
      const char* label = v.resending ? "Sending\xE2\x80\xA6###Send the link again" : "Send the link again###Send the link again";
      if (ui::primary_button(label, ImVec2(-FLT_MIN, ui::dp(42)), !v.resending)) dispatch(ResendVerification{});
      if (!v.resend_notice.empty()) {
        ImGui::Dummy(ui::dp(0, 4));
        ui::message_box(v.resend_notice, ui::tone::success);
      }
      if (!v.resend_error.empty()) {
        ImGui::Dummy(ui::dp(0, 4));
        ui::error_box(v.resend_error);
      }
    } else {
      verify_email_next_step(app, v, dispatch);
    }
  }
  end_centered_card();
}

} // namespace pd::client::views
