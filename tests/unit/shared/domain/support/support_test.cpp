// The support desk's rules, with explicit timestamps: routing, SLA clocks and their pauses,
// overdue flags and 2x auto-escalation from the scheduler's due_at(), reopening, escalation,
// intervention, restricted topics, ratings, discipline and what customers may see.
#include "../program_fixture.hpp"

#include "server/scheduling/time_zones.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/sla.hpp"
#include "shared/domain/support/support_overview.hpp"
#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_support_support { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, staff = 3, ava = 4, theo = 5, jordan = 6;


TicketId open_ticket(Given& g, TimeMs at, std::string text = "How do I export a report to CSV?") {
  auto events = run(g, OpenTicket{0, "Exporting reports", std::move(text), {}, {}, {}, {}}, jordan, at);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}

void timers(Given& g, TimeMs now) {
  auto events = when_ok(g.state, RunTimers{}, support_rules::system_actor, now);
  for (auto& e : events) g.event(support_rules::system_actor, e, now);
}

int unread(const Given& g, PersonId p) {
  auto it = g.state.inboxes.find(p);
  return it == g.state.inboxes.end() ? 0 : it->second.unread();
}

} // namespace

TEST_CASE("a customer's ticket goes to the assigned agent with the tier's deadlines; an unassigned customer's to the business queue") {
  auto g = acme();
  const int before = unread(g, ava); // "you were assigned Jordan"
  const auto id = open_ticket(g, t0);
  const auto& t = g.state.tickets.at(id);
  CHECK(t.agent_id == ava);
  CHECK(t.status == TicketStatus::new_ticket);
  CHECK(t.sla.tier == "standard"); // segment "Growth" has no tier: the default
  CHECK(t.sla.first_response_due == t0 + 12 * hour_ms);
  CHECK(t.sla.resolution_due == t0 + 48 * hour_ms);
  CHECK(t.sla.auto_escalate_due == t0 + 24 * hour_ms);
  CHECK(unread(g, ava) == before + 1);
  CHECK(g.state.inboxes.at(ava).items.back().kind == "ticket_opened");
  CHECK(unread(g, staff) == 0);

  auto queue = run(g, OpenTicket{3, "Invoice address", "Please change our invoice address.", {}, {}, {}, {}}, staff, t0);
  CHECK(std::get<TicketOpened>(queue.at(0)).agent_id == 0);
  CHECK(unread(g, owner) == 1); // the business queue notifies the business
}

TEST_CASE("customers open tickets only for themselves; agents do not open tickets") {
  auto g = acme();
  CHECK(when_refused(g.state, OpenTicket{2, "x", "y", {}, {}, {}, {}}, jordan).code == ErrorCode::not_found);
  CHECK(when_refused(g.state, OpenTicket{1, "x", "y", {}, {}, {}, {}}, ava).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, OpenTicket{0, "x", "y", {}, {}, {}, {}}, staff).field == "data.customer_id");
}

TEST_CASE("the priority matrix makes the stricter of tier and priority apply") {
  auto g = acme();
  auto settings = g.state.support_settings;
  settings.priority_matrix = true;
  run(g, ChangeSupportSettings{settings}, owner, t0);
  auto events = run(g, OpenTicket{0, "Down", "The dashboard is down for everyone", Priority::p0, Category::bug, {}, {}}, jordan, t0);
  const auto& t = g.state.tickets.at(std::get<TicketOpened>(events[0]).ticket_id);
  CHECK(t.sla.first_response_due == t0 + 15 * minute_ms);
  CHECK(t.sla.resolution_due == t0 + 2 * hour_ms);
  // P3 is looser than the Standard tier's 12 h: the tier wins.
  events = run(g, OpenTicket{0, "Idea", "Dark mode please", Priority::p3, Category::feature_request, {}, {}}, jordan, t0);
  CHECK(g.state.tickets.at(std::get<TicketOpened>(events[0]).ticket_id).sla.first_response_due == t0 + 12 * hour_ms);
  // Triage to P1 retargets the first response from the opening time.
  const auto idea = std::get<TicketOpened>(events[0]).ticket_id;
  run(g, TriageTicket{idea, Priority::p1, Category::bug, {Category::performance}}, ava, t0 + 10 * minute_ms);
  CHECK(g.state.tickets.at(idea).sla.first_response_due == t0 + hour_ms);
  CHECK(g.state.tickets.at(idea).tags == std::vector<Category>{Category::performance});
}

