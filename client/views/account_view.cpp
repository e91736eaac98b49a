// The person's own account (#/account): two-factor sign-in (set up from a QR code, turned off
// or given new recovery codes with a fresh code), the recovery codes shown once, signing out
// everywhere, the mail the person gets, and the email address (a change waits for the link
// mailed to the new address, and can be cancelled); and the dialog that asks for a fresh code before a sensitive change (step-up).
// A program that requires two-factor of the person keeps them here until it is on.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/platform/browser.hpp"
#include "client/views/layout.hpp"

#include <algorithm>

namespace pd::client::views {

namespace {

// The QR code of the otpauth:// URI, as the server made it: dark modules on white with the
// quiet zone of four modules, in every theme (authenticator apps read dark on light).
void qr_code(const TwoFactorForm& f, float side) {
  const int quiet = 4;
  const int modules = f.qr_size + 2 * quiet;
  const float cell = std::floor(side / static_cast<float>(modules));
  const float drawn = cell * static_cast<float>(modules);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + drawn, p.y + drawn), IM_COL32(255, 255, 255, 255));
  for (int y = 0; y < f.qr_size; ++y)
    for (int x = 0; x < f.qr_size; ++x)
      if (f.qr_rows[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)] == '1') {
        const ImVec2 a(p.x + cell * static_cast<float>(x + quiet), p.y + cell * static_cast<float>(y + quiet));
        dl->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(0, 0, 0, 255));
      }
  ImGui::Dummy(ImVec2(drawn, drawn));
}

// The secret in groups of four, easier to type into an app by hand.
std::string grouped(const std::string& secret) {
  std::string out;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += secret[i];
  }
  return out;
}

// The code field and its button; Enter submits too.
void code_form(TwoFactorForm& f, const char* button, const char* busy, Dispatch& dispatch, bool danger = false) {
  ui::field_label("Code from your authenticator app");
  if (f.focus) ImGui::SetKeyboardFocusHere();
  f.focus = false;
  bool edited = false;
  ImGui::BeginDisabled(f.sending);
  const bool enter = ui::input_text("##Two-factor code", "123456", f.code, edited, ImGuiInputTextFlags_CharsNoBlank, ui::dp(200));
  ImGui::EndDisabled();
  ui::field_error(f.errors.field("code"));
  if (!f.errors.general.empty()) ui::error_box(f.errors.general);
  ImGui::Dummy(ui::dp(0, 4));
  const std::string label = std::string(f.sending ? busy : button) + "###" + button;
  const ImVec2 size(ImGui::CalcTextSize(button).x + ui::dp(40), ui::dp(40));
  const bool pressed = danger ? ui::danger_button(label.c_str(), size, !f.sending) : ui::primary_button(label.c_str(), size, !f.sending);
  if ((pressed || enter) && !f.sending) dispatch(SubmitTwoFactorCode{});
}

void recovery_codes(const TwoFactorForm& f, Dispatch& dispatch) {
  ui::message_box("Save these recovery codes somewhere safe. Each one signs you in once if you lose your phone. "
                  "They are shown only now.",
                  ui::tone::warning);
  ImGui::Dummy(ui::dp(0, 4));
  {
    ui::FontScope mono(ui::fonts().regular, 16);
    for (std::size_t i = 0; i < f.recovery_codes.size(); ++i) {
      if (i % 2 == 1 && !ui::narrow()) ImGui::SameLine(ui::dp(200));
      ui::selectable_text(f.recovery_codes[i]);
    }
  }
  ImGui::Dummy(ui::dp(0, 6));
  if (ui::secondary_button("Copy codes", ImVec2(0, ui::dp(38)))) dispatch(CopyRecoveryCodes{});
  ImGui::SameLine(0, ui::dp(8));
  if (ui::primary_button("I saved them", ImVec2(0, ui::dp(38)))) dispatch(DismissRecoveryCodes{});
}

