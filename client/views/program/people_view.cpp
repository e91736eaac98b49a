// People and invitations (#/p/{id}/people): the members with their roles (business roles can
// be changed into one another; members can be removed), the invitation form (the link is
// shown once, with a Copy button) and the pending invitations, which can be revoked.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/role_text.hpp"
#include "client/app/selectors.hpp"
#include "client/platform/browser.hpp"
#include "client/views/certification/badge_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/tones.hpp"
#include "client/views/support/support_access_parts.hpp"

#include <algorithm>

namespace pd::client::views {

namespace {

using identity::Role;

void name_cell(const std::string& name, const std::string& email, float row_h) {
  ui::center_in_row(row_h, ImGui::GetTextLineHeight() * 2);
  {
    ui::FontScope font(ui::fonts().bold, 0.0f);
    ui::text(name);
  }
  ui::FontScope font(ui::fonts().regular, 13);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui::dp(9));
  ui::text(email, ui::color::muted);
}

const std::vector<Role>& business_roles() {
  static const std::vector<Role> roles = {Role::owner, Role::admin, Role::staff};
  return roles;
}

// A member's role: a choice for those the viewer may manage (each change confirmed), else a pill with
// an agent's badge and remediation flag.
void member_role_cell(const AppState& app, const domain::ProgramState& s, const domain::Member& member, float row_h, Dispatch& dispatch) {
  const auto* m = &member;
  const auto me = my_id(app);
  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  const bool manage = m->person_id != me && identity::is_business_role(m->role) &&
                      allowed(app, domain::Action::manage_member, {.person = m->person_id});
  if (manage) {
    std::vector<std::string> labels;
    std::vector<Role> values;
    int index = 0;
    for (auto r : business_roles()) {
      if (r != m->role && !allowed(app, domain::Action::invite, {.role = r})) continue;
      if (r == m->role) index = static_cast<int>(values.size());
      labels.emplace_back(role_label(r));
      values.push_back(r);
    }
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ui::dp(10, 5));
    ui::center_in_row(row_h, ImGui::GetFrameHeight());
    if (choice("##Role", labels, index, ui::dp(130))) {
      Confirm c;
      c.kind = Confirm::Kind::member_role;
      c.program_id = s.id;
      c.person_id = m->person_id;
      c.role = values[static_cast<std::size_t>(index)];
      c.subject = m->name.empty() ? m->email : m->name;
      dispatch(AskConfirm{c});
    }
    ImGui::PopStyleVar();
  } else {
    ui::center_in_row(row_h, ui::pill_size("Staff").y);
    ui::pill(role_label(m->role), role_tone(m->role));
    // An agent's Certified Support Partner badge (its dates in the tooltip).
    if (m->role == Role::agent && domain::certified_badge(s.certification, m->person_id, now)) {
      ImGui::SameLine(0, ui::dp(6));
      certified_badge(s, m->person_id, now, false);
    }
    // A suspension that requires remediation before reinstatement (support_access.hpp).
    if (m->role == Role::agent && s.agent_support.count(m->person_id) && s.agent_support.at(m->person_id).remediation_required) {
      ImGui::SameLine(0, ui::dp(6));
      remediation_pill(s, m->person_id);
    }
  }
}

void members_list(const AppState& app, Dispatch& dispatch, const domain::ProgramState& s) {
  const float row_h = ui::dp(52);
  if (!ui::begin_list_table("members", 4)) return;
  ui::list_column("Member", ImGuiTableColumnFlags_WidthStretch, 2.2f, 0, ui::CardPart::title);
  ui::list_column("Joined", ImGuiTableColumnFlags_WidthStretch, 1.1f);
  ui::list_column("Role", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ui::list_column("##member actions", ImGuiTableColumnFlags_WidthStretch, 0.9f, 0, ui::CardPart::plain);
  ui::table_header_row(4);
  // Business first, then agents, then customers; by name within each.
  std::vector<const domain::Member*> members;
  for (const auto& [id, m] : s.members) members.push_back(&m);
  std::stable_sort(members.begin(), members.end(), [](const auto* a, const auto* b) {
    if (a->role != b->role) return static_cast<int>(a->role) < static_cast<int>(b->role);
    return a->name < b->name;
  });
  const auto me = my_id(app);
  for (const auto* m : members) {
    ImGui::PushID(static_cast<int>(m->person_id));
    ui::list_row(row_h);
    ui::list_cell(0);
    name_cell((m->name.empty() ? m->email : m->name) + (m->person_id == me ? " (you)" : ""), m->email, row_h);
    ui::list_cell(1);
    ui::center_in_row(row_h, ImGui::GetTextLineHeight());
    ui::text(format_day_ms(m->joined_at), ui::color::muted);
    ui::list_cell(2);
    member_role_cell(app, s, *m, row_h, dispatch);
    ui::list_cell(3);
    if (m->person_id != me && allowed(app, domain::Action::manage_member, {.person = m->person_id})) {
      ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ui::dp(10, 5));
      ui::center_in_row(row_h, ImGui::GetFrameHeight());
      if (ui::secondary_button("Remove")) {
        Confirm c;
        c.kind = Confirm::Kind::remove_member;
        c.program_id = s.id;
        c.person_id = m->person_id;
        c.role = m->role;
        c.subject = m->name.empty() ? m->email : m->name;
        dispatch(AskConfirm{c});
      }
      ImGui::PopStyleVar();
    }
    ImGui::PopID();
  }
  ui::end_list_table();
}