TEST_CASE("waiting on the customer pauses the resolution clock; the customer's reply resumes it") {
  auto g = acme();
  const auto id = open_ticket(g, t0);
  run(g, ReplyToTicket{id, "Use Reports > Export.", false, TicketStatus::waiting_on_customer, {}, false}, ava, t0 + 2 * hour_ms);
  auto& t = g.state.tickets.at(id);
  CHECK(t.sla.first_responded_at == t0 + 2 * hour_ms);
  CHECK(t.status == TicketStatus::waiting_on_customer);
  CHECK(t.sla.resolution_due == 0);
  CHECK(t.sla.resolution_used_ms == 2 * hour_ms);
  CHECK(sla::due_at(g.state, t0 + 100 * hour_ms).empty()); // nothing runs while paused
  run(g, ReplyToTicket{id, "That button is missing for me.", false, {}, {}, false}, jordan, t0 + 30 * hour_ms);
  CHECK(t.status == TicketStatus::open);
  CHECK(t.sla.resolution_due == t0 + 30 * hour_ms + 46 * hour_ms); // 48 h minus the 2 h used
  CHECK(g.state.agent_support.at(ava).outcomes.back().in_time);
}

TEST_CASE("a ticket that passes its first-response deadline goes overdue, then escalates at 2x the window") {
  auto g = acme();
  const auto id = open_ticket(g, t0);
  CHECK(sla::due_at(g.state, t0 + 12 * hour_ms - 1).empty());
  CHECK(sla::next_due(g.state) == t0 + 12 * hour_ms);
  timers(g, t0 + 12 * hour_ms + 1000);
  auto& t = g.state.tickets.at(id);
  CHECK(t.first_response_overdue());
  CHECK(t.overdue());
  CHECK(g.state.agent_support.at(ava).overdue_flags == 1);
  CHECK(g.state.agent_support.at(ava).history.back().kind == "overdue_first_response");
  CHECK(g.state.inboxes.at(ava).items.back().kind == "overdue");
  CHECK(g.state.inboxes.at(staff).items.back().kind == "overdue"); // Overdue alerts for the business
  timers(g, t0 + 13 * hour_ms);                                     // fires once
  CHECK(g.state.agent_support.at(ava).overdue_flags == 1);
  CHECK(t.status == TicketStatus::new_ticket);
  timers(g, t0 + 24 * hour_ms);
  CHECK(t.status == TicketStatus::escalated);
  CHECK(t.escalation.source == EscalationSource::sla);
  CHECK(t.escalation.pending);
  auto overview = support_overview(g.state, t0 + 25 * hour_ms, 30);
  CHECK(overview.overdue_count == 1);
  CHECK(overview.overdue_by_agent.at(0).agent_id == ava);
  CHECK(overview.awaiting_escalation == std::vector<TicketId>{id});
  CHECK(overview.sla_total == 1);
  CHECK(overview.sla_health == 0.0);
}

TEST_CASE("a configurable auto-escalation threshold") {
  auto g = acme();
  auto settings = g.state.support_settings;
  settings.auto_escalate_factor_percent = 150;
  run(g, ChangeSupportSettings{settings}, owner, t0);
  const auto id = open_ticket(g, t0);
  CHECK(g.state.tickets.at(id).sla.auto_escalate_due == t0 + 18 * hour_ms);
}

TEST_CASE("business hours: a Friday-afternoon ticket in New York is due Monday, across the spring-forward weekend") {
  auto g = acme();
  auto settings = g.state.support_settings;
  auto& cal = settings.tiers.at(1).calendar; // standard
  cal.around_the_clock = false;
  cal.time_zone = "America/New_York";
  cal.offsets = *pd::scheduling::offset_changes("America/New_York", 2025, 2027);
  for (int d = 1; d <= 5; ++d) cal.hours.push_back({d, 9 * 60, 17 * 60});
  settings.tiers.at(1).first_response_minutes = 120;
  run(g, ChangeSupportSettings{settings}, owner, t0);
  // Friday 2026-03-06 16:00 EST (21:00Z): one business hour left that day; DST starts Sunday.
  const TimeMs friday_4pm = 1'772'830'800'000;
  const auto id = open_ticket(g, friday_4pm);
  // Monday 2026-03-09 10:00 EDT = 14:00Z.
  CHECK(g.state.tickets.at(id).sla.first_response_due == 1'773'064'800'000);
}

