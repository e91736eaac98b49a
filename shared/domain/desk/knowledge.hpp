// The knowledge base (docs/requirements.md, Knowledge base; seed 002 section 5): articles per
// program with the playbook's structure (the question as title, applies to, last updated,
// difficulty, quick answer, step-by-step, common variations, related articles, still stuck),
// product area and difficulty tags, public (customers) or internal (agents and the business),
// draft / in review / published / archived. Who reads what (article_visible), the search every
// side runs (search_articles over a KnowledgeIndex), and the self-serve deflection counts.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/core/error.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pd::domain {

using ArticleId = std::int64_t;
using TicketId = std::int64_t;

enum class ArticleStatus { unknown, draft, in_review, published, archived };
NLOHMANN_JSON_SERIALIZE_ENUM(ArticleStatus, {{ArticleStatus::unknown, "unknown"},
                                             {ArticleStatus::draft, "draft"},
                                             {ArticleStatus::in_review, "in_review"},
                                             {ArticleStatus::published, "published"},
                                             {ArticleStatus::archived, "archived"}})

enum class ArticleAudience { unknown, customers, internal }; // "public" is for customers
NLOHMANN_JSON_SERIALIZE_ENUM(ArticleAudience, {{ArticleAudience::unknown, "unknown"},
                                               {ArticleAudience::customers, "public"},
                                               {ArticleAudience::internal, "internal"}})

enum class Difficulty { none, beginner, intermediate, advanced };
NLOHMANN_JSON_SERIALIZE_ENUM(Difficulty, {{Difficulty::none, "none"},
                                          {Difficulty::beginner, "beginner"},
                                          {Difficulty::intermediate, "intermediate"},
                                          {Difficulty::advanced, "advanced"}})

const char* label_of(ArticleStatus s);  // "Draft", "In review", "Published", "Archived"
const char* label_of(Difficulty d);     // "Beginner", ...; "" for none

// Documented limits (docs/api.md, Knowledge base). Each is refused with the field named.
inline constexpr std::size_t max_article_question = 200;
inline constexpr std::size_t max_article_applies_to = 200;
inline constexpr std::size_t max_article_quick_answer = 1000;
inline constexpr std::size_t max_article_steps = 20;
inline constexpr std::size_t max_article_step = 500;
inline constexpr std::size_t max_article_variations = 10;
inline constexpr std::size_t max_article_variation_when = 200;
inline constexpr std::size_t max_article_variation_what = 500;
inline constexpr std::size_t max_article_related = 10;
inline constexpr std::size_t max_article_still_stuck = 500;
inline constexpr std::size_t max_article_product_area = 60;
inline constexpr std::size_t max_article_from_tickets = 50;
inline constexpr std::size_t max_articles = 20'000;         // per program, archived included
inline constexpr std::size_t max_search_query = 200;        // bytes
inline constexpr std::size_t max_search_results = 20;
inline constexpr std::size_t max_recorded_search_misses = 500; // the newest are kept
inline constexpr int default_review_after_days = 180;
inline constexpr int min_review_after_days = 7;
inline constexpr int max_review_after_days = 730;

// "If you see error X" -> "Do this instead"; "On mobile" -> "Different steps".
struct ArticleVariation {
  std::string when;
  std::string what;
  bool operator==(const ArticleVariation&) const = default;
};

// What the author writes.
struct ArticleContent {
  std::string question;      // the problem as a question: the article's title
  std::string applies_to;    // plans or products
  std::string quick_answer;  // 2-3 sentences for scanners
  std::vector<std::string> steps;
  std::vector<ArticleVariation> variations;
  std::vector<ArticleId> related;
  std::string still_stuck;   // "Contact support at ... include ..."
  std::string product_area;  // "" untagged (hygiene lists it)
  Difficulty difficulty = Difficulty::none; // none: untagged (hygiene lists it)
  ArticleAudience audience = ArticleAudience::customers;
  bool operator==(const ArticleContent&) const = default;
};

struct Article {
  ArticleId id = 0;
  ArticleContent content;
  ArticleStatus status = ArticleStatus::draft;
  PersonId author = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;  // "Last updated"
  TimeMs reviewed_at = 0; // published or confirmed accurate; 0 never
  std::vector<TicketId> from_tickets; // the tickets it was written from (hygiene)
  Sequence version = 0;
  bool operator==(const Article&) const = default;
};

struct KnowledgeSettings {
  int review_after_days = default_review_after_days; // hygiene: published articles not reviewed for longer
  bool operator==(const KnowledgeSettings&) const = default;
};

struct SearchMiss {
  std::string query; // normalised (the tokens joined by spaces)
  TimeMs at = 0;
  PersonId by = 0;
  bool operator==(const SearchMiss&) const = default;
};

// A customer who read a suggested article while writing a ticket: left (deflected) or submitted.
struct DeflectionCounts {
  std::int64_t left = 0;
  std::int64_t submitted = 0;
  bool operator==(const DeflectionCounts&) const = default;
};