void two_factor_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, float width) {
  auto& f = ui_state.two_factor;
  const bool on = app.me->two_factor;
  if (!ui::begin_card("two-factor", width)) return ui::end_card();
  ui::heading("Two-factor sign-in", 18);
  ImGui::SameLine(0, ui::dp(10));
  ui::pill(on ? "On" : "Off", on ? ui::tone::success : ui::tone::neutral);
  ImGui::Dummy(ui::dp(0, 2));
  ui::text_wrapped("After your password, Partnerdesk asks for a 6-digit code from an authenticator app on your phone, and asks "
                   "again before payouts, API keys, role changes and other sensitive changes.",
                   ui::color::muted);
  ImGui::Dummy(ui::dp(0, 6));

  if (!f.recovery_codes.empty()) {
    recovery_codes(f, dispatch);
  } else if (!on && f.secret.empty()) {
    if (!f.errors.general.empty()) ui::error_box(f.errors.general);
    const char* label = f.sending ? "Preparing\xE2\x80\xA6###Set up two-factor" : "Set up two-factor###Set up two-factor";
    if (ui::primary_button(label, ImVec2(ui::dp(200), ui::dp(40)), !f.sending)) dispatch(StartTwoFactorSetup{});
  } else if (!on) {
    ui::text_wrapped("1. Scan this code with an authenticator app (Google Authenticator, 1Password, Authy, ...).");
    ImGui::Dummy(ui::dp(0, 4));
    if (f.qr_size > 0) qr_code(f, std::min(ui::dp(220), ImGui::GetContentRegionAvail().x));
    ImGui::Dummy(ui::dp(0, 4));
    ui::text_wrapped("Or enter this key by hand:", ui::color::muted);
    {
      ui::FontScope bold(ui::fonts().bold, 16);
      ui::selectable_text(grouped(f.secret));
    }
    ImGui::Dummy(ui::dp(0, 8));
    ui::text_wrapped("2. Enter the code the app shows to turn two-factor sign-in on.");
    ImGui::Dummy(ui::dp(0, 2));
    code_form(f, "Turn on", "Checking\xE2\x80\xA6", dispatch);
    ImGui::SameLine(0, ui::dp(8));
    if (ui::secondary_button("Cancel", ImVec2(0, ui::dp(40)))) dispatch(CancelTwoFactorSetup{});
  } else if (f.step == TwoFactorForm::Step::none) {
    if (ui::secondary_button("New recovery codes", ImVec2(0, ui::dp(38)))) {
      f = TwoFactorForm{};
      f.step = TwoFactorForm::Step::new_codes;
      f.focus = true;
    }
    ImGui::SameLine(0, ui::dp(8));
    ui::fit_on_line(ui::dp(200));
    if (ui::secondary_button("Turn off two-factor", ImVec2(0, ui::dp(38)))) {
      f = TwoFactorForm{};
      f.step = TwoFactorForm::Step::turning_off;
      f.focus = true;
    }
  } else {
    const bool off = f.step == TwoFactorForm::Step::turning_off;
    ui::text_wrapped(off ? "Enter a code from your app (or one of your recovery codes) to turn two-factor sign-in off."
                         : "Enter a code from your app: ten new recovery codes replace the old ones.");
    ImGui::Dummy(ui::dp(0, 2));
    if (off) code_form(f, "Turn off", "Turning off\xE2\x80\xA6", dispatch, true);
    else code_form(f, "Make new codes", "Making codes\xE2\x80\xA6", dispatch);
    ImGui::SameLine(0, ui::dp(8));
    if (ui::secondary_button("Cancel", ImVec2(0, ui::dp(40)))) f = TwoFactorForm{};
  }
  ui::end_card();
}

// The address the person signs in with; a change is asked for with the current password and
// made when the link mailed to the new address is opened (#/verify/{token}).
void email_address_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, float width) {
  auto& f = ui_state.email_change;
  const auto& pending = app.me->pending_email;
  if (!ui::begin_card("email-address", width)) return ui::end_card();
  ui::heading("Email address", 18);
  ImGui::Dummy(ui::dp(0, 2));
  ui::text_wrapped("You sign in with " + app.me->person.email + ", and Partnerdesk mails you there.", ui::color::muted);
  ImGui::Dummy(ui::dp(0, 6));
  if (!f.notice.empty() && pending.empty()) ui::message_box(f.notice, ui::tone::success);
  if (!f.errors.general.empty()) ui::error_box(f.errors.general);
  if (!pending.empty()) {
    ui::message_box("Waiting for confirmation at " + pending + ": open the link we sent there.", ui::tone::warning);
    ImGui::Dummy(ui::dp(0, 4));
    if (ui::secondary_button("Cancel###Cancel email change", ImVec2(0, ui::dp(38)))) dispatch(CancelEmailChange{});
  } else if (!f.open) {
    if (ui::secondary_button("Change email", ImVec2(0, ui::dp(38)))) {
      f = EmailChangeForm{};
      f.open = true;
    }
  } else {
    bool edited = false;
    ImGui::BeginDisabled(f.sending);
    ui::field_label("New email address");
    bool enter = ui::input_text("##New email address", "name@company.com", f.email, edited, ImGuiInputTextFlags_CharsNoBlank);
    ui::field_error(f.errors.field("email"));
    ui::field_label("Current password");
    enter |= ui::input_text("##Current password", "", f.password, edited, ImGuiInputTextFlags_Password);
    ui::field_error(f.errors.field("current_password"));
    ImGui::EndDisabled();
    ImGui::Dummy(ui::dp(0, 4));
    const ImVec2 size(ImGui::CalcTextSize("Send link").x + ui::dp(40), ui::dp(40));
    if ((ui::primary_button(f.sending ? "Sending\xE2\x80\xA6###Send link" : "Send link###Send link", size, !f.sending) || enter) &&
        !f.sending)
      dispatch(SubmitEmailChange{});
    ImGui::SameLine(0, ui::dp(8));
    if (ui::secondary_button("Cancel###Close email change", ImVec2(0, ui::dp(40))) && !f.sending) f = EmailChangeForm{};
  }
  ui::end_card();
}

