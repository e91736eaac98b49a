// An agent's performance history (docs/requirements.md, Performance score; seen by the
// business on the agent's page and by the agent itself): the score's four components with
// their weights in words and numbers, the score over time, counts over the history, and the
// words for its entries. The score itself is performance_of() (support_overview.hpp); the
// server's support record and the browser's performance panel both build on these functions.
#pragma once

#include "shared/domain/support/support_overview.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pd::domain {

struct ScoreComponent {
  const char* key = "";     // sla_compliance | response | customer | business
  const char* name = "";    // "SLA compliance"
  double weight = 0;        // its nominal weight: 0.40
  double value = -1;        // 0-100; -1: no data
  double share = 0;         // the weight it carries in this score (nominal weights scaled over the components with data); 0 without data
  std::string measures;     // what it measures and how it maps to 0-100
  std::string detail;       // the agent's figures: "9 of 10 first responses in time"
};
std::vector<ScoreComponent> score_components(const AgentSupport& record, TimeMs now);
// The score in one sentence with its numbers: "Score 82 = SLA compliance 90 × 40% + ...".
std::string score_explanation(const std::vector<ScoreComponent>& components, double score);

// The score as it stood at `at` (what performance_of() said then).
struct ScorePoint {
  TimeMs at = 0;
  double score = -1; // -1: no data yet
};
// One point a day, the last at `now`, over `days` days.
std::vector<ScorePoint> score_history(const AgentSupport& record, TimeMs now, int days = 30);
inline constexpr int score_history_days = 30;

struct HistorySummary {
  int overdue_first_response = 0;
  int overdue_resolution = 0;
  int escalations = 0;
  int warnings = 0;
  int warnings_active = 0; // inside their 14-day monitoring window
  int customer_ratings = 0;
  int business_ratings = 0;
};
HistorySummary summarize(const AgentSupport& record, TimeMs now);

// "Overdue: first response", "Escalated", "Warning", "Customer rating", ... (the kind itself when unknown)
std::string history_label(const std::string& kind);
// Entries that count against the agent (shown in red): overdue, escalations, warnings, discipline.
bool history_is_negative(const std::string& kind);

// {"components":[…],"explanation":"…","score_history":[{"at","score"}],"summary":{…}}
nlohmann::json performance_history_json(const AgentSupport& record, TimeMs now);

} // namespace pd::domain
