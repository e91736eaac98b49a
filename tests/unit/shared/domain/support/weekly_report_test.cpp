// The weekly support report and the quarterly review (seed 002 section 9) from a small fixed
// history: three tickets in the program's first full week, one answered in 30 minutes and rated
// 5. The scheduler writes the reports it has not written (kept as written afterwards), the
// sections say what the template asks with the numbers worked out by hand, the business adds
// action items, and the quarter's talking points use the support cost it enters.
#include "../program_fixture.hpp"

#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/support_metrics.hpp"
#include "shared/domain/support/weekly_report.hpp"
#include "shared/domain/support/mail_preferences.hpp"

#include <algorithm>

namespace test_unit_shared_domain_support_weekly_report { // one namespace per test file: unity batches share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, staff = 3, ava = 4, jordan = 6;
constexpr TimeMs minute = 60'000, hour = 60 * minute, day = 24 * hour;
constexpr TimeMs monday = t0 + 4 * day; // 2026-01-05, the first full week

const WeeklyReport* written(const Given& g, std::int32_t week) {
  auto it = g.state.reports.weekly.find(week);
  return it == g.state.reports.weekly.end() ? nullptr : &it->second;
}
bool has_line(const WeeklyReport& r, const std::string& title, const std::string& text) {
  for (const auto& s : r.sections)
    if (s.title == title)
      for (const auto& l : s.lines)
        if (l.find(text) != std::string::npos) return true;
  return false;
}

Given week_of_tickets() {
  auto g = acme();
  // Jordan opens its own tickets; the business opens one for Sam (customer 2).
  auto open = [&](TimeMs at, const char* subject, Priority p, Category c, CustomerId customer = 0) {
    auto events = run(g, OpenTicket{customer, subject, "Details inside.", p, c, {}, {}}, customer ? staff : jordan, at);
    return std::get<TicketOpened>(events.at(0)).ticket_id;
  };
  const auto first = open(monday + 9 * hour, "Export fails", Priority::p1, Category::bug);
  open(monday + day + 10 * hour, "export fails ", Priority::p2, Category::bug, 2);
  open(monday + 2 * day + 11 * hour, "Dark mode", Priority::p3, Category::feature_request);
  run(g, ReplyToTicket{first, "Fixed: the export works again.", false, TicketStatus::resolved, {}, false, 0}, ava, monday + 9 * hour + 30 * minute);
  run(g, RateTicket{first, 5, 5, 5, 5, "Quick fix"}, jordan, monday + 10 * hour);
  return g;
}

} // namespace

TEST_CASE("the scheduler writes the weeks' reports it has not written, and keeps them as written") {
  auto g = week_of_tickets();
  const auto week = week_of(monday);
  const TimeMs next_monday = monday + 7 * day + 6 * hour;
  CHECK(report_due(g.state, next_monday));
  auto events = report_events(g.state, next_monday);
  // The program started on Thursday 2026-01-01: that week and the first full one.
  REQUIRE(events.size() == 2);
  CHECK(std::get<WeeklyReportWritten>(events[0]).report.week == week - 1);
  for (auto& e : events) g.event(support_rules::system_actor, e, next_monday);
  CHECK_FALSE(report_due(g.state, next_monday + hour));
  // RunTimers writes nothing more.
  for (const auto& e : when_ok(g.state, RunTimers{}, support_rules::system_actor, next_monday + hour))
    CHECK_FALSE(std::holds_alternative<WeeklyReportWritten>(e));

  const auto* r = written(g, week);
  REQUIRE(r);
  CHECK(r->week_of == "2026-01-05");
  CHECK(has_line(*r, "Volume", "Total tickets: 3 (last week: none)"));
  CHECK(has_line(*r, "Volume", "Top 3 categories: bug (2), feature-request (1)"));
  CHECK(has_line(*r, "Volume", "P0/P1 incidents: 1"));
  CHECK(has_line(*r, "Performance", "Avg first response: 30 min (SLA: "));
  CHECK(has_line(*r, "Performance", "CSAT: 5.0/5 (1 ratings)"));
  CHECK(has_line(*r, "Patterns", "Emerging issue: bug: 2 tickets against a four-week average of 0.0, highest priority P1"));
  // Only what two customers or more wrote is quoted (one customer's words are its own).
  CHECK(has_line(*r, "Product feedback", "Feature requests (1 total)"));
  CHECK_FALSE(has_line(*r, "Product feedback", "Dark mode"));
  CHECK(has_line(*r, "Product feedback", "Bugs reported (2): Export fails (2)")); // one subject, any case or spacing
  CHECK(has_line(*r, "Headlines", "Key trend: 3 tickets, the first weeks of the desk."));
  CHECK(has_line(*r, "Retention", "Churn saves: 0 customers kept"));

  // The business is told of last week's report (mailed as "Weekly support report"), once; not
  // of the older week the catch-up wrote, and nobody outside the business is told.
  auto told = [&](PersonId p) {
    int n = 0;
    for (const auto& item : g.state.inboxes[p].items)
      if (item.kind == "weekly_report") {
        ++n;
        CHECK(item.text.find("week of 2026-01-05") != std::string::npos);
      }
    return n;
  };
  CHECK(told(1) == 1);
  CHECK(told(3) == 1);
  CHECK(told(4) == 0);
  CHECK(told(jordan) == 0);
  CHECK(mail_category_of("weekly_report") == MailCategory::reports);
  const auto text = weekly_report_text(*written(g, week));
  CHECK(text.find("Volume\n- Total tickets: 3 (last week: none)\n") != std::string::npos);

  // A ticket written into that week later does not change the report written.
  run(g, OpenTicket{0, "Late one", "Details.", Priority::p2, Category::how_to, {}, {}}, jordan, next_monday + 2 * hour);
  const auto copy = *r;
  CHECK(written(g, week)->sections == copy.sections);

  // The CSV has its figures; the printable page escapes what it prints.
  const auto rows = weekly_report_csv(*r);
  CHECK(rows.at(0) == std::vector<std::string>{"figure", "value"});
  CHECK(std::find(rows.begin(), rows.end(), std::vector<std::string>{"total_tickets", "3"}) != rows.end());
  CHECK(std::find(rows.begin(), rows.end(), std::vector<std::string>{"p0_p1_incidents", "1"}) != rows.end());
  auto named = g.state;
  named.name = "Acme <script>";
  const auto html = weekly_report_html(named, *r);
  CHECK(html.find("Acme &lt;script&gt;") != std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("Support Report: Week of 2026-01-05") != std::string::npos);
}

