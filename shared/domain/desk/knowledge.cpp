#include "shared/domain/desk/knowledge.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace pd::domain {

const char* label_of(ArticleStatus s) {
  switch (s) {
  case ArticleStatus::draft: return "Draft";
  case ArticleStatus::in_review: return "In review";
  case ArticleStatus::published: return "Published";
  case ArticleStatus::archived: return "Archived";
  case ArticleStatus::unknown: break;
  }
  return "Unknown";
}

const char* label_of(Difficulty d) {
  switch (d) {
  case Difficulty::beginner: return "Beginner";
  case Difficulty::intermediate: return "Intermediate";
  case Difficulty::advanced: return "Advanced";
  case Difficulty::none: break;
  }
  return "";
}

namespace {

// Words too common to tell articles apart.
constexpr std::array<std::string_view, 40> stop_words = {
    "a",  "an",  "and", "are", "as",  "at",  "be",   "by",   "can", "do",   "does", "for", "from", "how",
    "i",  "if",  "in",  "is",  "it",  "me",  "my",   "of",   "on",  "or",   "the",  "to",  "what", "when",
    "where", "why", "with", "you", "your", "we", "our", "this", "that", "there"};

bool is_stop_word(std::string_view w) { return std::find(stop_words.begin(), stop_words.end(), w) != stop_words.end(); }

constexpr std::size_t max_query_tokens = 16;
constexpr std::size_t max_prefix_expansion = 64;

} // namespace

std::vector<std::string> search_tokens(std::string_view text, std::size_t max_tokens) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2 && !is_stop_word(word) && std::find(out.begin(), out.end(), word) == out.end()) out.push_back(word);
    word.clear();
  };
  for (char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80) word.push_back(ch);
    else if (u >= 'A' && u <= 'Z') word.push_back(static_cast<char>(u - 'A' + 'a'));
    else flush();
    if (out.size() >= max_tokens) return out;
    if (word.size() > 40) flush(); // no word is that long: keep tokens bounded
  }
  flush();
  if (out.size() > max_tokens) out.resize(max_tokens);
  return out;
}

