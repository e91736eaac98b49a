#include "client/views/support/progress_parts.hpp"

#include "client/app/format.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"

#include "shared/domain/support/progress.hpp"
#include "shared/domain/support/ticket_actions.hpp"

#include <imgui.h>

#include <string>

namespace pd::client::views {

namespace {

constexpr std::int64_t hour_ms = 3'600'000, day_ms = 86'400'000;

std::string moment_text(std::int64_t at, std::int64_t now) {
  return format_day_ms(at) + ", " + hh_mm_utc(at) + " UTC (" + relative_time(at, now) + ")";
}

// Date and time fields side by side (under each other on a phone); the instant they hold.
std::optional<std::int64_t> when_fields(const char* id, std::string& date, std::string& time) {
  bool edited = false;
  const std::string date_id = std::string("##") + id + " date", time_id = std::string("##") + id + " time";
  const float row_y = ImGui::GetCursorPosY();
  ImGui::BeginGroup();
  ui::field_label("Date (YYYY-MM-DD)");
  ui::input_text(date_id.c_str(), "2026-01-31", date, edited, 0, ui::dp(170));
  ImGui::EndGroup();
  ui::flow_next(ui::dp(140), ui::dp(12));
  if (ImGui::GetCursorPosY() < row_y + ui::dp(12)) ImGui::SetCursorPosY(row_y); // beside the date: level with it
  ImGui::BeginGroup();
  ui::field_label("Time (HH:MM, UTC)");
  ui::input_text(time_id.c_str(), "09:00", time, edited, 0, ui::dp(120));
  ImGui::EndGroup();
  return read_utc_minute(date, time);
}

void estimate_form(const domain::Ticket& t, UiState& ui_state, Dispatch& dispatch, std::int64_t now) {
  TicketForms& f = ui_state.ticket;
  const auto& form = ui_state.form(FormId::estimate);
  ImGui::PushID("estimate-form");
  form_errors(form);
  const auto at = when_fields("Estimate", f.estimate_date, f.estimate_time);
  bool edited = false;
  ui::field_label("What the estimate rests on (shown to the customer, optional)");
  ui::input_text("##Estimate note", "Waiting for the fix in the next release", f.estimate_note, edited, 0);
  // The server's rule, before sending (progress.hpp).
  std::string problem;
  if (!at) problem = "Write the date as YYYY-MM-DD and the time as HH:MM.";
  else if (auto e = domain::estimate_problem(*at, now)) problem = e->message;
  if (!problem.empty()) ui::text_wrapped(problem, ui::color::error);
  const auto footer = ui::form_footer("Save estimate", "Saving\xE2\x80\xA6", form.sending, problem.empty(), "Cancel##estimate");
  if (footer.submit) dispatch(SendCommand{FormId::estimate, domain::SetResolutionEstimate{t.id, *at, f.estimate_note}});
  if (footer.cancel) f.estimate_open = false;
  ImGui::PopID();
}

void third_party_form(const domain::Ticket& t, UiState& ui_state, Dispatch& dispatch, std::int64_t now) {
  TicketForms& f = ui_state.ticket;
  const auto& form = ui_state.form(FormId::third_party);
  ImGui::PushID("third-party-form");
  form_errors(form);
  bool edited = false;
  ui::field_label("Third party");
  ui::input_text("##Third party", "Stripe (payment processor)", f.party, edited, 0);
  ui::field_error(form.errors.field("party"));
  ui::field_label("Their reference (optional)");
  ui::input_text("##Third party reference", "Case 48213", f.party_reference, edited, 0);
  ui::field_label("Follow up with them by");
  const auto at = when_fields("Follow-up", f.follow_up_date, f.follow_up_time);
  std::string problem;
  if (!at) problem = "Write the date as YYYY-MM-DD and the time as HH:MM.";
  else if (auto e = domain::follow_up_problem(*at, now)) problem = e->message;
  if (!problem.empty()) ui::text_wrapped(problem, ui::color::error);
  const bool ready = problem.empty() && f.party.find_first_not_of(' ') != std::string::npos;
  const auto footer = ui::form_footer("Save wait", "Saving\xE2\x80\xA6", form.sending, ready, "Cancel##third party");
  if (footer.submit) dispatch(SendCommand{FormId::third_party, domain::WaitOnThirdParty{t.id, f.party, f.party_reference, *at}});
  if (footer.cancel) f.third_party_open = false;
  ImGui::PopID();
}

} // namespace

void open_estimate_form(TicketForms& f, const domain::Ticket& t, std::int64_t now) {
  const auto& p = t.progress;
  const auto start = p.estimate != 0 ? p.estimate : (now / day_ms + 2) * day_ms + 17 * hour_ms; // the day after tomorrow, 17:00
  f.estimate_open = true;
  f.estimate_date = iso_day_ms(start);
  f.estimate_time = hh_mm_utc(start);
  f.estimate_note = p.estimate_note;
}

void open_wait_form(TicketForms& f, const domain::Ticket& t, std::int64_t now) {
  const auto& p = t.progress;
  const auto start = p.follow_up_at != 0 ? p.follow_up_at : (now / day_ms + 1) * day_ms + 9 * hour_ms; // tomorrow 09:00
  f.third_party_open = true;
  f.party = p.third_party;
  f.party_reference = p.third_party_reference;
  f.follow_up_date = iso_day_ms(start);
  f.follow_up_time = hh_mm_utc(start);
}

void progress_forms(const domain::ProgramState& s, const domain::Ticket& t, UiState& ui_state, Dispatch& dispatch, std::int64_t now) {
  TicketForms& f = ui_state.ticket;
  if (!f.estimate_open && !f.third_party_open) return;
  ui::begin_tinted(ui::tone::neutral);
  if (f.estimate_open) {
    ui::heading("Estimated resolution", 16);
    const auto hours = domain::update_interval_ms(s.support_settings, t.priority) / hour_ms;
    ui::text_wrapped("The customer sees it on the ticket. From then until it is resolved, the ticket owes the customer an update every " +
                         count_text(hours, "hour", "hours") + " (each public reply starts the next).",
                     ui::color::muted);
    estimate_form(t, ui_state, dispatch, now);
  }
  if (f.third_party_open) {
    if (f.estimate_open) ImGui::Dummy(ui::dp(0, 8));
    ui::heading("Waiting on a third party", 16);
    third_party_form(t, ui_state, dispatch, now);
  }
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

void progress_card(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, UiState& ui_state, Dispatch& dispatch,
                   bool customer, std::int64_t now) {
  const auto& p = t.progress;
  if (p.estimate == 0 && p.third_party.empty()) return;
  const bool may = !customer && domain::ticket_action_offered(s, me, t, domain::TicketAction::progress);
  TicketForms& f = ui_state.ticket;
  ImGui::PushID("progress");
  ui::begin_tinted(ui::tone::neutral);
  ui::heading("Progress", 16);

  // The estimate and the next update owed.
  if (p.estimate != 0) {
    ui::text_wrapped("Estimated resolution: " + moment_text(p.estimate, now), ui::color::text);
    if (!p.estimate_note.empty()) ui::text_wrapped(p.estimate_note, ui::color::muted);
    if (!customer) {
      switch (domain::update_state(t, now)) {
      case domain::UpdateState::none: break;
      case domain::UpdateState::on_time: ui::text_wrapped("Next update to the customer due " + moment_text(p.update_due, now), ui::color::muted); break;
      case domain::UpdateState::due_soon:
        ui::pill("Update due soon", ui::tone::warning);
        ui::flow_next(ui::dp(200), ui::dp(8));
        ui::text_wrapped("Next update to the customer due " + moment_text(p.update_due, now), ui::color::text);
        break;
      case domain::UpdateState::overdue:
        ui::pill("Update overdue", ui::tone::danger);
        ui::flow_next(ui::dp(200), ui::dp(8));
        ui::text_wrapped("The update to the customer was due " + moment_text(p.update_due, now), ui::color::error);
        break;
      }
    }
    if (may) {
      if (ui::secondary_button("Change estimate")) open_estimate_form(f, t, now);
      ImGui::SameLine(0, ui::dp(6));
      if (ui::secondary_button("Withdraw estimate")) dispatch(SendCommand{FormId::estimate, domain::SetResolutionEstimate{t.id, 0, ""}});
    }
  }

  // The third party.
  if (!p.third_party.empty()) {
    if (p.estimate != 0) ImGui::Dummy(ui::dp(0, 4));
    std::string line = "Waiting on " + p.third_party;
    if (!p.third_party_reference.empty()) line += " (reference " + p.third_party_reference + ")";
    line += customer ? "; we follow up with them by " + format_day_ms(p.follow_up_at) + "."
                     : " since " + format_day_ms(p.third_party_since) + "; follow up with them by " + moment_text(p.follow_up_at, now) + ".";
    ui::text_wrapped(line, ui::color::text);
    if (!customer) {
      if (p.wait_accepted) ui::pill("Accepted: resolution time held", ui::tone::success);
      else ui::pill("Not accepted: resolution time runs", ui::tone::warning);
    }
    if (may) {
      if (ui::secondary_button("Change wait")) open_wait_form(f, t, now);
      if (domain::ticket_action_offered(s, me, t, domain::TicketAction::accept_wait)) {
        ui::flow_next(ui::dp(130), ui::dp(6));
        if (ui::secondary_button("Accept the wait")) dispatch(SendCommand{FormId::accept_wait, domain::AcceptThirdPartyWait{t.id}});
      }
      ui::flow_next(ui::dp(120), ui::dp(6));
      if (ui::secondary_button("End the wait")) dispatch(SendCommand{FormId::end_wait, domain::EndThirdPartyWait{t.id}});
    }
  }
  form_errors(ui_state.form(FormId::accept_wait));
  form_errors(ui_state.form(FormId::end_wait));
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
  ImGui::PopID();
}

} // namespace pd::client::views
