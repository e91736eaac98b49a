// The weekly support metrics (seed 002 section 6): every figure of a small fixed week against
// numbers worked out by hand, the scopes (agent, team, segment), weeks and ranges, the CSV, and
// the property that the incremental aggregates equal a recount of every ticket after random
// event sequences.
#include "../program_fixture.hpp"

#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/support_metrics.hpp"
#include "shared/domain/visibility.hpp"

#include <random>

namespace test_unit_shared_domain_support_support_metrics { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;

namespace {

constexpr PersonId staff = 3, ava = 4, theo = 5, jordan = 6;
constexpr TimeMs minute = 60'000, hour = 3'600'000;
constexpr TimeMs monday = t0 + 4 * day_ms; // 2026-01-05, a Monday

TicketId open_as(Given& g, PersonId who, CustomerId customer, TimeMs at, const char* text = "How do I export a report?") {
  auto events = run(g, OpenTicket{who == jordan ? 0 : customer, "Exporting reports", text, {}, {}, {}, {}}, who, at);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}
void reply(Given& g, PersonId who, TicketId t, TimeMs at, const char* text = "Here is how.") {
  run(g, ReplyToTicket{t, text, false, std::nullopt, {}, false, 0}, who, at);
}

// The week of 2026-01-05, by hand:
//   #1 Jordan (Ava): answered after 30 min, resolved after 1 h with one reply, rated 5 "Thanks, great help"
//   #2 Sam (Theo), opened by staff: answered after 90 min, a second reply, escalated, resolved after 2 h
//   #3 Jordan (Ava): answered after 10 min, resolved, reopened by "Still broken, this is frustrating",
//      resolved again 2 h after opening, rated 2
//   #4 Li (business queue), opened by staff on Friday and still open
Given fixed_week() {
  auto g = acme();
  const auto t1 = open_as(g, jordan, 1, monday + hour);
  reply(g, ava, t1, monday + hour + 30 * minute);
  run(g, ResolveTicket{t1, ""}, ava, monday + 2 * hour);
  run(g, RateTicket{t1, 5, 5, 5, 5, "Thanks, great help"}, jordan, monday + 3 * hour);

  const auto t2 = open_as(g, staff, 2, monday + 2 * hour);
  reply(g, theo, t2, monday + 3 * hour + 30 * minute);
  EscalationNote note{"Export fails for large accounts", "Retried the export", "calm", "Reports late", "Engineering to check"};
  run(g, EscalateTicket{t2, "Needs engineering", note}, theo, monday + 3 * hour + 40 * minute);
  reply(g, theo, t2, monday + 3 * hour + 50 * minute, "Fixed on our side.");
  run(g, ResolveTicket{t2, ""}, staff, monday + 4 * hour);

  const auto t3 = open_as(g, jordan, 1, monday + 5 * hour);
  reply(g, ava, t3, monday + 5 * hour + 10 * minute);
  run(g, ResolveTicket{t3, ""}, ava, monday + 5 * hour + 20 * minute);
  reply(g, jordan, t3, monday + 6 * hour, "Still broken, this is frustrating");
  run(g, ResolveTicket{t3, ""}, ava, monday + 7 * hour);
  run(g, RateTicket{t3, 2, 2, 2, 2, ""}, jordan, monday + 8 * hour);

  open_as(g, staff, 3, monday + 4 * day_ms);
  return g;
}

} // namespace

TEST_CASE("weeks begin on Monday 00:00 UTC and are named by that day") {
  CHECK(week_label(week_of(monday)) == "2026-01-05");
  CHECK(week_of(monday + 6 * day_ms + 23 * hour) == week_of(monday));
  CHECK(week_of(monday - 1) == week_of(monday) - 1);
  CHECK(week_label(week_of(t0)) == "2025-12-29"); // a Thursday belongs to the week of its Monday
  CHECK(week_of_date("2026-01-08") == week_of(monday));
  CHECK_FALSE(week_of_date("2026-13-01"));
  CHECK(week_start_ms(week_of(monday)) == monday);
}

TEST_CASE("the mention rule: whole words or stems ending in *, ignoring case; both or neither is no mention") {
  const auto w = mention_words_of(default_mention_lists());
  CHECK(mention_of("THANKS a lot!", w) == 1);
  CHECK(mention_of("This is frustrating", w) == -1);
  CHECK(mention_of("thanks, but still broken", w) == 0);
  CHECK(mention_of("Greatly delayed", w) == 0); // "great" is a whole word, not a stem
  CHECK(mention_of("", w) == 0);
  // Other languages' lists, with letters beyond ASCII, and their punctuation between words.
  CHECK(mention_of("Ich bin sehr entt\xC3\xA4uscht.", w) == -1);
  CHECK(mention_of("\xC2\xA1Gracias!", w) == 1);
  CHECK(mention_of("Tr\xC3\xA8s d\xC3\xA9\xC3\xA7ue\xE2\x80\xA6", w) == -1);
  CHECK(mention_of("great\xE2\x80\x94really", w) == 1); // an em dash separates words
  const auto m = mention_match("Thanks! Still broken though, so frustrating", w);
  CHECK(m.sign == 0);
  CHECK(m.positive_word == "thank*");
  CHECK(m.negative_word == "broken");
}

TEST_CASE("the business's word lists: checked, normalized, and every ticket counted again when they change") {
  auto g = fixed_week();
  const auto w = week_of(monday);
  const auto now = monday + 5 * day_ms;
  CHECK(support_metrics(g.state, {}, w, w, now).positive_mentions == 1);
  CHECK(support_metrics(g.state, {}, w, w, now).negative_mentions == 1);

  // The messages behind each count.
  auto hits = mention_hits(g.state, {}, w, w, 1, 10);
  REQUIRE(hits.total == 1);
  CHECK(hits.hits.at(0).rating);
  CHECK(hits.hits.at(0).word == "thank*");
  CHECK(hits.hits.at(0).text == "Thanks, great help");
  hits = mention_hits(g.state, {}, w, w, -1, 10);
  REQUIRE(hits.total == 1);
  CHECK_FALSE(hits.hits.at(0).rating);
  CHECK(hits.hits.at(0).word == "broken"); // "Still broken, this is frustrating": the first word of the list it holds
  CHECK(mention_hits(g.state, {}, w - 1, w - 1, -1, 10).total == 0);
  // An agent's scope holds only its tickets; the limit caps the list, not the total.
  CHECK(mention_hits(g.state, MetricScope{MetricScopeKind::agent, theo, ""}, w, w, -1, 10).total == 0);
  CHECK(mention_hits(g.state, {}, w, w, -1, 0).hits.empty());
  CHECK(mention_hits(g.state, {}, w, w, -1, 0).total == 1);

  // Owners and admins only; bad words named by field.
  std::vector<MentionList> lists{{"EN", {" Helpful ", "sorted"}, {"export*"}}};
  CHECK(when_refused(g.state, ChangeMentionWords{lists}, ava).code == pd::core::ErrorCode::forbidden);
  auto bad = lists;
  bad[0].positive.push_back("two words");
  CHECK(when_refused(g.state, ChangeMentionWords{bad}, 1).field == "data.lists[0].positive[2]");
  bad = lists;
  bad[0].negative.push_back("EXPORT*");
  CHECK(when_refused(g.state, ChangeMentionWords{bad}, 1).field == "data.lists[0].negative[1]");
  bad = lists;
  bad.push_back(MentionList{"en", {}, {}});
  CHECK(when_refused(g.state, ChangeMentionWords{bad}, 1).field == "data.lists[1].language");
  bad = lists;
  bad[0].language = "e1";
  CHECK(when_refused(g.state, ChangeMentionWords{bad}, 1).field == "data.lists[0].language");

  // Saved lower case and trimmed; the counts follow the new words at once.
  auto events = run(g, ChangeMentionWords{lists}, 1, now);
  REQUIRE(events.size() == 1);
  CHECK(g.state.mention_lists.at(0).language == "en");
  CHECK(g.state.mention_lists.at(0).positive.at(0) == "helpful");
  const auto m = support_metrics(g.state, {}, w, w, now);
  CHECK(m.positive_mentions == 0); // "Thanks, great help" holds no word of the new list
  CHECK(m.negative_mentions == 2); // Jordan's two questions about exporting (Sam's and Li's were written by staff)
  CHECK(mention_hits(g.state, {}, w, w, -1, 10).total == 2);
  // The same lists again change nothing.
  CHECK(when_ok(g.state, ChangeMentionWords{g.state.mention_lists}, 1, now).empty());
  // A snapshot round trip keeps the lists and the counts.
  auto copy = state_from_json(state_to_json(g.state));
  REQUIRE(copy);
  CHECK(copy.value().mention_lists == g.state.mention_lists);
  CHECK(support_metrics(copy.value(), {}, w, w, now).negative_mentions == 2);
}

TEST_CASE("a week's metrics equal the figures worked out by hand") {
  const auto g = fixed_week();
  const auto w = week_of(monday);
  const auto now = monday + 5 * day_ms;
  const auto m = support_metrics(g.state, {}, w, w, now);
  CHECK(m.total_tickets == 4);
  CHECK(m.by_priority[0] + m.by_priority[1] + m.by_priority[2] + m.by_priority[3] == 4);
  CHECK(m.customers == 3);
  REQUIRE(m.tickets_per_customer);
  CHECK(*m.tickets_per_customer == doctest::Approx(4.0 / 3));
  REQUIRE(m.avg_first_response_min);
  CHECK(*m.avg_first_response_min == doctest::Approx((30 + 90 + 10) / 3.0));
  CHECK(m.p95_first_response_min == 90); // nearest rank: the 3rd of 3
  REQUIRE(m.sla_compliance_pct);
  CHECK(*m.sla_compliance_pct == doctest::Approx(100.0));
  REQUIRE(m.avg_resolution_hours);
  CHECK(*m.avg_resolution_hours == doctest::Approx((1 + 2 + 2) / 3.0));
  REQUIRE(m.reopen_rate_pct);
  CHECK(*m.reopen_rate_pct == doctest::Approx(100.0 / 3));
  REQUIRE(m.first_contact_resolution_pct);
  CHECK(*m.first_contact_resolution_pct == doctest::Approx(100.0 / 3)); // only #1
  REQUIRE(m.csat_score);
  CHECK(*m.csat_score == doctest::Approx(3.5));
  CHECK(m.positive_mentions == 1);
  CHECK(m.negative_mentions == 1);
  REQUIRE(m.escalation_rate_pct);
  CHECK(*m.escalation_rate_pct == doctest::Approx(25.0));
  CHECK(m.backlog_count == 1);
  REQUIRE(m.oldest_open_ticket_hours);
  CHECK(*m.oldest_open_ticket_hours == doctest::Approx(24.0));
  REQUIRE(m.tickets_per_agent_day);
  CHECK(*m.tickets_per_agent_day == doctest::Approx(3.0 / (2 * 5))); // Ava and Theo resolved 3
  CHECK_FALSE(m.nps_score);

  // The week before has nothing; the change shows in the report.
  const auto before = support_metrics(g.state, {}, w - 1, w - 1, now);
  CHECK(before.total_tickets == 0);
  CHECK_FALSE(before.csat_score);
  CHECK_FALSE(before.oldest_open_ticket_hours); // the past: not known from the aggregates
  const auto report = metrics_report_json(g.state, {}, w, w, now);
  CHECK(report["current"]["volume"]["total_tickets"] == 4);
  CHECK(report["previous"]["volume"]["total_tickets"] == 0);
  CHECK(report["current"]["satisfaction"]["csat_score"] == 3.5);
  CHECK(report["previous"]["satisfaction"]["csat_score"].is_null());
  CHECK(report["current"]["response_times"]["avg_first_response_min"] == 43.33);
}

TEST_CASE("metrics per agent, per team and per segment add up to the program's") {
  auto g = fixed_week();
  const auto w = week_of(monday);
  const auto now = monday + 5 * day_ms;
  const auto ava_m = support_metrics(g.state, *parse_metric_scope("agent:4"), w, w, now);
  CHECK(ava_m.total_tickets == 2);
  CHECK(*ava_m.csat_score == doctest::Approx(3.5));
  CHECK(ava_m.p95_first_response_min == 30);
  const auto theo_m = support_metrics(g.state, *parse_metric_scope("agent:5"), w, w, now);
  CHECK(theo_m.total_tickets == 1);
  CHECK(*theo_m.escalation_rate_pct == doctest::Approx(100.0));
  const auto queue = support_metrics(g.state, *parse_metric_scope("agent:0"), w, w, now);
  CHECK(queue.total_tickets == 1);
  CHECK(queue.backlog_count == 1);

  // A team is the sum of its members.
  desk::Team team{"export", "Export", desk::TeamKind::other, {ava, theo}, {}};
  g.state.routing.teams.push_back(team);
  const auto team_m = support_metrics(g.state, *parse_metric_scope("team:export"), w, w, now);
  CHECK(team_m.total_tickets == 3);
  CHECK(team_m.responses == 3);
  CHECK(support_metrics(g.state, *parse_metric_scope("team:nobody"), w, w, now).total_tickets == 0);

  // Segments follow the customer's segment, also when it changes later.
  CHECK(support_metrics(g.state, *parse_metric_scope("segment:Growth"), w, w, now).total_tickets == 4);
  auto sam = g.state.customers.at(2).profile;
  sam.segment = "Enterprise";
  run(g, UpdateCustomer{2, sam, g.state.customers.at(2).version}, staff, now);
  CHECK(support_metrics(g.state, *parse_metric_scope("segment:Growth"), w, w, now).total_tickets == 3);
  CHECK(support_metrics(g.state, *parse_metric_scope("segment:Enterprise"), w, w, now).total_tickets == 1);

  CHECK_FALSE(parse_metric_scope("agent:x"));
  CHECK_FALSE(parse_metric_scope("region:eu"));
  CHECK_FALSE(parse_metric_scope("team:"));
}

TEST_CASE("the CSV has one line per week with the same figures as the JSON") {
  const auto g = fixed_week();
  const auto w = week_of(monday);
  const auto rows = metrics_csv_rows(weekly_series(g.state, {}, w - 1, w, monday + 5 * day_ms));
  REQUIRE(rows.size() == 3);
  const auto& header = rows[0];
  auto column = [&](const char* name) {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    FAIL("no column " << name);
    return std::size_t{0};
  };
  CHECK(rows[1][0] == "2025-12-29");
  CHECK(rows[2][0] == "2026-01-05");
  CHECK(rows[2][column("total_tickets")] == "4");
  CHECK(rows[2][column("csat_score")] == "3.50");
  CHECK(rows[1][column("csat_score")].empty());
  CHECK(rows[2][column("p95_first_response_min")] == "90");
  CHECK(rows[2][column("category_how-to")] != "");
}

TEST_CASE("the incremental aggregates equal a recount of every ticket after random event sequences") {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    auto g = acme();
    TimeMs now = monday;
    std::vector<TicketId> tickets;
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto attempt = [&](const Command& c, PersonId who) {
      auto r = decide(g.state, c, actor(who), now);
      if (!r) return;
      for (auto& e : r.value()) g.event(who, e, now);
    };
    for (int step = 0; step < 120; ++step) {
      now += pick(300) * minute;
      const TicketId t = tickets.empty() ? 0 : tickets[static_cast<std::size_t>(pick(static_cast<int>(tickets.size())))];
      const PersonId desk = std::array<PersonId, 3>{ava, theo, staff}[static_cast<std::size_t>(pick(3))];
      switch (pick(9)) {
        case 0:
        case 1: {
          const auto before = g.state.next_ticket_id;
          if (pick(2) == 0) attempt(OpenTicket{0, "Help", pick(2) ? "Thanks for the great tool" : "It is broken", {}, {}, {}, {}}, jordan);
          else attempt(OpenTicket{static_cast<CustomerId>(1 + pick(3)), "Question", "How do I do this?", {}, {}, {}, {}}, staff);
          if (g.state.next_ticket_id != before) tickets.push_back(before);
          break;
        }
        case 2: attempt(ReplyToTicket{t, "An answer", false, std::nullopt, {}, false, 0}, desk); break;
        case 3: attempt(ResolveTicket{t, ""}, desk); break;
        case 4: attempt(ReplyToTicket{t, pick(2) ? "Still broken, terrible" : "Thanks", false, std::nullopt, {}, false, 0}, jordan); break;
        case 5: attempt(RateTicket{t, 1 + pick(5), 3, 3, 1 + pick(5), pick(2) ? "excellent" : ""}, jordan); break;
        case 6: {
          TriageTicket triage;
          triage.ticket_id = t;
          triage.priority = static_cast<Priority>(pick(4));
          triage.category = all_categories[static_cast<std::size_t>(pick(10))];
          attempt(triage, staff);
          break;
        }
        case 7: {
          auto c = static_cast<CustomerId>(1 + pick(3));
          auto p = g.state.customers.at(c).profile;
          p.segment = pick(2) ? "Growth" : "Enterprise";
          attempt(UpdateCustomer{c, p, g.state.customers.at(c).version}, staff);
          if (pick(2)) attempt(AssignCustomer{c, std::array<PersonId, 3>{ava, theo, 0}[static_cast<std::size_t>(pick(3))]}, staff);
          break;
        }
        default: attempt(RunTimers{}, support_rules::system_actor); break;
      }
    }
    REQUIRE_FALSE(g.state.metrics.weeks.empty());
    auto recount = g.state;
    recount.index_tickets();
    CHECK(recount.metrics == g.state.metrics);
    int opened = 0;
    for (const auto& [w, t] : g.state.metrics.weeks) opened += t.opened;
    CHECK(opened == static_cast<int>(g.state.tickets.size()));
  }
}

} // namespace test_unit_shared_domain_support_support_metrics
