// Churn risk and retention (seed 002 section 7): each of the eight signals with its points and
// window, the levels, the history, the cases a cancellation request, "how do I cancel?" and a
// score reaching At Risk open, the offers by MRR band with owner approval beyond it, the
// customer's answer, the outcomes and the win-back reminder, and what a customer is shown.
#include "../program_fixture.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/retention/churn.hpp"
#include "shared/domain/retention/decide_retention.hpp"
#include "shared/domain/retention/retention_report.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>
#include <random>

namespace test_unit_shared_domain_retention_churn { // one namespace per test file: unity batches share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, theo = 5, jordan = 6;
constexpr CustomerId jordan_c = 1, sam_c = 2;
constexpr TimeMs minute = 60'000, hour = 60 * minute, day = 24 * hour;

TicketId opens(Given& g, TimeMs at, const std::string& text) {
  auto events = run(g, OpenTicket{0, "A question", text, {}, {}, {}, {}}, jordan, at);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}
int points_of(const ChurnScore& c, const std::string& kind) {
  for (const auto& s : c.signals)
    if (s.kind == kind) return s.points;
  return 0;
}
template <class E>
const E* first_of(const std::vector<EventBody>& events) {
  for (const auto& e : events)
    if (auto p = std::get_if<E>(&e)) return p;
  return nullptr;
}

} // namespace

TEST_CASE("levels follow the seed's bands") {
  CHECK(churn_level(0) == ChurnLevel::healthy);
  CHECK(churn_level(20) == ChurnLevel::healthy);
  CHECK(churn_level(21) == ChurnLevel::monitor);
  CHECK(churn_level(40) == ChurnLevel::monitor);
  CHECK(churn_level(41) == ChurnLevel::at_risk);
  CHECK(churn_level(61) == ChurnLevel::high_risk);
  CHECK(churn_level(81) == ChurnLevel::critical);
  CHECK(std::string(churn_level_label(ChurnLevel::at_risk)) == "At Risk");
}

TEST_CASE("competitors are found as whole words in any case") {
  const std::vector<std::string> list{"Zendesk", "Help Scout"};
  CHECK(competitor_named("We are looking at zendesk now", list) == "Zendesk");
  CHECK(competitor_named("help scout quoted us less", list) == "Help Scout");
  CHECK(competitor_named("Zendesks are everywhere", list).empty());
  CHECK(competitor_named("nothing here", list).empty());
}

