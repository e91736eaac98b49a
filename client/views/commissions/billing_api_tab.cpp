// The Billing API tab of the commissions desk: the keys the billing system sends payments with (made,
// shown once, revoked).
#include "client/views/commissions/desk_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/views/commissions/commission_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"

namespace pd::client::views {

using namespace domain;

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

// The key just made, shown once, with Copy key.
void new_key_card(const ProgramState& s, const CommissionDeskForm& f, Dispatch& dispatch, float avail) {
  if (ui::begin_card("new api key", avail)) {
    ui::heading("API key ready", 17);
    ImGui::Dummy(ui::dp(0, 2));
    ui::text_wrapped("Give it to the billing system as a Bearer token for POST /api/v1/programs/" + std::to_string(s.id) + "/billing/payments.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    std::string key = f.new_key;
    bool edited = false;
    ui::input_text("##New API key", "", key, edited, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
    ImGui::Dummy(ui::dp(0, 2));
    if (ui::primary_button(f.key_copied ? "Copied###Copy key" : "Copy key###Copy key", ImVec2(ui::dp(130), ui::dp(38)))) dispatch(CopyApiKey{});
    ImGui::SameLine(0, ui::dp(10));
    if (ui::secondary_button("Done###Key done", ImVec2(0, ui::dp(38)))) dispatch(DismissApiKey{});
    ImGui::Dummy(ui::dp(0, 4));
    ui::message_box("It is shown only this once: Partnerdesk keeps only a fingerprint of it.", ui::tone::warning);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 8));
}

// A new key with its label.
void create_key_card(CommissionDeskForm& f, const UiState& ui_state, Dispatch& dispatch, float avail) {
  if (ui::begin_card("create api key", avail)) {
    ui::caption("NEW API KEY");
    ui::text_wrapped("One key per system that sends payments. A payment's billing id makes a resent payment harmless.", ui::color::muted);
    const auto& form = ui_state.form(FormId::comm_key);
    if (begin_form_row("key row", 2)) {
      ui::list_next_cell();
      labeled_input("Label", "##Key label", "Stripe sync", f.key_label, err(form, "label"));
      ui::list_next_cell();
      ui::field_label(" ");
      if (ui::primary_button("Create key", ImVec2(ui::dp(150), ui::dp(36)), !form.sending && !blank(f.key_label)))
        dispatch(SendCommand{FormId::comm_key, CreateApiKey{trimmed(f.key_label), "", ""}});
      end_form_row();
    }
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 8));
}

// The keys, newest first; Revoke asks once more.
void api_keys_table(const ProgramState& s, CommissionDeskForm& f, const SupportForm& revoke_form, bool may_manage, Dispatch& dispatch) {
  if (ui::begin_table("api keys", 5, ledger_table_flags)) {
    ui::list_column("Label", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ui::list_column("Key", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ui::list_column("Created", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ui::list_column("State", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ui::list_column("", ImGuiTableColumnFlags_WidthFixed, ui::dp(230));
    ui::table_header_row(5);
    for (auto it = s.api_keys.rbegin(); it != s.api_keys.rend(); ++it) {
      const auto& k = it->second;
      ImGui::PushID(static_cast<int>(k.id));
      ui::list_row(ui::dp(36));
      ui::list_next_cell();
      ui::text(k.label);
      ui::list_next_cell();
      ui::text(k.key_prefix + "\xE2\x80\xA6", ui::color::muted);
      ui::list_next_cell();
      ui::text(format_day_ms(k.created_at) + " by " + member_name(s, k.created_by), ui::color::muted);
      ui::list_next_cell();
      if (k.revoked_at) ui::pill("Revoked " + format_day_ms(k.revoked_at), ui::tone::neutral);
      else ui::pill("In use", ui::tone::success);
      ui::list_next_cell();
      if (may_manage && !k.revoked_at) {
        if (f.revoke_key == k.id) {
          if (ui::danger_button("Yes, revoke", ImVec2(ui::dp(110), ui::dp(30)), !revoke_form.sending)) {
            dispatch(SendCommand{FormId::comm_revoke, RevokeApiKey{k.id}});
            f.revoke_key = 0;
          }
          ImGui::SameLine(0, ui::dp(6));
          if (ui::secondary_button("Keep", ImVec2(ui::dp(80), ui::dp(30)))) f.revoke_key = 0;
        } else if (ui::secondary_button("Revoke", ImVec2(ui::dp(90), ui::dp(30)))) {
          f.revoke_key = k.id;
        }
      }
      ImGui::PopID();
    }
    ui::end_table();
  }
}

} // namespace

// The program's API keys for its billing system: create one (its secret shown once, with a
// Copy button), see which are in use and when they were made, and revoke one (asked twice).
void billing_api_tab(const AppState& app, const ProgramState& s, CommissionDeskForm& f, const UiState& ui_state, Dispatch& dispatch,
                     float avail) {
  const bool may_manage = allowed(app, domain::Action::manage_api_keys);
  if (!f.new_key.empty()) new_key_card(s, f, dispatch, avail);
  if (may_manage) create_key_card(f, ui_state, dispatch, avail);

  ui::heading("API keys", 17);
  if (s.api_keys.empty()) {
    ui::text("No API key yet: payments are entered by hand on the Payments tab.", ui::color::muted);
    return;
  }
  const auto& revoke_form = ui_state.form(FormId::comm_revoke);
  if (!revoke_form.errors.general.empty()) ui::error_box(revoke_form.errors.general);
  api_keys_table(s, f, revoke_form, may_manage, dispatch);
}

} // namespace pd::client::views
