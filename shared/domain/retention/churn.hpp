// The churn-risk score (seed 002 section 7): 0-100 per customer from the seed's eight signals,
// its level, the evidence behind each signal and the score's history. A pure function of the
// program's state and the time: the server's scheduler (cases opened when the score crosses
// into At Risk), the API and exports, and the browser's customer list all call these.
//
// Signals and their windows (docs/requirements.md, Churn risk and retention):
//   cancellation request +40  an open retention case asking to cancel
//   competitor named     +20  a customer message naming a competitor on the business's list, last 90 days
//   negative tickets     +15  3 or more negative tickets (a negative message or rating 1-2) in 30 days
//   usage dropped        +15  the latest month's usage under half the month before
//   failed payment       +10  a failed payment with no successful payment since
//   no login             +10  a customer with an account, last sign-in 14 or more days ago
//   downgrade request    +10  an open retention case asking to downgrade
//   renewal, unengaged   +10  renewal date within 60 days and no sign-in or ticket in 30 days
#pragma once

#include "shared/domain/events.hpp"
#include "shared/domain/state.hpp"

#include <string>
#include <vector>

namespace pd::domain {

enum class ChurnLevel { healthy, monitor, at_risk, high_risk, critical };
ChurnLevel churn_level(int score);         // 0-20, 21-40, 41-60, 61-80, 81-100
const char* churn_level_label(ChurnLevel l);  // "Healthy", "Monitor", "At Risk", "High Risk", "Critical"
const char* churn_level_word(ChurnLevel l);   // healthy, monitor, at_risk, high_risk, critical (the API's)
const char* churn_level_action(ChurnLevel l); // the seed's response: "Trigger the retention workflow", ...

struct ChurnSignal {
  std::string kind;   // cancellation_request, competitor, negative_tickets, usage_drop, failed_payment, no_login, downgrade_request, renewal
  int points = 0;
  std::string detail; // "Named Zendesk on ticket #12 (2026-11-30)"
  std::vector<std::int64_t> tickets; // the tickets behind it
  std::int64_t case_id = 0;          // the case behind a request
  TimeMs at = 0;                     // when the evidence happened (the latest of it)
};
struct ChurnScore {
  CustomerId customer_id = 0;
  int score = 0; // the sum of the signals' points, at most 100
  ChurnLevel level = ChurnLevel::healthy;
  std::vector<ChurnSignal> signals;
};

inline constexpr int at_risk_score = 41; // a retention case opens when the score reaches it
inline constexpr std::int64_t competitor_window_days = 90;
inline constexpr std::int64_t negative_window_days = 30;
inline constexpr int negative_tickets_needed = 3;
inline constexpr std::int64_t no_login_days = 14;
inline constexpr std::int64_t renewal_window_days = 60;
inline constexpr std::int64_t engagement_days = 30;

// The customer's score at `at`, counting only what had happened by then.
ChurnScore churn_score(const ProgramState& s, CustomerId customer, TimeMs at);
// Every customer not cancelled, highest score first (ties by id).
std::vector<ChurnScore> churn_scores(const ProgramState& s, TimeMs now);
// The score at the end of each of the last `weeks` weeks (oldest first) and now.
struct ChurnPoint {
  TimeMs at = 0;
  int score = 0;
};
std::vector<ChurnPoint> churn_history(const ProgramState& s, CustomerId customer, TimeMs now, int weeks);

// The competitor on the list that the text names (whole words, any case); empty when none.
std::string competitor_named(std::string_view text, const std::vector<std::string>& competitors);

nlohmann::json churn_json(const ProgramState& s, const ChurnScore& c);

} // namespace pd::domain
