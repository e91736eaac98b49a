// The quality loop's records (seed 002 section 6): the customers' NPS answers, the business's
// thresholds for red flags and the NPS survey, and the red flags raised and cleared. Plain data
// with its JSON codecs; the rules that use them live in satisfaction.hpp.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace pd::domain {

// "How likely are you to recommend …?" 0-10; -1: the customer chose "Not now" (asked, so not
// asked again within the period).
struct NpsAnswer {
  CustomerId customer_id = 0;
  PersonId by = 0;
  int score = -1;
  std::string comment;
  TimeMs at = 0;
  PersonId agent_id = 0;   // who handled the customer then (0: the business's queue)
  std::string segment;     // the customer's segment then
  std::int64_t check_in_id = 0; // a detractor's follow-up (0: none)
  bool operator==(const NpsAnswer&) const = default;
};

// The business's thresholds (seed 002's red flags are the defaults), editable by owners and admins.
struct QualitySettings {
  int nps_period_days = 90;          // each customer is asked at most once in this many days
  int csat_floor_tenths = 40;        // CSAT below 4.0 over the last four weeks
  int csat_min_ratings = 3;          // ... from at least this many ratings
  int response_factor_percent = 200; // a ticket unanswered beyond 2x its first-response window
  int reopen_max_percent = 15;       // reopen rate above 15% over the last four weeks
  int reopen_min_resolved = 5;       // ... of at least this many resolved tickets
  int repeat_tickets = 3;            // the same customer with 3 or more tickets
  int repeat_days = 7;               // ... in 7 days
  bool operator==(const QualitySettings&) const = default;
};

// A red flag: raised while its condition holds, once (its key), with its evidence and the
// seed's suggested action; cleared when the condition no longer holds; kept afterwards.
struct RedFlag {
  std::string key;                  // "csat_low", "slow_first_response", "reopen_rate", "repeat_customer:<id>", "nps_detractor:<check-in>"
  std::string kind;                 // csat_low | slow_first_response | reopen_rate | repeat_customer | nps_detractor
  CustomerId customer_id = 0;       // repeat_customer, nps_detractor
  std::vector<std::int64_t> tickets; // the evidence's tickets (the audit list of csat_low: the last 20 closed)
  std::string evidence;             // "CSAT 3.60 from 12 ratings over the last 4 weeks (floor 4.0)"
  std::string action;               // "Audit the last 20 tickets for patterns."
  TimeMs raised_at = 0;
  TimeMs cleared_at = 0;            // 0: still holds
  bool operator==(const RedFlag&) const = default;
};
inline constexpr std::size_t max_red_flags = 500; // the history kept (the oldest cleared go first)

// The mention rule's word lists (seed 002: positive and negative mentions), one pair per
// language, editable by the business. A message mentions a list when one of its words equals an
// entry, or begins with an entry that ends in '*' ("thank*"), ignoring ASCII case. The language
// says which words belong together for editing; every list applies to every message, since a
// ticket's language is not known.
struct MentionList {
  std::string language = "en"; // 2-8 ASCII letters, lower case
  std::vector<std::string> positive;
  std::vector<std::string> negative;
  bool operator==(const MentionList&) const = default;
};
inline constexpr std::size_t max_mention_languages = 20;
inline constexpr std::size_t max_mention_words = 200; // per side of one language
inline constexpr std::size_t max_mention_word = 40;   // bytes
// English, German, Spanish and French, as a new program starts.
std::vector<MentionList> default_mention_lists();
// Every language's words together, as the rule reads them.
struct MentionWords {
  std::vector<std::string> positive;
  std::vector<std::string> negative;
  bool operator==(const MentionWords&) const = default;
};
MentionWords mention_words_of(const std::vector<MentionList>& lists);

PD_JSON_TYPE(NpsAnswer, customer_id, by, score, comment, at, agent_id, segment, check_in_id)
PD_JSON_TYPE(QualitySettings, nps_period_days, csat_floor_tenths, csat_min_ratings, response_factor_percent,
                                                reopen_max_percent, reopen_min_resolved, repeat_tickets, repeat_days)
PD_JSON_TYPE(MentionList, language, positive, negative)
PD_JSON_TYPE(RedFlag, key, kind, customer_id, tickets, evidence, action, raised_at, cleared_at)

} // namespace pd::domain
