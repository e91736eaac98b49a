// How long the routing rules take per ticket: 100 rules (the seed's nine defaults and 91 more of
// one to four conditions each) evaluated with the shared desk::evaluate() against 1,000,000
// tickets, natively and, compiled to wasm, in the browser (or under node). The tickets' facts
// cycle through 4,096 varied ones (category, tags, priority, plan, MRR, lifetime value,
// sentiment, first contact, repeat issue, tenure, restricted topics), so memory stays small and
// the rules see every kind. Prints "routing <rules> rules x <tickets> tickets: <ms> ms, <us> us
// per ticket, <fired> rules fired (best of 3)".
#include "shared/domain/desk/routing.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace pd::domain;
using desk::ActionKind;
using desk::ConditionField;

int main(int argc, char** argv) {
  const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  std::uint64_t x = 88172645463325252ull;
  auto rnd = [&] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
  const char* segments[] = {"Starter", "Growth", "Enterprise", "Pro", "Free"};
  const char* sentiments[] = {"positive", "neutral", "negative", "mixed"};
  const char* escalations[] = {"", "", "", "frustrated", "angry", "calm"};
  const char* topics[] = {"refunds", "legal", "medical", "pricing"};

  auto rules = desk::default_routing(1);
  while (rules.rules.size() < 100) {
    desk::RoutingRule r;
    r.id = "rule-" + std::to_string(rules.rules.size());
    r.name = "Rule " + std::to_string(rules.rules.size());
    const int conditions = 1 + static_cast<int>(rnd() % 4);
    for (int c = 0; c < conditions; ++c) {
      desk::RuleCondition cond;
      switch (rnd() % 8) {
      case 0: cond = {ConditionField::category, to_string(all_categories[rnd() % all_categories.size()]), 0, true}; break;
      case 1: cond = {ConditionField::segment, segments[rnd() % 5], 0, true}; break;
      case 2: cond = {ConditionField::priority, to_string(static_cast<Priority>(rnd() % 4)), 0, true}; break;
      case 3: cond = {ConditionField::mrr_above, {}, static_cast<std::int64_t>(rnd() % 200'000), true}; break;
      case 4: cond = {ConditionField::ltv_below, {}, static_cast<std::int64_t>(rnd() % 2'000'000), true}; break;
      case 5: cond = {ConditionField::tenure_under_days, {}, 1 + static_cast<std::int64_t>(rnd() % 365), true}; break;
      case 6: cond = {ConditionField::sentiment, sentiments[rnd() % 4], 0, true}; break;
      default: cond = {ConditionField::restricted_topic, topics[rnd() % 4], 0, true}; break;
      }
      r.conditions.push_back(cond);
    }
    r.actions.push_back({ActionKind::route_to_team, rules.teams[rnd() % rules.teams.size()].key, 0, {}});
    if (rnd() % 3 == 0) r.actions.push_back({ActionKind::flag, {}, 0, "vip"});
    rules.rules.push_back(std::move(r));
  }

  std::vector<desk::RoutingFacts> pool(4096);
  for (auto& f : pool) {
    f.category = all_categories[rnd() % all_categories.size()];
    if (rnd() % 3 == 0) f.tags.push_back(all_categories[rnd() % all_categories.size()]);
    f.priority = static_cast<Priority>(rnd() % 4);
    f.segment = segments[rnd() % 5];
    f.mrr_minor = static_cast<std::int64_t>(rnd() % 300'000);
    f.ltv_minor = static_cast<std::int64_t>(rnd() % 3'000'000);
    f.sentiment = sentiments[rnd() % 4];
    f.escalation_sentiment = escalations[rnd() % 6];
    f.first_contact = rnd() % 4 == 0;
    f.repeat_issue = rnd() % 10 == 0;
    if (rnd() % 10 != 0) f.tenure_days = static_cast<std::int64_t>(rnd() % 1500);
    if (rnd() % 8 == 0) f.restricted_topics.push_back(topics[rnd() % 4]);
  }

  double best = 1e300;
  std::size_t fired = 0;
  for (int run = 0; run < 3; ++run) {
    std::size_t total = 0;
    const auto start = std::chrono::steady_clock::now();
    for (std::int64_t i = 0; i < n; ++i) total += desk::evaluate(rules, pool[static_cast<std::size_t>(i) & 4095]).fired.size();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, ms);
    fired = total;
  }
  std::printf("routing %zu rules x %lld tickets: %.0f ms, %.3f us per ticket, %zu rules fired (best of 3)\n", rules.rules.size(),
              static_cast<long long>(n), best, best * 1000.0 / static_cast<double>(n), fired);
  return 0;
}
