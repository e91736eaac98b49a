// The triage facts the desk fills in for the agent (seed 002, section 1): tenure, lifetime value,
// previous tickets, sentiment history, first contact and repeat issue.
#include "../program_fixture.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/desk/triage.hpp"

namespace test_unit_shared_domain_desk_triage { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::desk;
using namespace pd::domain::testing;

namespace {

// A program with customer 1 (started 2025-03-01) and its tickets, built directly.
struct Desk {
  ProgramState s;
  Desk() {
    s.name = "Acme Analytics";
    s.currency = "USD";
    s.customers[1] = Customer{1, profile("Jordan Lee", "jordan@acme.test"), 4};
    s.customers[2] = Customer{2, profile("Sam Rivera", "sam@northwind.test"), 5};
  }
  Ticket& ticket(TicketId id, CustomerId c, TimeMs at, Category cat, const char* area = "") {
    Ticket t;
    t.id = id;
    t.customer_id = c;
    t.opened_at = at;
    t.category = cat;
    t.triage.product_area = area;
    s.tickets[id] = t;
    s.index_tickets();
    return s.tickets[id];
  }
  void pay(PaymentId id, CustomerId c, std::int64_t minor, PaymentKind kind = PaymentKind::payment, const char* currency = "USD") {
    Payment p;
    p.id = id;
    p.customer_id = c;
    p.kind = kind;
    p.amount = Money{minor, currency};
    s.commissions.payments[id] = p;
  }
};

TimeMs at_date(const char* ymd) { return pd::core::days_from_civil(*pd::core::parse_date(ymd)) * day_ms + 9 * hour_ms; }

} // namespace

TEST_CASE("tenure counts whole months and days from the customer's start date") {
  CustomerProfile p = profile("Jordan Lee", "jordan@acme.test"); // started 2025-03-01
  CHECK(customer_tenure(p, at_date("2025-03-01")) == Tenure{0, 0});
  CHECK(customer_tenure(p, at_date("2025-03-31")) == Tenure{0, 30});
  CHECK(customer_tenure(p, at_date("2025-04-01")) == Tenure{1, 31});
  CHECK(customer_tenure(p, at_date("2026-01-01")) == Tenure{10, 306});
  p.started_on = "2025-01-31";
  CHECK(customer_tenure(p, at_date("2025-02-28")) == Tenure{1, 28}); // the month's last day completes it
  CHECK(customer_tenure(p, at_date("2025-02-27")) == Tenure{0, 27});
  p.started_on = "2027-01-01";
  CHECK(customer_tenure(p, at_date("2026-01-01")) == Tenure{0, 0}); // not started yet
  p.started_on = "";
  CHECK_FALSE(customer_tenure(p, t0).has_value());
  p.started_on = "March 2025";
  CHECK_FALSE(customer_tenure(p, t0).has_value());
}

TEST_CASE("lifetime value is the customer's payments minus its refunds, in the program's currency") {
  Desk d;
  CHECK(lifetime_value(d.s, 1) == Money{0, "USD"});
  d.pay(1, 1, 49'00);
  d.pay(2, 1, 49'00);
  d.pay(3, 1, 20'00, PaymentKind::refund);
  d.pay(4, 2, 1'000'00);               // someone else's
  d.pay(5, 1, 500'00, PaymentKind::payment, "EUR"); // another currency
  CHECK(lifetime_value(d.s, 1) == Money{78'00, "USD"});
  CHECK(lifetime_value(d.s, 2) == Money{1'000'00, "USD"});
}

TEST_CASE("previous tickets and first contact count only the customer's earlier tickets") {
  Desk d;
  CHECK(first_contact(d.s, 1, d.s.next_ticket_id)); // a customer without tickets
  const auto& first = d.ticket(1, 1, t0, Category::bug);
  d.ticket(2, 2, t0 + hour_ms, Category::bug); // another customer's
  const auto& third = d.ticket(3, 1, t0 + 2 * hour_ms, Category::billing);
  CHECK(previous_tickets(d.s, d.s.tickets.at(1)) == 0);
  CHECK(first_contact(d.s, first));
  CHECK(previous_tickets(d.s, third) == 1);
  CHECK_FALSE(first_contact(d.s, third));
  CHECK(previous_tickets(d.s, 2, 3) == 1);
  CHECK(previous_tickets(d.s, 1, 4) == 2); // a ticket about to be opened
  CHECK_FALSE(first_contact(d.s, 1, 4));
}

TEST_CASE("a repeat issue is the third ticket of the same category or product area within 30 days") {
  Desk d;
  d.ticket(1, 1, t0, Category::bug, "exports");
  d.ticket(2, 1, t0 + day_ms, Category::bug);
  const auto& third = d.ticket(3, 1, t0 + 2 * day_ms, Category::bug);
  CHECK(repeat_issue(d.s, third));
  CHECK_FALSE(repeat_issue(d.s, d.s.tickets.at(2))); // the second is not yet a repeat

  // Same product area, other categories.
  CHECK(repeat_issue(d.s, 1, 4, t0 + 3 * day_ms, Category::how_to, "exports") == false); // only ticket 1 shares the area
  d.ticket(4, 1, t0 + 3 * day_ms, Category::performance, "exports");
  CHECK(repeat_issue(d.s, 1, 5, t0 + 4 * day_ms, Category::how_to, "exports"));
  CHECK_FALSE(repeat_issue(d.s, 1, 5, t0 + 4 * day_ms, Category::how_to, ""));

  // Outside the 30 days the earlier tickets do not count.
  CHECK_FALSE(repeat_issue(d.s, 1, 5, t0 + 31 * day_ms, Category::bug, ""));
  CHECK(repeat_issue(d.s, 1, 5, t0 + 29 * day_ms, Category::bug, ""));
  // Another customer's tickets never count.
  CHECK_FALSE(repeat_issue(d.s, 2, 5, t0 + 4 * day_ms, Category::bug, "exports"));
}

TEST_CASE("sentiment history reads the customer's ratings and escalation sentiments") {
  Desk d;
  CHECK(sentiment_history(d.s, 1) == Sentiment::neutral);
  auto& a = d.ticket(1, 1, t0, Category::bug);
  a.customer_rating = CustomerRating{5, 5, 5, 5, "", t0, ""};
  CHECK(sentiment_history(d.s, 1) == Sentiment::positive);
  auto& b = d.ticket(2, 1, t0 + day_ms, Category::billing);
  TicketChange esc;
  esc.kind = TicketChangeKind::escalated;
  esc.escalation.note.customer_sentiment = "angry";
  b.changes.push_back(esc);
  CHECK(sentiment_history(d.s, 1) == Sentiment::mixed);
  a.customer_rating->overall = 3;
  CHECK(sentiment_history(d.s, 1) == Sentiment::negative);
  b.changes.back().escalation.note.customer_sentiment = "calm";
  CHECK(sentiment_history(d.s, 1) == Sentiment::neutral);
  a.customer_rating->overall = 2;
  CHECK(sentiment_history(d.s, 1) == Sentiment::negative);
  CHECK(sentiment_history(d.s, 2) == Sentiment::neutral);
  CHECK(std::string(to_string(Sentiment::mixed)) == "mixed");
}

TEST_CASE("the triage facts of a ticket put them together") {
  Desk d;
  d.pay(1, 1, 49'00);
  d.ticket(1, 1, t0 - 40 * day_ms, Category::bug);
  d.ticket(2, 1, t0 - day_ms, Category::how_to);
  const auto& t = d.ticket(3, 1, t0, Category::how_to);
  const auto f = triage_facts(d.s, t, t0); // 2026-01-01
  CHECK(f.tenure == Tenure{10, 306});
  CHECK(f.lifetime_value == Money{49'00, "USD"});
  CHECK(f.previous_tickets == 2);
  CHECK_FALSE(f.first_contact);
  CHECK_FALSE(f.repeat_issue); // only two how-to tickets in 30 days
  CHECK(f.sentiment == Sentiment::neutral);
}

} // namespace test_unit_shared_domain_desk_triage
