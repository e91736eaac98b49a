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

#include <optional>
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
  bool operator==(const ChurnSignal&) const = default;
};
struct ChurnScore {
  CustomerId customer_id = 0;
  int score = 0; // the sum of the signals' points, at most 100
  ChurnLevel level = ChurnLevel::healthy;
  std::vector<ChurnSignal> signals;
  bool operator==(const ChurnScore&) const = default;
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

// Every customer's score kept between refreshes (the Retention page, the benchmark): after
// events only the customers they touched are scored again, and those whose score could have
// changed with time (each score knows the first instant it could). After refresh(s, now) the
// ranking equals churn_scores(s, now).
class ChurnBoard {
public:
  // Scores every customer (the cold start).
  void rebuild(const ProgramState& s, TimeMs now);
  // Notes what an event just applied to `s` touched.
  void note(const ProgramState& s, const Event& e);
  // Scores again the customers noted and those due by `now` (everyone when an event touched
  // what every score reads, on the first call, or when `now` went back).
  void refresh(const ProgramState& s, TimeMs now);
  // Every customer not cancelled, highest score first (ties by id).
  std::size_t size() const { return ranked_.size(); }
  const ChurnScore& operator[](std::size_t rank) const { return entries_[ranked_[rank]].score; }
  std::vector<ChurnScore> scores() const;
  // Whether entry a ranks before entry b (higher score, then lower id).
  bool ranks_before(std::uint32_t a, std::uint32_t b) const;
  // How many scores the last refresh computed (the customers it touched).
  std::size_t last_scored() const { return last_scored_; }

private:
  struct Entry {
    CustomerId id = 0;
    ChurnScore score;
    TimeMs until = 0; // the score holds while now < until
    bool listed = false; // not cancelled
  };
  void rescore(const ProgramState& s, CustomerId id, TimeMs now, bool& reorder);
  std::vector<Entry> entries_; // by customer id
  std::vector<std::uint32_t> ranked_; // indexes of the listed entries, by rank
  std::vector<CustomerId> touched_;
  bool built_ = false, touched_all_ = false;
  TimeMs now_ = 0, earliest_until_ = 0;
  std::size_t last_scored_ = 0;
};

// The customers whose score an event may change (what it says of them, their tickets, cases,
// signals or records); nullopt when it may change every score. Empty for events the score never reads.
std::optional<std::vector<CustomerId>> churn_touched(const ProgramState& s, const EventBody& body);

// The competitor on the list that the text names (whole words, any case); empty when none.
std::string competitor_named(std::string_view text, const std::vector<std::string>& competitors);

nlohmann::json churn_json(const ProgramState& s, const ChurnScore& c);

} // namespace pd::domain
