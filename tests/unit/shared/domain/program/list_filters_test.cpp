// The list views and filters the server's list routes and the browser's lists share.
#include "../program_fixture.hpp"

#include "shared/domain/program/list_filters.hpp"

#include <set>

namespace test_unit_shared_domain_program_list_filters { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;

namespace {

// One ticket of each kind the views tell apart, on Acme's customers.
ProgramState desk() {
  auto s = acme().state;
  auto add = [&](TicketId id, CustomerId customer, PersonId agent, const char* subject, TicketStatus status, auto&& change) {
    Ticket t;
    t.id = id;
    t.customer_id = customer;
    t.agent_id = agent;
    t.subject = subject;
    t.status = status;
    change(t);
    s.tickets[id] = t;
  };
  auto nothing = [](Ticket&) {};
  add(1, 1, 4, "Export fails", TicketStatus::open, nothing);
  add(2, 1, 4, "First answer late", TicketStatus::open, [](Ticket& t) { t.sla.first_response_overdue_at = t0; });
  // Missed its first response, then was answered late and closed: history, not the Overdue list.
  add(3, 2, 5, "Closed after a late answer", TicketStatus::closed, [](Ticket& t) { t.sla.first_response_overdue_at = t0; });
  add(4, 2, 5, "Resolution late", TicketStatus::waiting_on_customer, [](Ticket& t) { t.sla.resolution_overdue_at = t0; });
  add(5, 3, 0, "Escalated, awaiting the business", TicketStatus::escalated, [](Ticket& t) { t.escalation.pending = true; });
  // Escalated, then taken over by the business: no longer awaiting it.
  add(6, 3, 0, "Taken over", TicketStatus::escalated, [](Ticket& t) { t.taken_over_by = 2; });
  add(7, 1, 4, "Resolved", TicketStatus::resolved, nothing);
  return s;
}

std::set<TicketId> rows(const ProgramState& s, const TicketFilter& f) {
  std::set<TicketId> out;
  for (const auto& [id, t] : s.tickets)
    if (ticket_matches(s, t, f)) out.insert(id);
  return out;
}

TicketFilter view(TicketView v) {
  TicketFilter f;
  f.view = v;
  return f;
}

} // namespace

TEST_CASE("the ticket list views: overdue only while open, escalated only while awaiting the business") {
  const auto s = desk();
  CHECK(rows(s, view(TicketView::open)) == std::set<TicketId>{1, 2, 4, 5, 6});
  CHECK(rows(s, view(TicketView::overdue)) == std::set<TicketId>{2, 4});
  CHECK(rows(s, view(TicketView::escalated)) == std::set<TicketId>{5});
  CHECK(rows(s, view(TicketView::closed)) == std::set<TicketId>{3, 7});
  CHECK(rows(s, view(TicketView::all)).size() == 7);
}

TEST_CASE("view names read both ways; anything else is not a view") {
  for (auto v : all_ticket_views) CHECK(ticket_view_from(to_string(v)) == v);
  CHECK_FALSE(ticket_view_from("").has_value());
  CHECK_FALSE(ticket_view_from("Overdue").has_value());
  CHECK(ticket_priority_from("P0") == Priority::p0);
  CHECK_FALSE(ticket_priority_from("P9").has_value());
}

TEST_CASE("ticket filters: agent (0 the business queue), customer, priority and a search in subject or customer name") {
  auto s = desk();
  s.tickets[4].priority = Priority::p0;
  TicketFilter f;
  f.agent = 0;
  CHECK(rows(s, f) == std::set<TicketId>{5, 6});
  f = {};
  f.customer = 2;
  CHECK(rows(s, f) == std::set<TicketId>{3, 4});
  f = {};
  f.priority = Priority::p0;
  CHECK(rows(s, f) == std::set<TicketId>{4});
  f = {};
  f.q = "EXPORT";
  CHECK(rows(s, f) == std::set<TicketId>{1});
  f.q = "sam riv"; // customer 2's name
  CHECK(rows(s, f) == std::set<TicketId>{3, 4});
  f.view = TicketView::overdue;
  CHECK(rows(s, f) == std::set<TicketId>{4});
}

TEST_CASE("customer filters: name or email, exact subscription, segment and agent") {
  const auto s = acme().state;
  auto names = [&](const CustomerFilter& f) {
    std::set<std::string> out;
    for (const auto& [id, c] : s.customers)
      if (customer_matches(c, f)) out.insert(c.profile.name);
    return out;
  };
  CHECK(names({}).size() == 3);
  CHECK(names({"NORTHWIND", "", "", -1}) == std::set<std::string>{"Sam Rivera"}); // the email
  CHECK(names({"li w", "", "", -1}) == std::set<std::string>{"Li Wei"});
  CHECK(names({"", "", "", 0}) == std::set<std::string>{"Li Wei"}); // the business queue
  CHECK(names({"", "", "", 4}) == std::set<std::string>{"Jordan Lee"});
  CHECK(names({"", "past_due", "", -1}).empty());
  CHECK(names({"", "active", "Growth", -1}).size() == 3);
  CHECK(names({"", "", "Starter", -1}).empty());
}

} // namespace test_unit_shared_domain_program_list_filters
