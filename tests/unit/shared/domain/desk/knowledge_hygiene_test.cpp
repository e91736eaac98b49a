// The knowledge base's hygiene list (desk/knowledge_hygiene.hpp): what it finds, and the draft an
// article written from tickets starts from.
#include "../program_fixture.hpp"

#include "shared/domain/commands.hpp"
#include "shared/domain/desk/knowledge_hygiene.hpp"
#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_desk_knowledge_hygiene { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;

namespace {

constexpr PersonId staff_id = 3, ava_id = 4, jordan_id = 6;
constexpr TimeMs day = 86'400'000;

ArticleContent article(const char* question, bool tagged = true) {
  ArticleContent c;
  c.question = question;
  c.quick_answer = "The answer.";
  c.audience = ArticleAudience::customers;
  if (tagged) {
    c.product_area = "Billing";
    c.difficulty = Difficulty::beginner;
  }
  return c;
}

} // namespace

TEST_CASE("hygiene lists repeated questions, stale, duplicate and untagged articles, and missed searches") {
  Given g = acme();
  auto open = [&](const char* subject, TimeMs at) { run(g, OpenTicket{0, subject, "Details.", {}, {}, {}, {}}, jordan_id, at); };
  open("Export to CSV fails", t0);
  open("CSV export fails with timeout", t0 + 1);
  open("export csv fails again", t0 + 2);
  open("Where is my invoice?", t0 + 3); // asked once
  run(g, SaveArticle{0, article("How do I change my plan?"), 0, {}}, staff_id, t0 - 400 * day);
  run(g, PublishArticle{1}, staff_id, t0 - 400 * day);
  run(g, SaveArticle{0, article("How can I change my plan?"), 0, {}}, staff_id);
  run(g, SaveArticle{0, article("How do I add a teammate?", false), 0, {}}, staff_id);
  run(g, RecordSearchMiss{"sso okta"}, jordan_id);
  run(g, RecordSearchMiss{"sso okta"}, jordan_id, t0 + 2 * 3'600'000);
  run(g, RecordSearchMiss{"dark mode"}, jordan_id);

  const auto h = knowledge_hygiene(g.state, t0 + day);
  REQUIRE(h.unanswered.size() == 1);
  CHECK(h.unanswered[0].tickets == std::vector<TicketId>{3, 2, 1});
  CHECK(h.unanswered[0].subject == "export csv fails again");
  REQUIRE(h.not_reviewed.size() == 1);
  CHECK(h.not_reviewed[0].id == 1);
  CHECK(h.not_reviewed[0].days == 401);
  REQUIRE(h.duplicates.size() == 1);
  CHECK(h.duplicates[0].first == 1);
  CHECK(h.duplicates[0].second == 2);
  REQUIRE(h.untagged.size() == 1);
  CHECK(h.untagged[0].id == 3);
  REQUIRE(h.missed_searches.size() == 2);
  CHECK(h.missed_searches[0].query == "sso okta");
  CHECK(h.missed_searches[0].times == 2);

  // An article written from those tickets takes the question off the list.
  auto draft = draft_from_tickets(g.state, h.unanswered[0].tickets);
  CHECK(draft.question == "export csv fails again?");
  draft.quick_answer = "Exports over 100,000 rows run in the background; you get an email.";
  run(g, SaveArticle{0, draft, 0, h.unanswered[0].tickets}, ava_id);
  CHECK(knowledge_hygiene(g.state, t0 + day).unanswered.empty());
}

TEST_CASE("the scheduler reviews the hygiene list once a week and tells the business") {
  Given g = acme();
  constexpr PersonId owner_id = 1;
  const TimeMs monday = t0 - 3 * day; // 2025-12-29, the Monday of t0's week
  CHECK(hygiene_week_start(t0) == monday);
  CHECK(hygiene_week_start(monday) == monday);
  CHECK(hygiene_week_start(monday - 1) == monday - 7 * day);
  CHECK_FALSE(hygiene_due(g.state, t0)); // nothing to review yet: no article, no ticket
  run(g, SaveArticle{0, article("How do I add a teammate?", false), 0, {}}, staff_id, t0);
  REQUIRE(hygiene_due(g.state, t0));
  const auto notes_before = g.state.inboxes[owner_id].items.size();
  run(g, RunTimers{}, 0, t0 + 1);
  REQUIRE(g.state.knowledge.hygiene_weeks.size() == 1);
  CHECK(g.state.knowledge.hygiene_weeks[0].week_start == monday);
  CHECK(g.state.knowledge.hygiene_weeks[0].counts.untagged == 1);
  CHECK(g.state.knowledge.hygiene_weeks[0].counts.total() == 1);
  REQUIRE(g.state.inboxes[owner_id].items.size() == notes_before + 1);
  CHECK(g.state.inboxes[owner_id].items.back().kind == "hygiene");
  CHECK(g.state.inboxes[owner_id].items.back().text.find("1 finding") != std::string::npos);
  // Not again in the same week; again the next week, and only twelve weeks are kept.
  CHECK_FALSE(hygiene_due(g.state, t0 + 3 * day));
  CHECK(run_hygiene(g.state, t0 + 3 * day).empty());
  CHECK(hygiene_due(g.state, monday + 7 * day));
  for (int w = 1; w <= 14; ++w) run(g, RunTimers{}, 0, monday + w * 7 * day + 60'000);
  CHECK(g.state.knowledge.hygiene_weeks.size() == max_hygiene_weeks);
  CHECK(g.state.knowledge.hygiene_weeks.back().week_start == monday + 14 * 7 * day);
  // Only the scheduler runs it, and only the business sees the reviews.
  CHECK(when_refused(g.state, RunTimers{}, staff_id).code == pd::core::ErrorCode::forbidden);
  CHECK(visible_state(g.state, ava_id).knowledge.hygiene_weeks.empty());
  CHECK(visible_state(g.state, staff_id).knowledge.hygiene_weeks.size() == max_hygiene_weeks);
}

TEST_CASE("the review period is a program setting, 7 to 730 days") {
  Given g = acme();
  run(g, ChangeKnowledgeSettings{KnowledgeSettings{30}}, 1);
  CHECK(g.state.knowledge.settings.review_after_days == 30);
  CHECK(when_refused(g.state, ChangeKnowledgeSettings{KnowledgeSettings{30}}, staff_id).code == pd::core::ErrorCode::forbidden);
  CHECK_FALSE(decode_command("ChangeKnowledgeSettings", nlohmann::json{{"review_after_days", 3}}).ok());
  CHECK(decode_command("ChangeKnowledgeSettings", nlohmann::json{{"review_after_days", 3}}).error().field == "data.review_after_days");
}

} // namespace test_unit_shared_domain_desk_knowledge_hygiene
