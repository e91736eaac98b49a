// The invitation page (#/invite/{token}): what the link is for, then joining: with a new
// account (name and password), as the signed-in person, or by signing in first when the
// invited email already has an account. Used, revoked and expired links say so.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/role_text.hpp"
#include "client/platform/browser.hpp"
#include "client/platform/text_input.hpp"
#include "client/views/layout.hpp"
#include "shared/core/password_rule.hpp"

namespace pd::client::views {

namespace {

std::string role_phrase(identity::Role role) {
  switch (role) {
  case identity::Role::owner: return "an owner";
  case identity::Role::admin: return "an admin";
  case identity::Role::staff: return "a member of staff";
  case identity::Role::agent: return "a partner agent";
  case identity::Role::customer: return "a customer";
  case identity::Role::unknown: break;
  }
  return "a member";
}

bool is_member_of(const AppState& app, const std::string& program_name) {
  if (!app.me) return false;
  for (const auto& m : app.me->memberships)
    if (m.program_name == program_name) return true;
  return false;
}

// A person whose email address is not confirmed yet: why joining waits, and a fresh link (which
// joins when opened). Joining works from here once the address is confirmed, in any tab.
void unverified_notice(const AppState& app, const JoinForm& f, const EmailVerification& v, Dispatch& dispatch) {
  const std::string why = !f.unverified.empty() ? f.unverified
                                                : "Confirm your email address to join: open the link we sent to " + app.me->person.email +
                                                      ". Then join here.";
  ui::message_box(why, ui::tone::warning);
  ImGui::Dummy(ui::dp(0, 4));
  const char* label = v.resending ? "Sending\xE2\x80\xA6###Send the link again" : "Send the link again###Send the link again";
  if (ui::secondary_button(label, ImVec2(-FLT_MIN, ui::dp(36))) && !v.resending) dispatch(ResendVerification{});
  if (!v.resend_notice.empty()) {
    ImGui::Dummy(ui::dp(0, 2));
    ui::message_box(v.resend_notice, ui::tone::success);
  }
  if (!v.resend_error.empty()) {
    ImGui::Dummy(ui::dp(0, 2));
    ui::error_box(v.resend_error);
  }
  ImGui::Dummy(ui::dp(0, 6));
}

// Pending: join as the person signed in, sign in to accept with the account the email has, or
// create an account and join. True when the person asks to join.
bool join_form(const AppState& app, JoinForm& f, const EmailVerification& v, Dispatch& dispatch) {
  const auto& inv = app.invitation;
  bool submit = false;
  if (app.me) {
    const std::string name = display_name(app.me->person);
    if (app.me->person.email != inv.email) {
      ui::message_box("This invitation was sent to " + inv.email + ". You are signed in as " + app.me->person.email +
                          ": joining adds this account to " + inv.program_name + ".",
                      ui::tone::warning);
      ImGui::Dummy(ui::dp(0, 4));
    }
    if (!app.me->email_verified) unverified_notice(app, f, v, dispatch);
    if (!f.errors.general.empty()) {
      ui::error_box(f.errors.general);
      ImGui::Dummy(ui::dp(0, 4));
    }
    const std::string button = f.sending ? "Joining\xE2\x80\xA6###Join" : "Join as " + name + "###Join";
    if (ui::primary_button(button.c_str(), ImVec2(-FLT_MIN, ui::dp(42)), !f.sending)) submit = true;
  } else if (inv.has_account) {
    ui::text_wrapped("There is already a Partnerdesk account for " + inv.email + ". Sign in with it to accept.");
    ImGui::Dummy(ui::dp(0, 6));
    if (ui::primary_button("Sign in to accept", ImVec2(-FLT_MIN, ui::dp(42)))) dispatch(SignInToAccept{});
  } else {
    ui::text_wrapped("Create your account to join. You will sign in with " + inv.email + ".");
    ImGui::Dummy(ui::dp(0, 6));
    bool edited = false;
    platform::form_begin("join"); // a real HTML form too, for password managers
    platform::form_username(inv.email);
    ImGui::BeginDisabled(f.sending);
    ui::field_label("Your name");
    submit |= ui::input_text("##Your name", "First and last name", f.name, edited);
    edited |= platform::form_field(platform::FieldKind::name, f.name);
    if (edited) dispatch(JoinEdited{});
    ui::field_error(f.errors.field("name"));
    ImGui::Dummy(ui::dp(0, 2));
    ui::field_label("Choose a password");
    submit |= ui::input_text("##Choose a password", core::password_hint().c_str(), f.password, edited, ImGuiInputTextFlags_Password);
    platform::form_field(platform::FieldKind::new_password, f.password);
    ui::field_error(f.errors.field("password"));
    ImGui::EndDisabled();
    if (!f.errors.general.empty()) {
      ImGui::Dummy(ui::dp(0, 2));
      ui::error_box(f.errors.general);
    }
    ImGui::Dummy(ui::dp(0, 6));
    const std::string button = f.sending ? "Joining\xE2\x80\xA6###Join" : "Create account and join###Join";
    if (ui::primary_button(button.c_str(), ImVec2(-FLT_MIN, ui::dp(42)), !f.sending)) submit = true;
    platform::form_submit_button("Create account and join");
    submit = submit && !f.sending;
    if (platform::form_end(submit) && !f.sending) submit = true; // a password manager submitted the page's form
  }
  return submit;
}

} // namespace

void draw_invite(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  const auto& inv = app.invitation;
  auto& f = ui_state.join;
  begin_centered_card("Invitation", 460);
  brand_header();
  ImGui::Dummy(ui::dp(0, 14));

  if (inv.loading && !inv.found) {
    ui::text("Opening the invitation\xE2\x80\xA6", ui::color::muted);
    end_centered_card();
    return;
  }
  if (!inv.found) {
    ui::heading("Invitation not found", 20);
    ImGui::Dummy(ui::dp(0, 4));
    ui::error_box(inv.problem.empty() ? "This invitation link is not valid." : inv.problem);
    ImGui::Dummy(ui::dp(0, 8));
    if (ui::link(app.me ? "Go to your programs" : "Sign in")) dispatch(Navigate{Route{app.me ? Page::overview : Page::signin}});
    end_centered_card();
    return;
  }

  ui::heading("Join " + inv.program_name, 22);
  ui::text_wrapped("You are invited to " + inv.program_name + " on Partnerdesk as " + role_phrase(inv.role) + ".",
                   ui::color::muted);
  ImGui::Dummy(ui::dp(0, 8));
  const float label_w = ui::dp(96);
  fact("Program", inv.program_name, label_w);
  fact("Role", role_label(inv.role), label_w);
  fact("Invited", inv.email, label_w);
  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  if (inv.status == "pending") fact("Expires", format_day_ms(inv.expires_at) + " (" + relative_time(inv.expires_at, now) + ")", label_w);
  ImGui::Dummy(ui::dp(0, 10));

  if (inv.status == "accepted") {
    ui::message_box("This invitation has already been used.", ui::tone::neutral);
    ImGui::Dummy(ui::dp(0, 6));
    if (app.me && is_member_of(app, inv.program_name)) {
      const std::string open = "Open " + inv.program_name;
      if (ui::primary_button(open.c_str(), ImVec2(-FLT_MIN, ui::dp(42))))
        dispatch(Navigate{Route{Page::overview}});
    } else if (!app.me) {
      if (ui::link("Sign in")) dispatch(Navigate{Route{Page::signin}});
    }
    end_centered_card();
    return;
  }
  if (inv.status == "revoked" || inv.status == "expired") {
    ui::message_box(inv.status == "revoked" ? "This invitation was revoked. Ask the person who invited you for a new one."
                                            : "This invitation has expired. Ask the person who invited you for a new one.",
                    ui::tone::warning);
    end_centered_card();
    return;
  }

  // Pending: join.
  const bool submit = join_form(app, f, ui_state.verification, dispatch);
  if (submit && !f.sending) dispatch(SubmitJoin{});
  end_centered_card();
}

} // namespace pd::client::views
