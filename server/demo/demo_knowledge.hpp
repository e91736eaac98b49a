// The demo program's knowledge base: 24 articles (public and internal, drafts, one not reviewed
// for over a year, one without a product area, two likely duplicates), searches that found
// nothing, a question customers keep asking without an article, and customers who read an
// article instead of writing a ticket, so every knowledge-base screen and the hygiene list
// have something real to show.
#pragma once

#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

#include <functional>
#include <map>
#include <string>

namespace pd::demo {

// run(command, by, at) executes a command at a story time (throws when refused).
using DemoRun = std::function<nlohmann::json(const domain::Command&, const domain::Actor&, domain::TimeMs)>;

// The articles, an agent's draft, the searches and the deflections: before the support story, so
// the scheduler's weekly hygiene reviews during the story have a knowledge base to review.
void knowledge_articles_story(const DemoRun& run, const domain::Actor& staff, const domain::Actor& agent, const domain::Actor& customer,
                              domain::TimeMs base);
// The question three customers asked without an article (the hygiene list's first finding).
// Then a question the knowledge base answered automatically, which the customer (Jordan)
// confirmed solved his problem.
void knowledge_questions_story(const DemoRun& run, const std::map<std::string, domain::CustomerId>& customers, const domain::Actor& staff,
                               const domain::Actor& customer, domain::TimeMs base);

} // namespace pd::demo
