// The quality loop (seed 002 section 6): the NPS question (when a customer is asked, the score,
// a detractor's follow-up), and the red flags the scheduler raises once while their condition
// holds and clears after, for each of the seed's five conditions and the business's thresholds.
#include "../program_fixture.hpp"

#include "shared/domain/support/check_ins.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/satisfaction.hpp"
#include "shared/domain/support/support_metrics.hpp"

#include <algorithm>
#include <set>

namespace test_unit_shared_domain_support_satisfaction { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, staff = 3, ava = 4, jordan = 6;
constexpr TimeMs minute = 60'000, hour = 3'600'000;

TicketId jordan_opens(Given& g, TimeMs at, const char* text = "How do I export a report?") {
  auto events = run(g, OpenTicket{0, "A question", text, {}, {}, {}, {}}, jordan, at);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}
void answer_and_resolve(Given& g, TicketId t, TimeMs at) {
  run(g, ReplyToTicket{t, "Here is how.", false, TicketStatus::resolved, {}, false, 0}, ava, at);
}
// The scheduler's pass: the events it records now.
std::vector<EventBody> timers(Given& g, TimeMs now) {
  auto events = when_ok(g.state, RunTimers{}, support_rules::system_actor, now);
  for (auto& e : events) g.event(support_rules::system_actor, e, now);
  return events;
}
template <class E>
std::vector<E> of_type(const std::vector<EventBody>& events) {
  std::vector<E> out;
  for (const auto& e : events)
    if (auto p = std::get_if<E>(&e)) out.push_back(*p);
  return out;
}
bool flag_active(const Given& g, const std::string& key) {
  for (const auto* f : active_red_flags(g.state))
    if (f->key == key) return true;
  return false;
}

} // namespace

TEST_CASE("the NPS score is promoters' share minus detractors' share, -100 to 100") {
  CHECK(nps_group(10) == NpsGroup::promoter);
  CHECK(nps_group(9) == NpsGroup::promoter);
  CHECK(nps_group(8) == NpsGroup::passive);
  CHECK(nps_group(7) == NpsGroup::passive);
  CHECK(nps_group(6) == NpsGroup::detractor);
  CHECK(nps_group(0) == NpsGroup::detractor);
  CHECK(*nps_score(2, 1, 1) == doctest::Approx(25.0));
  CHECK(*nps_score(0, 0, 3) == doctest::Approx(-100.0));
  CHECK_FALSE(nps_score(0, 0, 0));
}

TEST_CASE("a customer is asked once its ticket is resolved, at most once in the period; a detractor gets a follow-up within 24 hours") {
  auto g = acme();
  // Nothing resolved yet: not asked.
  CHECK(when_refused(g.state, AnswerNps{9, ""}, jordan).code == ErrorCode::conflict);
  const auto t = jordan_opens(g, t0);
  answer_and_resolve(g, t, t0 + hour);
  CHECK_FALSE(nps_refusal(g.state, 1, t0 + 2 * hour));
  // Only the customer answers.
  CHECK(when_refused(g.state, AnswerNps{9, ""}, ava).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, AnswerNps{9, ""}, staff).code == ErrorCode::forbidden);

  auto events = run(g, AnswerNps{3, "Too slow last week"}, jordan, t0 + 2 * hour);
  REQUIRE(events.size() == 2);
  const auto answer = std::get<NpsAnswered>(events[0]).answer;
  CHECK(answer.score == 3);
  CHECK(answer.agent_id == ava);
  const auto follow_up = std::get<CheckInScheduled>(events[1]).check_in;
  CHECK(follow_up.agent_id == ava); // Jordan's agent follows up
  CHECK(follow_up.due_at == t0 + 2 * hour + 24 * hour);
  CHECK(follow_up.note.find("answered 3 of 10") != std::string::npos);
  CHECK(answer.check_in_id == follow_up.id);

  // Asked again only after the period (90 days by default).
  const auto again = when_refused(g.state, AnswerNps{10, ""}, jordan, t0 + 30 * day_ms);
  CHECK(again.code == ErrorCode::conflict);
  CHECK(again.field == "data.score");
  CHECK(when_ok(g.state, AnswerNps{10, ""}, jordan, t0 + 2 * hour + 90 * day_ms).size() == 1); // a promoter: no follow-up
}

