// Who may work support now (issue 14, items 1 and 4): an agent who may not (suspended,
// certification revoked or expired) gets and answers no tickets; its customers' new and open
// tickets are handled by the business's queue, the business hears of it at once, the agent
// reads them without answering; on reinstatement or recertification the business chooses
// whether the customers come back. Overdue flags and escalations keep who was responsible.
// A suspension that requires remediation is reinstated only once the remediation is recorded.
#include "../program_fixture.hpp"

#include <algorithm>

#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/support_access.hpp"
#include "shared/domain/support/ticket_audit.hpp"
#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_support_support_access { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, staff = 3, ava = 4, theo = 5, jordan = 6;


TicketId open_ticket(Given& g, TimeMs at, const char* subject = "Exporting reports") {
  auto events = run(g, OpenTicket{0, subject, "How do I export a report to CSV?", {}, {}, {}, {}}, jordan, at);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}

void timers(Given& g, TimeMs now) {
  auto events = when_ok(g.state, RunTimers{}, support_rules::system_actor, now);
  for (auto& e : events) g.event(support_rules::system_actor, e, now);
}

SetAgentStatus suspend(PersonId p, bool remediation = false) {
  SetAgentStatus c{p, PartnerStatus::suspended, "Non-responsive with overdue tickets", {}, remediation, false};
  return c;
}
SetAgentStatus reinstate(PersonId p, std::optional<bool> come_back = std::nullopt) {
  SetAgentStatus c{p, PartnerStatus::active, "", {}, false, false};
  c.customers_come_back = come_back;
  return c;
}

const Notification& last_notification(const Given& g, PersonId p) { return g.state.inboxes.at(p).items.back(); }

} // namespace

TEST_CASE("may_work_support: an active partner agent holding the certification, nobody else") {
  auto g = acme();
  CHECK(may_work_support(g.state, ava));
  CHECK(why_no_support(g.state, ava).empty());
  CHECK_FALSE(may_work_support(g.state, staff));
  CHECK_FALSE(may_work_support(g.state, 99));
  run(g, suspend(ava), staff, t0);
  CHECK_FALSE(may_work_support(g.state, ava));
  CHECK(why_no_support(g.state, ava) == "suspended");
  run(g, RevokeCertification{theo, "Conduct"}, staff, t0);
  CHECK_FALSE(may_work_support(g.state, theo));
  CHECK(why_no_support(g.state, theo) == "certification revoked");
  CHECK_FALSE(can_be_assigned_customers(g.state, theo)); // the same rule
}

TEST_CASE("the agent's own notice while it may not work support: why, and that the business queue handles its customers' tickets, read-only for it") {
  auto g = acme();
  CHECK(off_support_notice_text(g.state, ava).empty());
  run(g, suspend(ava), staff, t0);
  const auto notice = off_support_notice_text(g.state, ava);
  CHECK(notice.rfind("You may not work support now (suspended).", 0) == 0);
  CHECK(notice.find("handled by the business queue") != std::string::npos);
  CHECK(notice.find("read-only") != std::string::npos);
  run(g, RevokeCertification{theo, "Conduct"}, staff, t0);
  CHECK(off_support_notice_text(g.state, theo).rfind("You may not work support now (certification revoked).", 0) == 0);
  run(g, reinstate(ava, true), staff, t0 + hour_ms);
  CHECK(off_support_notice_text(g.state, ava).empty());
}

