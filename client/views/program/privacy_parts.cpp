#include "client/views/program/privacy_parts.hpp"

#include "client/app/format.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"

#include "client/app/selectors.hpp"
#include "client/platform/browser.hpp"
#include "client/testing/item_table.hpp"

#include "shared/domain/privacy/customer_export.hpp"
#include "shared/domain/privacy/data_retention.hpp"
#include "shared/domain/privacy/erasure.hpp"

namespace pd::client::views {

using domain::ErasureStatus;

namespace {

const char* source_text(domain::ErasureSource source) {
  switch (source) {
  case domain::ErasureSource::customer: return "asked by the customer";
  case domain::ErasureSource::business: return "asked by the business";
  case domain::ErasureSource::ticket: return "asked in a ticket";
  }
  return "";
}

void report_lists(const domain::ErasureReport& r) {
  ui::text_wrapped("Erased:", ui::color::muted);
  for (const auto& line : r.erased) ui::text_wrapped("\xE2\x80\xA2 " + line);
  ui::text_wrapped("Kept:", ui::color::muted);
  for (const auto& line : r.kept) ui::text_wrapped("\xE2\x80\xA2 " + line);
}

// One request: who, when, where it stands; approve or reject when `me` may decide it.
void erasure_request(const domain::ProgramState& s, domain::PersonId me, const domain::ErasureRequest& r, UiState& ui_state,
                     Dispatch& dispatch, bool name_customer) {
  auto& f = ui_state.erasure;
  const auto& form = ui_state.form(FormId::erasure);
  ImGui::PushID(static_cast<int>(r.id));
  const std::string who = name_customer ? customer_name(s, r.customer_id) + ", " : std::string();
  ui::text_wrapped("#" + std::to_string(r.id) + ": " + who + source_text(r.source) + " on " + format_day_ms(r.requested_at) +
                   (r.note.empty() || r.note == domain::erased_text ? std::string() : " (\xE2\x80\x9C" + r.note + "\xE2\x80\x9D)"));
  switch (r.status) {
  case ErasureStatus::awaiting_confirmation:
    ui::pill("Waiting for the customer to confirm by mail", ui::tone::warning);
    break;
  case ErasureStatus::awaiting_approval:
    ui::pill(r.confirmed_at ? "Confirmed by the customer: to decide" : "To decide", ui::tone::accent);
    if (!domain::why_not_decide_erasure(s, me, r.id)) {
      if (f.rejecting == r.id) {
        labeled_input("Why it is rejected (the customer is told)", "##Erasure reason", "", f.reason, form.errors.field("reason"));
        if (ui::danger_button("Reject the request", ImVec2(0, 0), !form.sending && !f.reason.empty()))
          dispatch(SendCommand{FormId::erasure, domain::DecideErasure{r.id, false, f.reason}});
        ImGui::SameLine();
        if (ui::link("Cancel")) f.rejecting = 0;
      } else {
        if (ui::danger_button("Approve and erase", ImVec2(0, 0), !form.sending))
          dispatch(SendCommand{FormId::erasure, domain::DecideErasure{r.id, true, {}}});
        ImGui::SameLine();
        if (ui::secondary_button("Reject\xE2\x80\xA6")) {
          f.rejecting = r.id;
          f.reason.clear();
        }
      }
    }
    break;
  case ErasureStatus::erased:
    ui::pill("Erased on " + format_day_ms(r.decided_at), ui::tone::neutral);
    report_lists(r.report);
    break;
  case ErasureStatus::rejected:
    ui::pill("Rejected on " + format_day_ms(r.decided_at), ui::tone::neutral);
    ui::text_wrapped("Why: " + r.reason, ui::color::muted);
    break;
  }
  ImGui::PopID();
}

// The latest request about the customer, if any.
const domain::ErasureRequest* latest_request(const domain::ProgramState& s, domain::CustomerId customer) {
  const domain::ErasureRequest* latest = nullptr;
  for (const auto& [id, r] : s.erasure.requests)
    if (r.customer_id == customer) latest = &r;
  return latest;
}

} // namespace

void erasure_section(const domain::ProgramState& s, domain::PersonId me, const domain::Customer& c, UiState& ui_state,
                     Dispatch& dispatch, bool own) {
  auto& f = ui_state.erasure;
  const auto& form = ui_state.form(FormId::erasure);
  ui::heading(own ? "Erase my data" : "Erasure", 15);
  if (const auto* r = latest_request(s, c.id)) {
    if (own && r->status == ErasureStatus::awaiting_confirmation)
      ui::text_wrapped("We mailed you a link to confirm that it was you who asked. Open it to send the request to the business.",
                       ui::color::muted);
    if (own && r->status == ErasureStatus::awaiting_approval)
      ui::text_wrapped("Confirmed. The business decides and tells you by mail.", ui::color::muted);
    erasure_request(s, me, *r, ui_state, dispatch, false);
  }
  form_errors(form);
  if (domain::why_not_request_erasure(s, me, c.id)) return; // erased, open already, or not for `me`
  if (f.asking_customer != c.id) {
    ui::text_wrapped(own ? "Ask " + s.name + " to erase your personal data: your name, address, messages and files. Your account then "
                               "can no longer sign in. Amounts and dates the business must keep by law stay, without your name."
                         : "Erase this customer's personal data (the right to erasure): name, address, messages and files, in "
                           "every copy the server keeps. Amounts, dates and counts stay for the ledgers and the metrics.",
                     ui::color::muted);
    if (ui::secondary_button(own ? "Ask to erase my data\xE2\x80\xA6" : "Erase this customer's data\xE2\x80\xA6")) {
      f.asking_customer = c.id;
      f.note.clear();
    }
    return;
  }
  labeled_input(own ? "Why (optional)" : "Why (optional, the customer's words or the business's reason)", "##Erasure note", "", f.note,
                form.errors.field("note"));
  ui::text_wrapped(own ? "You will get a mail with a link to confirm it was you."
                       : "The request waits for an owner's or admin's approval on the Support page; nothing is erased before.",
                   ui::color::muted);
  if (ui::danger_button(own ? "Send the erasure request" : "Ask to erase", ImVec2(0, 0), !form.sending))
    dispatch(SendCommand{FormId::erasure, domain::RequestErasure{c.id, f.note}});
  ImGui::SameLine();
  if (ui::link("Cancel")) f.asking_customer = 0;
}

void erasure_queue_card(const domain::ProgramState& s, domain::PersonId me, UiState& ui_state, Dispatch& dispatch, float width) {
  if (s.erasure.requests.empty()) return;
  if (ui::begin_card("Data erasure requests", width)) {
    ui::heading("Data erasure requests", 16);
    int open = 0;
    for (const auto& [id, r] : s.erasure.requests)
      if (r.status == ErasureStatus::awaiting_confirmation || r.status == ErasureStatus::awaiting_approval) ++open;
    ui::text_wrapped(open == 0 ? std::string("None waits. The latest decisions:") : count_text(open, "request waits", "requests wait") + ".",
                     ui::color::muted);
    form_errors(ui_state.form(FormId::erasure));
    // Open ones first (oldest first), then the five latest decided.
    for (const auto& [id, r] : s.erasure.requests)
      if (r.status == ErasureStatus::awaiting_confirmation || r.status == ErasureStatus::awaiting_approval) {
        ImGui::Separator();
        erasure_request(s, me, r, ui_state, dispatch, true);
      }
    int shown = 0;
    for (auto it = s.erasure.requests.rbegin(); it != s.erasure.requests.rend() && shown < 5; ++it) {
      const auto& r = it->second;
      if (r.status != ErasureStatus::erased && r.status != ErasureStatus::rejected) continue;
      ImGui::Separator();
      ++shown;
      ui::text_wrapped("#" + std::to_string(r.id) + ": " + customer_name(s, r.customer_id) + ", " + source_text(r.source) + ": " +
                       (r.status == ErasureStatus::erased ? "erased on " : "rejected on ") + format_day_ms(r.decided_at), ui::color::muted);
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 12));
}

void data_retention_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, float width) {
  auto& f = ui_state.data_retention;
  const auto& r = s.erasure.retention;
  if (!f.edited) {
    f.closed_ticket_days = static_cast<int>(r.closed_ticket_days);
    f.attachment_days = static_cast<int>(r.attachment_days);
  }
  const auto& form = ui_state.form(FormId::data_retention);
  const auto role = current_role(app, ui_state);
  const bool can_edit = role == identity::Role::owner || role == identity::Role::admin;
  if (ui::begin_card("data-retention", width)) {
    ui::heading("Data retention", 16);
    ui::text_wrapped("How long " + s.name + " keeps what customers wrote on closed tickets. Past the period the ticket's text (subject, "
                         "messages, notes, comments) is erased everywhere the server keeps it, its log and later backups included; "
                         "its dates, status, priority and ratings' scores stay for the metrics. Attachments can go sooner. 0 keeps "
                         "them; otherwise " + std::to_string(domain::min_retention_days) + " to " +
                         std::to_string(domain::max_retention_days) + " days after the ticket closed.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    ImGui::BeginDisabled(!can_edit || form.sending);
    ui::field_label("Closed tickets' text, days after closing");
    ImGui::SetNextItemWidth(ui::dp(140));
    if (ImGui::InputInt("##Retention closed ticket days", &f.closed_ticket_days, 0, 0)) f.edited = true;
    testing::record_value(std::to_string(f.closed_ticket_days));
    ui::field_error(form.errors.field("closed_ticket_days"));
    ui::field_label("Attachments, days after closing");
    ImGui::SetNextItemWidth(ui::dp(140));
    if (ImGui::InputInt("##Retention attachment days", &f.attachment_days, 0, 0)) f.edited = true;
    testing::record_value(std::to_string(f.attachment_days));
    ui::field_error(form.errors.field("attachment_days"));
    ImGui::EndDisabled();
    // What these periods would expire at once (the scheduler's own rule on the fields as typed).
    const domain::DataRetention typed{f.closed_ticket_days, f.attachment_days, 0, 0};
    std::size_t text = 0, files = 0, expired = 0;
    const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
    for (const auto& [id, t] : s.tickets) {
      if (t.text_expired_at != 0) ++expired;
      if (const auto at = domain::text_expires_at(typed, t); at != 0 && at <= now) ++text;
      else if (const auto at2 = domain::attachments_expire_at(typed, t); at2 != 0 && at2 <= now) ++files;
    }
    if (f.edited && !domain::retention_problem(f.closed_ticket_days, f.attachment_days) && (text > 0 || files > 0)) {
      std::string what;
      if (text > 0) what = "the text of " + count_text(static_cast<std::int64_t>(text), "closed ticket", "closed tickets");
      if (files > 0)
        what += (what.empty() ? "" : " and ") + std::string("the attachments of ") +
                count_text(static_cast<std::int64_t>(files), text > 0 ? "other ticket" : "closed ticket", text > 0 ? "other tickets" : "closed tickets");
      ui::message_box("Saving erases " + what + " at once. This cannot be undone.", ui::tone::warning);
    }
    if (r.changed_at != 0) {
      std::string line = "Set by " + member_name(s, r.changed_by) + " on " + format_day_ms(r.changed_at) + ".";
      if (expired > 0)
        line += " " + count_text(static_cast<std::int64_t>(expired), "closed ticket's text was", "closed tickets' text was") + " erased so far.";
      ui::text_wrapped(line, ui::color::muted);
    }
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
    if (can_edit) {
      ImGui::Dummy(ui::dp(0, 4));
      const auto footer = ui::form_footer("Save periods", "Saving\xE2\x80\xA6", form.sending, f.edited, "Undo", "data-retention");
      if (footer.submit) dispatch(SendCommand{FormId::data_retention, domain::SetDataRetention{f.closed_ticket_days, f.attachment_days}});
      if (footer.cancel) f.edited = false;
    }
  }
  ui::end_card();
}

void data_export_card(const domain::ProgramState& s, domain::PersonId me, const domain::Customer& c, UiState& ui_state,
                      Dispatch& dispatch, float width, bool own) {
  if (!domain::may_export_customer(s, me, c.id)) return;
  const auto& x = ui_state.data_export;
  const bool this_one = x.program_id == s.id && x.customer_id == c.id;
  if (ui::begin_card("customer-data", width)) {
    ui::heading(own ? "Your data" : "Customer data", 17);
    ui::text_wrapped(own ? "Download a copy of everything " + s.name +
                               " holds about you: your profile, your tickets with their messages, your ratings and survey answers, "
                               "and the files attached to your tickets, as a ZIP with a manifest."
                         : "Export everything the program holds about " + c.profile.name +
                               ": profile, tickets with their public messages, ratings, survey answers and attached files, as a ZIP "
                               "with a manifest (the customer's right of access). Internal notes are not included.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    const bool busy = this_one && x.busy;
    if (ui::primary_button(busy ? "Preparing\xE2\x80\xA6" : own ? "Download my data" : "Export data (ZIP)", ImVec2(0, 0), !busy))
      dispatch(ExportCustomerData{c.id});
    if (this_one && !x.error.empty()) {
      ImGui::Dummy(ui::dp(0, 4));
      ui::message_box(x.error, ui::tone::danger);
    } else if (this_one && x.saved) {
      ImGui::Dummy(ui::dp(0, 4));
      ui::message_box("Saved " + x.file_name + ": " + count_text(x.tickets, "ticket", "tickets") + ", " +
                          count_text(x.messages, "message", "messages") + ", " + count_text(x.ratings, "rating", "ratings") + ", " +
                          count_text(x.attachments, "file", "files") + (x.attachments ? " (" + size_text(x.attachment_bytes) + ")" : std::string()) +
                          ".",
                      ui::tone::success);
    }
    ImGui::Dummy(ui::dp(0, 8));
    erasure_section(s, me, c, ui_state, dispatch, own);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 4));
}

} // namespace pd::client::views
