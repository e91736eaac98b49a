#include "client/views/support/check_in_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/ui/ui.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/support/check_ins.hpp"
#include "shared/domain/support/response_target.hpp"

#include <cstdio>
#include <optional>

namespace pd::client::views {

namespace {

constexpr std::int64_t hour_ms = 3'600'000, day_ms = 86'400'000;

std::string id_label(const char* text, const char* where, std::int64_t id) {
  return std::string(text) + "##check-in " + where + " " + std::to_string(id);
}

} // namespace

std::string check_in_when(const domain::CheckIn& c, std::int64_t now) {
  if (c.done) return "done " + (c.done_at ? format_day_ms(c.done_at) : std::string());
  return "due " + format_day_ms(c.due_at) + ", " + hh_mm_utc(c.due_at) + " UTC (" + relative_time(c.due_at, now) + ")";
}

void open_check_in_form(UiState& ui, const char* where, std::int64_t customer_id, const domain::CheckIn* moving, std::int64_t now) {
  CheckInForm f;
  f.open = true;
  f.where = where;
  f.customer_id = moving ? moving->customer_id : customer_id;
  f.check_in_id = moving ? moving->id : 0;
  const std::int64_t at = moving ? moving->due_at : (now / day_ms + 1) * day_ms + 9 * hour_ms; // tomorrow 09:00
  f.date = iso_day_ms(at);
  f.time = hh_mm_utc(at);
  f.note = moving ? moving->note : std::string();
  ui.check_in = f;
  ui.support_forms.erase(FormId::check_in_schedule);
  ui.support_forms.erase(FormId::check_in_move);
}

void check_in_buttons(const domain::ProgramState& s, domain::PersonId me, const domain::CheckIn& c, UiState& ui, Dispatch& dispatch,
                      const char* where, std::int64_t now) {
  if (c.done || !domain::may_change_check_in(s, me, c)) return;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ui::dp(8, 3));
  const bool busy = ui.form(FormId::check_in_done).sending;
  if (ui::secondary_button(id_label("Done", where, c.id).c_str()) && !busy)
    dispatch(SendCommand{FormId::check_in_done, domain::CompleteCheckIn{c.id}});
  ImGui::SameLine(0, ui::dp(6));
  if (ui::secondary_button(id_label("Move", where, c.id).c_str())) open_check_in_form(ui, where, c.customer_id, &c, now);
  ImGui::PopStyleVar();
}

