// The page a mail's "Stop these" link opens (#/unsubscribe/{token}): it names the kind of mail
// and stops it with one button, signed in or not (the link itself is the credential). The
// kind's label comes from the token's value and the shared list of kinds of mail.
// The page of the link mailed to a customer who asked to erase its data (#/erasure/{token}): one
// button confirms that it was the customer who asked (shared/domain/privacy/erasure.hpp).
#include "client/views/views.hpp"

#include "client/views/layout.hpp"
#include "shared/domain/support/mail_preferences.hpp"

namespace pd::client::views {

namespace {

// "12-alerts.0123456789abcdef" -> the label of "alerts"; a generic name for an unknown kind.
std::string kind_label(const std::string& token) {
  const auto dash = token.find('-');
  const auto dot = token.rfind('.');
  if (dash != std::string::npos && dot != std::string::npos && dot > dash)
    if (auto c = domain::parse_mail_category(std::string_view(token).substr(dash + 1, dot - dash - 1)))
      return domain::mail_category_info(*c).label;
  return "this kind of";
}

} // namespace

void draw_unsubscribe(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  auto& f = ui_state.unsubscribe;
  const std::string label = kind_label(app.route.token);
  begin_centered_card("Unsubscribe", 420);
  brand_header();
  ImGui::Dummy(ui::dp(0, 12));
  if (f.done) {
    ui::heading("You are unsubscribed", 20);
    ui::text_wrapped("You will no longer get \xE2\x80\x9C" + label + "\xE2\x80\x9D mail. Mail that protects your account still comes.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 8));
    if (app.me) {
      if (centered_link("Choose what you get on your account page")) dispatch(Navigate{Route{Page::account}});
    } else if (centered_link("Sign in")) {
      dispatch(Navigate{Route{Page::signin}});
    }
  } else {
    ui::heading("Stop \xE2\x80\x9C" + label + "\xE2\x80\x9D mail?", 20);
    ui::text_wrapped("You can turn it on again, or get a daily digest instead, on your account page.", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 8));
    if (!f.error.empty()) {
      ui::error_box(f.error);
      ImGui::Dummy(ui::dp(0, 4));
    }
    const char* button = f.sending ? "Unsubscribing\xE2\x80\xA6###Unsubscribe" : "Unsubscribe###Unsubscribe";
    if (ui::primary_button(button, ImVec2(-FLT_MIN, ui::dp(42)), !f.sending)) dispatch(SubmitUnsubscribe{});
    ImGui::Dummy(ui::dp(0, 8));
    if (app.me && centered_link("Back to Partnerdesk")) dispatch(Navigate{Route{Page::overview}});
  }
  end_centered_card();
}

void draw_erasure_confirm(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  auto& f = ui_state.erasure;
  begin_centered_card("Confirm erasure", 440);
  brand_header();
  ImGui::Dummy(ui::dp(0, 12));
  if (f.confirm_done) {
    ui::heading("Your request is confirmed", 20);
    ui::text_wrapped("The business now decides on it and tells you by mail. Once it is approved your name, address, messages and "
                     "files are erased and your account can no longer sign in.",
                     ui::color::muted);
  } else {
    ui::heading("Erase your data?", 20);
    ui::text_wrapped("Confirm that it was you who asked to erase your data. The business then decides; amounts and dates it must keep "
                     "by law stay, without your name. If you did not ask, close this page: nothing is erased without your confirmation.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 8));
    if (!f.confirm_error.empty()) {
      ui::error_box(f.confirm_error);
      ImGui::Dummy(ui::dp(0, 4));
    }
    const char* button = f.confirm_sending ? "Confirming\xE2\x80\xA6###Confirm" : "Confirm my request###Confirm";
    if (ui::danger_button(button, ImVec2(-FLT_MIN, ui::dp(42)), !f.confirm_sending)) dispatch(SubmitErasureConfirm{});
  }
  ImGui::Dummy(ui::dp(0, 8));
  if (app.me && centered_link("Back to Partnerdesk")) dispatch(Navigate{Route{Page::overview}});
  end_centered_card();
}

} // namespace pd::client::views