TEST_CASE("a suspended agent's customer: new and open tickets go to the business queue, the business is told, the agent reads but cannot answer") {
  auto g = acme();
  const auto before = open_ticket(g, t0, "Open before");
  REQUIRE(g.state.tickets.at(before).agent_id == ava);
  const auto staff_unread = g.state.inboxes[staff].unread();

  auto events = run(g, suspend(ava), owner, t0 + hour_ms);
  REQUIRE(events.size() == 2); // the status, and customer 1 held (Ava's only customer)
  CHECK(std::get<CustomerSupportHeld>(events[1]) == CustomerSupportHeld{1, ava, true});
  CHECK(g.state.customers.at(1).assigned_agent == ava); // the assignment stays
  CHECK(g.state.customers.at(1).support_held);
  CHECK(g.state.tickets.at(before).agent_id == 0);      // the open ticket is in the business queue
  CHECK(g.state.open_tickets.at(before).agent_id == 0);
  // The business hears of it at once, with the count of customers.
  CHECK(g.state.inboxes[staff].unread() == staff_unread + 1);
  CHECK(last_notification(g, staff).kind == "support_held");
  CHECK(last_notification(g, staff).text == "Ava may not work support now (suspended): the new and open tickets of 1 customer are handled in your queue.");

  // A new ticket goes to the queue too.
  const auto after = open_ticket(g, t0 + 2 * hour_ms, "Opened while suspended");
  CHECK(g.state.tickets.at(after).agent_id == 0);
  // The agent reads both tickets, but no command of it on them is accepted.
  for (auto id : {before, after}) {
    CAPTURE(id);
    CHECK(is_allowed(g.state, ava, Action::read_ticket, {.ticket = id}));
    CHECK(visible_state(g.state, ava).tickets.count(id) == 1);
    CHECK_FALSE(is_allowed(g.state, ava, Action::reply_ticket, {.ticket = id}));
    CHECK(when_refused(g.state, ReplyToTicket{id, "On it", false, {}, {}, false}, ava).code == ErrorCode::forbidden);
    CHECK(when_refused(g.state, ReplyToTicket{id, "note", true, {}, {}, false}, ava).code == ErrorCode::forbidden);
    CHECK(when_refused(g.state, TriageTicket{id, Priority::p1, Category::bug, {}}, ava).code == ErrorCode::forbidden);
    CHECK(when_refused(g.state, ResolveTicket{id, ""}, ava).code == ErrorCode::forbidden);
    CHECK(when_refused(g.state, EscalateTicket{id, "", EscalationNote{"s", "", "calm", "", "r"}}, ava).code == ErrorCode::forbidden);
  }
  // The business answers from its queue.
  run(g, ReplyToTicket{after, "Reports > Export > CSV.", false, TicketStatus::waiting_on_customer, {}, false}, staff, t0 + 3 * hour_ms);
  CHECK(g.state.tickets.at(after).messages.size() == 3); // the customer's, the automatic acknowledgement, the business's
  // The customer sees the business support team handling its tickets, in every channel.
  CHECK(visible_state(g.state, jordan).tickets.at(after).agent_id == 0);
}

TEST_CASE("a ticket the agent handled before the suspension is refused to it even where it still names the agent") {
  // A resolved ticket keeps its agent; reopened while the agent may not work, the queue takes it.
  auto g = acme();
  const auto id = open_ticket(g, t0);
  run(g, ReplyToTicket{id, "Done.", false, TicketStatus::resolved, {}, false}, ava, t0 + hour_ms);
  run(g, suspend(ava), staff, t0 + 2 * hour_ms);
  CHECK(g.state.tickets.at(id).agent_id == ava); // resolved: kept for the agent's record
  run(g, ReplyToTicket{id, "It broke again", false, {}, {}, false}, jordan, t0 + 3 * hour_ms);
  CHECK(g.state.tickets.at(id).status == TicketStatus::reopened);
  CHECK(g.state.tickets.at(id).agent_id == 0);
  CHECK(when_refused(g.state, ReplyToTicket{id, "Hi", false, {}, {}, false}, ava).code == ErrorCode::forbidden);
}

