#include "shared/domain/desk/knowledge_hygiene.hpp"

#include <algorithm>
#include <set>

namespace pd::domain {

namespace {

constexpr std::int64_t hygiene_day_ms = 86'400'000;

// Similarity of two token sets in percent (shared over all, Jaccard).
int similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t shared = 0;
  for (const auto& t : a)
    if (std::find(b.begin(), b.end(), t) != b.end()) ++shared;
  const auto all = a.size() + b.size() - shared;
  return static_cast<int>(shared * 100 / all);
}

// A subject's words with a plural or third-person "s" taken off ("emails" and "email" ask the same).
std::vector<std::string> subject_words(std::string_view subject) {
  auto words = search_tokens(subject, 16);
  for (auto& w : words)
    if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

constexpr int same_question_percent = 50; // ticket subjects asking the same thing
constexpr int duplicate_percent = 60;     // article questions covering the same topic

} // namespace

KnowledgeHygiene knowledge_hygiene(const ProgramState& s, TimeMs now) {
  KnowledgeHygiene h;
  h.computed_at = now;
  h.review_after_days = s.knowledge.settings.review_after_days;
  h.deflection = s.knowledge.deflection;
  const auto& k = s.knowledge;

  // Questions asked 3+ times without an article: clusters of similar subjects per category,
  // newest tickets first.
  struct Open {
    QuestionCluster cluster;
    std::vector<std::string> tokens;
  };
  std::vector<Open> clusters;
  std::size_t looked = 0;
  for (auto it = s.tickets.rbegin(); it != s.tickets.rend() && looked < hygiene_max_tickets; ++it, ++looked) {
    const auto& t = it->second;
    if (t.opened_at < now - hygiene_ticket_window_days * hygiene_day_ms) break; // ids grow with opening time
    auto tokens = subject_words(t.subject);
    if (tokens.empty()) continue;
    Open* home = nullptr;
    for (auto& c : clusters)
      if (c.cluster.category == t.category && similarity(c.tokens, tokens) >= same_question_percent) {
        home = &c;
        break;
      }
    if (!home) {
      clusters.push_back(Open{QuestionCluster{t.category, t.subject, {}}, tokens});
      home = &clusters.back();
    }
    if (home->cluster.tickets.size() < max_article_from_tickets) home->cluster.tickets.push_back(t.id);
  }
  for (auto& c : clusters) {
    if (c.cluster.tickets.size() < hygiene_min_repeats) continue;
    // Answered when a published article (or one being written from these tickets) matches the question.
    bool answered = !search_articles(k, c.cluster.subject, KnowledgeReader::agent, 0, 1).empty();
    for (const auto& [id, a] : k.articles) {
      if (answered) break;
      if (a.status == ArticleStatus::archived) continue;
      for (auto t : a.from_tickets)
        if (std::find(c.cluster.tickets.begin(), c.cluster.tickets.end(), t) != c.cluster.tickets.end()) {
          answered = true;
          break;
        }
    }
    if (!answered && h.unanswered.size() < hygiene_max_items) h.unanswered.push_back(std::move(c.cluster));
  }

  // Articles not reviewed in N days; articles without tags.
  const TimeMs stale_before = now - static_cast<TimeMs>(k.settings.review_after_days) * hygiene_day_ms;
  for (const auto& [id, a] : k.articles) {
    if (a.status == ArticleStatus::archived) continue;
    if (a.status == ArticleStatus::published && a.reviewed_at < stale_before && h.not_reviewed.size() < hygiene_max_items)
      h.not_reviewed.push_back(StaleArticle{id, a.content.question, a.reviewed_at, (now - a.reviewed_at) / hygiene_day_ms});
    const bool no_area = a.content.product_area.empty(), no_level = a.content.difficulty == Difficulty::none;
    if ((no_area || no_level) && h.untagged.size() < hygiene_max_items) h.untagged.push_back(UntaggedArticle{id, a.content.question, no_area, no_level});
  }
  std::sort(h.not_reviewed.begin(), h.not_reviewed.end(), [](const StaleArticle& a, const StaleArticle& b) { return a.reviewed_at < b.reviewed_at; });

  // Searches with no result, most often first.
  std::map<std::string, MissedSearch> misses;
  for (const auto& m : k.search_misses) {
    auto& x = misses[m.query];
    x.query = m.query;
    x.times += 1;
    x.last_at = std::max(x.last_at, m.at);
  }
  for (auto& [q, m] : misses) h.missed_searches.push_back(m);
  std::sort(h.missed_searches.begin(), h.missed_searches.end(), [](const MissedSearch& a, const MissedSearch& b) {
    return a.times != b.times ? a.times > b.times : a.last_at > b.last_at;
  });
  if (h.missed_searches.size() > hygiene_max_items) h.missed_searches.resize(hygiene_max_items);

  // Likely duplicates: questions sharing most of their words (the newest articles, compared
  // through the words they share).
  std::vector<std::pair<ArticleId, std::vector<std::string>>> recent;
  for (auto it = k.articles.rbegin(); it != k.articles.rend() && recent.size() < hygiene_max_articles; ++it)
    if (it->second.status != ArticleStatus::archived) recent.emplace_back(it->first, search_tokens(it->second.content.question, 32));
  std::map<std::string, std::vector<std::size_t>> by_word;
  for (std::size_t i = 0; i < recent.size(); ++i)
    for (const auto& t : recent[i].second) by_word[t].push_back(i);
  std::set<std::pair<std::size_t, std::size_t>> compared;
  for (const auto& [word, holders] : by_word) {
    if (holders.size() > 200) continue; // a word in that many questions says nothing
    for (std::size_t x = 0; x < holders.size(); ++x)
      for (std::size_t y = x + 1; y < holders.size(); ++y) {
        if (!compared.insert({holders[x], holders[y]}).second) continue;
        const auto& a = recent[holders[x]];
        const auto& b = recent[holders[y]];
        const int sim = similarity(a.second, b.second);
        if (sim >= duplicate_percent && h.duplicates.size() < hygiene_max_items) {
          const auto first = std::min(a.first, b.first), second = std::max(a.first, b.first);
          h.duplicates.push_back(DuplicatePair{first, second, k.articles.at(first).content.question, k.articles.at(second).content.question, sim});
        }
      }
  }
  std::sort(h.duplicates.begin(), h.duplicates.end(), [](const DuplicatePair& a, const DuplicatePair& b) {
    return a.first != b.first ? a.first < b.first : a.second < b.second;
  });
  return h;
}

ArticleContent draft_from_tickets(const ProgramState& s, const std::vector<TicketId>& tickets) {
  ArticleContent c;
  c.audience = ArticleAudience::customers;
  for (auto id : tickets) {
    auto t = s.ticket(id);
    if (!t) continue;
    if (c.question.empty()) {
      c.question = t->subject.substr(0, max_article_question - 1);
      if (!c.question.empty() && c.question.back() != '?') c.question += '?';
    }
    if (c.quick_answer.empty())
      for (const auto& m : t->messages)
        // An answer: after the opening message (which the business may have written for the customer).
        if (m.id > 1 && m.kind == MessageKind::reply && m.automatic.empty() && m.author != 0 && m.author_role != identity::Role::customer) {
          c.quick_answer = m.text.substr(0, max_article_quick_answer);
          break;
        }
  }
  return c;
}

TimeMs hygiene_week_start(TimeMs at) {
  constexpr TimeMs day = 86'400'000;
  const TimeMs days = at >= 0 ? at / day : (at - day + 1) / day; // whole days since 1970-01-01, a Thursday
  return (days - (days + 3) % 7) * day;
}

HygieneCounts counts_of(const KnowledgeHygiene& h) {
  return HygieneCounts{static_cast<std::int64_t>(h.unanswered.size()), static_cast<std::int64_t>(h.not_reviewed.size()),
                       static_cast<std::int64_t>(h.missed_searches.size()), static_cast<std::int64_t>(h.duplicates.size()),
                       static_cast<std::int64_t>(h.untagged.size())};
}

bool hygiene_due(const ProgramState& s, TimeMs now) {
  if (s.knowledge.articles.empty() && s.tickets.empty()) return false;
  const auto& weeks = s.knowledge.hygiene_weeks;
  return weeks.empty() || weeks.back().week_start < hygiene_week_start(now);
}

std::vector<EventBody> run_hygiene(const ProgramState& s, TimeMs now) {
  if (!hygiene_due(s, now)) return {};
  return {KnowledgeHygieneReviewed{hygiene_week_start(now), counts_of(knowledge_hygiene(s, now))}};
}

} // namespace pd::domain