TEST_CASE("a resolved ticket reopens on the customer's reply within the window, and closes after it") {
  auto g = acme();
  const auto id = open_ticket(g, t0);
  run(g, ReplyToTicket{id, "Fixed: use Reports > Export.", false, TicketStatus::resolved, {}, false}, ava, t0 + hour_ms);
  auto& t = g.state.tickets.at(id);
  CHECK(t.status == TicketStatus::resolved);
  CHECK(g.state.inboxes.at(jordan).items.back().kind == "resolved");
  run(g, ReplyToTicket{id, "It broke again", false, {}, {}, false}, jordan, t0 + 2 * day_ms);
  CHECK(t.status == TicketStatus::reopened);
  CHECK(t.sla.resolution_due != 0);
  run(g, ResolveTicket{id, "Cache cleared"}, ava, t0 + 3 * day_ms);
  CHECK(t.messages.back().kind == MessageKind::internal_note);
  // After the 7-day window: too late to reopen, and the scheduler closes it.
  CHECK(when_refused(g.state, ReplyToTicket{id, "Again", false, {}, {}, false}, jordan, t0 + 11 * day_ms).code == ErrorCode::conflict);
  timers(g, t0 + 11 * day_ms);
  CHECK(t.status == TicketStatus::closed);
  auto refused = when_refused(g.state, ReplyToTicket{id, "Hello?", false, {}, {}, false}, jordan, t0 + 12 * day_ms);
  CHECK(refused.message == "This ticket is closed. Open a new ticket to continue.");
}

TEST_CASE("a customer's escalation holds the ticket open until the business responds or reassigns") {
  auto g = acme();
  const auto id = open_ticket(g, t0);
  CHECK(when_refused(g.state, EscalateTicket{id, "", {}}, jordan).field == "data.reason");
  run(g, EscalateTicket{id, "Nobody has answered", {}}, jordan, t0 + hour_ms);
  auto& t = g.state.tickets.at(id);
  CHECK(t.status == TicketStatus::escalated);
  CHECK(g.state.inboxes.at(ava).items.back().kind == "escalated");
  CHECK(g.state.inboxes.at(staff).items.back().kind == "escalated");
  CHECK(when_refused(g.state, ResolveTicket{id, ""}, ava, t0 + 2 * hour_ms).code == ErrorCode::conflict);
  // The agent may keep the customer informed; the ticket stays escalated.
  run(g, ReplyToTicket{id, "I've asked the team", false, {}, {}, false}, ava, t0 + 2 * hour_ms);
  CHECK(t.status == TicketStatus::escalated);
  // Reassigning the customer answers the escalation; the new agent sees the whole history.
  run(g, AssignCustomer{1, theo}, staff, t0 + 3 * hour_ms);
  CHECK(t.agent_id == theo);
  CHECK_FALSE(t.escalation.pending);
  CHECK(t.status == TicketStatus::open);
  CHECK(visible_state(g.state, theo).tickets.count(id) == 1);
  CHECK(visible_state(g.state, ava).tickets.count(id) == 0);
  CHECK(g.state.agent_support.at(ava).history.back().kind == "customer_unassigned");
}

TEST_CASE("an agent's escalation needs the note template's summary and recommended action") {
  auto g = acme();
  const auto id = open_ticket(g, t0);
  CHECK(when_refused(g.state, EscalateTicket{id, "", {}}, ava).field == "data.note.summary");
  EscalationNote note{"Customer disputes an invoice", "Checked plan", "frustrated", "$49 MRR", ""};
  CHECK(when_refused(g.state, EscalateTicket{id, "", note}, ava).field == "data.note.recommended_action");
  note.recommended_action = "Billing team reviews the invoice";
  run(g, EscalateTicket{id, "", note}, ava, t0 + hour_ms);
  CHECK(g.state.tickets.at(id).escalation.note.summary == "Customer disputes an invoice");
  // The customer does not see an internal escalation: the ticket stays as it was shown.
  CHECK(visible_state(g.state, jordan).tickets.at(id).status == TicketStatus::new_ticket);
  CHECK(visible_state(g.state, jordan).tickets.at(id).escalation.note.summary.empty());
}