TEST_CASE("overdue flags and escalations name who was responsible when they happened, and land on no suspended agent") {
  auto g = acme();
  const auto early = open_ticket(g, t0, "Overdue under Ava");
  timers(g, t0 + 13 * hour_ms); // the 12 h first-response window passed while Ava handled it
  REQUIRE(g.state.tickets.at(early).sla.first_response_overdue_at != 0);
  CHECK(g.state.tickets.at(early).sla.first_response_overdue_agent == ava);
  CHECK(g.state.agent_support.at(ava).overdue_flags == 1);

  run(g, suspend(ava), staff, t0 + 14 * hour_ms);
  // Moved to the queue: the flag still names Ava; the auto-escalation names the queue.
  CHECK(g.state.tickets.at(early).sla.first_response_overdue_agent == ava);
  timers(g, t0 + 25 * hour_ms);
  REQUIRE(g.state.tickets.at(early).escalation.source == EscalationSource::sla);
  CHECK(g.state.tickets.at(early).escalation.agent_id == 0);

  const auto late = open_ticket(g, t0 + 26 * hour_ms, "Opened while suspended");
  timers(g, t0 + 39 * hour_ms);
  CHECK(g.state.tickets.at(late).sla.first_response_overdue_at != 0);
  CHECK(g.state.tickets.at(late).sla.first_response_overdue_agent == 0);
  CHECK(g.state.agent_support.at(ava).overdue_flags == 1); // nothing more on the suspended agent
  // The customer is never shown who was responsible.
  CHECK(visible_state(g.state, jordan).tickets.at(early).sla.first_response_overdue_agent == 0);
}

TEST_CASE("an escalation keeps the agent handling the ticket then") {
  auto g = acme();
  const auto id = open_ticket(g, t0);
  run(g, EscalateTicket{id, "I need a manager", {}}, jordan, t0 + hour_ms);
  CHECK(g.state.tickets.at(id).escalation.agent_id == ava);
}

TEST_CASE("reinstatement: the business chooses whether the customers come back") {
  SUBCASE("they come back: open tickets return to the agent, who answers again") {
    auto g = acme();
    const auto id = open_ticket(g, t0);
    run(g, suspend(ava), staff, t0 + hour_ms);
    run(g, reinstate(ava, true), staff, t0 + 2 * hour_ms);
    CHECK_FALSE(g.state.customers.at(1).support_held);
    CHECK(g.state.tickets.at(id).agent_id == ava);
    CHECK(is_allowed(g.state, ava, Action::reply_ticket, {.ticket = id}));
    CHECK(last_notification(g, ava).text == "Support for Jordan Lee is back with you (1 open ticket).");
    CHECK(std::get<TicketOpened>(run(g, OpenTicket{0, "Again", "Hello", {}, {}, {}, {}}, jordan, t0 + 3 * hour_ms)[0]).agent_id == ava);
    // The ticket's audit trail shows both moves, with when and who was handling it before.
    std::vector<std::pair<PersonId, PersonId>> moves;
    for (const auto& c : g.state.tickets.at(id).changes)
      if (c.kind == TicketChangeKind::reassigned) moves.emplace_back(c.previous_agent, c.agent_id);
    CHECK(moves == std::vector<std::pair<PersonId, PersonId>>{{ava, 0}, {0, ava}});
    const auto trail = audit_trail(g.state, g.state.tickets.at(id), staff);
    const auto held = std::find_if(trail.begin(), trail.end(), [](const AuditEntry& a) { return a.kind == TicketChangeKind::reassigned; });
    REQUIRE(held != trail.end());
    CHECK(held->at == t0 + hour_ms);
    CHECK(held->text.find("to the business queue") != std::string::npos);
    CHECK(held->internal);
  }
  SUBCASE("they stay: moved to the business's own support") {
    auto g = acme();
    const auto id = open_ticket(g, t0);
    run(g, suspend(ava), staff, t0 + hour_ms);
    run(g, reinstate(ava, false), staff, t0 + 2 * hour_ms);
    CHECK(g.state.customers.at(1).assigned_agent == 0);
    CHECK_FALSE(g.state.customers.at(1).support_held);
    CHECK(g.state.tickets.at(id).agent_id == 0);
    CHECK_FALSE(is_allowed(g.state, ava, Action::read_ticket, {.ticket = id}));
  }
  SUBCASE("no choice yet: they stay held until the business decides") {
    auto g = acme();
    const auto id = open_ticket(g, t0);
    run(g, suspend(ava), staff, t0 + hour_ms);
    run(g, reinstate(ava), staff, t0 + 2 * hour_ms);
    CHECK(may_work_support(g.state, ava));
    CHECK(g.state.customers.at(1).support_held);
    CHECK(g.state.tickets.at(id).agent_id == 0);
    CHECK(held_customers(g.state, ava) == std::vector<CustomerId>{1});
    CHECK(when_refused(g.state, DecideHeldCustomers{ava, true}, ava).code == ErrorCode::forbidden);
    run(g, DecideHeldCustomers{ava, true}, staff, t0 + 3 * hour_ms);
    CHECK(g.state.tickets.at(id).agent_id == ava);
    CHECK(when_refused(g.state, DecideHeldCustomers{ava, true}, staff).field == "data.person_id"); // nothing held any more
  }
  SUBCASE("the choice is only for a reinstatement") {
    auto g = acme();
    auto c = suspend(ava);
    c.customers_come_back = true;
    CHECK(when_refused(g.state, c, staff).field == "data.customers_come_back");
  }
}

