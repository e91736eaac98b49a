// Program settings (#/p/{id}/settings): the program's name (owners and admins rename it),
// sign-in security, mail delivery (owners and admins), its details, and signing out of every
// device.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/role_text.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/views/layout.hpp"

#include <algorithm>

namespace pd::client::views {

namespace {

// Owners and admins: whether this server can send mail, and the program's mail still waiting
// for the relay with the relay's last answer.
void mail_delivery_card(const MailStatus& m, Dispatch& dispatch, float width) {
  if (ui::begin_card("mail-delivery", width)) {
    ui::heading("Email delivery", 17);
    ImGui::Dummy(ui::dp(0, 2));
    if (!m.error.empty()) ui::error_box(m.error);
    if (!m.loaded) {
      ui::text(m.loading ? "Loading\xE2\x80\xA6" : "", ui::color::muted);
    } else if (!m.relay) {
      ui::message_box("This server has no mail relay configured: nothing is mailed (alerts, ticket updates, invitations, password "
                      "resets). Its administrator sets one up with --smtp-url (see the operations guide).",
                      ui::tone::warning);
    } else if (m.queued == 0) {
      ui::message_box(std::to_string(m.sent) + (m.sent == 1 ? " message" : " messages") + " about this program sent; none waiting.",
                      ui::tone::success);
    } else {
      ui::message_box(std::to_string(m.queued) + " waiting for the relay" +
                          (m.failing ? ", " + std::to_string(m.failing) + " of them refused or failing: it tries again on its own."
                                     : std::string(".")),
                      m.failing ? ui::tone::danger : ui::tone::neutral);
    }
    for (const auto& w : m.waiting) {
      ImGui::Separator();
      ui::text(w.subject);
      ui::text_wrapped("To " + w.recipient + " \xC2\xB7 " + std::to_string(w.attempts) + (w.attempts == 1 ? " attempt" : " attempts"),
                       ui::color::muted);
      if (!w.last_error.empty()) ui::text_wrapped(w.last_error, ui::color::error);
    }
    ImGui::Dummy(ui::dp(0, 4));
    if (ui::secondary_button(m.loading ? "Checking\xE2\x80\xA6###Check mail delivery" : "Check again###Check mail delivery",
                             ImVec2(0, ui::dp(36))))
      dispatch(RefreshMailStatus{});
  }
  ui::end_card();
}

} // namespace

void draw_settings(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    auto& f = ui_state.rename;
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(720));
    ui::begin_column("settings-page", avail);
    page_title("Program settings", "How " + s.name + " appears to everyone in it.");

    if (ui::begin_card("name", avail)) {
      ui::heading("Program name", 17);
      ImGui::Dummy(ui::dp(0, 2));
      if (allowed(app, domain::Action::rename_program)) {
        ui::text_wrapped("Shown to your team, your partner agents and your customers.", ui::color::muted);
        ImGui::Dummy(ui::dp(0, 4));
        ImGui::BeginDisabled(f.saving);
        bool edited = false;
        const bool enter = ui::input_text("##Program name", "Acme Analytics", f.name, edited);
        if (edited) dispatch(RenameEdited{});
        ui::field_error(f.errors.field("name"));
        ImGui::EndDisabled();
        if (!f.errors.general.empty()) ui::error_box(f.errors.general);
        if (!f.notice.empty()) ui::message_box(f.notice, ui::tone::success);
        ImGui::Dummy(ui::dp(0, 4));
        const bool changed = f.name != s.name;
        const char* label = f.saving ? "Saving\xE2\x80\xA6###Rename" : "Rename program###Rename";
        if ((ui::primary_button(label, ImVec2(ui::dp(160), ui::dp(40)), changed && !f.saving) || (enter && changed)) && !f.saving)
          dispatch(SubmitRename{});
      } else {
        ui::heading(s.name, 20);
        ui::text_wrapped("Only the program's owners and admins can rename it.", ui::color::muted);
      }
    }
    ui::end_card();
    ImGui::Dummy(ui::dp(0, 6));

