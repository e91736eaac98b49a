// How long a knowledge-base search takes on the server: 10,000 published articles (questions,
// quick answers and steps drawn from a support vocabulary, as the seed's article structure has
// them), searched with the shared search_articles() for 2,000 queries of one to four words, the
// last often half-typed (as the customer's suggestions and the composer send them). Prints the
// median and the 99th percentile in ms, and the time to build the index.
#include "shared/domain/desk/knowledge.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace pd::domain;

namespace {

const std::vector<std::string> verbs = {"reset", "change", "export", "import", "connect", "cancel", "upgrade", "downgrade", "invite",
                                        "remove", "configure", "enable", "disable", "refund", "verify", "rename", "merge", "archive",
                                        "schedule", "download", "upload", "sync", "restore", "delete", "share"};
const std::vector<std::string> things = {"password", "invoice", "plan", "teammate", "workspace", "report", "dashboard", "webhook", "api key",
                                         "integration", "slack", "salesforce", "csv file", "billing address", "payment method", "two-factor",
                                         "single sign-on", "notification", "timezone", "language", "custom field", "tag", "segment",
                                         "permission", "audit log", "subscription", "receipt", "tax id", "domain", "email template"};
const std::vector<std::string> places = {"settings", "billing page", "admin console", "mobile app", "desktop app", "browser extension",
                                         "team page", "profile menu", "integrations tab", "reports tab"};

const std::string& pick(std::mt19937& rng, const std::vector<std::string>& v) { return v[rng() % v.size()]; }

} // namespace

int main(int argc, char** argv) {
  const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 10'000;
  const int queries = argc > 2 ? std::atoi(argv[2]) : 2'000;
  std::mt19937 rng(17);
  KnowledgeState k;
  for (ArticleId id = 1; id <= n; ++id) {
    Article a;
    a.id = id;
    a.status = ArticleStatus::published;
    a.updated_at = a.reviewed_at = 1'795'000'000'000 + id;
    auto& c = a.content;
    const auto verb = pick(rng, verbs), thing = pick(rng, things), place = pick(rng, places);
    c.question = "How do I " + verb + " my " + thing + " in the " + place + " (" + std::to_string(id) + ")?";
    c.applies_to = id % 3 ? "Growth and Enterprise plans" : "All plans";
    c.quick_answer = "Open the " + place + ", find " + thing + " and choose " + verb + ". Changes apply at once; the " + pick(rng, things) +
                     " is not affected.";
    for (int s = 0; s < 5; ++s) c.steps.push_back("Go to the " + pick(rng, places) + " and " + pick(rng, verbs) + " the " + pick(rng, things) + ".");
    c.variations.push_back({"On mobile", "Use the " + pick(rng, places) + " instead."});
    c.still_stuck = "Contact support in the app; include your workspace name.";
    c.product_area = id % 5 ? pick(rng, things) : "";
    c.difficulty = Difficulty::beginner;
    c.audience = id % 4 ? ArticleAudience::customers : ArticleAudience::internal;
    k.articles[id] = std::move(a);
  }
  const auto b0 = std::chrono::steady_clock::now();
  k.reindex();
  const double build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - b0).count();

  std::vector<std::string> qs;
  for (int i = 0; i < queries; ++i) {
    std::string q;
    const int words = 1 + static_cast<int>(rng() % 4);
    for (int w = 0; w < words; ++w) {
      const auto& pool = w % 2 ? things : verbs;
      if (!q.empty()) q += ' ';
      q += pick(rng, pool);
    }
    if (rng() % 2) q.resize(std::max<std::size_t>(2, q.size() - 2)); // half-typed last word
    qs.push_back(q);
  }
  std::vector<double> ms;
  std::size_t hits = 0;
  for (int round = 0; round < 2; ++round) { // the first round warms the caches
    ms.clear();
    for (std::size_t i = 0; i < qs.size(); ++i) {
      const auto reader = i % 3 == 0 ? KnowledgeReader::customer : KnowledgeReader::agent;
      const auto t0 = std::chrono::steady_clock::now();
      auto found = search_articles(k, qs[i], reader, 0, 10);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      hits += found.size();
    }
  }
  std::sort(ms.begin(), ms.end());
  const double median = ms[ms.size() / 2], p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], worst = ms.back();
  std::printf("knowledge search %lld articles, %d queries: median %.3f ms, p99 %.3f ms, max %.3f ms (index built in %.0f ms, %zu results)\n",
              static_cast<long long>(n), queries, median, p99, worst, build_ms, hits / 2);
  return 0;
}