std::string normalized_question(std::string_view text) {
  std::string out;
  for (const auto& t : search_tokens(text)) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

void KnowledgeIndex::put(const Article& a) {
  remove(a.id);
  std::map<std::string, int> weights;
  auto add = [&](std::string_view text, int w) {
    for (auto& t : search_tokens(text, 4096)) weights[t] += w;
  };
  const auto& c = a.content;
  add(c.question, 3);
  add(c.quick_answer, 2);
  add(c.product_area, 2);
  add(c.applies_to, 1);
  for (const auto& s : c.steps) add(s, 1);
  for (const auto& v : c.variations) {
    add(v.when, 1);
    add(v.what, 1);
  }
  auto& mine = tokens_of[a.id];
  for (auto& [t, w] : weights) {
    auto& list = postings[t];
    auto at = std::lower_bound(list.begin(), list.end(), a.id, [](const Posting& p, ArticleId id) { return p.id < id; });
    list.insert(at, Posting{a.id, w});
    mine.push_back(t);
  }
  if (a.id >= 0 && static_cast<std::size_t>(a.id) >= meta.size()) meta.resize(static_cast<std::size_t>(a.id) + 1);
  if (a.id >= 0) meta[static_cast<std::size_t>(a.id)] = ArticleMeta{a.status, a.content.audience, a.author, a.updated_at};
}

void KnowledgeIndex::remove(ArticleId id) {
  auto it = tokens_of.find(id);
  if (it == tokens_of.end()) return;
  for (const auto& t : it->second) {
    auto p = postings.find(t);
    if (p == postings.end()) continue;
    auto& list = p->second;
    auto at = std::lower_bound(list.begin(), list.end(), id, [](const Posting& x, ArticleId v) { return x.id < v; });
    if (at != list.end() && at->id == id) list.erase(at);
    if (list.empty()) postings.erase(p);
  }
  tokens_of.erase(it);
  if (id >= 0 && static_cast<std::size_t>(id) < meta.size()) meta[static_cast<std::size_t>(id)] = ArticleMeta{};
  while (!meta.empty() && meta.back().status == ArticleStatus::unknown) meta.pop_back();
}

const Article* KnowledgeState::article(ArticleId id) const {
  auto it = articles.find(id);
  return it == articles.end() ? nullptr : &it->second;
}

void KnowledgeState::reindex() {
  index = {};
  for (const auto& [id, a] : articles) index.put(a);
}

namespace {

bool visible(ArticleStatus status, ArticleAudience audience, PersonId author, KnowledgeReader reader, PersonId person) {
  switch (reader) {
  case KnowledgeReader::business: return true;
  case KnowledgeReader::agent: return status == ArticleStatus::published || (person != 0 && author == person && status != ArticleStatus::archived);
  case KnowledgeReader::customer: return status == ArticleStatus::published && audience == ArticleAudience::customers;
  case KnowledgeReader::none: break;
  }
  return false;
}

} // namespace

bool article_visible(const Article& a, KnowledgeReader reader, PersonId person) {
  return visible(a.status, a.content.audience, a.author, reader, person);
}

std::vector<SearchHit> search_articles(const KnowledgeState& k, std::string_view query, KnowledgeReader reader, PersonId person,
                                       std::size_t limit, SearchMode mode) {
  limit = std::min(limit, max_search_results);
  if (query.size() > max_search_query) query = query.substr(0, max_search_query);
  const auto tokens = search_tokens(query, max_query_tokens);
  const auto& meta = k.index.meta;
  if (tokens.empty() || limit == 0 || reader == KnowledgeReader::none || meta.empty()) return {};
  // Dense by article id: how many query words each article holds, which word counted it last
  // (a word's prefix matches count once), and its score.
  std::vector<std::uint8_t> words(meta.size(), 0), last(meta.size(), 0);
  std::vector<int> score(meta.size(), 0);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto mark = static_cast<std::uint8_t>(i + 1);
    bool any = false;
    auto count = [&](const std::vector<Posting>& list, int factor) {
      for (const auto& p : list) {
        const auto at = static_cast<std::size_t>(p.id);
        if (last[at] != mark) {
          last[at] = mark;
          ++words[at];
        }
        score[at] += p.weight * factor;
        any = true;
      }
    };
    const auto& t = tokens[i];
    if (auto exact = k.index.postings.find(t); exact != k.index.postings.end()) count(exact->second, 2);
    if (i + 1 == tokens.size()) { // the word being typed: a prefix of a longer word counts too
      std::size_t expanded = 0;
      for (auto it = k.index.postings.upper_bound(t); it != k.index.postings.end() && expanded < max_prefix_expansion; ++it, ++expanded) {
        if (it->first.compare(0, t.size(), t) != 0) break;
        count(it->second, 1);
      }
    }
    if (!any && mode == SearchMode::all_words) return {}; // a word nothing holds
  }
  const auto needed = mode == SearchMode::all_words ? tokens.size() : (tokens.size() + 1) / 2;
  std::vector<SearchHit> hits;
  for (std::size_t id = 0; id < meta.size(); ++id) {
    if (words[id] < needed || words[id] == 0) continue;
    const auto& m = meta[id];
    if (m.status == ArticleStatus::archived || !visible(m.status, m.audience, m.author, reader, person)) continue;
    hits.push_back({static_cast<ArticleId>(id), score[id]});
  }
  const auto n = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(), [&](const SearchHit& a, const SearchHit& b) {
    if (a.score != b.score) return a.score > b.score;
    const auto ua = meta[static_cast<std::size_t>(a.id)].updated_at, ub = meta[static_cast<std::size_t>(b.id)].updated_at;
    if (ua != ub) return ua > ub;
    return a.id < b.id;
  });
  hits.resize(n);
  return hits;
}

const Article* exact_question_match(const KnowledgeState& k, std::string_view text) {
  if (text.size() > max_article_question * 2) return nullptr;
  const auto wanted = normalized_question(text);
  if (wanted.empty()) return nullptr;
  // Candidates share the question's words: look only at articles holding its first token.
  const auto tokens = search_tokens(text, max_query_tokens);
  auto p = k.index.postings.find(tokens.front());
  if (p == k.index.postings.end()) return nullptr;
  for (const auto& posting : p->second) {
    auto a = k.article(posting.id);
    if (a && article_visible(*a, KnowledgeReader::customer, 0) && normalized_question(a->content.question) == wanted) return a;
  }
  return nullptr;
}

int deflection_permille(const DeflectionCounts& d) {
  const auto total = d.left + d.submitted;
  if (total <= 0) return -1;
  return static_cast<int>((d.left * 1000 + total / 2) / total);
}

