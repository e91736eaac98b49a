// The support metrics of seed 002 section 6 (the support_metrics block, every field), for any
// week or range of weeks, for the program, one agent, one team or one customer segment, with the
// change against the period before. Read from the incremental aggregates of metric_facts.hpp,
// never by walking the tickets: the server's API and CSV and the browser's metrics page call the
// same functions, so every figure in the browser equals the export's.
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"
#include "shared/domain/support/metric_facts.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd::domain {

// Weeks: Monday 00:00 UTC. week_of(ms) numbers the week holding the instant; week_start_ms()
// is its first instant; week_of_date("2026-11-30") is the week holding that day.
std::int32_t week_of(TimeMs at);
TimeMs week_start_ms(std::int32_t week);
std::optional<std::int32_t> week_of_date(std::string_view yyyy_mm_dd);
std::string week_label(std::int32_t week); // its Monday, "2026-11-30"

// The mention rule (quality.hpp, MentionList). +1 positive, -1 negative, 0 neither or both.
int mention_of(std::string_view text, const MentionWords& words);
// The same, with the first word of each list that the text holds (empty when none).
struct MentionMatch {
  int sign = 0;
  std::string positive_word;
  std::string negative_word;
};
MentionMatch mention_match(std::string_view text, const MentionWords& words);
// Refuses lists a business may not save: a language that is not 2-8 letters or repeats, a word
// that is empty, longer than max_mention_word, holds a space or is repeated on its side, or more
// than the limits. Words are kept as the rule reads them (lower case, trimmed): normalized in place.
std::optional<core::Error> mention_lists_problem(std::vector<MentionList>& lists, const std::string& at);

// What the ticket contributes now (ProgramState::track_ticket keeps the aggregates with it).
MetricFacts metric_facts(const ProgramState& s, const Ticket& t);
// The same with the ticket's customer's segment already found (null: no such customer).
MetricFacts metric_facts(const ProgramState& s, const Ticket& t, const std::string* segment);
// When a customer message of the ticket first named a competitor on the business's list (0: never).
TimeMs competitor_first_named(const ProgramState& s, const Ticket& t);

enum class MetricScopeKind { program, agent, team, segment };
struct MetricScope {
  MetricScopeKind kind = MetricScopeKind::program;
  PersonId agent = 0;     // agent (0: the business's own queue)
  std::string key;        // team key or segment name
};
// "program", "agent:12", "team:billing", "segment:Enterprise"; nullopt when malformed.
std::optional<MetricScope> parse_metric_scope(std::string_view text);
std::string to_string(const MetricScope& scope);

// Who may read a scope's metrics: the business every scope; an agent its own; nobody else.
// nullopt when allowed, else the refusal (forbidden, or not_found naming "scope" for a team or
// agent the program does not have).
std::optional<core::Error> metrics_refusal(const ProgramState& s, PersonId reader, const MetricScope& scope);

// One period's figures. A figure without data (no first response, no rating) is nullopt.
struct SupportMetrics {
  std::int32_t from_week = 0, to_week = 0; // inclusive
  // volume
  int total_tickets = 0;
  std::array<int, 4> by_priority{};
  std::array<int, 10> by_category{}; // in the order of all_categories
  // response_times
  std::optional<double> avg_first_response_min;
  std::optional<int> p95_first_response_min; // nearest rank over whole minutes
  std::optional<double> sla_compliance_pct;
  // resolution
  std::optional<double> avg_resolution_hours;
  std::optional<double> first_contact_resolution_pct;
  std::optional<double> reopen_rate_pct;
  std::optional<double> tickets_per_customer;
  // satisfaction
  std::optional<double> csat_score; // 1-5
  std::optional<double> nps_score;  // -100 to 100
  int positive_mentions = 0;
  int negative_mentions = 0;
  // efficiency
  std::optional<double> tickets_per_agent_day;
  std::optional<double> automation_rate_pct;
  std::optional<double> self_serve_deflection_pct;
  // health
  int backlog_count = 0;                     // open at the end of the period
  std::optional<double> oldest_open_ticket_hours; // only when the period reaches now
  std::optional<double> escalation_rate_pct;
  // the figures behind the rates
  int responses = 0, sla_total = 0, resolved = 0, first_resolved = 0, ratings = 0, nps_answers = 0, customers = 0, agents = 0;
};

SupportMetrics support_metrics(const ProgramState& s, const MetricScope& scope, std::int32_t from_week, std::int32_t to_week, TimeMs now);
// One entry per week from `from_week` to `to_week` (the charts and the CSV).
std::vector<SupportMetrics> weekly_series(const ProgramState& s, const MetricScope& scope, std::int32_t from_week, std::int32_t to_week,
                                          TimeMs now);

// The seed's block: {"week_of", "to", "volume":{...}, "response_times":{...}, ...}; nulls for
// figures without data.
nlohmann::json metrics_json(const SupportMetrics& m);
// {"scope", "current":{block}, "previous":{block}, "weeks":[{block}...]}: the period, the period
// of the same length before it, and each week of the period.
nlohmann::json metrics_report_json(const ProgramState& s, const MetricScope& scope, std::int32_t from_week, std::int32_t to_week, TimeMs now);
// A header line and one line per week: week_of, then every figure of the block (empty when
// there is no data), categories as by_category_<name>.
std::vector<std::vector<std::string>> metrics_csv_rows(const std::vector<SupportMetrics>& weeks);

// The messages behind a period's mention counts, for one scope: each customer message or
// rating comment that counts as positive (sign +1) or negative (-1), newest first, at most
// `limit` of them, with `total` the count (which equals the period's positive_mentions or
// negative_mentions).
struct MentionHit {
  TicketId ticket_id = 0;
  std::string subject;
  CustomerId customer_id = 0;
  std::string customer;
  TimeMs at = 0;
  bool rating = false;      // a rating's comment (else a message)
  std::string word;         // the list's entry that matched
  std::string text;         // the message, at most 400 bytes
};
struct MentionHits {
  int total = 0;
  std::vector<MentionHit> hits;
};
MentionHits mention_hits(const ProgramState& s, const MetricScope& scope, std::int32_t from_week, std::int32_t to_week, int sign,
                         std::size_t limit);
nlohmann::json mention_hits_json(const MentionHits& h);

// The longest range one request may cover (two years of weeks).
inline constexpr std::int32_t max_metric_weeks = 104;

} // namespace pd::domain
