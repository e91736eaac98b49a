// Events of the knowledge base (part of EventBody, see events.hpp). An article arrives whole
// in every event that changes it. Readers get only the articles they may read (article_visible):
// when an article stops being theirs to read (archived, or made internal), ArticleWithdrawn
// takes it out of their replica.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/desk/knowledge.hpp"

namespace pd::domain {

struct ArticleSaved {
  static constexpr const char* type = "ArticleSaved";
  Article article; // the whole article after the change
  bool operator==(const ArticleSaved&) const = default;
};
// Sent after an ArticleSaved that takes a published article away from readers who had it:
// everyone but the business (archived) or customers only (made internal). apply() erases the
// article from a replica that still holds it as those readers saw it; the full state, which has
// the ArticleSaved, keeps it.
struct ArticleWithdrawn {
  static constexpr const char* type = "ArticleWithdrawn";
  ArticleId article_id = 0;
  bool customers_only = false;
  bool operator==(const ArticleWithdrawn&) const = default;
};
struct KnowledgeSettingsChanged { // business only
  static constexpr const char* type = "KnowledgeSettingsChanged";
  KnowledgeSettings settings;
  bool operator==(const KnowledgeSettingsChanged&) const = default;
};
// A search that found nothing (business only: the hygiene list).
struct KnowledgeSearchMissed {
  static constexpr const char* type = "KnowledgeSearchMissed";
  std::string query; // normalised
  bool operator==(const KnowledgeSearchMissed&) const = default;
};
// A customer read a suggested article while writing a ticket, then left or submitted anyway
// (business only: the deflection rate).
struct ArticleDeflectionRecorded {
  static constexpr const char* type = "ArticleDeflectionRecorded";
  ArticleId article_id = 0;
  CustomerId customer_id = 0;
  bool submitted = false;
  bool operator==(const ArticleDeflectionRecorded&) const = default;
};

// The scheduler's weekly hygiene review (business only): the findings when the week began, and a
// notification to the business.
struct KnowledgeHygieneReviewed {
  static constexpr const char* type = "KnowledgeHygieneReviewed";
  TimeMs week_start = 0;
  HygieneCounts counts;
  bool operator==(const KnowledgeHygieneReviewed&) const = default;
};

PD_JSON_TYPE(ArticleSaved, article)
PD_JSON_TYPE(ArticleWithdrawn, article_id, customers_only)
PD_JSON_TYPE(KnowledgeSettingsChanged, settings)
PD_JSON_TYPE(KnowledgeSearchMissed, query)
PD_JSON_TYPE(ArticleDeflectionRecorded, article_id, customer_id, submitted)
PD_JSON_TYPE(KnowledgeHygieneReviewed, week_start, counts)

} // namespace pd::domain