TEST_CASE("intervention: the business takes over, the agent is told and can only add internal notes") {
  auto g = acme();
  const auto id = open_ticket(g, t0);
  run(g, TakeOverTicket{id}, staff, t0 + hour_ms);
  CHECK(g.state.inboxes.at(ava).items.back().kind == "taken_over");
  auto refused = when_refused(g.state, ReplyToTicket{id, "Hi", false, {}, {}, false}, ava, t0 + 2 * hour_ms);
  CHECK(refused.code == ErrorCode::forbidden);
  run(g, ReplyToTicket{id, "Let me help with this.", false, {}, {}, false}, staff, t0 + 2 * hour_ms);
  run(g, ReplyToTicket{id, "Handled: see my reply", true, {}, {}, false}, staff, t0 + 2 * hour_ms);
  run(g, ReplyToTicket{id, "Thanks", true, {}, {}, false}, ava, t0 + 3 * hour_ms);
  // The customer sees one conversation, without internal notes or who took over.
  auto seen = visible_state(g.state, jordan).tickets.at(id);
  CHECK(seen.messages.size() == 3); // the customer's, the automatic acknowledgement, the business's reply
  CHECK(seen.taken_over_by == 0);
  CHECK(when_refused(g.state, ReplyToTicket{id, "note", true, {}, {}, false}, jordan, t0 + 4 * hour_ms).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, TakeOverTicket{id}, ava).code == ErrorCode::forbidden);
}

TEST_CASE("internal-note events never reach the customer's feed") {
  auto g = acme();
  const auto id = open_ticket(g, t0);
  auto events = run(g, ReplyToTicket{id, "Private", true, {}, {}, false}, ava, t0 + 1000);
  Event e{99, 1, ava, t0 + 1000, events[0]};
  CHECK(event_visible_to(g.state, ava, e));
  CHECK(event_visible_to(g.state, staff, e));
  CHECK_FALSE(event_visible_to(g.state, jordan, e));
  CHECK_FALSE(event_visible_to(g.state, theo, e));
}

TEST_CASE("restricted topics: the ticket shows the topic; an agent's reply on it is warned, and sending anyway is recorded") {
  auto g = acme();
  const auto id = open_ticket(g, t0, "I was charged twice this month and I want a refund.");
  const auto& t = g.state.tickets.at(id);
  CHECK(std::find(t.restricted_topics.begin(), t.restricted_topics.end(), "refund") != t.restricted_topics.end());
  auto warned = when_refused(g.state, ReplyToTicket{id, "I have approved your refund.", false, {}, {}, false}, ava, t0 + hour_ms);
  CHECK(warned.field == "data.send_despite_warning");
  CHECK(warned.message.find("Refund") != std::string::npos);
  run(g, ReplyToTicket{id, "I have approved your refund.", false, {}, {}, true}, ava, t0 + hour_ms);
  CHECK(g.state.tickets.at(id).messages.back().sent_despite_warning);
  CHECK(g.state.agent_support.at(ava).history.back().kind == "restricted_topic_sent");
  // The business may answer restricted topics without a warning.
  CHECK(when_ok(g.state, ReplyToTicket{id, "Your refund is approved.", false, {}, {}, false}, staff, t0 + 2 * hour_ms).size() == 1);
}

TEST_CASE("bad input changes nothing: zero SLA windows, oversized attachments, strangers' tickets, bad tags") {
  auto g = acme();
  auto settings = g.state.support_settings;
  settings.tiers[0].first_response_minutes = 0;
  CHECK(when_refused(g.state, ChangeSupportSettings{settings}, owner).field == "data.settings.tiers[0].first_response_minutes");
  settings = g.state.support_settings;
  settings.tiers[1].resolution_minutes = -5;
  CHECK(when_refused(g.state, ChangeSupportSettings{settings}, owner).field == "data.settings.tiers[1].resolution_minutes");
  CHECK(when_refused(g.state, ChangeSupportSettings{g.state.support_settings}, staff).code == ErrorCode::forbidden);
  settings = g.state.support_settings;
  settings.tiers[1].calendar.time_zone = "Mars/Olympus";
  CHECK(when_refused(g.state, ChangeSupportSettings{settings}, owner).field == "data.settings.tiers[1].calendar.time_zone");
  Attachment big{"dump.zip", "application/zip", 11 * 1024 * 1024, std::string(64, 'a')};
  auto too_big = when_refused(g.state, OpenTicket{0, "Logs", "Attached", {}, {}, {}, {big}}, jordan);
  CHECK(too_big.code == ErrorCode::payload_too_large);
  CHECK(too_big.field == "data.attachments[0]");
  CHECK(when_refused(g.state, OpenTicket{0, "x", "y", {}, Category::bug, {Category::bug}, {}}, jordan).field == "data.tags");
  const auto id = open_ticket(g, t0);
  CHECK(when_refused(g.state, ReplyToTicket{id, "hi", false, {}, {}, false}, theo).code == ErrorCode::not_found);
  CHECK(g.state.tickets.size() == 1);
}

