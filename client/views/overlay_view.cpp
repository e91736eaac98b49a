// Drawn over the page: the dialog that confirms a change (with the reason an agent will
// read), and the short confirmation shown at the bottom after something was done.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/role_text.hpp"
#include "client/app/selectors.hpp"
#include "client/views/layout.hpp"

#include <algorithm>

namespace pd::client::views {

namespace {

struct Wording {
  std::string title;
  std::string body;
  std::string confirm;
  bool reason = false;
  bool danger = false;
};

std::string first_name(const std::string& name) {
  auto space = name.find(' ');
  return space == std::string::npos ? name : name.substr(0, space);
}

Wording wording(const Confirm& c, const domain::ProgramState* s) {
  Wording w;
  const std::string who = first_name(c.subject);
  const auto assigned = s ? customers_of_agent(*s, c.person_id).size() : 0;
  const std::string customers = count_text(static_cast<std::int64_t>(assigned), "customer", "customers");
  switch (c.kind) {
  case Confirm::Kind::agent_status:
    w.reason = c.status != domain::PartnerStatus::active;
    switch (c.status) {
    case domain::PartnerStatus::suspended:
      w.title = "Suspend " + c.subject;
      w.body = who + " stays a member and keeps the " + customers + " assigned, but gets and answers no tickets while suspended: their new and " +
               "open tickets go to your queue, and " + who + " can only read them.";
      w.confirm = "Suspend agent";
      break;
    case domain::PartnerStatus::removed:
      w.title = "Remove " + c.subject + " as an agent";
      w.body = who + "'s " + customers + " move to the business queue. " + who + " keeps the referral earnings already made.";
      w.confirm = "Remove agent";
      w.danger = true;
      break;
    case domain::PartnerStatus::terminated:
      w.title = "Terminate " + c.subject + "'s partnership";
      w.body = "This is final: a terminated partnership cannot be restored. " + who + "'s " + customers +
               " move to the business queue. Referral commission on the customers " + who +
               " referred continues; only a termination for fraud lets you stop it, as a separate step afterwards.";
      w.confirm = "Terminate partnership";
      w.danger = true;
      break;
    default:
      w.title = "Reinstate " + c.subject;
      w.body = who + " becomes an active partner agent again and can be assigned customers.";
      if (s) {
        if (const auto held = domain::held_customers(*s, c.person_id); !held.empty())
          w.body += " " + count_text(static_cast<std::int64_t>(held.size()), "customer", "customers") + " of " + who +
                    (held.size() == 1 ? "'s is" : "'s are") + " handled in your queue meanwhile: choose below whether " +
                    (held.size() == 1 ? "it comes" : "they come") + " back.";
      }
      w.confirm = "Reinstate agent";
      break;
    }
    if (w.reason) w.body += " " + who + " will see the reason you give.";
    break;
  case Confirm::Kind::member_role: {
    const auto from = s ? s->role_of(c.person_id) : identity::Role::unknown;
    w.title = "Change " + c.subject + "'s role";
    w.body = who + "'s role changes from " + role_label(from) + " to " + role_label(c.role) + ".";
    w.confirm = "Change role";
    break;
  }
  case Confirm::Kind::remove_member:
    w.title = "Remove " + c.subject;
    w.body = who + " loses access to " + (s ? s->name : std::string("the program")) + " at once.";
    if (c.role == identity::Role::agent)
      w.body += " Their " + customers + " move to the business queue. The customers " + who + " referred stay attributed to " + who +
                ", who keeps earning referral commission on them.";
    w.confirm = "Remove";
    w.danger = true;
    break;
  case Confirm::Kind::revoke_invitation:
    w.title = "Revoke the invitation";
    w.body = "The link sent to " + c.subject + " stops working at once. You can invite them again later.";
    w.confirm = "Revoke invitation";
    w.danger = true;
    break;
  case Confirm::Kind::sign_out_everywhere:
    w.title = "Sign out of all devices";
    w.body = "You will be signed out here and in every other browser where you are signed in.";
    w.confirm = "Sign out everywhere";
    break;
  case Confirm::Kind::none: break;
  }
  return w;
}

// The options of a status change: reinstating (support_access.hpp) shows the remediation a suspension
// required and asks whether the customers held in the business queue come back; suspending asks
// whether remediation is required and whether to move the customers now.
void status_change_options(const AppState& app, Confirm& c) {
  if (const auto* st = program_state(app); st && c.kind == Confirm::Kind::agent_status && c.status == domain::PartnerStatus::active) {
    if (auto rec = st->agent_support.find(c.person_id); rec != st->agent_support.end() && rec->second.remediation_required) {
      if (rec->second.remediation.at == 0)
        ui::message_box("Remediation required: record what was done (Agents page) before reinstating.", ui::tone::danger);
      else
        ui::message_box("Remediation recorded by " + member_name(*st, rec->second.remediation.by) + " on " +
                            format_day_ms(rec->second.remediation.at) + ": " + rec->second.remediation.what,
                        ui::tone::success);
      ImGui::Dummy(ui::dp(0, 4));
    }
    if (!domain::held_customers(*st, c.person_id).empty()) {
      ImGui::BeginDisabled(c.sending);
      const std::string who = first_name(c.subject);
      if (ImGui::RadioButton(("Customers come back to " + who).c_str(), c.come_back)) c.come_back = true;
      if (ImGui::RadioButton("Customers stay with internal support", !c.come_back)) c.come_back = false;
      ImGui::EndDisabled();
      ImGui::Dummy(ui::dp(0, 4));
    }
  }
  if (c.kind == Confirm::Kind::agent_status && c.status == domain::PartnerStatus::suspended) {
    ImGui::BeginDisabled(c.sending);
    ImGui::Checkbox("Remediation required", &c.remediation_required);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The agent must complete remediation before being reinstated.");
    ImGui::Checkbox("Reassign all customers now", &c.reassign_customers);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Move every customer of this agent to the business's own support at once.");
    ImGui::EndDisabled();
    ImGui::Dummy(ui::dp(0, 4));
  }
}

} // namespace

void draw_confirm(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  auto& c = ui_state.confirm;
  constexpr const char* name = "Confirm";
  if (c.kind == Confirm::Kind::none) {
    if (ImGui::IsPopupOpen(name)) {
      if (ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_NoTitleBar)) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
      }
    }
    return;
  }
  const Wording w = wording(c, program_state(app));
  if (begin_dialog(name, 480)) {
    ui::heading(w.title, 20);
    ImGui::Dummy(ui::dp(0, 2));
    ui::text_wrapped(w.body, ui::color::muted);
    ImGui::Dummy(ui::dp(0, 6));
    bool submit = false;
    if (w.reason) {
      ui::field_label("Reason");
      if (c.focus) ImGui::SetKeyboardFocusHere();
      bool edited = false;
      ImGui::BeginDisabled(c.sending);
      submit |= ui::input_text("##Reason", "What happened, in a sentence or two", c.reason, edited);
      ImGui::EndDisabled();
      ui::field_error(c.errors.field("reason"));
      ImGui::Dummy(ui::dp(0, 4));
    }
    status_change_options(app, c);
    c.focus = false;
    if (!c.errors.general.empty()) {
      ui::error_box(c.errors.general);
      ImGui::Dummy(ui::dp(0, 4));
    }
    ImGui::Dummy(ui::dp(0, 4));
    const float bw = ImGui::CalcTextSize(w.confirm.c_str()).x + ui::dp(36);
    const float cancel_w = ImGui::CalcTextSize("Cancel").x + ui::dp(32);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - bw - cancel_w - ui::dp(10));
    ImGui::BeginDisabled(c.sending);
    if (ui::secondary_button("Cancel", ImVec2(cancel_w, ui::dp(40))) || ImGui::IsKeyPressed(ImGuiKey_Escape))
      dispatch(CancelConfirm{});
    ImGui::EndDisabled();
    ImGui::SameLine(0, ui::dp(10));
    const std::string label = (c.sending ? std::string("Working\xE2\x80\xA6") : w.confirm) + "###confirm";
    const bool pressed = w.danger ? ui::danger_button(label.c_str(), ImVec2(bw, ui::dp(40)), !c.sending)
                                  : ui::primary_button(label.c_str(), ImVec2(bw, ui::dp(40)), !c.sending);
    if ((pressed || submit) && !c.sending) dispatch(SubmitConfirm{});
    draw_step_up(app, ui_state, dispatch); // a change confirmed here may need a fresh code: its dialog stacks on this one
    ImGui::EndPopup();
  }
  end_dialog_style();
}

void draw_toast(const UiState& ui_state) {
  if (ui_state.toast.empty()) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - ui::dp(28)),
                          ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0x1E, 0x29, 0x3B, 0xF2));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui::dp(18, 11));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui::dp(10));
  ImGui::Begin("Toast", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoNav);
  ui::text(ui_state.toast, ui::color::surface);
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
}

} // namespace pd::client::views