void draw_check_in_form(const domain::ProgramState& s, domain::PersonId me, UiState& ui, Dispatch& dispatch, const char* where,
                        std::int64_t now) {
  auto& f = ui.check_in;
  if (!f.open || f.where != where) return;
  const bool moving = f.check_in_id != 0;
  const FormId key = moving ? FormId::check_in_move : FormId::check_in_schedule;
  const auto& form = ui.form(key);
  ImGui::PushID("check-in-form");
  ui::begin_tinted(ui::tone::accent);
  ui::heading(moving ? "Move the check-in" : "Schedule a check-in", 16);
  if (f.customer_id && (moving || std::string(where) == "customer")) {
    ui::text("With " + customer_name(s, f.customer_id), ui::color::muted);
  } else {
    // The customers this person may schedule a check-in with (an agent: its own).
    std::vector<std::string> labels;
    std::vector<std::int64_t> ids;
    int index = -1;
    for (const auto& [id, c] : s.customers) {
      if (!domain::may_schedule_check_in(s, me, id)) continue;
      if (id == f.customer_id) index = static_cast<int>(ids.size());
      labels.push_back(c.profile.name);
      ids.push_back(id);
    }
    ui::field_label("Customer");
    if (labels.empty()) ui::text("You have no customers to check in with.", ui::color::muted);
    else if (choice("##Check-in customer", labels, index, ui::dp(320)) && index >= 0) f.customer_id = ids[static_cast<std::size_t>(index)];
  }
  const float w = ui::dp(170);
  const float row_y = ImGui::GetCursorPosY();
  ImGui::BeginGroup();
  ui::field_label("Date (YYYY-MM-DD)");
  bool edited = false;
  ui::input_text("##Check-in date", "2026-01-31", f.date, edited, 0, w);
  ImGui::EndGroup();
  ImGui::SameLine(0, ui::dp(12));
  ImGui::SetCursorPosY(row_y); // level with the date field
  ImGui::BeginGroup();
  ui::field_label("Time (HH:MM, UTC)");
  ui::input_text("##Check-in time", "09:00", f.time, edited, 0, ui::dp(120));
  ImGui::EndGroup();
  ui::field_label("Note");
  ui::input_text("##Check-in note", "What to ask or show them", f.note, edited, 0, ui::dp(520));
  // The same rule as the server's, before sending (check_ins.hpp).
  const auto due = read_utc_minute(f.date, f.time);
  std::string problem;
  if (!due) problem = "Write the date as YYYY-MM-DD and the time as HH:MM.";
  else if (auto e = domain::check_in_time_error(*due, now)) problem = e->message;
  if (!problem.empty() && (!f.date.empty() || !f.time.empty())) ui::text(problem, ui::color::error);
  form_errors(form);
  const bool ready = due && problem.empty() && f.customer_id != 0;
  const auto footer = ui::form_footer(moving ? "Move check-in" : "Schedule check-in", moving ? "Moving\xE2\x80\xA6" : "Scheduling\xE2\x80\xA6",
                                      form.sending, ready, "Cancel##check-in", "Save check-in");
  if (footer.submit) {
    if (moving) {
      const auto it = s.check_ins.find(f.check_in_id);
      std::optional<std::string> note;
      if (it == s.check_ins.end() || it->second.note != f.note) note = f.note;
      dispatch(SendCommand{key, domain::RescheduleCheckIn{f.check_in_id, *due, note}});
    } else {
      dispatch(SendCommand{key, domain::ScheduleCheckIn{f.customer_id, *due, f.note}});
    }
  }
  if (footer.cancel) f = CheckInForm{};
  ui::end_tinted();
  ImGui::PopID();
}

void draw_customer_check_ins(const domain::ProgramState& s, domain::PersonId me, UiState& ui, Dispatch& dispatch, const domain::Customer& c,
                             float width, std::int64_t now) {
  const auto list = domain::check_ins_of_customer(s, c.id);
  const bool may_schedule = domain::may_schedule_check_in(s, me, c.id);
  if (list.empty() && !may_schedule) return;
  if (ui::begin_card("check-ins", width)) {
    ui::heading("Check-ins", 17);
    ui::text_wrapped("Follow-up calls or messages planned with this customer; they show in the agent's follow-ups until done.",
                     ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    if (list.empty()) ui::text("No check-ins yet.", ui::color::muted);
    int done_shown = 0;
    for (const auto* ci : list) {
      if (ci->done && ++done_shown > 5) break; // the latest five done ones
      ImGui::PushID(static_cast<int>(ci->id));
      const bool due = domain::check_in_due(*ci, now);
      ui::dot(ci->done ? ui::color::success : due ? ui::color::error : ui::color::accent);
      ui::text(ci->note.empty() ? std::string("Check-in") : ci->note, ci->done ? ui::color::muted : ui::color::text);
      ImGui::SameLine(0, ui::dp(8));
      ui::text(check_in_when(*ci, now) + (ci->agent_id ? " \xC2\xB7 " + member_name(s, ci->agent_id) : std::string(" \xC2\xB7 business")),
               due ? ui::color::error : ui::color::muted);
      if (!ci->done && domain::may_change_check_in(s, me, *ci)) {
        ImGui::SameLine(0, ui::dp(12));
        check_in_buttons(s, me, *ci, ui, dispatch, "customer", now);
      }
      ImGui::PopID();
    }
    if (may_schedule && !(ui.check_in.open && ui.check_in.where == "customer")) {
      ImGui::Dummy(ui::dp(0, 4));
      if (ui::secondary_button("Schedule a check-in##customer")) open_check_in_form(ui, "customer", c.id, nullptr, now);
    }
    if (ui.check_in.open && ui.check_in.where == "customer" && ui.check_in.customer_id == c.id) {
      ImGui::Dummy(ui::dp(0, 6));
      draw_check_in_form(s, me, ui, dispatch, "customer", now);
    }
  }
  ui::end_card();
}

} // namespace pd::client::views