TEST_CASE("ratings: the customer rates after closing; the business rates the handling and answers; the score follows") {
  auto g = acme();
  const auto id = open_ticket(g, t0);
  RateTicket rating{id, 5, 4, 5, 4, "Quick and friendly"};
  CHECK(when_refused(g.state, rating, jordan).code == ErrorCode::conflict); // still open
  run(g, ReplyToTicket{id, "Done!", false, TicketStatus::resolved, {}, false}, ava, t0 + hour_ms);
  run(g, CloseTicket{id, ""}, jordan, t0 + 2 * hour_ms);
  CHECK(when_refused(g.state, rating, ava).code == ErrorCode::forbidden);
  run(g, rating, jordan, t0 + 2 * hour_ms);
  CHECK(when_refused(g.state, rating, jordan).code == ErrorCode::conflict); // once
  run(g, RateTicketHandling{id, 4, std::array<int, 5>{2, 2, 1, 2, 1}, "Good"}, staff, t0 + 3 * hour_ms);
  run(g, AnswerRating{id, "Thank you, Jordan!"}, staff, t0 + 3 * hour_ms);
  CHECK(g.state.tickets.at(id).customer_rating->business_response == "Thank you, Jordan!");
  auto score = performance_of(g.state.agent_support.at(ava), t0 + 4 * hour_ms);
  CHECK(score.sla_compliance == doctest::Approx(100));
  CHECK(score.customer == doctest::Approx(75));  // overall 4 of 5
  CHECK(score.business == doctest::Approx(75));  // 4 of 5
  CHECK(score.response == doctest::Approx(100.0 * (1 - 1.0 / 24)));
  CHECK(score.score == doctest::Approx((100 * 0.4 + 100.0 * 23 / 24 * 0.2 + 75 * 0.25 + 75 * 0.15)));
  // Customers do not see the business's rating of the agent.
  CHECK_FALSE(visible_state(g.state, jordan).tickets.at(id).business_rating.has_value());
}

TEST_CASE("discipline: a warning opens a 14-day monitoring window; suspension can reassign every customer; nobody assigns to a suspended agent") {
  auto g = acme();
  run(g, WarnAgent{ava, "Two overdue tickets this week"}, staff, t0);
  CHECK(g.state.agent_support.at(ava).warnings.back().monitor_until == t0 + 14 * day_ms);
  CHECK(performance_of(g.state.agent_support.at(ava), t0 + 13 * day_ms).warnings_active == 1);
  CHECK(performance_of(g.state.agent_support.at(ava), t0 + 15 * day_ms).warnings_active == 0);
  auto events = run(g, SetAgentStatus{ava, PartnerStatus::suspended, "Non-responsive", {}, true, true}, staff, t0 + day_ms);
  CHECK(g.state.customers.at(1).assigned_agent == 0);
  CHECK(g.state.agent_support.at(ava).remediation_required);
  CHECK(when_refused(g.state, AssignCustomer{1, ava}, staff).field == "data.agent_id");
  run(g, RecordRemediation{ava, "Retrained on response times"}, staff, t0 + 2 * day_ms); // reinstatement needs it
  run(g, SetAgentStatus{ava, PartnerStatus::active, "", {}, false, false}, staff, t0 + 2 * day_ms);
  CHECK_FALSE(g.state.agent_support.at(ava).remediation_required);
  CHECK(g.state.agent_support.at(ava).history.back().kind == "reinstated");
  CHECK(when_refused(g.state, SetAgentStatus{ava, PartnerStatus::removed, "x", {}, true, false}, staff).field == "data.remediation_required");
}

