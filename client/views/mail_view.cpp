// The page a mail's "Stop these" link opens (#/unsubscribe/{token}): it names the kind of mail
// and stops it with one button, signed in or not (the link itself is the credential). The
// kind's label comes from the token's value and the shared list of kinds of mail.
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

} // namespace pd::client::views