TEST_CASE("the week's NPS in the metrics counts answers, not \"Not now\"") {
  auto g = acme();
  const auto t = jordan_opens(g, t0);
  answer_and_resolve(g, t, t0 + hour);
  run(g, AnswerNps{-1, "ignored"}, jordan, t0 + 2 * hour);
  CHECK(g.state.nps_answers.back().comment.empty());
  const auto w = week_of(t0);
  CHECK_FALSE(support_metrics(g.state, {}, w, w, t0 + 3 * hour).nps_score);
  // Not asked again within the period after "Not now" either.
  CHECK(when_refused(g.state, AnswerNps{8, ""}, jordan, t0 + 3 * hour).code == ErrorCode::conflict);
  run(g, AnswerNps{10, ""}, jordan, t0 + 91 * day_ms);
  const auto later = week_of(t0 + 91 * day_ms);
  const auto m = support_metrics(g.state, {}, later, later, t0 + 91 * day_ms);
  REQUIRE(m.nps_score);
  CHECK(*m.nps_score == doctest::Approx(100.0));
  CHECK(m.nps_answers == 1);
  // The recount gives the same sums.
  auto recount = g.state;
  recount.index_tickets();
  CHECK(recount.metrics == g.state.metrics);
}

TEST_CASE("a detractor's red flag is raised once by the scheduler and cleared when the follow-up is done") {
  auto g = acme();
  const auto t = jordan_opens(g, t0);
  answer_and_resolve(g, t, t0 + hour);
  auto events = run(g, AnswerNps{2, ""}, jordan, t0 + 2 * hour);
  const auto check_in = std::get<CheckInScheduled>(events[1]).check_in.id;
  const std::string key = "nps_detractor:" + std::to_string(check_in);
  CHECK(red_flags_due(g.state, t0 + 2 * hour));
  auto raised = of_type<RedFlagRaised>(timers(g, t0 + 2 * hour));
  REQUIRE(raised.size() == 1);
  CHECK(raised[0].flag.key == key);
  CHECK(raised[0].flag.customer_id == 1);
  CHECK(raised[0].flag.evidence.find("answered 2 of 10") != std::string::npos);
  CHECK(flag_active(g, key));
  // The business is told.
  const auto& inbox = g.state.inboxes.at(owner).items;
  CHECK(inbox.back().kind == "red_flag");
  // Deduplicated while it holds.
  CHECK_FALSE(red_flags_due(g.state, t0 + 3 * hour));
  CHECK(of_type<RedFlagRaised>(timers(g, t0 + 3 * hour)).empty());
  run(g, CompleteCheckIn{check_in}, ava, t0 + 4 * hour);
  auto cleared = of_type<RedFlagCleared>(timers(g, t0 + 4 * hour));
  REQUIRE(cleared.size() == 1);
  CHECK(cleared[0].key == key);
  CHECK_FALSE(flag_active(g, key));
  REQUIRE(g.state.red_flags.size() == 1); // the history stays
  CHECK(g.state.red_flags[0].cleared_at == t0 + 4 * hour);
}

