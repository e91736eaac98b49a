// Support reports (#/p/{id}/reports, seed 002 section 9), for the business: each Monday's report
// of the week before as the server wrote it (headlines, volume, performance, patterns, product
// feedback, retention), its action items with owner and deadline, its printable page and CSV;
// and the quarterly business review's talking points for a chosen quarter, with the support cost
// the business enters. The review walks a quarter of tickets, so the page reads it from the API
// (GET .../support/quarterly, the shared quarterly_review()) rather than from the replica.
#include "client/views/views.hpp"

#include "client/app/format.hpp"
#include "client/app/route.hpp"
#include "client/app/selectors.hpp"
#include "client/platform/browser.hpp"
#include "client/views/layout.hpp"

#include "shared/core/dates.hpp"
#include "shared/core/money_parse.hpp"
#include "shared/domain/support/support_metrics.hpp"
#include "shared/domain/support/weekly_report.hpp"

#include <algorithm>

namespace pd::client::views {

namespace {

void report_sections(const std::vector<domain::ReportSection>& sections, float width, const char* id) {
  ImGui::PushID(id);
  for (const auto& sec : sections) {
    ImGui::PushID(sec.title.c_str());
    if (ui::begin_card("section", width)) {
      ui::heading(sec.title, 16);
      for (const auto& line : sec.lines) {
        ui::dot(ui::color::muted);
        ImGui::SameLine(0, ui::dp(6));
        ui::text_wrapped(line);
      }
    }
    ui::end_card();
    ImGui::Dummy(ui::dp(0, 6));
    ImGui::PopID();
  }
  ImGui::PopID();
}

void action_items(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::WeeklyReport& r, float width) {
  (void)app;
  auto& f = ui_state.reports;
  const auto& form = ui_state.form(FormId::report_action);
  const auto& done_form = ui_state.form(FormId::report_action_done);
  if (ui::begin_card("report-actions", width)) {
    ui::heading("Action items", 16);
    if (r.actions.empty()) ui::text("None yet. Add what the business will do about this week.", ui::color::muted);
    int n = 0;
    for (const auto& a : r.actions) {
      ImGui::PushID(static_cast<int>(a.id));
      ui::text_wrapped(std::to_string(++n) + ". " + a.action + " \xE2\x80\x94 " + a.owner + " \xE2\x80\x94 " + format_day(a.due_on) +
                           (a.done ? "  (done)" : ""),
                       a.done ? ui::color::muted : ui::color::text);
      if (!a.done) {
        ImGui::SameLine(0, ui::dp(8));
        if (ui::link("Mark done##action") && !done_form.sending)
          dispatch(SendCommand{FormId::report_action_done, domain::CompleteReportAction{r.week, a.id}});
      }
      ImGui::PopID();
    }
    ImGui::Dummy(ui::dp(0, 6));
    bool edited = false;
    ui::input_text("##Report action", "Action, e.g. Add a second agent on Mondays", f.action, edited);
    ui::field_error(form.errors.field("data.action"));
    const float half = (ImGui::GetContentRegionAvail().x - ui::dp(8)) / 2;
    ui::input_text("##Report action owner", "Owner", f.owner, edited, 0, half);
    ImGui::SameLine(0, ui::dp(8));
    ui::fit_on_line(half);
    ui::input_text("##Report action due", "Deadline, YYYY-MM-DD", f.due_on, edited, 0, half);
    ui::field_error(form.errors.field("data.owner"));
    ui::field_error(form.errors.field("data.due_on"));
    if (!form.errors.general.empty()) ui::error_box(form.errors.general);
    const std::string label = std::string(form.sending ? "Adding\xE2\x80\xA6" : "Add action item") + "###add-action";
    if (ui::primary_button(label.c_str(), ImVec2(0, 0), !form.sending && !f.action.empty()))
      dispatch(SendCommand{FormId::report_action, domain::AddReportAction{r.week, f.action, f.owner, f.due_on}});
  }
  ui::end_card();
}

void quarterly_card(const AppState& app, UiState& ui_state, Dispatch& dispatch, const domain::ProgramState& s, std::int64_t now, float width) {
  auto& f = ui_state.reports;
  const auto today = core::date_of_ms(now);
  std::vector<std::string> labels;
  std::vector<std::pair<int, int>> quarters;
  int year = today.year, quarter = (today.month - 1) / 3 + 1;
  for (int i = 0; i < 4; ++i) {
    quarters.emplace_back(year, quarter);
    labels.push_back(domain::quarter_label(year, quarter) + (i == 0 ? " (this quarter)" : ""));
    if (--quarter == 0) quarter = 4, --year;
  }
  f.quarter = std::clamp(f.quarter, 0, 3);
  const auto [qy, qq] = quarters[static_cast<std::size_t>(f.quarter)];
  const auto key = domain::quarter_label(qy, qq);
  if (f.cost_quarter != key) {
    f.cost_quarter = key;
    auto it = s.reports.support_costs.find(key);
    f.cost = it == s.reports.support_costs.end() ? std::string() : money_input(domain::Money{it->second, s.currency});
  }
  // The review walks the quarter's tickets: the server works it out (the API's quarterly_review()),
  // asked again when the program, the quarter or the day changed.
  const auto shown = std::to_string(s.id) + "/" + key + "|";
  const auto want = shown + std::to_string(s.version) + "/" + std::to_string(now / core::ms_per_day);
  if (f.review_asked != want) {
    f.review_asked = want;
    dispatch(LoadQuarterlyReview{key});
  }
  if (ui::begin_card("quarterly", width)) {
    ui::heading("Quarterly business review", 17);
    ui::text_wrapped("Talking points for the quarter: volume trends, the CSAT trajectory, top feature requests, cost per ticket, churn saves and the "
                     "knowledge base's self-serve deflection.",
                     ui::color::muted);
    choice("##Review quarter", labels, f.quarter, ui::dp(220));
    ImGui::Dummy(ui::dp(0, 4));
    if (!f.review_error.empty()) ui::error_box(f.review_error);
    const bool current = f.review_key.rfind(shown, 0) == 0; // this quarter's (perhaps being refreshed)
    if (!current && f.review_error.empty()) ui::text("Loading\xE2\x80\xA6", ui::color::muted);
    for (const auto& sec : current ? f.review : std::vector<domain::ReportSection>{}) {
      ImGui::PushID(sec.title.c_str());
      ui::caption(sec.title);
      for (const auto& line : sec.lines) ui::text_wrapped(line);
      ImGui::Dummy(ui::dp(0, 4));
      ImGui::PopID();
    }
    if (allowed(app, domain::Action::manage_support_settings)) {
      const auto& form = ui_state.form(FormId::support_cost);
      ui::field_label("Support cost this quarter (" + s.currency + ")");
      bool edited = false;
      ui::input_text("##Support cost", "e.g. 18000.00", f.cost, edited, 0, ui::dp(180));
      const auto minor = f.cost.empty() ? std::optional<std::int64_t>(0) : core::parse_money(f.cost, s.currency);
      ImGui::SameLine(0, ui::dp(8));
      const std::string label = std::string(form.sending ? "Saving\xE2\x80\xA6" : "Save cost") + "###save-cost";
      if (ui::primary_button(label.c_str(), ImVec2(0, 0), !form.sending && minor.has_value()))
        dispatch(SendCommand{FormId::support_cost, domain::SetSupportCost{key, *minor}});
      static const std::string bad_cost = "Enter an amount such as 18000.00.";
      if (!minor) ui::field_error(&bad_cost);
      ui::field_error(form.errors.field("data.amount_minor"));
      if (!form.errors.general.empty()) ui::error_box(form.errors.general);
    }
  }
  ui::end_card();
}

} // namespace

void draw_reports(const AppState& app, UiState& ui_state, Dispatch& dispatch) {
  if (!begin_page(app, ui_state, dispatch) || !program_state(app)) return end_page();
  const auto& s = *program_state(app);
  const auto avail = std::min(ImGui::GetContentRegionAvail().x, ui::dp(page_max_width));
  ui::begin_column("reports-page", avail);
  if (!identity::is_business_role(current_role(app, ui_state))) {
    page_title("Support reports", "");
    ui::text_wrapped("Only the business reads its support reports.", ui::color::muted);
    ui::end_column();
    return end_page();
  }
  const auto now = static_cast<std::int64_t>(platform::wall_clock_ms());
  auto& f = ui_state.reports;
  page_title("Support reports", "Written every Monday for the week before, kept as written");
  const domain::WeeklyReport* shown = nullptr;
  if (s.reports.weekly.empty()) {
    ui::empty_state("No report yet", "The first report is written on the Monday after the program's first week.");
  } else {
    std::vector<std::string> labels;
    std::vector<std::int32_t> weeks;
    for (auto it = s.reports.weekly.rbegin(); it != s.reports.weekly.rend(); ++it) {
      labels.push_back("Week of " + format_day(it->second.week_of));
      weeks.push_back(it->first);
    }
    auto at = std::find(weeks.begin(), weeks.end(), f.week);
    int index = at == weeks.end() ? 0 : static_cast<int>(at - weeks.begin());
    if (choice("##Report week", labels, index, ui::dp(240))) f.week = weeks[static_cast<std::size_t>(index)];
    shown = &s.reports.weekly.at(weeks[static_cast<std::size_t>(index)]);
    ImGui::SameLine(0, ui::dp(10));
    ui::fit_on_line(ui::dp(150));
    const std::string base = "/api/v1/programs/" + std::to_string(s.id) + "/support/reports/" + shown->week_of;
    if (ui::secondary_button("Printable version")) platform::open_url((base + ".html").c_str());
    ImGui::SameLine(0, ui::dp(8));
    ui::fit_on_line(ui::dp(130));
    if (ui::secondary_button("Download CSV")) platform::open_url((base + ".csv").c_str());
    ImGui::Dummy(ui::dp(0, 8));
    ui::heading("Support Report \xE2\x80\x94 Week of " + format_day(shown->week_of), 20);
    ui::text("Written " + format_day_ms(shown->written_at), ui::color::muted);
    ImGui::Dummy(ui::dp(0, 6));
  }
  const bool two = !ui::narrow() && avail > ui::dp(900);
  const float col = two ? (avail - ui::dp(12)) * 0.56f : avail;
  const float col2 = two ? avail - ui::dp(12) - col : avail;
  ImGui::BeginGroup();
  if (shown) {
    report_sections(shown->sections, col, "weekly");
    action_items(app, ui_state, dispatch, *shown, col);
  }
  ImGui::EndGroup();
  if (two) ImGui::SameLine(0, ui::dp(12));
  else ImGui::Dummy(ui::dp(0, 10));
  ImGui::BeginGroup();
  quarterly_card(app, ui_state, dispatch, s, now, col2);
  ImGui::EndGroup();
  ImGui::Dummy(ui::dp(0, 24));
  ui::end_column();
  end_page();
}

} // namespace pd::client::views