TEST_CASE("the business adds action items to a written report and marks them done") {
  auto g = week_of_tickets();
  const auto week = week_of(monday);
  for (auto& e : report_events(g.state, monday + 7 * day)) g.event(support_rules::system_actor, e, monday + 7 * day);
  CHECK(when_refused(g.state, AddReportAction{week, "Hire", "Maya", "2026-02-01"}, ava).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, AddReportAction{week + 5, "Hire", "Maya", "2026-02-01"}, staff).code == ErrorCode::not_found);
  auto events = run(g, AddReportAction{week, "Add an export regression test", "Daniel", "2026-01-20"}, staff, monday + 7 * day);
  const auto id = std::get<ReportActionAdded>(events.at(0)).action.id;
  REQUIRE(written(g, week)->actions.size() == 1);
  run(g, CompleteReportAction{week, id}, owner, monday + 8 * day);
  CHECK(written(g, week)->actions[0].done);
  CHECK(when_ok(g.state, CompleteReportAction{week, id}, owner, monday + 8 * day).empty());
  CHECK(when_refused(g.state, CompleteReportAction{week, id + 9}, owner).code == ErrorCode::not_found);
}

TEST_CASE("the quarterly review: volume by month, the CSAT trajectory, cost per ticket from the business's figure") {
  auto g = week_of_tickets();
  auto q = quarterly_review(g.state, 2026, 1, monday + 14 * day);
  CHECK(q.quarter == "2026-Q1");
  auto line = [&](const std::string& title, std::size_t i = 0) {
    for (const auto& s : q.sections)
      if (s.title == title && i < s.lines.size()) return s.lines[i];
    return std::string();
  };
  CHECK(line("Ticket volume") == "3 tickets: Jan: 3, Feb: 0, Mar: 0.");
  CHECK(line("Ticket volume", 1) == "67% product issues (bugs, performance), 0% growing pains (how-to, onboarding, account): product issues lead.");
  CHECK(line("CSAT trajectory") == "CSAT by month: Jan: 5.00.");
  CHECK(line("Top feature requests") == "No feature request was asked by two customers or more."); // Jordan's words stay Jordan's
  CHECK(line("Cost per ticket") == "Enter the quarter's support cost to see the cost per ticket.");
  CHECK(when_refused(g.state, SetSupportCost{"2026-Q1", 300'000}, staff).code == ErrorCode::forbidden);
  run(g, SetSupportCost{"2026-Q1", 300'000}, owner, monday);
  q = quarterly_review(g.state, 2026, 1, monday + 14 * day);
  CHECK(line("Cost per ticket") == "Support cost 3000.00 USD over 3 tickets: 1000.00 USD per ticket.");
  CHECK(parse_quarter("2026-Q5") == std::nullopt);
  CHECK(parse_quarter("2026-Q4") == std::make_pair(2026, 4));
  CHECK(quarter_of(monday) == "2026-Q1");
  // A second customer asks for the same: now it is the customers' request, and quoted.
  run(g, OpenTicket{2, "dark mode", "Please.", Priority::p3, Category::feature_request, {}, {}}, staff, monday + 3 * day);
  q = quarterly_review(g.state, 2026, 1, monday + 14 * day);
  CHECK(line("Top feature requests") == "Top 5 from support: Dark mode (2).");
}

} // namespace test_unit_shared_domain_support_weekly_report