TEST_CASE("a revoked or expired certification holds the customers; on recertification the business is asked and chooses") {
  auto g = acme();
  const auto id = open_ticket(g, t0);
  const auto events = run(g, RevokeCertification{ava, "Handled a refund"}, staff, t0 + hour_ms);
  REQUIRE(events.size() == 2);
  CHECK(std::holds_alternative<CustomerSupportHeld>(events[1]));
  CHECK(g.state.tickets.at(id).agent_id == 0);
  CHECK(last_notification(g, owner).text ==
        "Ava may not work support now (certification revoked): the new and open tickets of 1 customer are handled in your queue.");
  CHECK(when_refused(g.state, DecideHeldCustomers{ava, true}, staff).field == "data.come_back"); // not certified yet
  // Certified again: the customers stay in the queue until the business chooses.
  g.event(staff, CertificationStatusChanged{ava, CertificationStatus::certified, "", 0, 0}, t0 + 2 * hour_ms);
  CHECK(g.state.tickets.at(id).agent_id == 0);
  CHECK(last_notification(g, owner).text == "Ava may work support again: choose whether 1 customer in your queue come back (Agents page).");
  run(g, DecideHeldCustomers{ava, false}, staff, t0 + 3 * hour_ms);
  CHECK(g.state.customers.at(1).assigned_agent == 0);

  // Expiry, from the scheduler.
  auto h = acme();
  h.event(staff, CertificationStatusChanged{theo, CertificationStatus::certified, "", 0, t0 + day_ms});
  timers(h, t0 + day_ms);
  CHECK(certification_status(h.state.certification, theo) == CertificationStatus::expired);
  CHECK(h.state.customers.at(2).support_held);
}

TEST_CASE("held customers earn the agent no support commission; removal unassigns them as before") {
  auto g = acme();
  run(g, suspend(ava), staff, t0);
  run(g, reinstate(ava), staff, t0 + day_ms);
  CHECK(support_earner(g.state, g.state.customers.at(1)) == 0); // held: the business supports Jordan
  run(g, DecideHeldCustomers{ava, true}, staff, t0 + 2 * day_ms);
  CHECK(support_earner(g.state, g.state.customers.at(1)) == ava);
  run(g, suspend(ava), staff, t0 + 3 * day_ms);
  run(g, SetAgentStatus{ava, PartnerStatus::removed, "Restricted topic", {}, false, false}, staff, t0 + 4 * day_ms);
  CHECK(g.state.customers.at(1).assigned_agent == 0);
  CHECK_FALSE(g.state.customers.at(1).support_held);
}

