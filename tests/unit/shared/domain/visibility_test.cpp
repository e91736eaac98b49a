#include "program_fixture.hpp"

#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>
#include <functional>

namespace test_unit_shared_domain_visibility { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;

TEST_CASE("an agent sees only its own assigned customers; staff see all; a customer only itself") {
  auto g = acme();
  CHECK(visible_state(g.state, 3).customers.size() == 3); // staff
  auto ava = visible_state(g.state, 4);
  REQUIRE(ava.customers.size() == 1);
  CHECK(ava.customers.begin()->first == 1);
  CHECK(ava.invitations.empty());
  CHECK(ava.agents.size() == 1); // only its own partner record
  auto jordan = visible_state(g.state, 6);
  REQUIRE(jordan.customers.size() == 1);
  CHECK(jordan.customers.begin()->second.person_id == 6);
  CHECK(jordan.members.count(4) == 1);  // its own agent
  CHECK(jordan.members.count(5) == 0);  // not another agent
  CHECK(visible_state(g.state, 99).customers.empty()); // outsider
  CHECK_FALSE(visible_state(g.state, 99).exists());
}

TEST_CASE("feed events are filtered per reader") {
  auto g = acme();
  Event sam_update{100, 1, 3, t0, CustomerUpdated{2, profile("Sam Rivera", "sam@northwind.test", 5)}};
  CHECK(event_visible_to(g.state, 3, sam_update));
  CHECK(event_visible_to(g.state, 5, sam_update));
  CHECK_FALSE(event_visible_to(g.state, 4, sam_update));
  CHECK_FALSE(event_visible_to(g.state, 6, sam_update));
  CHECK_FALSE(event_visible_to(g.state, 99, sam_update));
  Event invite{101, 1, 1, t0, InvitationCreated{9, "z@a.test", pd::identity::Role::agent, "h", t0, 0}};
  CHECK(event_visible_to(g.state, 2, invite));
  CHECK_FALSE(event_visible_to(g.state, 4, invite));
  Event status{102, 1, 3, t0, AgentStatusChanged{4, PartnerStatus::suspended, "x"}};
  CHECK(event_visible_to(g.state, 4, status));
  CHECK_FALSE(event_visible_to(g.state, 5, status));
}

TEST_CASE("the agent who loses a customer hears of it, the new agent then sees the customer") {
  auto g = acme();
  Event moved{200, 1, 3, t0, CustomerAssigned{1, 5, 4}};
  g.event(3, CustomerAssigned{1, 5, 4});
  CHECK(event_visible_to(g.state, 4, moved));
  CHECK(event_visible_to(g.state, 5, moved));
  CHECK(visible_state(g.state, 5).customers.count(1) == 1);
  CHECK(visible_state(g.state, 4).customers.count(1) == 0);
  // A replica of agent 5 that did not hold customer 1 asks for a snapshot.
  auto replica = visible_state(acme().state, 5);
  CHECK(apply(replica, moved).needs_snapshot);
}

TEST_CASE("a replica fed only visible events agrees with the server's visible state") {
  // Build the full history, then replay only what agent 4 may see onto its snapshot at 0.
  auto g = acme();
  std::vector<Event> later = {
      {g.seq + 1, 1, 3, t0, CustomerUpdated{1, profile("Jordan Lee", "jordan@acme.test", 4)}},
      {g.seq + 2, 1, 3, t0, CustomerUpdated{2, profile("Sam R.", "sam@northwind.test", 5)}},
      {g.seq + 3, 1, 1, t0, ProgramRenamed{"Acme Analytics Inc."}},
  };
  auto replica = visible_state(g.state, 4);
  for (const auto& e : later) {
    apply(g.state, e);
    if (event_visible_to(g.state, 4, e)) CHECK_FALSE(apply(replica, e).needs_snapshot);
  }
  auto expected = visible_state(g.state, 4);
  CHECK(state_to_json(replica) == state_to_json(expected));
}

TEST_CASE("authorization denies by default") {
  auto g = acme();
  for (auto action : {Action::read_program, Action::read_customer, Action::write_customer, Action::manage_agents, Action::invite})
    CHECK_FALSE(is_allowed(g.state, 99, action, {.person = 1, .customer = 1, .role = pd::identity::Role::agent}));
  CHECK_FALSE(is_allowed(g.state, 4, Action::read_customer, {.customer = 999}));
  CHECK_FALSE(is_allowed(g.state, 4, Action::read_invitations));
  CHECK(is_allowed(g.state, 4, Action::read_agent, {.person = 4}));
  CHECK_FALSE(is_allowed(g.state, 4, Action::read_agent, {.person = 5}));
}

TEST_CASE("a removed member hears of the removal, though no longer a member") {
  auto g = acme();
  g.event(1, MemberRemoved{5});
  Event removed{g.seq, 1, 1, t0, MemberRemoved{5}};
  CHECK(event_visible_to(g.state, 5, removed));
  CHECK_FALSE(event_visible_to(g.state, 5, Event{g.seq + 1, 1, 1, t0, ProgramRenamed{"New"}}));
}

// ---- What a customer sees of its tickets, on every channel (issue 13) -----------------------

namespace {

constexpr PersonId owner_id = 1, staff_id = 3, ava_id = 4, theo_id = 5, jordan_id = 6;

// The server's log as it grows: decide, append, apply; each event is kept for the feed.
struct Server {
  Given g = acme();
  std::vector<Event> log;
  std::function<void(const Event&)> on_event; // the live stream, as each event is applied

