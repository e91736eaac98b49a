// Retention (#/p/{id}/retention, seed 002 section 7): the customers by churn-risk score with the
// signals behind each score and its twelve-week history, the retention cases and their four
// steps (understand, match the response, an offer within the customer's MRR band, the outcome),
// and this month's churn saves. Computed from the replica by the shared functions the server's
// API and CSV call (shared/domain/retention/). The business sees every customer; an agent its own.
// Also the customer's cards (its plan, the offers made to it) and the competitor list.
#include "client/views/support/retention_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/testing/item_table.hpp"
#include "client/platform/browser.hpp"
#include "client/ui/chart.hpp"
#include "client/views/layout.hpp"

#include "shared/core/dates.hpp"
#include "shared/core/money_parse.hpp"
#include "shared/domain/retention/decide_retention.hpp"
#include "shared/domain/retention/outreach.hpp"
#include "shared/domain/retention/retention_report.hpp"

#include <algorithm>

#include "imgui_stdlib.h"

namespace pd::client::views {

namespace {

using domain::ChurnLevel;

ui::Tone level_tone(ChurnLevel l) {
  switch (l) {
  case ChurnLevel::healthy: return ui::tone::success;
  case ChurnLevel::monitor: return ui::tone::accent;
  case ChurnLevel::at_risk: return ui::tone::warning;
  case ChurnLevel::high_risk:
  case ChurnLevel::critical: return ui::tone::danger;
  }
  return ui::tone::neutral;
}

const ChurnLevel all_levels[] = {ChurnLevel::healthy, ChurnLevel::monitor, ChurnLevel::at_risk, ChurnLevel::high_risk, ChurnLevel::critical};

const std::vector<domain::OfferKind> offer_kinds{domain::OfferKind::months_free,    domain::OfferKind::discount,        domain::OfferKind::pause,
                                                 domain::OfferKind::custom_plan,    domain::OfferKind::executive_call,  domain::OfferKind::custom_contract,
                                                 domain::OfferKind::dedicated_support};
const std::vector<std::string> offer_kind_labels{"Free months", "Discount", "Pause instead of cancel", "Custom plan", "Executive call", "Custom contract",
                                                 "Dedicated support"};
const std::vector<domain::CaseOutcome> outcomes{domain::CaseOutcome::saved, domain::CaseOutcome::paused, domain::CaseOutcome::downgraded,
                                                domain::CaseOutcome::lost};
const std::vector<std::string> outcome_labels{"Saved", "Paused", "Downgraded", "Lost"};

// A form's one button: label, or busy while sending, under one id.
bool retention_submit(std::string_view label, std::string_view busy, bool sending, bool ready, std::string_view id) {
  const std::string shown = std::string(sending ? busy : label) + "###" + std::string(id);
  return ui::primary_button(shown.c_str(), ImVec2(0, 0), ready && !sending);
}

std::string customer_name(const domain::ProgramState& s, domain::CustomerId id) {
  const auto* c = s.customer(id);
  return c ? c->profile.name : "Customer #" + std::to_string(id);
}

void signal_lines(const domain::ChurnScore& score) {
  if (score.signals.empty()) ui::text("No churn signals.", ui::color::muted);
  for (const auto& g : score.signals) {
    ImGui::PushID(g.kind.c_str());
    ui::pill("+" + std::to_string(g.points), score.score >= domain::at_risk_score ? ui::tone::warning : ui::tone::neutral);
    ImGui::SameLine(0, ui::dp(8));
    ui::text_wrapped(g.detail);
    ImGui::PopID();
  }
}

void levels_row(const std::vector<const domain::ChurnScore*>& scores, const domain::ProgramState& s, std::int64_t now) {
  int counts[5] = {0, 0, 0, 0, 0};
  for (const auto* c : scores) ++counts[static_cast<int>(c->level)];
  for (auto l : all_levels) {
    const std::string label = std::string(domain::churn_level_label(l)) + ": " + std::to_string(counts[static_cast<int>(l)]);
    ui::flow_next(ui::pill_size(label).x, ui::dp(8));
    ui::pill(label, level_tone(l));
  }
  const auto saves = domain::churn_saves_this_month(s, now);
  ImGui::Dummy(ui::dp(0, 6));
  ui::text_wrapped("Churn saves this month: " + std::to_string(saves.saved + saves.paused + saves.downgraded) + " customer" +
                   (saves.saved + saves.paused + saves.downgraded == 1 ? "" : "s") + " kept, " +
                   format_money(domain::Money{saves.mrr_retained_minor, s.currency}) + " MRR retained; " + std::to_string(saves.lost) + " lost.");
}

void churn_table(const domain::ProgramState& s, UiState& ui_state, const std::vector<const domain::ChurnScore*>& scores, float width) {
  auto& f = ui_state.retention;
  std::vector<const domain::ChurnScore*> rows;
  for (const auto* c : scores)
    if (f.level == 0 || static_cast<int>(c->level) == f.level - 1) rows.push_back(c);
  const float row_h = ui::dp(46);
  if (rows.empty()) {
    ui::empty_state("No customers at this level", "Pick another level above.");
    return;
  }
  // Up to 15 rows the table is as tall as its rows (the wheel scrolls the page); beyond, it
  // scrolls itself under a frozen header.
  const bool scrolls = rows.size() > 15;
  const float height = scrolls ? ui::dp(600) : 0;
  if (!ui::begin_list_table("churn", 4, ui::list_table_flags | (scrolls ? ImGuiTableFlags_ScrollY : 0), ImVec2(width, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ui::list_column("Customer", ImGuiTableColumnFlags_WidthStretch, 2.2f, 0, ui::CardPart::title);
  ui::list_column("Score", ImGuiTableColumnFlags_WidthStretch, 0.7f);
  ui::list_column("Level", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ui::list_column("Strongest signal", ImGuiTableColumnFlags_WidthStretch, 2.6f);
  ui::table_header_row(4);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()), ui::clip_height(row_h));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& c = *rows[static_cast<std::size_t>(i)];
      ImGui::PushID(static_cast<int>(c.customer_id));
      ui::list_row(row_h);
      ui::list_cell(0);
      const std::string label = customer_name(s, c.customer_id) + "##churn";
      if (ui::row_button(label.c_str(), row_h)) f.customer = c.customer_id;
      ui::center_in_row(row_h, ImGui::GetTextLineHeight());
      ui::text(customer_name(s, c.customer_id));
      ui::list_cell(1);
      ui::center_in_row(row_h, ImGui::GetTextLineHeight());
      ui::text(std::to_string(c.score));
      ui::list_cell(2);
      ui::center_in_row(row_h, ui::pill_size("x").y);
      ui::pill(domain::churn_level_label(c.level), level_tone(c.level));
      ui::list_cell(3);
      ui::center_in_row(row_h, ImGui::GetTextLineHeight());
      const auto strongest = std::max_element(c.signals.begin(), c.signals.end(), [](const auto& a, const auto& b) { return a.points < b.points; });
      ui::text(strongest == c.signals.end() ? std::string("\xE2\x80\x94") : strongest->detail, ui::color::muted);
      ImGui::PopID();
    }
  ui::end_list_table();
}

// Proactive outreach for a Monitor or At Risk customer: the at-risk template filled with the
// customer's fields and signals, edited and sent as a ticket; without the template, a check-in.
void outreach_section(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, const domain::ChurnScore& score,
                      std::int64_t now) {
  auto& f = ui_state.retention;
  const auto me = my_id(app);
  if (!domain::outreach_suggested(score.level) || !domain::retention_rules::may_work_case(s, me, score.customer_id)) return;
  ImGui::Separator();
  ImGui::Dummy(ui::dp(0, 2));
  ui::heading("Proactive outreach", 15);
  if (const auto last = domain::last_outreach(s, score.customer_id)) {
    const auto* t = s.ticket(last);
    const std::string label = "Last outreach: #" + std::to_string(last) + " on " + format_day_ms(t->opened_at) + " (" +
                              domain::label_of(t->status) + ")##last-outreach";
    if (ui::link(label.c_str())) dispatch(Navigate{program_route(Page::ticket, s.id, last)});
  }
  if (f.outreach_customer != score.customer_id) {
    const auto draft = domain::outreach_draft(s, score, me);
    f.outreach_customer = score.customer_id;
    f.outreach_subject = draft.subject;
    f.outreach_text = draft.text;
    f.outreach_template = draft.template_id;
  }
  const auto* cust = s.customer(score.customer_id);
  if (f.outreach_template == 0 || !domain::outreach_template(s)) {
    ui::text_wrapped("Without an at-risk template, outreach is a check-in.", ui::color::muted);
    ui::text_wrapped(f.outreach_text);
    const auto& form = ui_state.form(FormId::check_in_schedule);
    if (ui::primary_button(form.sending ? "Scheduling\xE2\x80\xA6###outreach-check-in" : "Schedule a check-in for tomorrow###outreach-check-in", ImVec2(0, 0),
                           !form.sending))
      dispatch(SendCommand{FormId::check_in_schedule, domain::ScheduleCheckIn{score.customer_id, now + 24LL * 3'600'000, f.outreach_text}});
    return;
  }
  if (cust && cust->person_id == 0) {
    ui::text_wrapped("Invite the customer first: they have no account to read it.", ui::color::muted);
    return;
  }
  ui::text_wrapped("From the at-risk template, with the customer's signals. Fill in the [brackets]; the customer gets it as a ticket and by email.",
                   ui::color::muted);
  const auto& form = ui_state.form(FormId::outreach);
  const float w = ImGui::GetContentRegionAvail().x;
  ui::field_label("Subject");
  ImGui::SetNextItemWidth(w);
  ImGui::InputText("##Outreach subject", &f.outreach_subject);
  testing::record_value(f.outreach_subject);
  ui::field_error(form.errors.field("data.subject"));
  ui::field_label("Message");
  ImGui::InputTextMultiline("##Outreach message", &f.outreach_text, ImVec2(w, ui::dp(220)));
  testing::record_value(f.outreach_text);
  ui::field_error(form.errors.field("data.text"));
  std::string left;
  for (const auto& p : domain::outreach_unfilled(s, score.customer_id, me, f.outreach_template, f.outreach_text)) left += (left.empty() ? "" : ", ") + p;
  if (!left.empty()) ui::text_wrapped("Still to fill in: " + left, ui::color::warning);
  if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  const bool ready = left.empty() && !form.sending;
  if (ui::primary_button(form.sending ? "Sending\xE2\x80\xA6###outreach-send" : "Send outreach###outreach-send", ImVec2(0, 0), ready))
    dispatch(SendCommand{FormId::outreach, domain::ReachOut{score.customer_id, f.outreach_subject, f.outreach_text, f.outreach_template}});
  ImGui::SameLine(0, ui::dp(10));
  if (ui::link("Start again from the template##outreach")) f.outreach_customer = 0;
}

void customer_detail(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, std::int64_t now, float width) {
  auto& f = ui_state.retention;
  const auto* cust = s.customer(f.customer);
  if (!cust) return;
  const auto score = domain::churn_score(s, cust->id, now);
  if (ui::begin_card("churn-customer", width)) {
    ui::heading(cust->profile.name + ": " + std::to_string(score.score) + " (" + domain::churn_level_label(score.level) + ")", 16);
    ui::text_wrapped(domain::churn_level_action(score.level), ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    signal_lines(score);
    ImGui::Dummy(ui::dp(0, 6));
    std::vector<ui::LinePoint> points;
    for (const auto& p : domain::churn_history(s, cust->id, now, 12))
      points.push_back({static_cast<double>(p.score), true, format_day_ms(p.at).substr(0, 6),
                        format_day_ms(p.at) + ": " + std::to_string(p.score) + " (" + domain::churn_level_label(domain::churn_level(p.score)) + ")"});
    ui::caption("Score, the last 12 weeks");
    ui::LineChartStyle style;
    style.max = 100;
    style.threshold = domain::at_risk_score;
    style.label_every = 3;
    ui::line_chart("churn-history", points, ImGui::GetContentRegionAvail().x, ui::dp(150), style);
    ImGui::Dummy(ui::dp(0, 6));
    const auto* open = s.retention.open_case_of(cust->id);
    const auto& form = ui_state.form(FormId::retention_open);
    if (open) {
      const std::string label = "Work retention case #" + std::to_string(open->id);
      if (ui::secondary_button(label.c_str())) f.case_id = open->id;
    } else if (domain::retention_rules::may_work_case(s, my_id(app), cust->id)) {
      if (ui::primary_button(form.sending ? "Opening\xE2\x80\xA6###open-case" : "Open a retention case###open-case", ImVec2(0, 0), !form.sending))
        dispatch(SendCommand{FormId::retention_open, domain::OpenRetentionCase{cust->id, domain::PlanRequest::none, "Opened from the churn list"}});
    }
    ImGui::SameLine(0, ui::dp(10));
    if (ui::link("Open the customer##churn")) dispatch(Navigate{program_route(Page::customer, s.id, cust->id)});
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
    ImGui::Dummy(ui::dp(0, 6));
    outreach_section(app, ui_state, dispatch, s, score, now);
  }
  ui::end_card();
}

std::string case_line(const domain::ProgramState& s, const domain::RetentionCase& k) {
  return "#" + std::to_string(k.id) + " " + customer_name(s, k.customer_id) + " \xC2\xB7 " + domain::trigger_label(k.trigger) + " \xC2\xB7 " +
         domain::outcome_label(k.outcome);
}

void cases_list(const domain::ProgramState& s, UiState& ui_state, domain::PersonId me, float width) {
  auto& f = ui_state.retention;
  if (ui::begin_card("retention-cases", width)) {
    ui::heading("Retention cases", 16);
    int shown = 0;
    for (int pass = 0; pass < 2; ++pass)
      for (auto it = s.retention.cases.rbegin(); it != s.retention.cases.rend(); ++it) {
        const auto& k = it->second;
        if ((pass == 0) != (k.outcome == domain::CaseOutcome::open) || !domain::retention_rules::may_work_case(s, me, k.customer_id)) continue;
        if (pass == 1 && shown >= 12) break;
        ++shown;
        ImGui::PushID(static_cast<int>(k.id));
        ui::dot(k.outcome == domain::CaseOutcome::open ? ui::color::warning
                : k.outcome == domain::CaseOutcome::lost ? ui::color::error
                                                         : ui::color::success);
        ImGui::SameLine(0, ui::dp(6));
        const std::string label = case_line(s, k) + "##case";
        if (ui::link(label.c_str())) f.case_id = k.id;
        ImGui::PopID();
      }
    if (shown == 0) ui::text("No retention cases yet.", ui::color::muted);
  }
  ui::end_card();
}

void offer_lines(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, const domain::RetentionCase& k) {
  const auto& decide_form = ui_state.form(FormId::retention_decide);
  for (std::size_t i = 0; i < k.offers.size(); ++i) {
    const auto& o = k.offers[i];
    ImGui::PushID(static_cast<int>(i));
    const char* status = o.status == domain::OfferStatus::pending_approval ? "Waiting for approval"
                         : o.status == domain::OfferStatus::made           ? "Made, waiting for the customer"
                         : o.status == domain::OfferStatus::accepted       ? "Accepted"
                         : o.status == domain::OfferStatus::declined       ? "Declined"
                                                                           : "Refused";
    ui::text_wrapped(domain::offer_text(o) + " \xC2\xB7 " + status + (o.within_authority ? "" : " \xC2\xB7 beyond the band"));
    if (o.status == domain::OfferStatus::pending_approval && domain::retention_rules::may_approve_offers(s, my_id(app))) {
      if (ui::secondary_button("Approve##offer") && !decide_form.sending)
        dispatch(SendCommand{FormId::retention_decide, domain::DecideRetentionOffer{k.id, static_cast<int>(i), true}});
      ImGui::SameLine(0, ui::dp(8));
      if (ui::danger_button("Refuse##offer") && !decide_form.sending)
        dispatch(SendCommand{FormId::retention_decide, domain::DecideRetentionOffer{k.id, static_cast<int>(i), false}});
    }
    ImGui::PopID();
  }
  if (!decide_form.errors.general.empty()) ui::error_box(decide_form.errors.general);
}

void case_panel(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, float width) {
  auto& f = ui_state.retention;
  auto it = s.retention.cases.find(f.case_id);
  if (it == s.retention.cases.end()) return;
  const auto& k = it->second;
  const auto* cust = s.customer(k.customer_id);
  if (!cust) return;
  const auto& band = domain::offer_band(cust->profile.mrr.minor);
  if (ui::begin_card("retention-case", width)) {
    ui::heading("Retention case #" + std::to_string(k.id) + ": " + cust->profile.name, 17);
    ui::text_wrapped(std::string(domain::trigger_label(k.trigger)) + " on " + format_day_ms(k.opened_at) + " \xC2\xB7 score then " +
                         std::to_string(k.score_at_open) + " \xC2\xB7 MRR " + format_money(cust->profile.mrr) + " (band " + band.label + ")" +
                         (k.request == domain::PlanRequest::cancel      ? " \xC2\xB7 asked to cancel"
                          : k.request == domain::PlanRequest::downgrade ? " \xC2\xB7 asked to downgrade"
                                                                        : ""),
                     ui::color::muted);
    if (!k.note.empty()) ui::text_wrapped(k.note);
    if (k.ticket_id) {
      const std::string label = "Ticket #" + std::to_string(k.ticket_id) + "##case";
      if (ui::link(label.c_str())) dispatch(Navigate{program_route(Page::ticket, s.id, k.ticket_id)});
    }
    const bool open = k.outcome == domain::CaseOutcome::open;
    ImGui::Dummy(ui::dp(0, 6));
    // Step 1: understand.
    ui::caption("1. Understand");
    const auto& reasons = domain::reason_responses();
    std::vector<std::string> reason_labels;
    for (const auto& r : reasons) reason_labels.push_back(r.label);
    if (k.reason != domain::LeaveReason::unknown && !open) {
      ui::text_wrapped(std::string("Reason: ") + domain::reason_label(k.reason) + (k.understanding.empty() ? "" : ": " + k.understanding));
    } else if (open) {
      ui::text_wrapped("\xE2\x80\x9CHelp me understand what's driving this decision. What would need to change for this to work for you?\xE2\x80\x9D",
                       ui::color::muted);
      const auto& form = ui_state.form(FormId::retention_reason);
      choice("##Leave reason", reason_labels, f.reason, ui::dp(220));
      bool edited = false;
      ui::input_text("##Understanding", "What would need to change, in their words", f.understanding, edited);
      ui::field_error(form.errors.field("data.understanding"));
      if (!form.errors.general.empty()) ui::error_box(form.errors.general);
      if (retention_submit("Save reason", "Saving\xE2\x80\xA6", form.sending, true, "reason"))
        dispatch(SendCommand{FormId::retention_reason,
                             domain::RecordRetentionReason{k.id, reasons[static_cast<std::size_t>(std::clamp(f.reason, 0, 4))].reason, f.understanding}});
      if (k.reason != domain::LeaveReason::unknown)
        ui::text_wrapped(std::string("Recorded: ") + domain::reason_label(k.reason) + (k.understanding.empty() ? "" : ": " + k.understanding));
    }
    // Step 2: the seed's response for the reason.
    ImGui::Dummy(ui::dp(0, 6));
    ui::caption("2. Match the response");
    for (const auto& r : reasons)
      if (r.reason == k.reason) ui::text_wrapped(std::string(r.label) + ": " + r.response);
    if (k.reason == domain::LeaveReason::unknown) ui::text("Record the reason first.", ui::color::muted);
    // Step 3: an offer within the band.
    ImGui::Dummy(ui::dp(0, 6));
    ui::caption("3. Make an offer");
    ui::text_wrapped(std::string("Within this customer's band (MRR ") + band.label + "): " + band.max_offer + ". Larger offers need an owner or admin.",
                     ui::color::muted);
    offer_lines(app, ui_state, dispatch, s, k);
    if (open && k.reason != domain::LeaveReason::unknown) {
      const auto& form = ui_state.form(FormId::retention_offer);
      choice("##Offer kind", offer_kind_labels, f.offer_kind, ui::dp(220));
      const auto kind = offer_kinds[static_cast<std::size_t>(std::clamp(f.offer_kind, 0, 6))];
      const bool months = kind == domain::OfferKind::months_free || kind == domain::OfferKind::discount || kind == domain::OfferKind::pause;
      if (months) {
        ui::field_label("Months");
        ImGui::SetNextItemWidth(ui::dp(140));
        ImGui::InputInt("##Offer months", &f.months, 1, 1);
        ui::field_error(form.errors.field("data.months"));
      }
      if (kind == domain::OfferKind::discount) {
        ui::field_label("Percent off");
        ImGui::SetNextItemWidth(ui::dp(140));
        ImGui::InputInt("##Offer percent", &f.percent, 5, 10);
        ui::field_error(form.errors.field("data.percent"));
      }
      bool edited = false;
      ui::input_text("##Offer note", "What you offer, in your words (required for custom plans and contracts)", f.offer_note, edited);
      ui::field_error(form.errors.field("data.note"));
      domain::RetentionOffer preview{kind, months ? f.months : 0, kind == domain::OfferKind::discount ? f.percent : 0, f.offer_note};
      if (!domain::offer_within_band(preview, cust->profile.mrr.minor))
        ui::message_box("Beyond this customer's band: " +
                            std::string(domain::retention_rules::may_approve_offers(s, my_id(app)) ? "you approve it as you make it."
                                                                                                   : "it waits for an owner or admin to approve."),
                        ui::tone::warning);
      if (!form.errors.general.empty()) ui::error_box(form.errors.general);
      if (retention_submit("Make offer", "Sending\xE2\x80\xA6", form.sending, true, "offer")) dispatch(SendCommand{FormId::retention_offer, domain::MakeRetentionOffer{k.id, kind, preview.months, preview.percent, f.offer_note}});
    }
    // Step 4: the outcome.
    ImGui::Dummy(ui::dp(0, 6));
    ui::caption("4. Outcome");
    if (!open) {
      ui::text_wrapped(std::string(domain::outcome_label(k.outcome)) + " on " + format_day_ms(k.closed_at) +
                       (k.mrr_retained_minor ? ", " + format_money(domain::Money{k.mrr_retained_minor, cust->profile.mrr.currency}) + " MRR kept" : "") +
                       (k.exit_feedback.empty() ? "" : ". Exit feedback: " + k.exit_feedback) +
                       (k.win_back_check_in ? ". A win-back check-in is due in 90 days." : ""));
    } else {
      ui::text_wrapped("If they still leave: make it frictionless, ask for exit feedback, offer a pause instead, and set a win-back reminder.",
                       ui::color::muted);
      const auto& form = ui_state.form(FormId::retention_close);
      choice("##Case outcome", outcome_labels, f.outcome, ui::dp(220));
      const auto outcome = outcomes[static_cast<std::size_t>(std::clamp(f.outcome, 0, 3))];
      bool edited = false;
      std::optional<std::int64_t> kept;
      if (outcome != domain::CaseOutcome::lost) {
        ui::field_label(outcome == domain::CaseOutcome::downgraded ? "MRR kept after the downgrade" : "MRR kept (empty: the customer's MRR)");
        ui::input_text("##MRR kept", money_input(cust->profile.mrr).c_str(), f.mrr_kept, edited, 0, ui::dp(160));
        if (!f.mrr_kept.empty()) kept = core::parse_money(f.mrr_kept, cust->profile.mrr.currency);
        ui::field_error(form.errors.field("data.mrr_retained_minor"));
      } else {
        ui::input_text("##Exit feedback", "Exit feedback: why they left", f.exit_feedback, edited);
        ImGui::Checkbox("Remind us to win them back in 90 days", &f.win_back);
      }
      if (!form.errors.general.empty()) ui::error_box(form.errors.general);
      const bool ready = f.mrr_kept.empty() || kept.has_value();
      if (retention_submit("Close case", "Closing\xE2\x80\xA6", form.sending, ready, "close-case"))
        dispatch(SendCommand{FormId::retention_close, domain::CloseRetentionCase{k.id, outcome, outcome == domain::CaseOutcome::lost ? std::nullopt : kept,
                                                                                outcome == domain::CaseOutcome::lost ? f.exit_feedback : "", f.win_back}});
    }
  }
  ui::end_card();
}

} // namespace

void draw_retention(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (!begin_page(app, ui_state, dispatch) || !program_state(app)) return end_page();
  const auto& s = *program_state(app);
  const auto me = my_id(app);
  auto& f = ui_state.retention;
  const auto avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
  ui::begin_column("retention-page", avail);
  if (!domain::may_read_churn(s, me)) {
    page_title("Retention", "");
    ui::text_wrapped("Only the business and its agents see churn risk.", ui::color::muted);
    ui::end_column();
    return end_page();
  }
  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  // The board scores again only the customers events touched and those whose time came.
  app.replica.churn.refresh(s, now);
  const auto scores = domain::visible_churn_scores(app.replica.churn, s, me);
  page_title("Retention", "Churn risk from eight signals, and the retention cases that answer it");
  std::vector<std::string> filter_labels{"Every level"};
  for (auto l : all_levels) filter_labels.push_back(domain::churn_level_label(l));
  choice("##Churn level", filter_labels, f.level, ui::dp(200));
  ImGui::SameLine(0, ui::dp(10));
  if (ui::secondary_button("Download CSV")) platform::open_url(("/api/v1/programs/" + std::to_string(s.id) + "/support/churn.csv").c_str());
  ImGui::Dummy(ui::dp(0, 8));
  if (ui::begin_card("churn-summary", avail)) {
    ui::heading("Customers by churn risk", 16);
    levels_row(scores, s, now);
    ImGui::Dummy(ui::dp(0, 8));
    churn_table(s, ui_state, scores, ImGui::GetContentRegionAvail().x);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 10));
  const bool two = !ui::narrow() && avail > ui::dp(900);
  const float col = two ? (avail - ui::dp(12)) / 2 : avail;
  ImGui::BeginGroup();
  cases_list(s, ui_state, me, col);
  ImGui::Dummy(ui::dp(0, 10));
  if (f.customer) customer_detail(app, ui_state, dispatch, s, now, col);
  ImGui::EndGroup();
  if (two) ImGui::SameLine(0, ui::dp(12));
  else ImGui::Dummy(ui::dp(0, 10));
  ImGui::BeginGroup();
  if (f.case_id) case_panel(app, ui_state, dispatch, s, col);
  ImGui::EndGroup();
  ImGui::Dummy(ui::dp(0, 24));
  ui::end_column();
  end_page();
}

void retention_offer_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, float width) {
  const auto* cust = s.customer_of_person(my_id(app));
  if (!cust) return;
  const auto& form = ui_state.form(FormId::offer_answer);
  for (const auto& [id, k] : s.retention.cases) {
    if (k.customer_id != cust->id || k.outcome != domain::CaseOutcome::open) continue;
    for (std::size_t i = 0; i < k.offers.size(); ++i) {
      const auto& o = k.offers[i];
      if (o.status != domain::OfferStatus::made) continue;
      ImGui::PushID(static_cast<int>(id * 16 + static_cast<std::int64_t>(i)));
      if (ui::begin_card("retention-offer", width)) {
        ui::heading("An offer for you", 16);
        ui::text_wrapped("Before you go, " + s.name + " would like to offer you: " + domain::offer_text(o) + ".");
        if (!form.errors.general.empty()) ui::error_box(form.errors.general);
        ImGui::Dummy(ui::dp(0, 4));
        const auto footer = ui::form_footer("Accept the offer", "Sending\xE2\x80\xA6", form.sending, true, "No thanks", "offer-answer");
        if (footer.submit) dispatch(SendCommand{FormId::offer_answer, domain::AnswerRetentionOffer{id, static_cast<int>(i), true}});
        if (footer.cancel && !form.sending) dispatch(SendCommand{FormId::offer_answer, domain::AnswerRetentionOffer{id, static_cast<int>(i), false}});
      }
      ui::end_card();
      ImGui::Dummy(ui::dp(0, 6));
      ImGui::PopID();
    }
  }
}

void plan_request_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, float width) {
  const auto* cust = s.customer_of_person(my_id(app));
  if (!cust || cust->profile.subscription == domain::SubscriptionStatus::cancelled) return;
  auto& f = ui_state.retention;
  const auto& form = ui_state.form(FormId::plan_request);
  const auto* open = s.retention.open_case_of(cust->id);
  if (ui::begin_card("plan-request", width)) {
    ui::heading("Cancel or change your plan", 16);
    if (open && open->request != domain::PlanRequest::none) {
      ui::text_wrapped(std::string("You asked to ") + (open->request == domain::PlanRequest::cancel ? "cancel" : "downgrade") + " on " +
                       format_day_ms(open->opened_at) + ". Someone from " + s.name + " will be in touch to help.");
    } else {
      ui::text_wrapped("Tell us what you would like to change. We will get back to you before anything changes.", ui::color::muted);
      const std::vector<std::string> labels{"Cancel my subscription", "Move to a smaller plan"};
      choice("##Plan request", labels, f.request, ui::dp(240));
      bool edited = false;
      ui::input_text("##Plan request note", "What is behind it? (optional)", f.request_note, edited);
      if (!form.errors.general.empty()) ui::error_box(form.errors.general);
      if (retention_submit("Send request", "Sending\xE2\x80\xA6", form.sending, true, "plan-request"))
        dispatch(SendCommand{FormId::plan_request,
                             domain::RequestPlanChange{f.request == 1 ? domain::PlanRequest::downgrade : domain::PlanRequest::cancel, f.request_note}});
    }
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 6));
}