void invitations_list(const AppState& app, Dispatch& dispatch, const domain::ProgramState& s) {
  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  std::vector<const domain::Invitation*> pending;
  for (const auto& [id, inv] : s.invitations)
    if (inv.status == domain::InvitationStatus::pending) pending.push_back(&inv);
  ui::heading("Pending invitations", 18);
  ImGui::Dummy(ui::dp(0, 2));
  if (pending.empty()) {
    ui::text("No invitations are waiting for an answer.", ui::color::muted);
    return;
  }
  const float row_h = ui::dp(50);
  if (!ui::begin_list_table("invitations", 5)) return;
  ui::list_column("Invited", ImGuiTableColumnFlags_WidthStretch, 2.2f, 0, ui::CardPart::title);
  ui::list_column("Role", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ui::list_column("Expires", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ui::list_column("Invited by", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ui::list_column("##invitation actions", ImGuiTableColumnFlags_WidthStretch, 1.0f, 0, ui::CardPart::plain);
  ui::table_header_row(5);
  for (const auto* inv : pending) {
    ImGui::PushID(static_cast<int>(inv->id));
    ui::list_row(row_h);
    ui::list_cell(0);
    ui::center_in_row(row_h, ImGui::GetTextLineHeight());
    ui::text(inv->email);
    ui::list_cell(1);
    ui::center_in_row(row_h, ui::pill_size("Agent").y);
    ui::pill(role_label(inv->role), role_tone(inv->role));
    ui::list_cell(2);
    ui::center_in_row(row_h, ImGui::GetTextLineHeight());
    if (inv->expires_at <= now) ui::text("Expired " + relative_time(inv->expires_at, now), ui::color::warning);
    else ui::text(relative_time(inv->expires_at, now), ui::color::muted);
    ui::list_cell(3);
    ui::center_in_row(row_h, ImGui::GetTextLineHeight());
    ui::text(member_name(s, inv->invited_by), ui::color::muted);
    ui::list_cell(4);
    if (allowed(app, domain::Action::invite, {.role = inv->role})) {
      ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ui::dp(10, 5));
      ui::center_in_row(row_h, ImGui::GetFrameHeight());
      if (ui::secondary_button("Revoke")) {
        Confirm c;
        c.kind = Confirm::Kind::revoke_invitation;
        c.program_id = s.id;
        c.invitation_id = inv->id;
        c.subject = inv->email;
        dispatch(AskConfirm{c});
      }
      ImGui::PopStyleVar();
    }
    ImGui::PopID();
  }
  ui::end_list_table();
}

// The invitation link just made, shown once, with Copy link.
void link_ready_card(const InviteForm& f, Dispatch& dispatch, float width) {
  if (ui::begin_card("invitation-link", width)) {
    ui::heading("Invitation link ready", 17);
    ImGui::Dummy(ui::dp(0, 2));
    ui::text_wrapped("For " + f.link_email + ", to join as " + role_label(f.link_role) + ".", ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    std::string link = f.link;
    bool edited = false;
    ui::input_text("##Invitation link", "", link, edited, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
    ImGui::Dummy(ui::dp(0, 2));
    if (ui::primary_button(f.copied ? "Copied###Copy link" : "Copy link###Copy link", ImVec2(ui::dp(130), ui::dp(38))))
      dispatch(CopyInvitationLink{});
    ImGui::SameLine(0, ui::dp(10));
    if (ui::secondary_button("Done", ImVec2(0, ui::dp(38)))) dispatch(DismissInvitationLink{});
    ImGui::Dummy(ui::dp(0, 4));
    ui::message_box("Send this link yourself. It is shown only this once: Partnerdesk keeps only a fingerprint of it, "
                    "so it cannot show it again.",
                    ui::tone::warning);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

// The customer record an invited customer's account is linked to (by email unless one is picked).
void customer_record_choice(const domain::ProgramState& s, InviteForm& f, Dispatch& dispatch) {
  ui::field_label("Customer record");
  std::vector<std::string> clabels = {"Match the record by email"};
  std::vector<domain::CustomerId> cvalues = {0};
  for (const auto& [id, c] : s.customers) {
    if (c.person_id) continue; // already has an account
    clabels.push_back(c.profile.name);
    cvalues.push_back(id);
  }
  int ci = 0;
  for (int i = 0; i < static_cast<int>(cvalues.size()); ++i)
    if (cvalues[static_cast<std::size_t>(i)] == f.customer_id) ci = i;
  if (choice("##Invite customer", clabels, ci, -FLT_MIN)) {
    f.customer_id = cvalues[static_cast<std::size_t>(ci)];
    if (f.customer_id && f.email.empty())
      if (auto c = s.customer(f.customer_id)) f.email = c->profile.email;
    dispatch(InviteEdited{});
  }
  ui::field_error(f.errors.field("customer"));
  ImGui::Dummy(ui::dp(0, 2));
}

void invite_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, float width) {
  auto& f = ui_state.invite;
  if (!f.link.empty()) link_ready_card(f, dispatch, width);

  if (!ui::begin_card("invite", width)) {
    ui::end_card();
    return;
  }
  ui::heading("Invite someone", 17);
  ImGui::Dummy(ui::dp(0, 2));
  ui::text_wrapped("They get a link to join " + s.name + ". It works once.", ui::color::muted);
  ImGui::Dummy(ui::dp(0, 6));
  ImGui::BeginDisabled(f.sending);
  if (labeled_input("Email", "##Invite email", "name@company.com", f.email, f.errors.field("email"), ImGuiInputTextFlags_CharsNoBlank))
    dispatch(InviteEdited{});

  ui::field_label("Role");
  std::vector<std::string> labels;
  std::vector<Role> values;
  int index = 0;
  for (auto r : {Role::agent, Role::customer, Role::staff, Role::admin, Role::owner}) {
    if (!allowed(app, domain::Action::invite, {.role = r})) continue;
    if (r == f.role) index = static_cast<int>(values.size());
    labels.emplace_back(role_label(r));
    values.push_back(r);
  }
  if (!values.empty() && std::find(values.begin(), values.end(), f.role) == values.end()) f.role = values.front();
  if (choice("##Invite role", labels, index, -FLT_MIN)) {
    f.role = values[static_cast<std::size_t>(index)];
    dispatch(InviteEdited{});
  }
  ui::field_error(f.errors.field("role"));
  ImGui::Dummy(ui::dp(0, 2));

  if (f.role == Role::customer) customer_record_choice(s, f, dispatch);

  ui::field_label("Link expires after");
  static const std::vector<int> hours = {24, 72, 168, 336, 720};
  static const std::vector<std::string> hour_labels = {"1 day", "3 days", "7 days", "14 days", "30 days"};
  int hi = 2;
  for (int i = 0; i < static_cast<int>(hours.size()); ++i)
    if (hours[static_cast<std::size_t>(i)] == f.hours) hi = i;
  if (choice("##Invite expiry", hour_labels, hi, -FLT_MIN)) {
    f.hours = hours[static_cast<std::size_t>(hi)];
    dispatch(InviteEdited{});
  }
  ui::field_error(f.errors.field("hours"));
  ImGui::EndDisabled();

  if (!f.errors.general.empty()) {
    ImGui::Dummy(ui::dp(0, 2));
    ui::error_box(f.errors.general);
  }
  ImGui::Dummy(ui::dp(0, 8));
  const char* button = f.sending ? "Creating\xE2\x80\xA6###Create invitation" : "Create invitation link###Create invitation";
  if (ui::primary_button(button, ImVec2(-FLT_MIN, ui::dp(40)), !f.sending)) dispatch(SubmitInvite{});
  ui::end_card();
}

} // namespace

void draw_people(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (begin_page(app, ui_state, dispatch)) {
    const auto& s = *program_state(app);
    const float avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
    ui::begin_column("people-page", avail);
    page_title("People", count_text(static_cast<std::int64_t>(s.members.size()), "member", "members") + " of " + s.name);
    const float gap = ui::dp(22);
    const bool two = avail >= ui::dp(880);
    const float right = two ? std::max(ui::dp(320), avail * 0.34f) : avail;
    const float left = two ? avail - gap - right : avail;
    ui::begin_column("people-lists", left);
    members_list(app, dispatch, s);
    ImGui::Dummy(ui::dp(0, 14));
    if (allowed(app, domain::Action::read_invitations)) invitations_list(app, dispatch, s);
    ui::end_column();
    if (two) ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    if (allowed(app, domain::Action::invite, {.role = Role::agent}) || allowed(app, domain::Action::invite, {.role = Role::customer}))
      invite_card(app, ui_state, dispatch, s, right);
    ImGui::EndGroup();
    ui::end_column();
  }
  end_page();
}

} // namespace pd::client::views
