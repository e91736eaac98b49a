// Proactive outreach (seed 002 section 7): for Monitor and At Risk customers the desk writes first
// with the program's at-risk template, its fields and the churn signals filled in; the message
// opens a ticket that waits on the customer, outside the support metrics; without the template
// the outreach is a check-in.
#include "../program_fixture.hpp"

#include "shared/domain/desk/templates.hpp"
#include "shared/domain/retention/outreach.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/support_metrics.hpp"
#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_retention_outreach { // one namespace per test file: unity batches share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, ava = 4, theo = 5, jordan = 6;
constexpr CustomerId jordan_c = 1, sam_c = 2;
constexpr TimeMs day = 24 * 3'600'000LL;

// Jordan's usage halved and a payment failed: 15 + 10 = 25, Monitor.
Given monitored() {
  auto g = acme();
  g.state.responses = desk::default_library(); // the seed's templates, as a new program gets them
  run(g, RecordUsage{jordan_c, "2026-01", 1000}, support_rules::system_actor, t0 + day);
  run(g, RecordUsage{jordan_c, "2026-02", 300}, support_rules::system_actor, t0 + day);
  run(g, RecordPaymentFailure{jordan_c, "in_9", Money{49'00, "USD"}, "card declined", t0 + day}, support_rules::system_actor, t0 + day);
  return g;
}

} // namespace

TEST_CASE("outreach is offered at Monitor and At Risk") {
  CHECK_FALSE(outreach_suggested(ChurnLevel::healthy));
  CHECK(outreach_suggested(ChurnLevel::monitor));
  CHECK(outreach_suggested(ChurnLevel::at_risk));
  CHECK_FALSE(outreach_suggested(ChurnLevel::high_risk));
}

TEST_CASE("the at-risk template is filled with the customer's fields and the signals in words") {
  auto g = monitored();
  const auto now = t0 + 2 * day;
  const auto score = churn_score(g.state, jordan_c, now);
  REQUIRE(score.level == ChurnLevel::monitor);
  const auto d = outreach_draft(g.state, score, ava);
  REQUIRE(outreach_template(g.state));
  CHECK(d.template_id == outreach_template(g.state)->id);
  CHECK(d.text.rfind("Hi Jordan,", 0) == 0);
  CHECK(d.text.find("I noticed that your team has been using us less lately and that your last payment did not go through") !=
        std::string::npos);
  CHECK(d.text.find("[specific signal") == std::string::npos);
  CHECK(d.text.find("Acme Analytics") != std::string::npos); // [Product]
  CHECK(d.subject == "Checking in from Acme Analytics");

  // Sent while the template's own placeholders remain: refused, naming them.
  auto refused = when_refused(g.state, ReachOut{jordan_c, d.subject, d.text, d.template_id}, ava, now);
  CHECK(refused.field == "data.text");
  CHECK(refused.message.find("[Feature they") != std::string::npos);

  // Without the template, a check-in's note instead.
  auto plain = g.state;
  plain.responses.templates.clear();
  const auto note = outreach_draft(plain, score, ava);
  CHECK(note.template_id == 0);
  CHECK(note.text == "Proactive outreach (Monitor, score 25): check in on that your team has been using us less lately and that your last "
                     "payment did not go through.");
}

TEST_CASE("an outreach ticket waits on the customer, runs no SLA clock and stays out of the metrics") {
  auto g = monitored();
  const auto now = t0 + 2 * day;
  const std::string text = "Hi Jordan,\n\nI noticed your usage dropped. Want a quick call this week?\n\nAva";
  // Who may write: the business and the customer's own agent.
  CHECK(when_refused(g.state, ReachOut{jordan_c, "Checking in", text, 0}, jordan, now).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, ReachOut{jordan_c, "Checking in", text, 0}, theo, now).code == ErrorCode::not_found);
  CHECK(when_refused(g.state, ReachOut{99, "Checking in", text, 0}, owner, now).code == ErrorCode::not_found);
  CHECK(when_refused(g.state, ReachOut{sam_c, "Checking in", text, 0}, theo, now).code == ErrorCode::conflict); // no account
  CHECK(when_refused(g.state, ReachOut{jordan_c, "Checking in", text, 4242}, ava, now).field == "data.template_id");

  const auto week = week_of(now);
  const auto before = support_metrics(g.state, {}, week, week, now).total_tickets;
  auto events = run(g, ReachOut{jordan_c, "Checking in", text, 0}, ava, now);
  REQUIRE(events.size() == 1);
  const auto id = std::get<TicketOpened>(events[0]).ticket_id;
  const auto* t = g.state.ticket(id);
  REQUIRE(t);
  CHECK(t->outreach);
  CHECK(t->status == TicketStatus::waiting_on_customer);
  CHECK(t->category == Category::churn_risk);
  CHECK(t->sla.first_response_due == 0);
  CHECK(t->messages.at(0).author == ava);
  CHECK(customer_view(*t).status == TicketStatus::waiting_on_customer); // what Jordan is shown
  CHECK(support_metrics(g.state, {}, week, week, now).total_tickets == before);
  CHECK(last_outreach(g.state, jordan_c) == id);
  CHECK(last_outreach(g.state, sam_c) == 0);
  // Jordan is told (and mailed as ticket news), and answers on the ticket.
  bool told = false;
  for (const auto& n : g.state.inboxes[jordan].items) told = told || (n.kind == "reply" && n.ticket_id == id);
  CHECK(told);
  run(g, ReplyToTicket{id, "Sure, Thursday works.", false, std::nullopt, {}, false, 0}, jordan, now + day);
  CHECK(g.state.ticket(id)->messages.size() == 2);
  // Outreach is not the customer's engagement: the renewal signal's "last ticket" ignores it.
  CHECK(g.state.retention_tickets[jordan_c].last_opened == 0);
}

} // namespace test_unit_shared_domain_retention_outreach
