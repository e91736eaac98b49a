// The Plan tab of the commissions desk: the plan versions per currency, and a new version from a date;
// the threshold above which an adjustment needs a second person.
#include "client/views/commissions/desk_parts.hpp"

#include "client/app/format.hpp"
#include "client/app/selectors.hpp"
#include "client/views/commissions/commission_parts.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"
#include "client/views/tones.hpp"

#include "client/testing/item_table.hpp"

#include "shared/core/dates.hpp"
#include "shared/core/money_parse.hpp"
#include "shared/core/percent_parse.hpp"

#include <algorithm>

namespace pd::client::views {

using namespace domain;

namespace {

void fill_plan_form(const ProgramState& s, const std::string& currency, CommissionDeskForm& f, std::int64_t now) {
  const auto today = day_of(now);
  const auto* p = s.commissions.plan_in_effect(currency, today);
  CommissionPlan base;
  if (p) base = *p;
  f.plan_currency = currency;
  f.plan_from = iso_day_ms(now);
  f.plan_first_pct = percent_text(base.referral_first_bps);
  f.plan_recurring_pct = percent_text(base.referral_recurring_bps);
  f.plan_months = base.referral_recurring_months;
  f.plan_basis = base.support_basis;
  f.plan_flat = money_input(Money{base.support_flat_minor, currency});
  f.plan_mrr_pct = percent_text(base.support_mrr_bps);
  f.plan_hold_days = base.hold_days;
  f.plan_ready = true;
}

int number_field(const char* label, const char* id, int value, int lo, int hi) {
  ui::field_label(label);
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputInt(id, &value, 0, 0);
  testing::record_value(std::to_string(value));
  return std::clamp(value, lo, hi);
}

// Separation of duties on money: the size above which an adjustment waits for an owner or admin
// other than its author. Everyone in the business sees it; owners and admins change it.
void threshold_card(const AppState& app, const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state,
                    Dispatch& dispatch, float avail) {
  const auto current = adjustment_threshold(s.commissions, currency);
  if (!f.threshold_ready || f.threshold_currency != currency) {
    f.threshold_text = money_input(Money{current, currency});
    f.threshold_currency = currency;
    f.threshold_ready = true;
  }
  if (ui::begin_card("adjustment threshold", avail)) {
    ui::caption("SECOND APPROVAL OF ADJUSTMENTS");
    ui::text_wrapped(current == 0 ? "Every adjustment in " + currency + " waits for an owner or admin other than the person who added it."
                                  : "Adjustments in " + currency + " above " + money_text(current, currency) +
                                        " (taken back or added) wait for an owner or admin other than the person who added it; smaller ones "
                                        "are approved at once. Nobody approves a line they wrote.",
                     ui::color::muted);
    if (auto it = s.commissions.adjustment_thresholds.find(currency); it != s.commissions.adjustment_thresholds.end())
      ui::text("Set by " + member_name(s, it->second.set_by) + " on " + format_day_ms(it->second.set_at), ui::color::muted);
    if (allowed(app, domain::Action::manage_commission_plans)) {
      const auto& form = ui_state.form(FormId::comm_threshold);
      if (begin_form_row("threshold row", 2)) {
        ImGui::TableNextColumn();
        labeled_input(("Threshold (" + currency + ", 0: every adjustment)").c_str(), "##Adjustment threshold", "500.00", f.threshold_text,
                      err(form, "threshold.minor"));
        ImGui::TableNextColumn();
        ui::field_label(" ");
        const auto minor = core::parse_money(f.threshold_text, currency);
        if (ui::primary_button("Save threshold", ImVec2(ui::dp(160), ui::dp(36)), !form.sending && minor && *minor >= 0))
          dispatch(SendCommand{FormId::comm_threshold, SetAdjustmentThreshold{Money{*minor, currency}}});
        if (!f.threshold_text.empty() && (!minor || *minor < 0)) ui::text("Type an amount such as 500.00.", ui::color::error);
        end_form_row();
      }
      if (!form.errors.general.empty()) ui::error_box(form.errors.general);
      if (auto e = err(form, "threshold.currency")) ui::error_box(*e);
    } else {
      ui::text("Owners and admins change the threshold.", ui::color::muted);
    }
  }
  ui::end_card();
}

// The plan in effect today and every version in the currency.
void plan_versions_card(const ProgramState& s, const std::string& currency, const CommissionPlan* current, std::int64_t today, float avail) {
  if (ui::begin_card("plan now", avail)) {
    ui::caption("IN EFFECT TODAY");
    ui::text_wrapped(current ? plan_summary(*current) : "No plan in " + currency + " yet: no commission is earned until one is saved.",
                     current ? ui::color::text : ui::color::muted);
    bool any = false;
    for (const auto& p : s.commissions.plans) {
      if (p.currency != currency) continue;
      if (!any) {
        ImGui::Dummy(ui::dp(0, 6));
        ui::caption("VERSIONS");
        any = true;
      }
      const bool future = day_of_date(p.effective_from) > today;
      ui::text((future ? "From " : "Since ") + format_day(p.effective_from) + " (saved by " + member_name(s, p.saved_by) + ")",
               future ? ui::color::accent : ui::color::muted);
      ui::text_wrapped(plan_summary(p), ui::color::muted);
    }
  }
  ui::end_card();
}

} // namespace

void plan_tab(const AppState& app, const ProgramState& s, const std::string& currency, CommissionDeskForm& f, const UiState& ui_state,
              Dispatch& dispatch, float avail) {
  const auto now = clock_ms();
  const auto today = day_of(now);
  if (!f.plan_ready || f.plan_currency != currency) fill_plan_form(s, currency, f, now);
  const auto* current = s.commissions.plan_in_effect(currency, today);
  plan_versions_card(s, currency, current, today, avail);
  ImGui::Dummy(ui::dp(0, 8));

  const bool can_edit = allowed(app, domain::Action::manage_commission_plans);
  if (ui::begin_card("plan edit", avail)) {
    ui::caption("A NEW VERSION");
    ui::text_wrapped("A change takes effect from the day you choose (today or later) and never rewrites lines already written.", ui::color::muted);
    const auto& form = ui_state.form(FormId::comm_plan);
    if (begin_form_row("plan row 1", 4)) {
      ImGui::TableNextColumn();
      labeled_input("Takes effect on (YYYY-MM-DD)", "##Plan from", "2026-12-01", f.plan_from, err(form, "plan.effective_from"));
      ImGui::TableNextColumn();
      labeled_input("First payment (%)", "##Plan first", "20", f.plan_first_pct, err(form, "plan.referral_first_bps"));
      ImGui::TableNextColumn();
      labeled_input("Each payment (%)", "##Plan recurring", "10", f.plan_recurring_pct, err(form, "plan.referral_recurring_bps"));
      ImGui::TableNextColumn();
      f.plan_months = number_field("For months (0: lifetime)", "##Plan months", f.plan_months, 0, max_recurring_months);
      end_form_row();
    }
    if (begin_form_row("plan row 2", 4)) {
      ImGui::TableNextColumn();
      ui::field_label("Support commission");
      enum_choice("##Plan basis", {"None", "Flat per customer per month", "Share of the customer's MRR"},
                  {SupportBasis::none, SupportBasis::flat, SupportBasis::mrr_share}, f.plan_basis, -FLT_MIN);
      ImGui::TableNextColumn();
      if (f.plan_basis == SupportBasis::flat)
        labeled_input(("Per customer per month (" + currency + ")").c_str(), "##Plan flat", "30.00", f.plan_flat, err(form, "plan.support_flat_minor"));
      else if (f.plan_basis == SupportBasis::mrr_share)
        labeled_input("Share of MRR (%)", "##Plan mrr", "10", f.plan_mrr_pct, err(form, "plan.support_mrr_bps"));
      ImGui::TableNextColumn();
      f.plan_hold_days = number_field("Holding period (days)", "##Plan hold", f.plan_hold_days, 0, max_hold_days);
      ImGui::TableNextColumn();
      end_form_row();
    }
    const int first = core::parse_percent(f.plan_first_pct), recurring = core::parse_percent(f.plan_recurring_pct), mrr = core::parse_percent(f.plan_mrr_pct);
    const auto flat = core::parse_money(f.plan_flat, currency);
    std::string problem;
    if (first < 0 || recurring < 0 || (f.plan_basis == SupportBasis::mrr_share && mrr < 0)) problem = "Shares are percentages from 0 to 100 with at most two decimals.";
    else if (f.plan_basis == SupportBasis::flat && (!flat || *flat < 0)) problem = "Type the flat amount such as 30.00.";
    if (!problem.empty()) ui::text(problem, ui::color::error);
    if (!can_edit) ui::text("Owners and admins change the plan.", ui::color::muted);
    if (ui::primary_button("Save plan", ImVec2(ui::dp(150), ui::dp(36)), can_edit && problem.empty() && !form.sending)) {
      CommissionPlan p;
      p.currency = currency;
      p.effective_from = f.plan_from;
      p.referral_first_bps = first;
      p.referral_recurring_bps = recurring;
      p.referral_recurring_months = f.plan_months;
      p.support_basis = f.plan_basis;
      p.support_flat_minor = f.plan_basis == SupportBasis::flat && flat ? *flat : 0;
      p.support_mrr_bps = f.plan_basis == SupportBasis::mrr_share ? mrr : 0;
      p.hold_days = f.plan_hold_days;
      dispatch(SendCommand{FormId::comm_plan, SaveCommissionPlan{p}});
    }
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
  }
  ui::end_card();
  ImGui::Dummy(ui::dp(0, 8));
  threshold_card(app, s, currency, f, ui_state, dispatch, avail);
}

} // namespace pd::client::views