std::optional<core::Error> content_problem(const KnowledgeState& k, const ArticleContent& c, ArticleId self) {
  using core::ErrorCode;
  using core::make_error;
  const std::string f = "data.article.";
  auto too_long = [&](const std::string& v, std::size_t max, const std::string& name) -> std::optional<core::Error> {
    if (v.size() > max)
      return make_error(ErrorCode::invalid_field, "'" + f + name + "' is at most " + std::to_string(max) + " bytes.", f + name);
    return std::nullopt;
  };
  if (c.question.empty()) return make_error(ErrorCode::missing_field, "Write the problem as a question: it is the article's title.", f + "question");
  if (auto e = too_long(c.question, max_article_question, "question")) return e;
  if (auto e = too_long(c.applies_to, max_article_applies_to, "applies_to")) return e;
  if (c.quick_answer.empty()) return make_error(ErrorCode::missing_field, "Give a quick answer of 2-3 sentences.", f + "quick_answer");
  if (auto e = too_long(c.quick_answer, max_article_quick_answer, "quick_answer")) return e;
  if (c.steps.size() > max_article_steps)
    return make_error(ErrorCode::invalid_field, "An article has at most " + std::to_string(max_article_steps) + " steps.", f + "steps");
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const auto name = "steps[" + std::to_string(i) + "]";
    if (c.steps[i].empty()) return make_error(ErrorCode::invalid_field, "A step says what to do.", f + name);
    if (auto e = too_long(c.steps[i], max_article_step, name)) return e;
  }
  if (c.variations.size() > max_article_variations)
    return make_error(ErrorCode::invalid_field, "An article has at most " + std::to_string(max_article_variations) + " variations.",
                      f + "variations");
  for (std::size_t i = 0; i < c.variations.size(); ++i) {
    const auto name = "variations[" + std::to_string(i) + "]";
    if (c.variations[i].when.empty()) return make_error(ErrorCode::missing_field, "Say when the variation applies.", f + name + ".when");
    if (c.variations[i].what.empty()) return make_error(ErrorCode::missing_field, "Say what to do instead.", f + name + ".what");
    if (auto e = too_long(c.variations[i].when, max_article_variation_when, name + ".when")) return e;
    if (auto e = too_long(c.variations[i].what, max_article_variation_what, name + ".what")) return e;
  }
  if (c.related.size() > max_article_related)
    return make_error(ErrorCode::invalid_field, "An article links at most " + std::to_string(max_article_related) + " related articles.",
                      f + "related");
  for (std::size_t i = 0; i < c.related.size(); ++i) {
    const auto name = f + "related[" + std::to_string(i) + "]";
    if (c.related[i] == self && self != 0) return make_error(ErrorCode::invalid_field, "An article is not related to itself.", name);
    if (!k.article(c.related[i])) return make_error(ErrorCode::not_found, "No such article.", name);
    for (std::size_t j = 0; j < i; ++j)
      if (c.related[j] == c.related[i]) return make_error(ErrorCode::invalid_field, "That article is listed twice.", name);
  }
  if (auto e = too_long(c.still_stuck, max_article_still_stuck, "still_stuck")) return e;
  if (auto e = too_long(c.product_area, max_article_product_area, "product_area")) return e;
  if (c.audience == ArticleAudience::unknown)
    return make_error(ErrorCode::invalid_field, "An article is public (customers) or internal (agents and the business).", f + "audience");
  return std::nullopt;
}

void to_json(nlohmann::json& j, const KnowledgeState& k) {
  nlohmann::json articles = nlohmann::json::array();
  for (const auto& [id, a] : k.articles) articles.push_back(a);
  nlohmann::json by_article = nlohmann::json::array();
  for (const auto& [id, d] : k.deflection_by_article) by_article.push_back({{"article_id", id}, {"counts", d}});
  j = {{"settings", k.settings}, {"articles", articles}, {"search_misses", k.search_misses}, {"deflection", k.deflection},
       {"deflection_by_article", by_article}, {"hygiene_weeks", k.hygiene_weeks}};
}

void from_json(const nlohmann::json& j, KnowledgeState& k) {
  k = {};
  if (j.contains("settings")) k.settings = j.at("settings").get<KnowledgeSettings>();
  for (const auto& a : j.value("articles", nlohmann::json::array())) {
    auto v = a.get<Article>();
    k.articles[v.id] = std::move(v);
  }
  if (j.contains("search_misses")) k.search_misses = j.at("search_misses").get<std::vector<SearchMiss>>();
  if (j.contains("deflection")) k.deflection = j.at("deflection").get<DeflectionCounts>();
  if (j.contains("hygiene_weeks")) k.hygiene_weeks = j.at("hygiene_weeks").get<std::vector<HygieneWeek>>();
  for (const auto& d : j.value("deflection_by_article", nlohmann::json::array()))
    k.deflection_by_article[d.at("article_id").get<ArticleId>()] = d.at("counts").get<DeflectionCounts>();
  k.reindex();
}

} // namespace pd::domain