void competitors_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, float width) {
  auto& f = ui_state.retention;
  if (!f.competitors_edited) {
    f.competitors.clear();
    for (const auto& c : s.retention.settings.competitors) f.competitors += (f.competitors.empty() ? "" : "\n") + c;
  }
  const bool can_edit = domain::retention_rules::may_approve_offers(s, my_id(app));
  const auto& form = ui_state.form(FormId::competitors);
  if (ui::begin_card("competitors", width)) {
    ui::heading("Competitors", 16);
    ui::text_wrapped("A customer who names one of these in a ticket gets +20 on the churn-risk score for 90 days. One name a line.", ui::color::muted);
    ImGui::BeginDisabled(!can_edit || form.sending);
    if (ImGui::InputTextMultiline("##Competitors", &f.competitors, ImVec2(std::min(ImGui::GetContentRegionAvail().x, ui::dp(420)), ui::dp(110))))
      f.competitors_edited = true;
    ImGui::EndDisabled();
    for (const auto& [field, message] : form.errors.fields) ui::field_error(&message);
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
    if (can_edit) {
      const auto footer = ui::form_footer("Save competitors", "Saving\xE2\x80\xA6", form.sending, f.competitors_edited, "Undo", "competitors");
      if (footer.submit) {
        domain::RetentionSettings settings;
        std::string line;
        for (std::size_t i = 0; i <= f.competitors.size(); ++i) {
          if (i == f.competitors.size() || f.competitors[i] == '\n') {
            while (!line.empty() && line.back() == ' ') line.pop_back();
            if (!line.empty()) settings.competitors.push_back(line.substr(line.find_first_not_of(' ')));
            line.clear();
          } else {
            line += f.competitors[i];
          }
        }
        dispatch(SendCommand{FormId::competitors, domain::ChangeRetentionSettings{settings}});
      }
      if (footer.cancel) f.competitors_edited = false;
    }
  }
  ui::end_card();
}

void churn_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, domain::CustomerId customer, float width) {
  if (!domain::may_read_churn(s, my_id(app)) || !domain::retention_rules::may_work_case(s, my_id(app), customer)) return;
  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  const auto score = domain::churn_score(s, customer, now);
  if (ui::begin_card("churn-card", width)) {
    ui::heading("Churn risk: " + std::to_string(score.score) + " (" + domain::churn_level_label(score.level) + ")", 16);
    ui::text_wrapped(domain::churn_level_action(score.level), ui::color::muted);
    ImGui::Dummy(ui::dp(0, 4));
    signal_lines(score);
    ImGui::Dummy(ui::dp(0, 4));
    if (ui::link("See it on the retention page##churn-card")) {
      ui_state.retention.customer = customer;
      if (const auto* open = s.retention.open_case_of(customer)) ui_state.retention.case_id = open->id;
      dispatch(Navigate{program_route(Page::retention, s.id, 0)});
    }
  }
  ui::end_card();
}

} // namespace pd::client::views
