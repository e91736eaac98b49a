// The knowledge base's weekly hygiene (seed 002 section 5, Knowledge Base Hygiene): questions
// asked 3 or more times without an article, articles not reviewed in N days, searches with no
// result, likely duplicates, articles without product area or difficulty. One pure function
// the server's hygiene route and the business's hygiene page share, and the draft an article
// "written from these tickets" starts from.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/events.hpp"
#include "shared/domain/state.hpp"

#include <nlohmann/json.hpp>

namespace pd::domain {

inline constexpr std::size_t hygiene_min_repeats = 3;        // a question asked this often wants an article
inline constexpr std::int64_t hygiene_ticket_window_days = 90; // tickets looked at
inline constexpr std::size_t hygiene_max_tickets = 5'000;      // the newest tickets looked at
inline constexpr std::size_t hygiene_max_articles = 5'000;     // the newest articles compared for duplicates
inline constexpr std::size_t hygiene_max_items = 50;           // per list

struct QuestionCluster {
  Category category = Category::how_to;
  std::string subject;             // the first ticket's subject: the question to answer
  std::vector<TicketId> tickets;   // newest first (at most max_article_from_tickets)
  bool operator==(const QuestionCluster&) const = default;
};
struct StaleArticle {
  ArticleId id = 0;
  std::string question;
  TimeMs reviewed_at = 0;
  std::int64_t days = 0; // since the last review
  bool operator==(const StaleArticle&) const = default;
};
struct MissedSearch {
  std::string query;
  std::int64_t times = 0;
  TimeMs last_at = 0;
  bool operator==(const MissedSearch&) const = default;
};
struct DuplicatePair {
  ArticleId first = 0, second = 0;
  std::string first_question, second_question;
  int similarity_percent = 0;
  bool operator==(const DuplicatePair&) const = default;
};
struct UntaggedArticle {
  ArticleId id = 0;
  std::string question;
  bool no_product_area = false;
  bool no_difficulty = false;
  bool operator==(const UntaggedArticle&) const = default;
};

struct KnowledgeHygiene {
  TimeMs computed_at = 0;
  int review_after_days = default_review_after_days;
  std::vector<QuestionCluster> unanswered;
  std::vector<StaleArticle> not_reviewed;
  std::vector<MissedSearch> missed_searches;
  std::vector<DuplicatePair> duplicates;
  std::vector<UntaggedArticle> untagged;
  DeflectionCounts deflection;
  std::size_t findings() const { return unanswered.size() + not_reviewed.size() + missed_searches.size() + duplicates.size() + untagged.size(); }
  bool operator==(const KnowledgeHygiene&) const = default;
};

// The hygiene list as of `now` (business data: the caller checks the reader is business staff).
KnowledgeHygiene knowledge_hygiene(const ProgramState& s, TimeMs now);

// The weekly review: Monday 00:00 UTC of the week holding `at`.
TimeMs hygiene_week_start(TimeMs at);
// The counts of a hygiene list.
HygieneCounts counts_of(const KnowledgeHygiene& h);
// Whether the scheduler owes the program this week's review: the week began after the last review
// and the program has articles or tickets to review.
bool hygiene_due(const ProgramState& s, TimeMs now);
// The review's event when due (RunTimers adds it), else nothing.
std::vector<EventBody> run_hygiene(const ProgramState& s, TimeMs now);

// A new article's content pre-filled from tickets (the first one's subject as the question, the
// first answer a person gave as the quick answer): the editor opens with it.
ArticleContent draft_from_tickets(const ProgramState& s, const std::vector<TicketId>& tickets);

PD_JSON_TYPE(QuestionCluster, category, subject, tickets)
PD_JSON_TYPE(StaleArticle, id, question, reviewed_at, days)
PD_JSON_TYPE(MissedSearch, query, times, last_at)
PD_JSON_TYPE(DuplicatePair, first, second, first_question, second_question, similarity_percent)
PD_JSON_TYPE(UntaggedArticle, id, question, no_product_area, no_difficulty)
PD_JSON_TYPE(KnowledgeHygiene, computed_at, review_after_days, unanswered, not_reviewed, missed_searches, duplicates,
                                                untagged, deflection)

} // namespace pd::domain