// Token -> the articles holding it (by id) with a weight (question 3, quick answer and product
// area 2, the rest 1, summed), and what search needs of each article without looking it up.
// Derived from the articles (apply() keeps it in step; never part of the wire form); the same
// articles give the same index whatever order they were saved in.
struct Posting {
  ArticleId id = 0;
  int weight = 0;
  bool operator==(const Posting&) const = default;
};
struct ArticleMeta {
  ArticleStatus status = ArticleStatus::unknown; // unknown: no article with this id
  ArticleAudience audience = ArticleAudience::unknown;
  PersonId author = 0;
  TimeMs updated_at = 0;
  bool operator==(const ArticleMeta&) const = default;
};
struct KnowledgeIndex {
  std::map<std::string, std::vector<Posting>, std::less<>> postings; // each sorted by id
  std::map<ArticleId, std::vector<std::string>> tokens_of;           // to take an article out again
  std::vector<ArticleMeta> meta;                                     // by article id
  void put(const Article& a);
  void remove(ArticleId id);
  bool operator==(const KnowledgeIndex&) const = default;
};

// The server's weekly hygiene review (knowledge_hygiene.hpp): how many findings of each kind the
// list held when the week began.
struct HygieneCounts {
  std::int64_t unanswered = 0, not_reviewed = 0, missed_searches = 0, duplicates = 0, untagged = 0;
  std::int64_t total() const { return unanswered + not_reviewed + missed_searches + duplicates + untagged; }
  bool operator==(const HygieneCounts&) const = default;
};
struct HygieneWeek {
  TimeMs week_start = 0; // Monday 00:00 UTC
  TimeMs computed_at = 0;
  HygieneCounts counts;
  bool operator==(const HygieneWeek&) const = default;
};
inline constexpr std::size_t max_hygiene_weeks = 12; // kept, oldest first

struct KnowledgeState {
  KnowledgeSettings settings;
  std::vector<HygieneWeek> hygiene_weeks; // the server's weekly reviews, oldest first (business only)
  std::map<ArticleId, Article> articles;
  std::vector<SearchMiss> search_misses; // oldest first, at most max_recorded_search_misses
  DeflectionCounts deflection;
  std::map<ArticleId, DeflectionCounts> deflection_by_article;
  KnowledgeIndex index; // derived
  const Article* article(ArticleId id) const;
  ArticleId next_article_id() const { return articles.empty() ? 1 : articles.rbegin()->first + 1; }
  void reindex();
  bool operator==(const KnowledgeState&) const = default;
};

// Who reads an article: the business every article; an agent the published ones (public and
// internal) and the ones it wrote; a customer only published public articles.
enum class KnowledgeReader { business, agent, customer, none };
bool article_visible(const Article& a, KnowledgeReader reader, PersonId person);

// The words of a text as search tokens: lower-case ASCII letters and digits (other bytes end a
// word, UTF-8 letters are kept as they are), 2 characters or more, common words dropped, at most
// `max_tokens` distinct tokens in first-seen order.
std::vector<std::string> search_tokens(std::string_view text, std::size_t max_tokens = 64);
// The tokens joined by single spaces: how a question or a search is compared.
std::string normalized_question(std::string_view text);

struct SearchHit {
  ArticleId id = 0;
  int score = 0;
  bool operator==(const SearchHit&) const = default;
};

// all_words: a search box (every word must match); most_words: suggestions from what someone
// wrote (at least half of its words, rounded up).
enum class SearchMode { all_words, most_words };

// The reader's matching articles, best first (score, then most recently updated, then id), at
// most `limit` (capped at max_search_results). Query words match whole words (the last one also
// as the start of a longer word, so results follow typing); a query without words finds nothing.
// Bounded: the query is cut to max_search_query bytes and 16 words, a prefix expands to at most
// 64 words.
std::vector<SearchHit> search_articles(const KnowledgeState& k, std::string_view query, KnowledgeReader reader, PersonId person,
                                       std::size_t limit = 10, SearchMode mode = SearchMode::all_words);

// The published public article whose question is the text's question exactly (normalised), or
// nullptr: the only article match near-certain enough for an automatic answer.
const Article* exact_question_match(const KnowledgeState& k, std::string_view text);

// Self-serve deflection: the share of customers who read a suggested article and did not
// submit, in tenths of a percent (0-1000); -1 when no one read one yet.
int deflection_permille(const DeflectionCounts& d);

// Checks content before it is stored: the first field too long, empty or wrong, named as
// "data.article.<field>" (nullopt when fine). `self` is the article being edited (0: new).
std::optional<core::Error> content_problem(const KnowledgeState& k, const ArticleContent& c, ArticleId self);

PD_JSON_TYPE(HygieneCounts, unanswered, not_reviewed, missed_searches, duplicates, untagged)
PD_JSON_TYPE(HygieneWeek, week_start, computed_at, counts)
void to_json(nlohmann::json& j, const KnowledgeState& k);
void from_json(const nlohmann::json& j, KnowledgeState& k);

PD_JSON_TYPE(ArticleVariation, when, what)
PD_JSON_TYPE(ArticleContent, question, applies_to, quick_answer, steps, variations, related, still_stuck,
                                                product_area, difficulty, audience)
PD_JSON_TYPE(Article, id, content, status, author, created_at, updated_at, reviewed_at, from_tickets, version)
PD_JSON_TYPE(KnowledgeSettings, review_after_days)
PD_JSON_TYPE(SearchMiss, query, at, by)
PD_JSON_TYPE(DeflectionCounts, left, submitted)
PD_JSON_TYPE(SearchHit, id, score)

} // namespace pd::domain