// Where the person is signed in: each session's browser, address and when it was last seen,
// with a way to end it; this browser's own is marked.
void sessions_card(const UiState& ui_state, Dispatch& dispatch, float width) {
  const auto& l = ui_state.sessions;
  if (ui::begin_card("sessions", width)) {
    ui::heading("Your sessions", 18);
    ImGui::Dummy(ui::dp(0, 2));
    ui::text_wrapped("Where you are signed in. Sign out of one you do not recognise, or of every device at once.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 6));
    if (!l.error.empty()) ui::error_box(l.error);
    if (!l.loaded) ui::text(l.loading ? "Loading your sessions\xE2\x80\xA6" : "", ui::color::muted);
    const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
    for (const auto& row : l.rows) {
      ImGui::PushID(static_cast<int>(row.id));
      ImGui::Separator();
      ImGui::Dummy(ui::dp(0, 2));
      {
        ui::FontScope bold(ui::fonts().bold, 0.0f);
        ui::text(row.browser);
      }
      if (row.current) {
        ImGui::SameLine(0, ui::dp(8));
        ui::pill("This browser", ui::tone::accent);
      }
      ui::text_wrapped((row.address.empty() ? std::string("Unknown address") : row.address) + " \xC2\xB7 signed in " +
                           relative_time(row.created_at, now) + " \xC2\xB7 last seen " + relative_time(row.last_seen_at, now),
                       ui::color::muted);
      if (!row.current) {
        const bool ending = l.ending == row.id;
        const std::string label = std::string(ending ? "Signing out\xE2\x80\xA6" : "Sign out") + "###end " + std::to_string(row.id);
        if (ui::secondary_button(label.c_str(), ImVec2(0, ui::dp(34))) && l.ending == 0) dispatch(EndSession{row.id});
      }
      ImGui::Dummy(ui::dp(0, 2));
      ImGui::PopID();
    }
    ImGui::Separator();
    ImGui::Dummy(ui::dp(0, 4));
    if (ui::secondary_button("Sign out of all devices", ImVec2(0, ui::dp(38)))) {
      Confirm c;
      c.kind = Confirm::Kind::sign_out_everywhere;
      dispatch(AskConfirm{c});
    }
  }
  ui::end_card();
}

// The mail the person gets: per kind, every message, a daily digest or none, saved on a tap.
void mail_card(UiState& ui_state, Dispatch& dispatch, float width) {
  const auto& f = ui_state.mail_preferences;
  if (ui::begin_card("mail", width)) {
    ui::heading("Email", 18);
    ImGui::Dummy(ui::dp(0, 2));
    ui::text_wrapped("What Partnerdesk mails you. Mail that protects your account (password resets, new sign-ins, "
                     "invitations) always comes. A digest gathers the day's mail into one message at " +
                         std::to_string(f.digest_hour) + ":00 UTC.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 6));
    if (!f.relay) {
      ui::message_box("This server has no mail relay configured: it sends no mail until its administrator sets one up.",
                      ui::tone::warning);
      ImGui::Dummy(ui::dp(0, 4));
    }
    if (!f.error.empty()) ui::error_box(f.error);
    if (!f.loaded) ui::text(f.loading ? "Loading\xE2\x80\xA6" : "", ui::color::muted);
    for (const auto& row : f.rows) {
      ImGui::PushID(row.key.c_str());
      ImGui::Separator();
      ImGui::Dummy(ui::dp(0, 2));
      {
        ui::FontScope bold(ui::fonts().bold, 0.0f);
        ui::text(row.label);
      }
      ui::text_wrapped(row.description, ui::color::muted);
      ImGui::Dummy(ui::dp(0, 2));
      bool first = true;
      for (auto mode : {domain::MailMode::each, domain::MailMode::daily_digest, domain::MailMode::off}) {
        const char* name = domain::mail_mode_label(mode);
        const std::string label = std::string(name) + "###" + row.key + " " + domain::to_string(mode);
        const float w = ImGui::CalcTextSize(name).x + ui::dp(28);
        if (!first) {
          ImGui::SameLine(0, ui::dp(6));
          ui::fit_on_line(w);
        }
        first = false;
        const bool chosen = row.mode == mode;
        const bool pressed = chosen ? ui::primary_button(label.c_str(), ImVec2(w, ui::dp(34)), f.saving.empty())
                                    : ui::secondary_button(label.c_str(), ImVec2(w, ui::dp(34)));
        if (pressed && !chosen && f.saving.empty()) dispatch(SetMailMode{row.key, mode});
      }
      ImGui::Dummy(ui::dp(0, 2));
      ImGui::PopID();
    }
  }
  ui::end_card();
}

} // namespace

void draw_account(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (!app.me) return;
  // A page of its own under the top bar (no program, so no navigation), scrolled when taller
  // than the window (a phone with the QR code and the recovery codes).
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float top = shell_height(app);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + top));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, std::max(1.0f, vp->WorkSize.y - top)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::narrow() ? ui::dp(14, 18) : ui::dp(36, 30));
  ImGui::Begin("Page", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, 0);
  const float width = std::min(ImGui::GetContentRegionAvail().x, ui::dp(640));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (ImGui::GetContentRegionAvail().x - width) * 0.5f));
  ui::begin_column("account-page", width);
  page_title("Your account", app.me->person.name + " \xC2\xB7 " + app.me->person.email);
  ImGui::Dummy(ui::dp(0, 4));
  const auto& required = app.me->two_factor_required_by;
  if (!required.empty()) {
    ui::message_box(required.front() + " requires two-factor sign-in for your role. Set it up below to continue.",
                    ui::tone::warning);
    ImGui::Dummy(ui::dp(0, 6));
  }
  two_factor_card(app, ui_state, dispatch, width);
  ImGui::Dummy(ui::dp(0, 6));
  sessions_card(ui_state, dispatch, width);
  ImGui::Dummy(ui::dp(0, 6));
  mail_card(ui_state, dispatch, width);
  ImGui::Dummy(ui::dp(0, 6));
  email_address_card(app, ui_state, dispatch, width);
  if (required.empty() && !app.me->memberships.empty()) {
    ImGui::Dummy(ui::dp(0, 8));
    if (ui::link("\xE2\x86\x90 Back to your program")) dispatch(Navigate{Route{Page::overview}});
  }
  ImGui::Dummy(ui::dp(0, 12));
  ui::end_column();
  ImGui::PopStyleColor();
  ImGui::End();
}