TEST_CASE("notifications: unread counts, and marking them read") {
  auto g = acme();
  run(g, MarkNotificationsRead{99}, ava, t0);
  CHECK(unread(g, ava) == 0);
  open_ticket(g, t0);
  open_ticket(g, t0 + 1000);
  CHECK(unread(g, ava) == 2);
  run(g, MarkNotificationsRead{g.state.inboxes.at(ava).items.back().id - 1}, ava, t0 + 2000);
  CHECK(unread(g, ava) == 1);
  run(g, MarkNotificationsRead{99}, ava, t0 + 3000);
  CHECK(unread(g, ava) == 0);
  CHECK(when_ok(g.state, MarkNotificationsRead{1}, ava, t0 + 4000).empty());
}

TEST_CASE("follow-up reminders: onboarding, open issues, quiet customers and scheduled check-ins") {
  auto g = acme();
  auto p = g.state.customers.at(1).profile;
  p.subscription = SubscriptionStatus::trialing;
  run(g, UpdateCustomer{1, p, g.state.customers.at(1).version}, staff, t0);
  open_ticket(g, t0);
  run(g, ScheduleCheckIn{1, t0 + 7 * day_ms, "Quarterly review"}, ava, t0);
  auto reminders = follow_ups(g.state, ava, t0 + day_ms);
  auto has = [&](const char* reason) {
    return std::any_of(reminders.begin(), reminders.end(), [&](const FollowUp& f) { return f.reason == reason; });
  };
  CHECK(has("onboarding"));
  CHECK(has("open_issues"));
  CHECK(has("check_in"));
  CHECK_FALSE(has("quiet"));
  CHECK(follow_ups(g.state, ava, t0 + 60 * day_ms).size() >= 3);
  auto later = follow_ups(g.state, ava, t0 + 60 * day_ms);
  CHECK(std::any_of(later.begin(), later.end(), [](const FollowUp& f) { return f.reason == "quiet"; }));
}

TEST_CASE("support state survives the snapshot codec") {
  auto g = acme();
  const auto id = open_ticket(g, t0, "I want a refund");
  run(g, ReplyToTicket{id, "Escalating", true, {}, {}, false}, ava, t0 + 1000);
  auto back = state_from_json(state_to_json(g.state));
  REQUIRE(back.ok());
  CHECK(back.value().tickets.at(id).messages.size() == 3); // with the automatic acknowledgement
  CHECK(back.value().tickets.at(id).sla.first_response_due == g.state.tickets.at(id).sla.first_response_due);
  CHECK(back.value().support_settings == g.state.support_settings);
  CHECK(back.value().inboxes.at(ava).items.size() == g.state.inboxes.at(ava).items.size());
  CHECK(back.value().tickets_by_customer.at(1) == std::vector<TicketId>{id});
}

TEST_CASE("the overview's open-ticket index follows every change apply() makes") {
  auto g = acme();
  const auto a = open_ticket(g, t0);
  const auto b = open_ticket(g, t0 + 1000, "I want a refund");
  const auto c = open_ticket(g, t0 + 2000);
  timers(g, t0 + 12 * hour_ms + 5000);                 // all three overdue
  run(g, EscalateTicket{b, "Still waiting", {}}, jordan, t0 + 13 * hour_ms);
  run(g, ReplyToTicket{c, "Done", false, TicketStatus::resolved, {}, false}, ava, t0 + 14 * hour_ms);
  run(g, AssignCustomer{1, theo}, staff, t0 + 15 * hour_ms);
  run(g, RateTicket{c, 4, 4, 4, 4, ""}, jordan, t0 + 16 * hour_ms);
  auto fresh = g.state;
  fresh.index_tickets();
  CHECK(g.state.open_tickets == fresh.open_tickets);
  CHECK(g.state.open_tickets.size() == 2);
  CHECK(g.state.open_tickets.at(a).agent_id == theo);
  CHECK(g.state.open_tickets.at(a).overdue_since == t0 + 12 * hour_ms);
  CHECK_FALSE(g.state.open_tickets.at(b).escalation_pending); // reassignment answered it
  CHECK(g.state.rated_tickets == fresh.rated_tickets);
  CHECK(support_overview(g.state, t0 + 17 * hour_ms, 30).recent_ratings == std::vector<TicketId>{c});
}

} // namespace test_unit_shared_domain_support_support