    if (ui::begin_card("support", avail)) {
      ui::heading("Support desk", 17);
      ImGui::Dummy(ui::dp(0, 2));
      ui::text_wrapped(allowed(app, domain::Action::manage_support_settings)
                           ? "SLA tiers and calendars, segments, the priority matrix, restricted topics and attachment limits; the "
                             "product areas, response templates and canned triggers agents work with."
                           : "See the SLA tiers, segments and restricted topics, and the product areas, response templates and "
                             "triggers (only owners and admins change them).",
                       ui::color::muted);
      ImGui::Dummy(ui::dp(0, 4));
      if (ui::secondary_button("Support settings", ImVec2(0, ui::dp(38)))) dispatch(Navigate{program_route(Page::support_settings, s.id)});
      ImGui::SameLine(0, ui::dp(8));
      if (ui::secondary_button("Responses and triage", ImVec2(0, ui::dp(38)))) dispatch(Navigate{program_route(Page::responses, s.id)});
    }
    ui::end_card();
    ImGui::Dummy(ui::dp(0, 6));

    if (ui::begin_card("security", avail)) {
      ui::heading("Sign-in security", 17);
      ImGui::Dummy(ui::dp(0, 2));
      auto& p = ui_state.security_policy;
      if (p.program_id != s.id || p.fields == p.seen || p.fields == s.security) {
        p.program_id = s.id;
        p.seen = p.fields = s.security;
      }
      if (allowed(app, domain::Action::manage_security)) {
        ui::text_wrapped("Require two-factor sign-in (a code from an authenticator app after the password). Members who have "
                         "not set it up are asked to before they can do anything else.",
                         ui::color::muted);
        ImGui::Dummy(ui::dp(0, 4));
        const auto& form = ui_state.form(FormId::security_policy);
        ImGui::BeginDisabled(form.sending);
        ImGui::Checkbox("Owners, admins and staff", &p.fields.two_factor_business);
        ImGui::Checkbox("Partner agents", &p.fields.two_factor_agents);
        ImGui::EndDisabled();
        if (!form.errors.general.empty()) ui::error_box(form.errors.general);
        ImGui::Dummy(ui::dp(0, 4));
        const char* label = form.sending ? "Saving\xE2\x80\xA6###Save sign-in security" : "Save###Save sign-in security";
        if (ui::primary_button(label, ImVec2(ui::dp(120), ui::dp(38)), !(p.fields == s.security) && !form.sending))
          dispatch(SendCommand{FormId::security_policy, domain::ChangeSecurityPolicy{p.fields}});
      } else {
        const auto& sec = s.security;
        const std::string who = sec.two_factor_business && sec.two_factor_agents ? "everyone on the team and every partner agent"
                                : sec.two_factor_business                         ? "the business's team"
                                : sec.two_factor_agents                           ? "partner agents"
                                                                                  : "";
        ui::text_wrapped(who.empty() ? "Two-factor sign-in is not required in this program (only owners and admins change this)."
                                     : "Two-factor sign-in is required of " + who + " (only owners and admins change this).",
                         ui::color::muted);
      }
      ImGui::Dummy(ui::dp(0, 4));
      if (ui::link("Your own two-factor sign-in")) dispatch(Navigate{Route{Page::account}});
    }
    ui::end_card();
    ImGui::Dummy(ui::dp(0, 6));

    if (allowed(app, domain::Action::manage_security)) {
      mail_delivery_card(ui_state.mail_status, dispatch, avail);
      ImGui::Dummy(ui::dp(0, 6));
    }

    if (ui::begin_card("details", avail)) {
      ui::heading("Details", 17);
      ImGui::Dummy(ui::dp(0, 4));
      const float lw = ui::dp(150);
      fact("Currency", s.currency, lw);
      fact("Created", s.created_at ? format_day_ms(s.created_at) : "\xE2\x80\x94", lw);
      fact("Your role", role_label(current_role(app, ui_state)), lw);
      fact("Members", std::to_string(s.members.size()), lw);
      fact("Program ID", std::to_string(s.id), lw);
    }
    ui::end_card();
    ImGui::Dummy(ui::dp(0, 6));

    if (ui::begin_card("sessions", avail)) {
      ui::heading("Your sessions", 17);
      ImGui::Dummy(ui::dp(0, 2));
      ui::text_wrapped("Lost a device, or signed in on a shared computer? Sign out everywhere at once.", ui::color::muted);
      ImGui::Dummy(ui::dp(0, 4));
      if (ui::secondary_button("Sign out of all devices", ImVec2(0, ui::dp(38)))) {
        Confirm c;
        c.kind = Confirm::Kind::sign_out_everywhere;
        c.program_id = s.id;
        dispatch(AskConfirm{c});
      }
    }
    ui::end_card();
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
