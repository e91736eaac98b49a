#include "shared/domain/desk/apply_knowledge.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/support/apply_support.hpp"

namespace pd::domain::desk_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const ArticleSaved& b) {
  Article a = b.article;
  a.version = e.seq;
  s.knowledge.index.put(a);
  s.knowledge.articles[a.id] = std::move(a);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const ArticleWithdrawn& b) {
  // Only a replica that still holds the article as its readers had it: the full state has
  // already applied the ArticleSaved that withdrew it.
  auto it = s.knowledge.articles.find(b.article_id);
  if (it == s.knowledge.articles.end()) return {};
  const auto& a = it->second;
  const bool still = a.status == ArticleStatus::published && (!b.customers_only || a.content.audience == ArticleAudience::customers);
  if (!still) return {};
  s.knowledge.index.remove(b.article_id);
  s.knowledge.articles.erase(it);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const KnowledgeSettingsChanged& b) {
  s.knowledge.settings = b.settings;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const KnowledgeSearchMissed& b) {
  auto& misses = s.knowledge.search_misses;
  misses.push_back(SearchMiss{b.query, e.at, e.actor});
  if (misses.size() > max_recorded_search_misses) misses.erase(misses.begin(), misses.begin() + static_cast<std::ptrdiff_t>(misses.size() - max_recorded_search_misses));
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const ArticleDeflectionRecorded& b) {
  auto& total = s.knowledge.deflection;
  auto& mine = s.knowledge.deflection_by_article[b.article_id];
  (b.submitted ? total.submitted : total.left) += 1;
  (b.submitted ? mine.submitted : mine.left) += 1;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const KnowledgeHygieneReviewed& b) {
  auto& weeks = s.knowledge.hygiene_weeks;
  weeks.push_back(HygieneWeek{b.week_start, e.at, b.counts});
  if (weeks.size() > max_hygiene_weeks) weeks.erase(weeks.begin(), weeks.begin() + static_cast<std::ptrdiff_t>(weeks.size() - max_hygiene_weeks));
  if (b.counts.total() > 0)
    support_apply::notify_business(s, e, "hygiene",
                                   "Knowledge-base hygiene for the week of " + core::format_date(core::date_of_ms(b.week_start)) + ": " +
                                       std::to_string(b.counts.total()) + (b.counts.total() == 1 ? " finding" : " findings") + " to look at.");
  return {};
}

} // namespace pd::domain::desk_apply
