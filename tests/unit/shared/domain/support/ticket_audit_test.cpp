// A ticket's audit trail (ticket_audit.hpp): what is recorded, with who and when, and what each
// reader is shown of it (agent and business everything, the customer only what concerns them).
#include "../program_fixture.hpp"

#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/ticket_audit.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>

namespace test_unit_shared_domain_support_ticket_audit { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;

namespace {

constexpr PersonId owner_id = 1, staff_id = 3, ava_id = 4, theo_id = 5, jordan_id = 6;

struct Desk {
  Given g = acme();
  std::vector<EventBody> run(const Command& c, PersonId who, TimeMs now) {
    auto bodies = when_ok(g.state, c, who, now);
    for (const auto& b : bodies) g.event(who, b, now);
    return bodies;
  }
  TicketId open(PersonId who, const char* subject, const char* text, TimeMs now) {
    return std::get<TicketOpened>(run(OpenTicket{who == jordan_id ? 0 : 1, subject, text, {}, {}, {}, {}}, who, now).at(0)).ticket_id;
  }
  const Ticket& ticket(TicketId id) const { return g.state.tickets.at(id); }
};

const EscalationNote double_charge{"Customer charged twice for March", "1. Checked the invoices\n2. Asked for the bank statement", "frustrated",
                                   "$49 MRR, renewal in May", "Refund the duplicate charge"};

std::vector<std::string> texts(const std::vector<AuditEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.who + ": " + e.text);
  return out;
}

// The trail without the automatic replies' entries (every ticket opens with an acknowledgement).
std::vector<AuditEntry> by_people(std::vector<AuditEntry> trail) {
  std::erase_if(trail, [](const AuditEntry& e) { return e.kind == TicketChangeKind::auto_responded; });
  return trail;
}

bool mentions(const std::vector<AuditEntry>& entries, const std::string& part) {
  return std::any_of(entries.begin(), entries.end(), [&](const AuditEntry& e) { return e.text.find(part) != std::string::npos; });
}

} // namespace

TEST_CASE("an agent's escalation is in the ticket's audit trail with who, when and the whole note; the customer is told only that it was escalated") {
  Desk d;
  const auto t = d.open(jordan_id, "Charged twice", "I was charged twice this month.", t0);
  d.run(EscalateTicket{t, "", double_charge}, ava_id, t0 + hour_ms);

  const auto staff = by_people(audit_trail(d.g.state, d.ticket(t), staff_id));
  REQUIRE(staff.size() == 1);
  CHECK(staff[0].kind == TicketChangeKind::escalated);
  CHECK(staff[0].who == "Ava");
  CHECK(staff[0].at == t0 + hour_ms);
  CHECK(staff[0].text == "Escalated to the business: Customer charged twice for March");
  REQUIRE(staff[0].note.has_value());
  CHECK(*staff[0].note == double_charge);
  CHECK(staff[0].internal);
  // The agent reads the same trail.
  CHECK(by_people(audit_trail(d.g.state, d.ticket(t), ava_id)) == staff);

  // The customer, on the server's ticket and on its own view of it (what its browser holds).
  const auto view = customer_view(d.ticket(t));
  for (const Ticket* ticket : {&d.ticket(t), &view}) {
    const auto shown = audit_trail(d.g.state, *ticket, jordan_id);
    REQUIRE(shown.size() == 1);
    CHECK(shown[0].text == "Your ticket was escalated to the Acme Analytics team.");
    CHECK(shown[0].at == t0 + hour_ms);
    CHECK_FALSE(shown[0].note.has_value());
    CHECK(shown[0].by == 0);
  }
  REQUIRE(view.changes.size() == 1);
  CHECK(view.changes[0].escalation.note == EscalationNote{});
  CHECK(view.changes[0].escalation.source == EscalationSource::none);
  CHECK(view.changes[0].by == 0);
  CHECK(view.status == TicketStatus::new_ticket); // the held status stays internal
  CHECK(audit_trail(d.g.state, view, jordan_id) == audit_trail(d.g.state, d.ticket(t), jordan_id));
}

