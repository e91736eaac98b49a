// An agent's performance history: the ratings it received are dated and in its history, the
// score's components carry their weights in words and numbers, and the score is followed day
// by day. Scores worked out by hand in the comments.
#include "../program_fixture.hpp"

#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/performance.hpp"

namespace test_unit_shared_domain_support_performance { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;

namespace {

constexpr PersonId staff = 3, ava = 4, jordan = 6;


TicketId answered_and_rated(Given& g, TimeMs opened, std::int64_t answer_after_ms, int customer_score, int business_score) {
  auto events = run(g, OpenTicket{0, "Exporting reports", "How do I export a report?", {}, {}, {}, {}}, jordan, opened);
  const auto id = std::get<TicketOpened>(events.at(0)).ticket_id;
  run(g, ReplyToTicket{id, "Reports > Export.", false, TicketStatus::resolved, {}, false}, ava, opened + answer_after_ms);
  run(g, CloseTicket{id, ""}, jordan, opened + answer_after_ms + hour_ms);
  run(g, RateTicket{id, customer_score, customer_score, customer_score, customer_score, ""}, jordan, opened + answer_after_ms + hour_ms);
  if (business_score) run(g, RateTicketHandling{id, business_score, std::nullopt, ""}, staff, opened + answer_after_ms + 2 * hour_ms);
  return id;
}

} // namespace

TEST_CASE("ratings an agent receives are dated and written into its history") {
  auto g = acme();
  const auto id = answered_and_rated(g, t0, hour_ms, 4, 5);
  const auto& rec = g.state.agent_support.at(ava);
  REQUIRE(rec.ratings.size() == 2);
  CHECK(rec.ratings[0] == RatingSample{t0 + 2 * hour_ms, id, false, 4});
  CHECK(rec.ratings[1] == RatingSample{t0 + 3 * hour_ms, id, true, 5});
  REQUIRE(rec.history.size() == 2);
  CHECK(rec.history[0].kind == "customer_rating");
  CHECK(rec.history[0].detail == "Jordan Lee rated \"Exporting reports\" 4/5");
  CHECK(rec.history[1].kind == "business_rating");
  CHECK(history_label(rec.history[1].kind) == "Business rating");
  CHECK(history_label("overdue_first_response") == "Overdue: first response");
  CHECK(history_is_negative("escalated"));
  CHECK_FALSE(history_is_negative("customer_rating"));
}

TEST_CASE("the score's components explain the weights in words and numbers, scaling up over missing data") {
  auto g = acme();
  // Answered after 6 h (in the Standard tier's 12 h): SLA 100, response 100 x (1 - 6/24) = 75,
  // customer 3/5 -> 50, no business rating: weights 40 + 20 + 25 = 85 scale up to 100.
  answered_and_rated(g, t0, 6 * hour_ms, 3, 0);
  const auto now = t0 + day_ms;
  const auto parts = score_components(g.state.agent_support.at(ava), now);
  REQUIRE(parts.size() == 4);
  CHECK(std::string(parts[0].name) == "SLA compliance");
  CHECK(parts[0].weight == doctest::Approx(0.40));
  CHECK(parts[0].value == doctest::Approx(100));
  CHECK(parts[0].share == doctest::Approx(40.0 / 85));
  CHECK(parts[0].detail == "1 of 1 first responses in time");
  CHECK(parts[1].value == doctest::Approx(75));
  CHECK(parts[1].detail == "Average first response 6 h over 1 ticket");
  CHECK(parts[2].value == doctest::Approx(50));
  CHECK(parts[2].detail == "Average 3.0/5 over 1 rating");
  CHECK(parts[3].value == doctest::Approx(-1));
  CHECK(parts[3].share == 0);
  CHECK(parts[3].detail == "No business ratings yet");
  CHECK_FALSE(parts[1].measures.empty());
  // (100 x 40 + 75 x 20 + 50 x 25) / 85 = 6750 / 85 = 79.4
  const double score = performance_of(g.state.agent_support.at(ava), now).score;
  CHECK(score == doctest::Approx(6750.0 / 85));
  CHECK(score_explanation(parts, score) ==
        "Score 79 = SLA compliance 100 \xC3\x97 47% + Response time 75 \xC3\x97 24% + Customer ratings 50 \xC3\x97 29%. Components without "
        "data are left out and the others' weights (40%, 20%, 25%, 15%) scale up to 100%.");
  CHECK(score_explanation(score_components(AgentSupport{}, now), -1) == "No score yet: it starts with the first ticket due or rated.");
}

TEST_CASE("the score over time: each day's point is the score as it stood that day") {
  auto g = acme();
  // Day 0: answered at once, rated 5/5 -> SLA 100, response 100 x (1 - 1/24), customer 100.
  answered_and_rated(g, t0, hour_ms, 5, 0);
  // Day 3: the next ticket misses its first response (12 h), then is answered after 20 h and rated 1/5.
  auto events = run(g, OpenTicket{0, "Invoices", "Where are my invoices?", {}, {}, {}, {}}, jordan, t0 + 3 * day_ms);
  const auto late = std::get<TicketOpened>(events.at(0)).ticket_id;
  const auto timers = when_ok(g.state, RunTimers{}, support_rules::system_actor, t0 + 3 * day_ms + 13 * hour_ms);
  for (const auto& e : timers) g.event(support_rules::system_actor, e, t0 + 3 * day_ms + 13 * hour_ms);
  run(g, ReplyToTicket{late, "Billing > Invoices.", false, TicketStatus::resolved, {}, false}, ava, t0 + 3 * day_ms + 20 * hour_ms);
  run(g, CloseTicket{late, ""}, jordan, t0 + 4 * day_ms);
  run(g, RateTicket{late, 1, 1, 1, 1, ""}, jordan, t0 + 4 * day_ms);

  const auto& rec = g.state.agent_support.at(ava);
  const auto now = t0 + 6 * day_ms;
  const auto points = score_history(rec, now, 6);
  REQUIRE(points.size() == 7);
  CHECK(points.front().at == t0);
  CHECK(points.back().at == now);
  // t0 itself: nothing had happened yet.
  CHECK(points[0].score == doctest::Approx(-1));
  // Days 1-3: (100 x 40 + 100 x 23/24 x 20 + 100 x 25) / 85
  const double good = (100 * 40 + 100.0 * 23 / 24 * 20 + 100 * 25) / 85;
  CHECK(points[1].score == doctest::Approx(good));
  CHECK(points[3].score == doctest::Approx(good));
  // From day 5: SLA 1 of 2 -> 50; response average (1 h + 20 h) / 2 = 10.5 h -> 100 x (1 - 10.5/24);
  // customer (5 + 1) / 2 = 3 -> 50.
  const double after = (50 * 40 + 100 * (1 - 10.5 / 24) * 20 + 50 * 25) / 85.0;
  CHECK(points[5].score == doctest::Approx(after));
  CHECK(points[6].score == doctest::Approx(performance_of(rec, now).score));
  const auto summary = summarize(rec, now);
  CHECK(summary.overdue_first_response == 1);
  CHECK(summary.customer_ratings == 2);
  CHECK(summary.escalations == 0);
}

TEST_CASE("the performance history's JSON carries components, the explanation, 31 daily points and the summary") {
  auto g = acme();
  answered_and_rated(g, t0, hour_ms, 4, 4);
  const auto j = performance_history_json(g.state.agent_support.at(ava), t0 + day_ms);
  CHECK(j.at("components").size() == 4);
  CHECK(j.at("components")[0].at("weight") == doctest::Approx(0.4));
  CHECK(j.at("components")[3].at("name") == "Business ratings");
  CHECK(j.at("score_history").size() == score_history_days + 1);
  CHECK(j.at("score_history").back().at("at") == t0 + day_ms);
  CHECK(j.at("summary").at("business_ratings") == 1);
  CHECK(j.at("explanation").get<std::string>().rfind("Score ", 0) == 0);
}

} // namespace test_unit_shared_domain_support_performance
