#include "client/views/support/conduct_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/support/conduct_rules.hpp"

namespace pd::client::views {

using domain::AbuseStep;

void abuse_mark(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, const domain::TicketMessage& m,
                Dispatch& dispatch) {
  if (domain::marked_abusive(t, m.id)) {
    ui::pill("Marked abusive", ui::tone::danger);
  } else if (domain::abuse_step_offered(s, me, t, AbuseStep::mark, m.id) && ui::link("Mark abusive")) {
    dispatch(SendCommand{FormId::abuse, domain::HandleAbuse{t.id, AbuseStep::mark, m.id, {}}});
  }
}

void abuse_card(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, UiState& ui_state, Dispatch& dispatch,
                std::int64_t now) {
  const auto& conduct = t.conduct;
  if (conduct.abusive.empty() && conduct.paused_at == 0) return;
  const auto& form = ui_state.form(FormId::abuse);
  auto& text = ui_state.ticket.abuse_text;
  ui::begin_tinted(ui::tone::danger);
  ui::heading("Abusive communication", 16);
  ui::text_wrapped("Remain professional and document everything: " + count_text(static_cast<std::int64_t>(conduct.abusive.size()), "message", "messages") +
                       " marked abusive" + (conduct.warning ? ", warned once." : "."),
                   ui::color::muted);
  form_errors(form);
  for (auto step : {AbuseStep::warn, AbuseStep::pause}) {
    if (!domain::abuse_step_offered(s, me, t, step)) continue;
    const bool warn = step == AbuseStep::warn;
    if (text.empty()) text = warn ? domain::abuse_warning_text : domain::abuse_pause_text;
    labeled_input(warn ? "One warning, sent to the customer" : "The abuse continued: pause and hand to a manager", "##Abuse reply", "", text,
                  nullptr);
    if (ui::danger_button(warn ? "Send the warning" : "Pause the conversation", ImVec2(0, 0), !form.sending && !text.empty()))
      dispatch(SendCommand{FormId::abuse, domain::HandleAbuse{t.id, step, 0, text}});
  }
  if (conduct.paused_at) {
    ui::text_wrapped("Paused " + relative_time(conduct.paused_at, now) + "; the customer cannot reply. A manager follows up by " +
                         core::format_utc_minute(conduct.follow_up_by) + ".",
                     ui::color::error);
    if (domain::abuse_step_offered(s, me, t, AbuseStep::resume) &&
        ui::primary_button("Resume the conversation", ImVec2(0, 0), !form.sending))
      dispatch(SendCommand{FormId::abuse, domain::HandleAbuse{t.id, AbuseStep::resume, 0, {}}});
  }
  const auto* c = s.customer(t.customer_id);
  if (c && !domain::active_restriction(*c, now) && !domain::why_not_restrict(s, me, t.customer_id, false, now) &&
      ui::link("Repeated abuse: restrict the customer's tickets"))
    dispatch(Navigate{program_route(Page::customer, s.id, t.customer_id)});
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

bool customer_refusal_notice(const domain::ProgramState& s, domain::CustomerId customer, const domain::Ticket* t, std::int64_t now) {
  const auto refusal = domain::customer_refusal(s, customer, t, now);
  if (!refusal) return false;
  ImGui::Dummy(ui::dp(0, 6));
  ui::begin_tinted(ui::tone::warning);
  ui::text_wrapped(refusal->message);
  ui::end_tinted();
  return true;
}

void restriction_card(const domain::ProgramState& s, domain::PersonId me, const domain::Customer& c, UiState& ui_state,
                      Dispatch& dispatch, float width, std::int64_t now) {
  const int marks = domain::abuse_marks_of(s, c.id);
  if (marks == 0 && c.restrictions.empty()) return;
  auto& f = ui_state.customer;
  const auto& form = ui_state.form(FormId::restrict_customer);
  if (ui::begin_card("tickets-restriction", width)) {
    ui::heading("Abuse and restrictions", 17);
    ui::text_wrapped(count_text(marks, "message", "messages") + " of this customer marked abusive.", ui::color::muted);
    form_errors(form);
    if (const auto* r = domain::active_restriction(c, now)) {
      ui::pill("Tickets restricted", ui::tone::danger);
      ui::text_wrapped("Until " + core::format_utc_minute(r->until) + ": " + r->reason);
      if (!domain::why_not_restrict(s, me, c.id, true, now) && ui::secondary_button("Lift the restriction"))
        dispatch(SendCommand{FormId::restrict_customer, domain::RestrictTicketing{c.id, 0, {}}});
    } else if (!domain::why_not_restrict(s, me, c.id, false, now)) {
      static const std::int64_t days[] = {7, 14, 30, 90};
      ui::field_label("Restrict opening and answering tickets for");
      choice("##Restriction days", {"7 days", "14 days", "30 days", "90 days"}, f.restrict_days, ui::dp(160));
      labeled_input("Reason (the customer is shown it)", "##Restriction reason", "", f.restrict_reason, form.errors.field("reason"));
      if (ui::danger_button("Restrict tickets", ImVec2(0, 0), !form.sending && !f.restrict_reason.empty()))
        dispatch(SendCommand{FormId::restrict_customer,
                             domain::RestrictTicketing{c.id, days[std::clamp(f.restrict_days, 0, 3)], f.restrict_reason}});
    }
    for (auto r = c.restrictions.rbegin(); r != c.restrictions.rend(); ++r)
      ui::text_wrapped(format_day_ms(r->at) + ": restricted by " + member_name(s, r->by) + " until " + format_day_ms(r->until) +
                           (r->lifted_at ? ", lifted " + format_day_ms(r->lifted_at) : std::string()) + " (" + r->reason + ")",
                       ui::color::muted);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 4));
}

void restricted_customers_card(const domain::ProgramState& s, float width, std::int64_t now, Dispatch& dispatch) {
  const auto list = domain::restricted_customers(s, now);
  if (list.empty()) return;
  if (ui::begin_card("Restricted customers", width)) {
    ui::heading("Restricted customers", 16);
    for (const auto& r : list) {
      ImGui::PushID(static_cast<int>(r.customer_id));
      if (ui::link(customer_name(s, r.customer_id).c_str())) dispatch(Navigate{program_route(Page::customer, s.id, r.customer_id)});
      ImGui::SameLine(0, ui::dp(10));
      ui::text_wrapped("until " + format_day_ms(r.restriction.until) + ", " + count_text(r.marks, "abusive message", "abusive messages") +
                           ": " + r.restriction.reason,
                       ui::color::muted);
      ImGui::PopID();
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 12));
}

} // namespace pd::client::views