TEST_CASE("each signal adds its points inside its window, and the score is their sum") {
  auto g = acme();
  g.event(owner, RetentionSettingsChanged{RetentionSettings{{"Zendesk"}}});
  // Jordan signed in at t0 (accepting the invitation).
  CHECK(churn_score(g.state, jordan_c, t0).score == 0);
  // No login in 14 days: +10 on day 14, not on day 13.
  CHECK(points_of(churn_score(g.state, jordan_c, t0 + 13 * day), "no_login") == 0);
  CHECK(points_of(churn_score(g.state, jordan_c, t0 + 14 * day), "no_login") == 10);
  run(g, RecordSignIn{}, jordan, t0 + 20 * day);
  CHECK(points_of(churn_score(g.state, jordan_c, t0 + 21 * day), "no_login") == 0);
  // A second sign-in the same day records nothing.
  CHECK(when_ok(g.state, RecordSignIn{}, jordan, t0 + 20 * day + hour).empty());

  // Competitor named (+20 for 90 days).
  const TimeMs t1 = t0 + 21 * day;
  opens(g, t1, "We are thinking of moving to Zendesk.");
  auto s = churn_score(g.state, jordan_c, t1 + hour);
  CHECK(points_of(s, "competitor") == 20);
  CHECK(s.signals.front().detail.find("Zendesk") != std::string::npos);
  CHECK(points_of(churn_score(g.state, jordan_c, t1 + 91 * day), "competitor") == 0);

  // Three negative tickets in 30 days (+15); two are not enough.
  opens(g, t1 + day, "This is frustrating.");
  CHECK(points_of(churn_score(g.state, jordan_c, t1 + 2 * day), "negative_tickets") == 0);
  opens(g, t1 + 2 * day, "Terrible export again.");
  opens(g, t1 + 3 * day, "Still broken.");
  CHECK(points_of(churn_score(g.state, jordan_c, t1 + 4 * day), "negative_tickets") == 15);
  CHECK(points_of(churn_score(g.state, jordan_c, t1 + 32 * day), "negative_tickets") == 0);

  // Usage fell by more than half month over month (+15); by exactly half, no.
  run(g, RecordUsage{jordan_c, "2026-01", 1000}, support_rules::system_actor, t1);
  run(g, RecordUsage{jordan_c, "2026-02", 500}, support_rules::system_actor, t1);
  CHECK(points_of(churn_score(g.state, jordan_c, t1 + 4 * day), "usage_drop") == 0);
  run(g, RecordUsage{jordan_c, "2026-02", 499}, support_rules::system_actor, t1 + hour);
  CHECK(points_of(churn_score(g.state, jordan_c, t1 + 4 * day), "usage_drop") == 15);

  // A failed payment (+10) until a payment succeeds after it.
  run(g, RecordPaymentFailure{jordan_c, "in_1", Money{49'00, "USD"}, "card declined", t1 + day}, support_rules::system_actor, t1 + day);
  CHECK(points_of(churn_score(g.state, jordan_c, t1 + 4 * day), "failed_payment") == 10);

  // Sum: 20 + 15 + 15 + 10 = 60 (At Risk).
  s = churn_score(g.state, jordan_c, t1 + 4 * day);
  CHECK(s.score == 60);
  CHECK(s.level == ChurnLevel::at_risk);
  run(g, RecordPayment{"ch_1", jordan_c, PaymentKind::payment, Money{49'00, "USD"}, t1 + 2 * day, ""}, support_rules::system_actor, t1 + 2 * day);
  CHECK(points_of(churn_score(g.state, jordan_c, t1 + 4 * day), "failed_payment") == 0);
  // Only the billing system or the business records usage and failures.
  CHECK(when_refused(g.state, RecordUsage{jordan_c, "2026-03", 5}, ava).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, RecordPaymentFailure{jordan_c, "in_2", Money{1, "USD"}, "", 0}, jordan).code == ErrorCode::forbidden);
}

TEST_CASE("a renewal within 60 days counts only without engagement in 30 days") {
  auto g = acme();
  auto p = g.state.customer(sam_c)->profile;
  p.renews_on = "2026-03-01"; // 59 days after t0
  g.event(staff, CustomerUpdated{sam_c, p});
  // Sam has no account, no sign-in, no tickets: unengaged.
  CHECK(points_of(churn_score(g.state, sam_c, t0), "renewal") == 10);
  // Renewal more than 60 days away: nothing.
  CHECK(points_of(churn_score(g.state, sam_c, t0 - 2 * day), "renewal") == 0);
  // A ticket in the last 30 days is engagement.
  run(g, OpenTicket{sam_c, "Question", "How do filters work?", {}, {}, {}, {}}, staff, t0 + day);
  CHECK(points_of(churn_score(g.state, sam_c, t0 + 2 * day), "renewal") == 0);
  CHECK(points_of(churn_score(g.state, sam_c, t0 + 32 * day), "renewal") == 10);
}

TEST_CASE("a cancellation request opens a case (+40) and the customer's agent works it through the four steps") {
  auto g = acme();
  auto events = run(g, RequestPlanChange{PlanRequest::cancel, "Too expensive for us now"}, jordan, t0 + day);
  const auto* opened = first_of<RetentionCaseOpened>(events);
  REQUIRE(opened);
  const auto id = opened->retention_case.id;
  CHECK(opened->retention_case.trigger == CaseTrigger::cancellation_request);
  CHECK(points_of(churn_score(g.state, jordan_c, t0 + day), "cancellation_request") == 40);
  // Asking again changes nothing; asking to downgrade instead is recorded on the same case.
  CHECK(when_ok(g.state, RequestPlanChange{PlanRequest::cancel, ""}, jordan, t0 + day).empty());
  // Only the customer asks; only staff or its agent work the case.
  CHECK(when_refused(g.state, RequestPlanChange{PlanRequest::cancel, ""}, ava).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, RecordRetentionReason{id, LeaveReason::price, ""}, theo).code == ErrorCode::not_found);
  // Understand before offering.
  CHECK(when_refused(g.state, MakeRetentionOffer{id, OfferKind::months_free, 1, 0, ""}, ava).code == ErrorCode::invalid_field);
  run(g, RecordRetentionReason{id, LeaveReason::price, "Budget cut this quarter"}, ava, t0 + day);
  // Jordan pays 49/month: under 100, at most 1 month free or 20% off 3 months.
  events = run(g, MakeRetentionOffer{id, OfferKind::discount, 3, 20, ""}, ava, t0 + day);
  CHECK(std::get<RetentionOfferMade>(events.at(0)).offer.status == OfferStatus::made);
  // One offer waits at a time.
  CHECK(when_refused(g.state, MakeRetentionOffer{id, OfferKind::months_free, 1, 0, ""}, ava).code == ErrorCode::invalid_field);
  // The customer declines, then an offer beyond the band waits for an owner or admin.
  run(g, AnswerRetentionOffer{id, 0, false}, jordan, t0 + 2 * day);
  events = run(g, MakeRetentionOffer{id, OfferKind::months_free, 2, 0, ""}, ava, t0 + 2 * day);
  const auto offer = std::get<RetentionOfferMade>(events.at(0)).offer;
  CHECK_FALSE(offer.within_authority);
  CHECK(offer.status == OfferStatus::pending_approval);
  CHECK(when_refused(g.state, AnswerRetentionOffer{id, 1, true}, jordan).code == ErrorCode::not_found);
  CHECK(when_refused(g.state, DecideRetentionOffer{id, 1, true}, staff).code == ErrorCode::forbidden);
  run(g, DecideRetentionOffer{id, 1, true}, admin, t0 + 2 * day);
  // Accepted: saved, with the customer's MRR kept, and the +40 is gone.
  events = run(g, AnswerRetentionOffer{id, 1, true}, jordan, t0 + 3 * day);
  const auto* closed = first_of<RetentionCaseClosed>(events);
  REQUIRE(closed);
  CHECK(closed->outcome == CaseOutcome::saved);
  CHECK(closed->mrr_retained_minor == 49'00);
  CHECK(points_of(churn_score(g.state, jordan_c, t0 + 3 * day), "cancellation_request") == 0);
  // The history shows the request while it was open.
  CHECK(churn_score(g.state, jordan_c, t0 + 2 * day).score >= 40);
  const auto saves = churn_saves(g.state, t0, t0 + 10 * day);
  CHECK(saves.saved == 1);
  CHECK(saves.mrr_retained_minor == 49'00);
}

TEST_CASE("offers by MRR band: what each band may offer without approval") {
  RetentionOffer free2{OfferKind::months_free, 2, 0, ""};
  CHECK_FALSE(offer_within_band(free2, 99'99));
  CHECK(offer_within_band(free2, 100'00));
  RetentionOffer off30{OfferKind::discount, 6, 30, ""};
  CHECK_FALSE(offer_within_band(off30, 50'00));
  CHECK(offer_within_band(off30, 250'00));
  RetentionOffer custom{OfferKind::custom_plan, 0, 0, "Seasonal plan"};
  CHECK_FALSE(offer_within_band(custom, 499'99));
  CHECK(offer_within_band(custom, 500'00));
  RetentionOffer exec{OfferKind::executive_call, 0, 0, ""};
  CHECK_FALSE(offer_within_band(exec, 1999'99));
  CHECK(offer_within_band(exec, 2000'00));
  CHECK(offer_within_band(RetentionOffer{OfferKind::pause, 3, 0, ""}, 10'00));
}

TEST_CASE("a lost customer gets exit feedback and a win-back check-in in 90 days; a downgrade keeps less MRR") {
  auto g = acme();
  auto events = run(g, OpenRetentionCase{sam_c, PlanRequest::none, "Quiet for weeks"}, staff, t0);
  const auto id = std::get<RetentionCaseOpened>(events.at(0)).retention_case.id;
  CHECK(when_refused(g.state, OpenRetentionCase{sam_c, PlanRequest::none, ""}, staff).code == ErrorCode::conflict);
  CHECK(when_refused(g.state, CloseRetentionCase{id, CaseOutcome::downgraded, 60'00, "", false}, staff).code == ErrorCode::invalid_field);
  events = run(g, CloseRetentionCase{id, CaseOutcome::lost, std::nullopt, "Moved to a spreadsheet", true}, staff, t0 + day);
  const auto* check_in = first_of<CheckInScheduled>(events);
  REQUIRE(check_in);
  CHECK(check_in->check_in.due_at == t0 + day + 90 * day);
  CHECK(check_in->check_in.note.find("Win-back") != std::string::npos);
  CHECK(g.state.retention.cases.at(id).outcome == CaseOutcome::lost);
  CHECK(when_refused(g.state, CloseRetentionCase{id, CaseOutcome::saved, std::nullopt, "", false}, staff).code == ErrorCode::invalid_field);
}

TEST_CASE("\"how do I cancel?\" in a ticket opens a case; the scheduler opens one when the score reaches At Risk") {
  auto g = acme();
  g.event(owner, CannedTriggersChanged{desk::default_library().triggers});
  auto events = run(g, OpenTicket{0, "Leaving", "How do I cancel my account?", {}, {}, {}, {}}, jordan, t0 + hour);
  const auto* opened = first_of<RetentionCaseOpened>(events);
  REQUIRE(opened);
  CHECK(opened->retention_case.trigger == CaseTrigger::cancel_question);
  CHECK(opened->retention_case.ticket_id == std::get<TicketOpened>(events.at(0)).ticket_id);

  // Sam: a failed payment (+10), usage halved (+15), a competitor (+20) = 45: a case opens once.
  g.event(owner, RetentionSettingsChanged{RetentionSettings{{"Freshdesk"}}});
  run(g, RecordPaymentFailure{sam_c, "in_9", Money{49'00, "USD"}, "", 0}, support_rules::system_actor, t0 + day);
  run(g, RecordUsage{sam_c, "2026-01", 100}, support_rules::system_actor, t0 + day);
  run(g, RecordUsage{sam_c, "2026-02", 10}, support_rules::system_actor, t0 + day);
  CHECK(retention_rules::run_timers(g.state, t0 + day).empty()); // 25 so far
  run(g, OpenTicket{sam_c, "Compare", "Freshdesk offers this for less", {}, {}, {}, {}}, staff, t0 + day);
  auto due = retention_rules::run_timers(g.state, t0 + 2 * day);
  REQUIRE(due.size() == 1);
  const auto& k = std::get<RetentionCaseOpened>(due[0]).retention_case;
  CHECK(k.customer_id == sam_c);
  CHECK(k.trigger == CaseTrigger::score);
  CHECK(k.score_at_open == 45);
  for (auto& e : due) g.event(support_rules::system_actor, e, t0 + 2 * day);
  CHECK(retention_rules::run_timers(g.state, t0 + 3 * day).empty()); // one case while it is open
  // The competitor list changing marks tickets already written.
  g.event(owner, RetentionSettingsChanged{RetentionSettings{}});
  CHECK(points_of(churn_score(g.state, sam_c, t0 + 3 * day), "competitor") == 0);
  g.event(owner, RetentionSettingsChanged{RetentionSettings{{"freshdesk"}}});
  CHECK(points_of(churn_score(g.state, sam_c, t0 + 3 * day), "competitor") == 20);
}

TEST_CASE("the incremental churn facts equal a full recount, and a customer is shown its request and offers only") {
  auto g = acme();
  g.event(owner, RetentionSettingsChanged{RetentionSettings{{"Zendesk"}}});
  opens(g, t0 + hour, "Zendesk is cheaper and this is terrible");
  opens(g, t0 + 2 * hour, "awful again");
  auto events = run(g, RequestPlanChange{PlanRequest::downgrade, "Smaller plan please"}, jordan, t0 + 3 * hour);
  const auto id = std::get<RetentionCaseOpened>(events.at(0)).retention_case.id;
  run(g, RecordRetentionReason{id, LeaveReason::price, "internal: budget"}, ava, t0 + 4 * hour);
  run(g, MakeRetentionOffer{id, OfferKind::months_free, 3, 0, "three months"}, ava, t0 + 4 * hour); // beyond the band: pending
  auto copy = g.state;
  copy.index_tickets();
  CHECK(copy.retention_tickets == g.state.retention_tickets);
  CHECK(churn_score(copy, jordan_c, t0 + day).score == churn_score(g.state, jordan_c, t0 + day).score);

  const auto mine = visible_state(g.state, jordan);
  REQUIRE(mine.retention.cases.count(id));
  const auto& seen = mine.retention.cases.at(id);
  CHECK(seen.understanding.empty());
  CHECK(seen.score_at_open == 0);
  REQUIRE(seen.offers.size() == 1);
  CHECK(seen.offers[0].months == 0); // pending: blank, in its place
  CHECK(seen.offers[0].note.empty());
  CHECK(mine.retention.signals.empty());
  CHECK(mine.retention.settings.competitors.empty());
  // Theo is not Jordan's agent: no case, no signals.
  const auto theirs = visible_state(g.state, theo);
  CHECK(theirs.retention.cases.empty());
  CHECK_FALSE(may_read_churn(g.state, jordan));
  CHECK(visible_churn_scores(g.state, theo, t0 + day).size() == 1); // Sam only
}

TEST_CASE("the churn board scores again only what events touched and time moved, and always equals scoring everyone") {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto g = acme();
    TimeMs now = t0;
    ChurnBoard board;
    board.refresh(g.state, now);
    std::vector<TicketId> tickets;
    auto event = [&](PersonId who, EventBody body) {
      g.event(who, body, now);
      board.note(g.state, Event{g.seq, 1, who, now, std::move(body)});
    };
    auto attempt = [&](const Command& c, PersonId who) {
      auto r = decide(g.state, c, actor(who), now);
      if (!r) return std::vector<EventBody>{};
      for (auto& e : r.value()) event(who, e);
      return r.value();
    };
    for (int step = 0; step < 150; ++step) {
      CAPTURE(step);
      const TimeMs steps[] = {minute, hour, day, 7 * day, 20 * day};
      now += steps[pick(5)] * (1 + pick(3));
      const auto c = static_cast<CustomerId>(1 + pick(3));
      switch (pick(10)) {
        case 0: {
          const char* texts[] = {"Zendesk does this better", "This is terrible", "How do I export?"};
          auto events = attempt(OpenTicket{0, "Help", texts[pick(3)], {}, {}, {}, {}}, jordan);
          if (!events.empty())
            if (auto* o = std::get_if<TicketOpened>(&events[0])) tickets.push_back(o->ticket_id);
          break;
        }
        case 1:
          if (!tickets.empty()) attempt(ReplyToTicket{tickets[static_cast<std::size_t>(pick(static_cast<int>(tickets.size())))], "Still awful", false,
                                                      std::nullopt, {}, false, 0},
                                        jordan);
          break;
        case 2:
          if (!tickets.empty()) attempt(RateTicket{tickets.back(), 1 + pick(5), 3, 3, 1 + pick(5), ""}, jordan);
          break;
        case 3: event(0, UsageRecorded{c, UsagePoint{"2026-0" + std::to_string(1 + pick(6)), 100 + pick(1000), now - pick(3) * day}}); break;
        case 4: event(0, PaymentFailed{c, PaymentFailure{"in_" + std::to_string(step), {4900, "USD"}, "Card declined", now}}); break;
        case 5: event(0, CustomerSignedIn{c}); break;
        case 6: attempt(RequestPlanChange{pick(2) ? PlanRequest::cancel : PlanRequest::downgrade, "Thinking about it"}, jordan); break;
        case 7: {
          auto p = g.state.customers.at(c).profile;
          p.renews_on = pd::core::format_date(pd::core::date_of_ms(now + (10 + pick(80)) * day));
          p.subscription = pick(6) == 0 ? SubscriptionStatus::cancelled : SubscriptionStatus::active;
          event(staff, CustomerUpdated{c, p});
          break;
        }
        case 8: event(owner, RetentionSettingsChanged{RetentionSettings{pick(2) ? std::vector<std::string>{"Zendesk"} : std::vector<std::string>{}}}); break;
        default: attempt(RunTimers{}, support_rules::system_actor); break;
      }
      board.refresh(g.state, now);
      REQUIRE(board.scores() == churn_scores(g.state, now));
    }
  }
}

TEST_CASE("after one customer's signal the board scores that customer only") {
  auto g = acme();
  ChurnBoard board;
  board.refresh(g.state, t0);
  CHECK(board.last_scored() == g.state.customers.size());
  const Event e{++g.seq, 1, 0, t0 + minute, UsageRecorded{sam_c, UsagePoint{"2026-01", 50, t0 + minute}}};
  apply(g.state, e);
  board.note(g.state, e);
  board.refresh(g.state, t0 + minute);
  CHECK(board.last_scored() == 1);
  CHECK(board.scores() == churn_scores(g.state, t0 + minute));
  const Event blind{++g.seq, 1, owner, t0 + minute, ProgramRenamed{"Acme"}};
  apply(g.state, blind);
  board.note(g.state, blind);
  board.refresh(g.state, t0 + minute);
  CHECK(board.last_scored() == 0);
}

} // namespace test_unit_shared_domain_retention_churn