TEST_CASE("remediation required: reinstatement is refused until the remediation is recorded as done (what, by whom, when)") {
  auto g = acme();
  run(g, suspend(ava, true), staff, t0);
  CHECK(remediation_outstanding(g.state, ava));
  const auto refused = when_refused(g.state, reinstate(ava, true), owner);
  CHECK(refused.code == ErrorCode::conflict);
  CHECK(refused.field == "data.status");
  CHECK(refused.message.find("requires remediation before reinstatement") != std::string::npos);
  // Removal does not wash it away.
  run(g, SetAgentStatus{ava, PartnerStatus::removed, "Still slow", {}, false, false}, staff, t0 + hour_ms);
  CHECK(when_refused(g.state, reinstate(ava), owner).field == "data.status");

  CHECK(when_refused(g.state, RecordRemediation{ava, ""}, owner).field == "data.what");
  CHECK(when_refused(g.state, RecordRemediation{ava, "Retrained"}, ava).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, RecordRemediation{theo, "Retrained"}, owner).field == "data.person_id"); // none required
  run(g, RecordRemediation{ava, "Retook the escalation module and passed its quiz"}, owner, t0 + 2 * day_ms);
  const auto& rec = g.state.agent_support.at(ava);
  CHECK(rec.remediation == Remediation{"Retook the escalation module and passed its quiz", owner, t0 + 2 * day_ms});
  CHECK(rec.history.back().kind == "remediation");
  CHECK_FALSE(remediation_outstanding(g.state, ava));
  // The agent sees its own record; another agent does not.
  CHECK(visible_state(g.state, ava).agent_support.at(ava).remediation.by == owner);
  CHECK(visible_state(g.state, theo).agent_support.count(ava) == 0);

  run(g, reinstate(ava), owner, t0 + 3 * day_ms);
  CHECK_FALSE(g.state.agent_support.at(ava).remediation_required);
  CHECK(g.state.agent_support.at(ava).remediation.at == t0 + 2 * day_ms); // kept as history
  // A new suspension requiring remediation needs a new record.
  run(g, suspend(ava, true), staff, t0 + 4 * day_ms);
  CHECK(remediation_outstanding(g.state, ava));
}

TEST_CASE("the agent's and the customer's replicas follow the hold and the return") {
  // The customer's replica sees its tickets move (who handles them), never why.
  auto g = acme();
  const auto id = open_ticket(g, t0);
  auto jordan_replica = visible_state(g.state, jordan);
  auto ava_replica = visible_state(g.state, ava);
  std::vector<Event> log;
  auto step = [&](const Command& c, PersonId who, TimeMs now) {
    for (auto& b : when_ok(g.state, c, who, now)) {
      g.event(who, b, now);
      log.push_back(Event{g.seq, 1, who, now, b});
      for (auto [reader, replica] : {std::pair{jordan, &jordan_replica}, std::pair{ava, &ava_replica}})
        if (auto shown = event_for_reader(g.state, reader, log.back())) CHECK_FALSE(apply(*replica, *shown).needs_snapshot);
    }
  };
  step(suspend(ava), staff, t0 + hour_ms);
  step(ReplyToTicket{id, "We are on it.", false, TicketStatus::open, {}, false}, staff, t0 + 2 * hour_ms);
  step(reinstate(ava, true), staff, t0 + 3 * hour_ms);
  for (auto [reader_, replica] : {std::pair{jordan, &jordan_replica}, std::pair{ava, &ava_replica}}) {
    const auto reader = reader_; // clang 14: a lambda (CAPTURE) cannot name a structured binding
    CAPTURE(reader);
    const auto view = visible_state(g.state, reader);
    CHECK(replica->customers == view.customers);
    CHECK(replica->tickets.at(id) == view.tickets.at(id));
    CHECK(replica->open_tickets == view.open_tickets);
  }
}

} // namespace test_unit_shared_domain_support_support_access