  std::vector<EventBody> run(const Command& c, PersonId who, TimeMs now) {
    auto bodies = when_ok(g.state, c, who, now);
    for (const auto& b : bodies) {
      g.event(who, b, now);
      log.push_back(Event{g.seq, 1, who, now, b});
      if (on_event) on_event(log.back());
    }
    return bodies;
  }
  void timers(TimeMs now) { run(RunTimers{}, support_rules::system_actor, now); }
  TicketId open(PersonId who, CustomerId customer, const char* subject, const char* text, TimeMs now) {
    return std::get<TicketOpened>(run(OpenTicket{customer, subject, text, {}, {}, {}, {}}, who, now).at(0)).ticket_id;
  }
};

// What reaches the browser: the event through its wire form (without secrets), decoded there.
Event over_the_wire(const Event& e) {
  auto back = event_from_json(nlohmann::json::parse(to_json(e, false).dump()));
  REQUIRE(back.ok());
  return back.value();
}

// The reader's snapshot of the moment, through its wire form.
ProgramState snapshot_of(const ProgramState& full, PersonId reader) {
  auto s = state_from_json(nlohmann::json::parse(state_to_json(visible_state(full, reader)).dump()));
  REQUIRE(s.ok());
  return s.value();
}

// What the browser's store does with an event (store_replica.cpp): events its state already
// holds are skipped; when apply() says the state lacks something, the snapshot is loaded again.
void receive(ProgramState& replica, const Event& shown, const ProgramState& full, PersonId reader, int& reloads) {
  if (shown.seq <= replica.version) return;
  if (apply(replica, over_the_wire(shown)).needs_snapshot) {
    replica = snapshot_of(full, reader);
    ++reloads;
  }
}

// The replica holds what the reader's snapshot of the same moment holds, field by field. Left
// out, and said so: apply() also keeps, in any replica, other people's notifications and the
// agents' support records that the events imply; a customer's views never read them and its
// snapshot does not carry them.
void check_same(const ProgramState& replica, const ProgramState& view, PersonId reader) {
  CHECK(replica.id == view.id);
  CHECK(replica.name == view.name);
  CHECK(replica.currency == view.currency);
  CHECK(replica.created_at == view.created_at);
  CHECK(replica.version == view.version);
  CHECK(replica.members == view.members);
  CHECK(replica.agents == view.agents);
  CHECK(replica.customers == view.customers);
  CHECK(replica.invitations == view.invitations);
  CHECK(replica.customer_by_email == view.customer_by_email);
  CHECK(replica.customers_by_agent == view.customers_by_agent);
  CHECK(replica.next_customer_id == view.next_customer_id);
  CHECK(replica.next_invitation_id == view.next_invitation_id);
  CHECK(replica.support_settings == view.support_settings);
  REQUIRE(replica.tickets.size() == view.tickets.size());
  for (const auto& [id_, t] : view.tickets) {
    const auto id = id_; // clang 14: a lambda (CAPTURE) cannot name a structured binding
    CAPTURE(id);
    REQUIRE(replica.tickets.count(id) == 1);
    const auto& r = replica.tickets.at(id);
    // Field by field first, so a difference names itself; then the whole ticket.
    CHECK(r.status == t.status);
    CHECK(r.escalation == t.escalation);
    CHECK(r.messages == t.messages);
    CHECK(r.sla == t.sla);
    CHECK(r.tags == t.tags);
    CHECK(r.restricted_topics == t.restricted_topics);
    CHECK(r.updated_at == t.updated_at);
    CHECK(r.version == t.version);
    CHECK(r.customer_shown == t.customer_shown);
    CHECK(r.changes == t.changes);
    CHECK(r == t);
  }
  CHECK(replica.next_ticket_id == view.next_ticket_id);
  CHECK(replica.tickets_by_customer == view.tickets_by_customer);
  CHECK(replica.open_tickets == view.open_tickets);
  CHECK(replica.rated_tickets == view.rated_tickets);
  REQUIRE(replica.inboxes.count(reader) == view.inboxes.count(reader));
  if (view.inboxes.count(reader)) CHECK(replica.inboxes.at(reader) == view.inboxes.at(reader));
  CHECK(replica.check_ins == view.check_ins);
  CHECK(replica.next_check_in_id == view.next_check_in_id);
  const auto &rc = replica.certification, &vc = view.certification;
  CHECK(rc.access == vc.access);
  CHECK(rc.rules == vc.rules);
  CHECK(rc.modules == vc.modules);
  CHECK(rc.bank == vc.bank);
  CHECK(rc.quiz_keys == vc.quiz_keys);
  CHECK(rc.agents == vc.agents);
  const auto &rm = replica.commissions, &vm = view.commissions;
  CHECK(rm.plans == vm.plans);
  CHECK(rm.payments == vm.payments);
  CHECK(rm.lines == vm.lines);
  CHECK(rm.batches == vm.batches);
  CHECK(replica.api_keys == view.api_keys);
}

} // namespace

TEST_CASE("a customer's replica, fed the redacted feed or stream, equals the customer's view of the server's state") {
  Server server;
  auto& full = server.g.state;
  // The browser's snapshot, through its wire form; then the live stream from there.
  ProgramState live = snapshot_of(full, jordan_id);
  std::vector<Event> streamed;
  int live_reloads = 0;
  server.on_event = [&](const Event& e) {
    if (auto shown = event_for_reader(full, jordan_id, e)) {
      streamed.push_back(*shown);
      receive(live, *shown, full, jordan_id, live_reloads);
    }
  };
  // The feed, read from time to time (visibility judged against the state of then).
  ProgramState from_feed = live;
  std::vector<Event> fed;
  std::size_t fed_up_to = 0;
  int feed_reloads = 0;
  auto read_feed = [&] {
    for (; fed_up_to < server.log.size(); ++fed_up_to)
      if (auto shown = event_for_reader(full, jordan_id, server.log[fed_up_to])) {
        fed.push_back(*shown);
        receive(from_feed, *shown, full, jordan_id, feed_reloads);
      }
  };
  // Both replicas against the customer's snapshot of the moment; the browser continues after
  // its cursor (the last event scanned), which is the log's end.
  auto both_agree = [&] {
    read_feed();
    const auto view = visible_state(full, jordan_id);
    for (const auto* replica : {&live, &from_feed}) {
      CAPTURE(replica == &live ? "stream" : "feed");
      ProgramState r = *replica;
      r.version = server.g.seq;
      check_same(r, view, jordan_id);
    }
  };

  // A: a refund the agent escalates, notes internally, answers despite the restricted-topic
  // warning; the business takes over; the resolution deadline passes; the business answers;
  // then the customer escalates, is answered, closes and rates.
  const auto a = server.open(jordan_id, 0, "Charged twice", "I was charged twice this month and I want a refund.", t0);
  server.run(EscalateTicket{a, "", EscalationNote{"Double charge", "Checked invoices", "frustrated", "$49 MRR", "Billing refunds"}}, ava_id,
             t0 + hour_ms);
  server.run(ReplyToTicket{a, "Billing dispute: do not promise anything", true, {}, {}, false}, ava_id, t0 + hour_ms);
  server.run(ReplyToTicket{a, "I have approved your refund.", false, {}, {}, true}, ava_id, t0 + 2 * hour_ms);
  server.run(TakeOverTicket{a}, staff_id, t0 + 3 * hour_ms);
  // B: unanswered, so the scheduler flags it overdue and escalates it at 2x the window; the
  // agent triages it with an internal tag.
  const auto b = server.open(jordan_id, 0, "Export to CSV", "How do I export a report?", t0 + hour_ms);
  server.run(TriageTicket{b, Priority::p3, Category::how_to, {Category::churn_risk}}, ava_id, t0 + 2 * hour_ms);
  server.timers(t0 + 14 * hour_ms);
  server.timers(t0 + 26 * hour_ms);
  REQUIRE(full.tickets.at(b).escalation.source == EscalationSource::sla);
  server.run(ReplyToTicket{b, "Any news?", false, {}, {}, false}, jordan_id, t0 + 27 * hour_ms);
  server.run(ReplyToTicket{b, "Reports > Export > CSV.", false, TicketStatus::waiting_on_customer, {}, false}, staff_id, t0 + 28 * hour_ms);
  server.run(ReplyToTicket{b, "Tell them about scheduled exports next time", true, {}, {}, false}, staff_id, t0 + 29 * hour_ms);
  CHECK(visible_state(full, jordan_id).tickets.at(b).version < full.tickets.at(b).version); // the note did not move it
  server.timers(t0 + 60 * hour_ms);
  REQUIRE(full.tickets.at(a).sla.resolution_overdue_at != 0);
  // Another customer's ticket: the program's ticket counter moves on without Jordan.
  server.open(staff_id, 2, "Webhooks failing", "502s on every delivery.", t0 + 60 * hour_ms);
  // Settings change: customers get them without the restricted topics.
  auto settings = full.support_settings;
  settings.quiet_days = 45;
  server.run(ChangeSupportSettings{settings}, owner_id, t0 + 61 * hour_ms);
  server.run(ReplyToTicket{a, "The duplicate charge is refunded.", false, TicketStatus::open, {}, false}, staff_id, t0 + 62 * hour_ms);
  server.run(EscalateTicket{a, "I still see both charges", {}}, jordan_id, t0 + 63 * hour_ms);
  server.run(ReplyToTicket{a, "Bank statement attached to the refund", true, {}, {}, false}, ava_id, t0 + 64 * hour_ms);
  server.run(ReplyToTicket{a, "The refund shows in 3-5 days.", false, TicketStatus::resolved, {}, false}, staff_id, t0 + 65 * hour_ms);
  server.run(CloseTicket{a, ""}, jordan_id, t0 + 66 * hour_ms);
  server.run(RateTicket{a, 3, 4, 4, 3, "Slow"}, jordan_id, t0 + 66 * hour_ms);
  server.run(RateTicketHandling{a, 2, std::nullopt, "Promised a refund"}, staff_id, t0 + 67 * hour_ms);
  server.run(AnswerRating{a, "Sorry for the wait, Jordan."}, staff_id, t0 + 67 * hour_ms);
  // C: the customer escalates, the agent keeps them informed (held escalated), moving the
  // customer to Theo answers the escalation; the business resolves it with an internal note.
  const auto c = server.open(jordan_id, 0, "Dashboard slow", "Charts take 20 s to load.", t0 + 70 * hour_ms);
  server.run(EscalateTicket{c, "This blocks our month-end", {}}, jordan_id, t0 + 71 * hour_ms);
  {
    const auto seen = visible_state(full, jordan_id).tickets.at(c);
    CHECK(seen.status == TicketStatus::escalated); // its own escalation shows
    CHECK(seen.escalation.pending);
  }
  server.run(ReplyToTicket{c, "Looking into it with the team.", false, {}, {}, false}, ava_id, t0 + 72 * hour_ms);
  REQUIRE(full.tickets.at(c).status == TicketStatus::escalated);
  CHECK(visible_state(full, jordan_id).tickets.at(c).status == TicketStatus::open); // held, shown as open
  CHECK(visible_state(full, jordan_id).tickets.at(c).escalation.pending);            // its escalation still awaits the business
  // D: abuse (support/conduct_rules.hpp): Ava marks two messages, warns once and pauses; the
  // business resumes, restricts Jordan's tickets and lifts it. Jordan is shown the pause and the
  // restriction, never the marks.
  const auto d = server.open(jordan_id, 0, "Useless", "This product is garbage and so are you.", t0 + 80 * hour_ms);
  server.run(HandleAbuse{d, AbuseStep::mark, 1, "Insults the agent"}, ava_id, t0 + 80 * hour_ms);
  server.run(HandleAbuse{d, AbuseStep::warn, 0, ""}, ava_id, t0 + 81 * hour_ms);
  server.run(ReplyToTicket{d, "Whatever, idiot.", false, {}, {}, false}, jordan_id, t0 + 82 * hour_ms);
  const auto continued = full.tickets.at(d).messages.back().id;
  server.run(HandleAbuse{d, AbuseStep::mark, continued, ""}, ava_id, t0 + 82 * hour_ms);
  server.run(HandleAbuse{d, AbuseStep::pause, 0, ""}, ava_id, t0 + 83 * hour_ms);
  {
    const auto seen = visible_state(full, jordan_id).tickets.at(d);
    CHECK(seen.conduct.paused_at == t0 + 83 * hour_ms);
    CHECK(seen.conduct.abusive.empty());
    CHECK(seen.conduct.warning == 0);
  }
  server.run(HandleAbuse{d, AbuseStep::resume, 0, ""}, staff_id, t0 + 84 * hour_ms);
  server.run(RestrictTicketing{1, 14, "Repeated insults on tickets"}, staff_id, t0 + 85 * hour_ms);
  REQUIRE(visible_state(full, jordan_id).customers.at(1).restrictions.size() == 1);
  server.run(RestrictTicketing{1, 0, ""}, owner_id, t0 + 86 * hour_ms);
  // E: Jordan writes twice about one problem; Ava notes the first internally, Jordan adds to it,
  // and Ava merges it into the second. The copies keep the server's numbering in Jordan's
  // replica, which never had the note (the ids after it skip one, as on the server's view).
  const auto e1 = server.open(jordan_id, 0, "Invoice wrong", "The November invoice has our old address.", t0 + 87 * hour_ms);
  const auto e2 = server.open(jordan_id, 0, "Invoice address", "Still the old address on my invoice.", t0 + 88 * hour_ms);
  server.run(ReplyToTicket{e1, "Same problem as their newer ticket", true, {}, {}, false}, ava_id, t0 + 88 * hour_ms);
  server.run(ReplyToTicket{e1, "Our VAT number is wrong too.", false, {}, {}, false}, jordan_id, t0 + 88 * hour_ms + 1);
  server.run(MergeTickets{e2, {e1}}, ava_id, t0 + 89 * hour_ms);
  {
    const auto seen = visible_state(full, jordan_id);
    CHECK(seen.tickets.at(e1).merged_into == e2);
    CHECK(seen.tickets.at(e1).status == TicketStatus::closed);
    CHECK(seen.tickets.at(e2).merged == std::vector<TicketId>{e1});
    const auto& kept = full.tickets.at(e2).messages;
    for (std::size_t i = 0; i < kept.size(); ++i) CHECK(kept[i].id == static_cast<std::int64_t>(i) + 1); // the server's ids stay positions
    CHECK(kept.back().text == "Our VAT number is wrong too.");
    CHECK(kept.back().merged_from == e1);
    CHECK(std::none_of(seen.tickets.at(e2).messages.begin(), seen.tickets.at(e2).messages.end(),
                       [](const auto& m) { return m.kind == MessageKind::internal_note; }));
  }
  // F: a ticket's progress (support/progress.hpp): Ava gives an estimate and waits on a third
  // party the business accepts; the scheduler warns and counts a missed update (the desk's
  // alone); Ava's update and the end of the wait. Jordan sees the estimate and the wait.
  const auto f = server.open(jordan_id, 0, "Payout pending", "Our payout has been pending for a week.", t0 + 90 * hour_ms);
  server.run(SetResolutionEstimate{f, t0 + 150 * hour_ms, "The bank confirms within two days"}, ava_id, t0 + 91 * hour_ms);
  server.run(WaitOnThirdParty{f, "First Bank", "Case 9", t0 + 120 * hour_ms}, ava_id, t0 + 91 * hour_ms);
  server.run(AcceptThirdPartyWait{f}, staff_id, t0 + 92 * hour_ms);
  server.timers(t0 + 110 * hour_ms); // the update's warning
  server.timers(t0 + 116 * hour_ms); // the update missed
  server.timers(t0 + 121 * hour_ms); // the follow-up reminder
  {
    const auto& p = full.tickets.at(f).progress;
    CHECK(p.update_warned_at != 0);
    CHECK(p.update_missed_at != 0);
    CHECK(p.follow_up_reminded);
    const auto seen = visible_state(full, jordan_id).tickets.at(f).progress;
    CHECK(seen.estimate == t0 + 150 * hour_ms);
    CHECK(seen.third_party == "First Bank");
    CHECK(seen.update_missed_at == 0);
  }
  server.run(ReplyToTicket{f, "The bank has it; we hear back tomorrow.", false, TicketStatus::open, {}, false}, ava_id, t0 + 122 * hour_ms);
  server.run(EndThirdPartyWait{f}, ava_id, t0 + 123 * hour_ms);
  // Up to here the replicas followed the events alone.
  both_agree();
  CHECK(live_reloads == 0);
  CHECK(feed_reloads == 0);
  // Moving Jordan to Theo, an agent its replica does not know, reloads the snapshot.
  server.run(AssignCustomer{1, theo_id}, staff_id, t0 + 73 * hour_ms);
  CHECK(live_reloads == 1);
  server.run(ResolveTicket{c, "Cache warmed for their account"}, staff_id, t0 + 74 * hour_ms);
  server.run(MarkNotificationsRead{100}, jordan_id, t0 + 75 * hour_ms);

  const auto view = visible_state(full, jordan_id);
  // The view itself carries none of the internal state.
  const auto& va = view.tickets.at(a);
  CHECK(full.tickets.at(a).messages.size() == 7); // with the automatic acknowledgement
  CHECK(va.messages.size() == 5); // without the two internal notes
  for (const auto& [id_, t] : view.tickets) {
    const auto id = id_; // clang 14: a lambda (CAPTURE) cannot name a structured binding
    CAPTURE(id);
    CHECK(t.taken_over_by == 0);
    CHECK_FALSE(t.business_rating.has_value());
    CHECK(t.restricted_topics.empty());
    CHECK(t.tags.empty());
    CHECK(t.sla.first_response_overdue_at == 0);
    CHECK(t.sla.resolution_overdue_at == 0);
    CHECK(t.sla.auto_escalated_at == 0);
    CHECK(t.sla.auto_escalate_due == 0);
    CHECK_FALSE(t.overdue());
    CHECK(t.escalation.source != EscalationSource::agent);
    CHECK(t.escalation.source != EscalationSource::sla);
    for (const auto& m : t.messages) {
      CHECK(m.kind != MessageKind::internal_note);
      CHECK_FALSE(m.sent_despite_warning);
      CHECK(m.restricted_topics.empty());
    }
  }
  CHECK(view.support_settings.restricted_topics.empty());
  CHECK(view.support_settings.quiet_days == 45);
  // B missed its first-response window and was escalated by the SLA rules: the customer saw
  // neither; its status is the one the last reply gave it, and the internal note after it did
  // not move its last change.
  CHECK(full.tickets.at(b).sla.first_response_overdue_at != 0);
  CHECK(full.tickets.at(b).escalation.source == EscalationSource::sla);
  CHECK(view.tickets.at(b).escalation.source == EscalationSource::none);
  CHECK(view.tickets.at(b).status == TicketStatus::waiting_on_customer);
  CHECK(view.tickets.at(b).updated_at == t0 + 28 * hour_ms);
  CHECK(full.tickets.at(b).updated_at == t0 + 29 * hour_ms);
  // A's resolution deadline passed while it was open.
  CHECK(full.tickets.at(a).sla.resolution_overdue_at != 0);
  CHECK(va.sla.resolution_overdue_at == 0);

  both_agree();
  CHECK(live_reloads == 1);
  CHECK(feed_reloads == 1);

  // Nothing the customer got says more than its snapshot: no internal events, no held status,
  // no warnings, keys, tags or SLA misses.
  for (const auto* events : {&streamed, &fed}) {
    CHECK_FALSE(events->empty());
    for (const auto& e : *events) {
      const auto j = to_json(e, false);
      CAPTURE(j.dump());
      CHECK_FALSE(std::holds_alternative<TicketTakenOver>(e.body));
      CHECK_FALSE(std::holds_alternative<TicketSlaMissed>(e.body));
      CHECK_FALSE(std::holds_alternative<TicketHandlingRated>(e.body));
      // Someone else's escalation reaches the customer as the bare fact (source none): no one, no reason, no note.
      if (auto x = std::get_if<TicketEscalated>(&e.body))
        CHECK((x->escalation.source == EscalationSource::customer ||
               (x->escalation.source == EscalationSource::none && x->escalation.by == 0 && x->escalation.reason.empty() &&
                x->escalation.note == EscalationNote{})));
      if (auto x = std::get_if<TicketReplied>(&e.body)) {
        CHECK(x->message.kind != MessageKind::internal_note);
        CHECK(x->status != TicketStatus::escalated);
        CHECK_FALSE(x->message.sent_despite_warning);
        CHECK(x->message.restricted_topics.empty());
      }
      if (auto x = std::get_if<SupportSettingsChanged>(&e.body)) CHECK(x->settings.restricted_topics.empty());
      if (auto x = std::get_if<TicketTriaged>(&e.body)) CHECK(x->tags.empty());
      if (auto x = std::get_if<TicketOpened>(&e.body)) CHECK(x->message.restricted_topics.empty());
      if (j["data"].contains("sla")) {
        CHECK(j["data"]["sla"]["first_response_overdue_at"] == 0);
        CHECK(j["data"]["sla"]["resolution_overdue_at"] == 0);
        CHECK(j["data"]["sla"]["auto_escalated_at"] == 0);
      }
    }
  }
  // Staff get the events as they are.
  for (const auto& e : server.log)
    if (auto shown = event_for_reader(full, staff_id, e)) CHECK(to_json(*shown, false) == to_json(e, false));
}

TEST_CASE("redacting an event for a customer twice changes nothing more") {
  Server server;
  const auto a = server.open(jordan_id, 0, "Refund", "I want a refund for the double charge.", t0);
  server.run(EscalateTicket{a, "", EscalationNote{"Double charge", "", "calm", "", "Refund"}}, ava_id, t0 + hour_ms);
  server.run(ReplyToTicket{a, "I approved your refund.", false, {}, {}, true}, ava_id, t0 + 2 * hour_ms);
  for (const auto& e : server.log) {
    CAPTURE(type_of(e.body));
    auto once = customer_facing(e.body);
    if (!once) continue;
    auto twice = customer_facing(*once);
    REQUIRE(twice.has_value());
    CHECK(body_to_json(*twice, false) == body_to_json(*once, false));
  }
}

TEST_CASE("agents' and customers' snapshots carry no program-wide counters") {
  Server server;
  auto& full = server.g.state;
  const auto mine = server.open(jordan_id, 0, "Export", "How do I export?", t0);
  server.open(staff_id, 2, "Webhooks", "502s", t0);
  server.open(staff_id, 3, "Invoice", "Address change", t0);
  server.run(ScheduleCheckIn{2, t0 + day_ms, "Quarterly"}, staff_id, t0); // Theo's customer
  server.run(ScheduleCheckIn{1, t0 + day_ms, "Onboarding"}, ava_id, t0);
  REQUIRE(full.next_ticket_id == mine + 3);
  REQUIRE(full.next_customer_id == 4);
  REQUIRE(full.next_invitation_id > 1);
  REQUIRE(full.next_check_in_id == 3);

  // A customer: its own record and tickets only.
  auto jordan = visible_state(full, jordan_id);
  CHECK(jordan.next_customer_id == 2);
  CHECK(jordan.next_ticket_id == mine + 1);
  CHECK(jordan.next_invitation_id == 1);
  CHECK(jordan.next_check_in_id == 1);
  // An agent: its customers, their tickets and its own check-ins; no payments.
  auto ava = visible_state(full, ava_id);
  CHECK(ava.next_customer_id == 2);
  CHECK(ava.next_ticket_id == mine + 1);
  CHECK(ava.next_invitation_id == 1);
  CHECK(ava.next_check_in_id == 3); // its own check-in is the program's second
  CHECK(ava.commissions.next_payment_id == 1);
  auto theo = visible_state(full, theo_id);
  CHECK(theo.next_ticket_id == mine + 2);
  CHECK(theo.next_check_in_id == 2);
  for (PersonId reader : {jordan_id, ava_id, theo_id}) {
    CAPTURE(reader);
    const auto snapshot = state_to_json(visible_state(full, reader));
    for (const char* key : {"next_customer_id", "next_ticket_id", "next_invitation_id", "next_check_in_id"}) {
      CAPTURE(key);
      CHECK_FALSE(snapshot.contains(key));
    }
    CHECK_FALSE(snapshot["commissions"].value("next_payment_id", std::int64_t{1}) > 1);
    // The replica derives them again, as its apply() would.
    auto back = state_from_json(snapshot);
    REQUIRE(back.ok());
    const auto v = visible_state(full, reader);
    CHECK(back->next_customer_id == v.next_customer_id);
    CHECK(back->next_ticket_id == v.next_ticket_id);
    CHECK(back->next_invitation_id == v.next_invitation_id);
    CHECK(back->next_check_in_id == v.next_check_in_id);
  }
  // The business keeps the program's counters, whether written or implied.
  for (PersonId reader : {owner_id, staff_id}) {
    auto back = state_from_json(state_to_json(visible_state(full, reader)));
    REQUIRE(back.ok());
    CHECK(back->next_customer_id == full.next_customer_id);
    CHECK(back->next_ticket_id == full.next_ticket_id);
    CHECK(back->next_invitation_id == full.next_invitation_id);
    CHECK(back->next_check_in_id == full.next_check_in_id);
  }
  // A counter the ids do not imply is written, and read back as it was.
  auto odd = visible_state(full, owner_id);
  odd.next_ticket_id = 40;
  const auto j = state_to_json(odd);
  CHECK(j["next_ticket_id"] == 40);
  CHECK(state_from_json(j)->next_ticket_id == 40);
}

} // namespace test_unit_shared_domain_visibility
