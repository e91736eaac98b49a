// The weekly support report and the quarterly business review (seed 002 section 9), computed
// from the same incremental aggregates as the metrics page (support_metrics.hpp). The server's
// scheduler writes each Monday's report for the week before (report_events, in RunTimers); the
// API serves it as JSON, CSV and a printable page; the browser's Reports page draws the same
// sections and computes the quarterly review with these functions.
//
// The report's rules, also written into its Headlines:
//   biggest win      the figure that improved most against the week before (CSAT, average first
//                    response, first-contact resolution, SLA compliance, reopen rate, escalation rate)
//   biggest concern  a red flag that holds, else the figure that worsened most
//   key trend        the week's tickets against the average of the four weeks before (±20%)
//   emerging issues  the two categories that grew most over their four-week average (2+ tickets)
//   feedback         feature requests and bugs of the week, grouped by subject, by frequency
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/events.hpp"
#include "shared/domain/state.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pd::domain {

// The report of `week` as it would be written at `now`.
WeeklyReport weekly_report(const ProgramState& s, std::int32_t week, TimeMs now);
// The scheduler's part: on or after a Monday, last week's report when it is not written yet
// (and the program existed before that week ended); a server that was down writes the reports
// of the last 12 weeks it missed, oldest first.
std::vector<EventBody> report_events(const ProgramState& s, TimeMs now);
bool report_due(const ProgramState& s, TimeMs now);
inline constexpr std::int32_t report_catch_up_weeks = 12;

// A header line and the report's figures, then its action items.
std::vector<std::vector<std::string>> weekly_report_csv(const WeeklyReport& r);
// The report as plain text (the weekly mail): each section's title, then its lines.
std::string weekly_report_text(const WeeklyReport& r);
// The printable page: the seed's template, with the program's name.
std::string weekly_report_html(const ProgramState& s, const WeeklyReport& r);

// "2026-Q4" -> (2026, 4); nullopt when malformed.
std::optional<std::pair<int, int>> parse_quarter(std::string_view text);
std::string quarter_label(int year, int quarter); // "2026-Q4"
std::string quarter_of(TimeMs at);                // the quarter holding the instant

// Quarterly business review talking points for a quarter: volume trends (growing pains or
// product issues), the CSAT trajectory, the top five feature requests, the cost per ticket
// (the business's support cost) and automation's savings, churn saves, and the knowledge base's
// self-serve deflection.
struct QuarterlyReview {
  std::string quarter;
  std::vector<ReportSection> sections;
};
QuarterlyReview quarterly_review(const ProgramState& s, int year, int quarter, TimeMs now);
nlohmann::json quarterly_review_json(const QuarterlyReview& q);

// Field checks of the report commands (decide_support.cpp).
inline constexpr std::size_t max_report_action_text = 300;

} // namespace pd::domain
