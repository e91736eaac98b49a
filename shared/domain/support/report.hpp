// The weekly support report and the quarterly review's records (seed 002 section 9): a report
// is written once, every Monday, for the week before, and kept as it was written; the business
// adds action items to it afterwards. Plain data with its JSON codecs; the rules that write and
// read them live in weekly_report.hpp.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pd::domain {

struct ReportSection {
  std::string title;              // "Headlines", "Volume", "Performance", "Patterns", "Product feedback", "Retention"
  std::vector<std::string> lines; // as written
  bool operator==(const ReportSection&) const = default;
};
// An action item the business adds to a report: what, who, by when; done or not.
struct ReportAction {
  std::int64_t id = 0;
  std::string action;
  std::string owner;   // a name, as the business writes it
  std::string due_on;  // YYYY-MM-DD
  PersonId added_by = 0;
  TimeMs added_at = 0;
  bool done = false;
  TimeMs done_at = 0;
  bool operator==(const ReportAction&) const = default;
};
struct WeeklyReport {
  std::int32_t week = 0;   // weeks from the week of 1970-01-01 (support_metrics.hpp's week_of)
  std::string week_of;     // its Monday, YYYY-MM-DD
  TimeMs written_at = 0;
  std::vector<ReportSection> sections;
  std::vector<std::pair<std::string, std::string>> figures; // name -> value: the CSV's line
  std::vector<ReportAction> actions;
  bool operator==(const WeeklyReport&) const = default;
};
struct ReportsState {
  std::map<std::int32_t, WeeklyReport> weekly;          // by week
  std::map<std::string, std::int64_t> support_costs;   // quarter ("2026-Q4") -> the business's support cost, minor units
  std::int64_t next_action_id = 1;
  bool operator==(const ReportsState&) const = default;
};
inline constexpr std::size_t max_report_actions = 50; // per report
inline constexpr std::size_t max_reports_kept = 260;  // five years of weeks (the oldest go first)

PD_JSON_TYPE(ReportSection, title, lines)
PD_JSON_TYPE(ReportAction, id, action, owner, due_on, added_by, added_at, done, done_at)
PD_JSON_TYPE(WeeklyReport, week, week_of, written_at, sections, figures, actions)
void to_json(nlohmann::json& j, const ReportsState& s);
void from_json(const nlohmann::json& j, ReportsState& s);

} // namespace pd::domain