void draw_step_up(const AppState&, UiState& ui_state, Dispatch& dispatch) {
  auto& f = ui_state.step_up;
  constexpr const char* name = "Confirm it is you";
  if (!f.open) {
    if (ImGui::IsPopupOpen(name) && ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_NoTitleBar)) {
      ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
    }
    return;
  }
  if (begin_dialog(name, 420)) {
    ui::heading("Confirm it is you", 20);
    ImGui::Dummy(ui::dp(0, 2));
    ui::text_wrapped("This change needs a fresh code from your authenticator app. Once confirmed, sensitive changes need no "
                     "code for a few minutes.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 6));
    ui::field_label("Code");
    if (f.focus) ImGui::SetKeyboardFocusHere();
    f.focus = false;
    bool edited = false;
    ImGui::BeginDisabled(f.sending);
    const bool enter = ui::input_text("##Step-up code", "123456", f.code, edited, ImGuiInputTextFlags_CharsNoBlank);
    ImGui::EndDisabled();
    ui::field_error(f.errors.field("code"));
    if (!f.errors.general.empty()) ui::error_box(f.errors.general);
    ImGui::Dummy(ui::dp(0, 6));
    const auto footer = ui::form_footer("Confirm", "Confirming\xE2\x80\xA6", f.sending, true, "Cancel", "Confirm code");
    if ((footer.submit || enter) && !f.sending) dispatch(SubmitStepUp{});
    if ((footer.cancel || ImGui::IsKeyPressed(ImGuiKey_Escape)) && !f.sending) dispatch(CancelStepUp{});
    ImGui::EndPopup();
  }
  end_dialog_style();
}

} // namespace pd::client::views