TEST_CASE("take-overs, reassignments, SLA misses, status and priority changes are recorded with who and when; customers see the status changes only") {
  Desk d;
  const auto t = d.open(jordan_id, "Export fails", "The CSV export times out.", t0);
  d.run(TriageTicket{t, Priority::p0, Category::bug, {Category::performance}}, ava_id, t0 + minute_ms);
  d.run(RunTimers{}, support_rules::system_actor, t0 + 13 * hour_ms); // past the 12 h first-response window at the latest
  d.run(TakeOverTicket{t}, staff_id, t0 + 14 * hour_ms);
  d.run(ReplyToTicket{t, "Looking into it.", false, TicketStatus::waiting_on_customer, {}, false}, staff_id, t0 + 15 * hour_ms);
  d.run(ReplyToTicket{t, "Still failing.", false, {}, {}, false}, jordan_id, t0 + 16 * hour_ms);
  d.run(ReplyToTicket{t, "Internal: check the export worker", true, {}, {}, false}, staff_id, t0 + 16 * hour_ms);
  d.run(AssignCustomer{1, theo_id}, staff_id, t0 + 17 * hour_ms);
  d.run(ResolveTicket{t, ""}, staff_id, t0 + 18 * hour_ms);

  const auto staff = by_people(audit_trail(d.g.state, d.ticket(t), owner_id));
  CAPTURE(texts(staff));
  std::vector<TicketChangeKind> kinds;
  for (const auto& e : staff) kinds.push_back(e.kind);
  using K = TicketChangeKind;
  REQUIRE(std::find(kinds.begin(), kinds.end(), K::sla_missed) != kinds.end());
  CHECK(kinds.front() == K::triaged);
  CHECK(staff.front().who == "Ava");
  CHECK(staff.front().text == "Priority changed from P2 Medium to P0 Critical; category from how-to to bug.");
  CHECK(mentions(staff, "First response overdue; responsible: Ava."));
  CHECK(mentions(staff, "Took over the ticket from Ava."));
  CHECK(mentions(staff, "Reassigned the customer from Ava to Theo."));
  CHECK(mentions(staff, "Status changed to Waiting on customer."));
  CHECK(mentions(staff, "Status changed to Resolved."));
  for (const auto& e : staff) {
    CAPTURE(e.text);
    if (e.kind == K::sla_missed) CHECK(e.who == "SLA rules");
    if (e.kind == K::taken_over || e.kind == K::reassigned) CHECK(e.who == "Daniel");
  }
  // The internal note changed no status: no entry for it.
  CHECK(std::count(kinds.begin(), kinds.end(), K::status_changed) == 3); // waiting, open (customer's reply), resolved
  CHECK(std::is_sorted(staff.begin(), staff.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.at < b.at; }));

  const auto customer = audit_trail(d.g.state, d.ticket(t), jordan_id);
  CAPTURE(texts(customer));
  for (const auto& e : customer) {
    CHECK_FALSE(e.internal);
    CHECK((e.kind == K::status_changed || e.kind == K::escalated));
  }
  CHECK(mentions(customer, "Status changed to Resolved."));
  CHECK_FALSE(mentions(customer, "overdue"));
  CHECK_FALSE(mentions(customer, "Took over"));
  CHECK_FALSE(mentions(customer, "Priority"));
  // Who changed the status, in the customer's words: itself, or the person at the business.
  for (const auto& e : customer)
    if (e.kind == K::status_changed && e.at == t0 + 16 * hour_ms) CHECK(e.who == "You");
}

TEST_CASE("the customer's own escalation is shown to it with its reason; an agent's history lists its escalations with their notes") {
  Desk d;
  const auto a = d.open(jordan_id, "Refund", "I want a refund.", t0);
  d.run(EscalateTicket{a, "Nobody answers", {}}, jordan_id, t0 + hour_ms);
  const auto b = d.open(jordan_id, "Charged twice", "Two charges this month.", t0 + 2 * hour_ms);
  d.run(EscalateTicket{b, "", double_charge}, ava_id, t0 + 3 * hour_ms);

  const auto own = audit_trail(d.g.state, d.ticket(a), jordan_id);
  REQUIRE(own.size() == 1);
  CHECK(own[0].who == "You");
  CHECK(own[0].text == "You asked to escalate this ticket: Nobody answers");
  CHECK(by_people(audit_trail(d.g.state, d.ticket(a), staff_id)).at(0).text == "The customer asked to escalate this ticket: Nobody answers");

  const auto history = escalations_of_agent(d.g.state, ava_id);
  REQUIRE(history.size() == 2);
  CHECK(history[0].ticket_id == b); // newest first
  CHECK(history[0].escalation.note == double_charge);
  CHECK(history[0].pending);
  CHECK(history[1].escalation.source == EscalationSource::customer);
  CHECK(escalations_of_agent(d.g.state, theo_id).empty());
  CHECK(escalation_summary(d.g.state, history[0].escalation) ==
        "Ava: Customer charged twice for March \xC2\xB7 customer frustrated \xC2\xB7 recommends: Refund the duplicate charge");
  CHECK(escalation_summary(d.g.state, history[1].escalation) == "Customer: Nobody answers");
  // Once the business answers, the escalation is no longer pending, and stays in the history.
  d.run(ReplyToTicket{b, "We refunded the duplicate charge.", false, TicketStatus::resolved, {}, false}, staff_id, t0 + 4 * hour_ms);
  CHECK_FALSE(escalations_of_agent(d.g.state, ava_id)[0].pending);
}

TEST_CASE("a customer's copy of the trail, reduced twice, is the same; the redacted escalation event records the same entry") {
  Desk d;
  const auto t = d.open(jordan_id, "Charged twice", "Two charges.", t0);
  d.run(EscalateTicket{t, "", double_charge}, ava_id, t0 + hour_ms);
  const auto once = customer_changes(d.ticket(t).changes);
  CHECK(customer_changes(once) == once);
  // The event the customer gets says only that it happened.
  const auto redacted = customer_facing(TicketEscalated{t, d.ticket(t).escalation});
  REQUIRE(redacted.has_value());
  const auto& e = std::get<TicketEscalated>(*redacted);
  CHECK(e.escalation.source == EscalationSource::none);
  CHECK(e.escalation.note == EscalationNote{});
  CHECK(e.escalation.by == 0);
  CHECK(e.escalation.reason.empty());
}

} // namespace test_unit_shared_domain_support_ticket_audit