TEST_CASE("the same customer with 3 tickets in 7 days raises an outreach flag that clears as the week passes") {
  auto g = acme();
  jordan_opens(g, t0);
  jordan_opens(g, t0 + day_ms);
  CHECK(of_type<RedFlagRaised>(timers(g, t0 + day_ms)).empty());
  jordan_opens(g, t0 + 2 * day_ms);
  auto raised = of_type<RedFlagRaised>(timers(g, t0 + 2 * day_ms));
  REQUIRE(raised.size() >= 1);
  const auto repeat = std::find_if(raised.begin(), raised.end(), [](const RedFlagRaised& r) { return r.flag.kind == "repeat_customer"; });
  REQUIRE(repeat != raised.end());
  CHECK(repeat->flag.key == "repeat_customer:1");
  CHECK(repeat->flag.tickets.size() == 3);
  CHECK(repeat->flag.action.find("Jordan Lee") != std::string::npos);
  // Eight days after the first, only two are inside the window.
  timers(g, t0 + 7 * day_ms + hour);
  CHECK_FALSE(flag_active(g, "repeat_customer:1"));
}

TEST_CASE("a ticket unanswered beyond 2x its first-response window raises the staffing flag until it is answered") {
  auto g = acme();
  const auto t = jordan_opens(g, t0);
  const auto window = g.state.ticket(t)->sla.first_response_ms;
  REQUIRE(window > 0);
  timers(g, t0 + window + minute); // overdue, not yet 2x
  CHECK_FALSE(flag_active(g, "slow_first_response"));
  timers(g, t0 + 2 * window + minute);
  CHECK(flag_active(g, "slow_first_response"));
  run(g, ReplyToTicket{t, "Sorry for the wait.", false, std::nullopt, {}, false, 0}, ava, t0 + 2 * window + 2 * minute);
  timers(g, t0 + 2 * window + 3 * minute);
  CHECK_FALSE(flag_active(g, "slow_first_response"));
}

TEST_CASE("CSAT under the floor and a high reopen rate raise their flags; the business moves the thresholds") {
  auto g = acme();
  TimeMs at = t0;
  for (int i = 0; i < 5; ++i) {
    const auto t = jordan_opens(g, at);
    answer_and_resolve(g, t, at + minute);
    run(g, RateTicket{t, 3, 3, 3, i < 3 ? 3 : 4, ""}, jordan, at + 2 * minute); // 3, 3, 3, 4, 4: 3.4
    if (i < 2) { // reopened twice of five: 40%
      run(g, ReplyToTicket{t, "Still broken.", false, std::nullopt, {}, false, 0}, jordan, at + 3 * minute);
      answer_and_resolve(g, t, at + 4 * minute);
    }
    at += hour;
  }
  auto raised = of_type<RedFlagRaised>(timers(g, at));
  std::set<std::string> keys;
  for (const auto& r : raised) keys.insert(r.flag.key);
  CHECK(keys.count("csat_low"));
  CHECK(keys.count("reopen_rate"));
  for (const auto& r : raised)
    if (r.flag.key == "csat_low") {
      CHECK(r.flag.evidence.find("CSAT 3.40 from 5 ratings") != std::string::npos);
      CHECK(r.flag.tickets.size() == 5); // the closed tickets to audit (up to 20)
    }

  // Owners and admins move the thresholds; a floor of 3.0 clears the CSAT flag.
  QualitySettings q = g.state.quality;
  q.csat_floor_tenths = 30;
  CHECK(when_refused(g.state, ChangeQualitySettings{q}, staff).code == ErrorCode::forbidden);
  QualitySettings bad = q;
  bad.repeat_tickets = 1;
  CHECK(when_refused(g.state, ChangeQualitySettings{bad}, owner).field == "data.settings.repeat_tickets");
  run(g, ChangeQualitySettings{q}, owner, at);
  CHECK(g.state.quality.csat_floor_tenths == 30);
  auto cleared = of_type<RedFlagCleared>(timers(g, at + minute));
  REQUIRE(cleared.size() == 1);
  CHECK(cleared[0].key == "csat_low");
  CHECK(flag_active(g, "reopen_rate"));
  CHECK(when_ok(g.state, ChangeQualitySettings{q}, owner, at).empty()); // the same again: nothing
}

} // namespace test_unit_shared_domain_support_satisfaction
