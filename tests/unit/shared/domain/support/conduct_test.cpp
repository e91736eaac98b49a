// Abuse and threats (docs/requirements.md; support/conduct_rules.hpp): document, one warning,
// pause and hand to a manager, resume; a customer's tickets restricted after repeated abuse.
#include "../program_fixture.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/conduct_rules.hpp"
#include "shared/domain/support/support_overview.hpp"
#include "shared/domain/support/ticket_audit.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>

namespace test_unit_shared_domain_support_conduct { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, theo = 5, jordan = 6;

TicketId open_one(Given& g, TimeMs at = t0) {
  auto events = run(g, OpenTicket{0, "Nothing works", "You people are useless idiots.", {}, Category::bug, {}, {}}, jordan, at);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}

std::int64_t customer_says(Given& g, TicketId id, const char* text, TimeMs at) {
  run(g, ReplyToTicket{id, text, false, {}, {}, false}, jordan, at);
  return g.state.tickets.at(id).messages.back().id;
}

std::int64_t first_customer_message(const Given& g, TicketId id) {
  for (const auto& m : g.state.tickets.at(id).messages)
    if (m.author_role == pd::identity::Role::customer) return m.id;
  return 0;
}

// A ticket paused by Ava: marked, warned, marked again, paused at t0 + 3 h.
TicketId paused_ticket(Given& g) {
  const auto id = open_one(g);
  run(g, HandleAbuse{id, AbuseStep::mark, first_customer_message(g, id), "Insults"}, ava, t0 + hour_ms);
  run(g, HandleAbuse{id, AbuseStep::warn, 0, ""}, ava, t0 + hour_ms);
  const auto again = customer_says(g, id, "Still useless, idiot.", t0 + 2 * hour_ms);
  run(g, HandleAbuse{id, AbuseStep::mark, again, ""}, ava, t0 + 2 * hour_ms);
  run(g, HandleAbuse{id, AbuseStep::pause, 0, ""}, ava, t0 + 3 * hour_ms);
  return id;
}

} // namespace

TEST_CASE("the procedure goes in the seed's order: document, one warning, and a pause only if the abuse continues") {
  auto g = acme();
  const auto id = open_one(g);
  const auto first = first_customer_message(g, id);
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::warn, 0, ""}, ava).code == ErrorCode::conflict); // nothing marked yet
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::pause, 0, ""}, ava).code == ErrorCode::conflict);
  run(g, HandleAbuse{id, AbuseStep::mark, first, "Insults"}, ava);
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::mark, first, ""}, ava).code == ErrorCode::conflict); // marked once
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::pause, 0, ""}, ava).message.find("Warn the customer once") != std::string::npos);

  // The warning goes to the customer in the thread, with the seed's words.
  run(g, HandleAbuse{id, AbuseStep::warn, 0, ""}, ava, t0 + hour_ms);
  const auto& t = g.state.tickets.at(id);
  CHECK(t.messages.back().text == abuse_warning_text);
  CHECK(t.messages.back().kind == MessageKind::reply);
  CHECK(t.conduct.warning == t.messages.back().id);
  CHECK(t.sla.first_responded_at == t0 + hour_ms); // it answers the customer
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::warn, 0, ""}, ava).message.find("one warning") != std::string::npos);
  // Not yet continued: the earlier mark does not allow a pause.
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::pause, 0, ""}, ava).message.find("continues") != std::string::npos);
  const auto again = customer_says(g, id, "Whatever, idiot.", t0 + 2 * hour_ms);
  run(g, HandleAbuse{id, AbuseStep::mark, again, ""}, ava, t0 + 2 * hour_ms);
  run(g, HandleAbuse{id, AbuseStep::pause, 0, ""}, ava, t0 + 3 * hour_ms);
  const auto& paused = g.state.tickets.at(id);
  CHECK(paused.messages.back().text == abuse_pause_text);
  CHECK(paused.conduct.paused_at == t0 + 3 * hour_ms);
  CHECK(paused.conduct.follow_up_by == t0 + 3 * hour_ms + pause_follow_up_days * day_ms);
}

TEST_CASE("only the agent of the ticket and the business document abuse, and only on the customer's own messages") {
  auto g = acme();
  const auto id = open_one(g);
  const auto first = first_customer_message(g, id);
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::mark, first, ""}, jordan).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::mark, first, ""}, theo).code == ErrorCode::not_found); // not his customer
  run(g, ReplyToTicket{id, "Let me look into this.", false, {}, {}, false}, ava, t0 + hour_ms);
  const auto agents = g.state.tickets.at(id).messages.back().id;
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::mark, agents, ""}, staff).field == "data.message_id");
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::mark, 99, ""}, staff).code == ErrorCode::not_found);
  CHECK(when_ok(g.state, HandleAbuse{id, AbuseStep::mark, first, ""}, staff).size() == 1);
}

TEST_CASE("the ticket page offers each step exactly when decide accepts it") {
  auto g = acme();
  const auto id = open_one(g);
  auto agree = [&] {
    const auto& t = g.state.tickets.at(id);
    for (PersonId p : {owner, admin, staff, ava, theo, jordan})
      for (auto step : {AbuseStep::mark, AbuseStep::warn, AbuseStep::pause, AbuseStep::resume})
        for (std::int64_t m = 0; m <= static_cast<std::int64_t>(t.messages.size()); ++m) {
          CAPTURE(p);
          CAPTURE(static_cast<int>(step));
          CAPTURE(m);
          if (!is_allowed(g.state, p, Action::read_ticket, {.ticket = id})) continue; // decide() says "no such ticket" first
          const bool accepted = decide(g.state, HandleAbuse{id, step, m, ""}, actor(p), t0 + 5 * hour_ms).ok();
          CHECK(abuse_step_offered(g.state, p, t, step, m) == accepted);
        }
  };
  agree();
  run(g, HandleAbuse{id, AbuseStep::mark, first_customer_message(g, id), ""}, ava, t0 + hour_ms);
  agree();
  run(g, HandleAbuse{id, AbuseStep::warn, 0, ""}, ava, t0 + hour_ms);
  agree();
  const auto again = customer_says(g, id, "Idiot.", t0 + 2 * hour_ms);
  run(g, HandleAbuse{id, AbuseStep::mark, again, ""}, ava, t0 + 2 * hour_ms);
  agree();
  run(g, HandleAbuse{id, AbuseStep::pause, 0, ""}, ava, t0 + 3 * hour_ms);
  agree();
}

TEST_CASE("a paused conversation refuses the customer's replies with the follow-up date, and hands the ticket to a manager") {
  auto g = acme();
  const auto id = paused_ticket(g);
  const auto& t = g.state.tickets.at(id);
  // Handed to a manager: the business's escalation queue has it.
  CHECK(t.escalation.pending);
  CHECK(t.escalation.source == EscalationSource::agent);
  CHECK(t.status == TicketStatus::escalated);
  const auto overview = support_overview(g.state, t0 + 4 * hour_ms, 7);
  CHECK(std::find(overview.awaiting_escalation.begin(), overview.awaiting_escalation.end(), id) != overview.awaiting_escalation.end());

  auto refused = when_refused(g.state, ReplyToTicket{id, "Hello?", false, {}, {}, false}, jordan, t0 + 4 * hour_ms);
  CHECK(refused.code == ErrorCode::conflict);
  CHECK(refused.field == "data.ticket_id");
  CHECK(refused.message.find(pd::core::format_utc_minute(t.conduct.follow_up_by)) != std::string::npos);
  // The agent may still write (an internal note, or keep the customer informed).
  CHECK(when_ok(g.state, ReplyToTicket{id, "Waiting for my manager", true, {}, {}, false}, ava, t0 + 4 * hour_ms).size() == 1);

  // Only the business resumes it; then the customer may reply again.
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::resume, 0, ""}, ava).code == ErrorCode::forbidden);
  run(g, HandleAbuse{id, AbuseStep::resume, 0, ""}, staff, t0 + 5 * hour_ms);
  CHECK(g.state.tickets.at(id).conduct.paused_at == 0);
  CHECK(g.state.inboxes.at(jordan).items.back().kind == "resumed");
  CHECK(when_ok(g.state, ReplyToTicket{id, "Sorry about earlier.", false, {}, {}, false}, jordan, t0 + 6 * hour_ms).size() >= 1);
  CHECK(when_refused(g.state, HandleAbuse{id, AbuseStep::resume, 0, ""}, staff).code == ErrorCode::conflict); // not paused
}

TEST_CASE("the audit trail records every step; the customer is shown the pause and the resumption only") {
  auto g = acme();
  const auto id = paused_ticket(g);
  run(g, HandleAbuse{id, AbuseStep::resume, 0, ""}, staff, t0 + 5 * hour_ms);
  auto steps = [&](PersonId reader) {
    const auto& full = g.state.tickets.at(id);
    const Ticket t = reader == jordan ? customer_view(full) : full;
    std::vector<std::string> out;
    for (const auto& e : audit_trail(g.state, t, reader))
      if (e.kind == TicketChangeKind::conduct) out.push_back(e.text);
    return out;
  };
  const auto staff_sees = steps(staff);
  REQUIRE(staff_sees.size() == 5);
  CHECK(staff_sees[0] == "Marked message 1 as abusive: Insults.");
  CHECK(staff_sees[1] == "Warned the customer once: respectful communication.");
  CHECK(staff_sees[3].find("Paused the conversation; a manager follows up by") == 0);
  CHECK(staff_sees[4] == "Resumed the conversation.");
  const auto customer_sees = steps(jordan);
  REQUIRE(customer_sees.size() == 2);
  CHECK(customer_sees[0] == staff_sees[3]);
  CHECK(customer_sees[1] == staff_sees[4]);
}

TEST_CASE("after repeated abuse the business restricts a customer's tickets for a period, and may lift it early") {
  auto g = acme();
  const auto id = open_one(g);
  run(g, HandleAbuse{id, AbuseStep::mark, first_customer_message(g, id), ""}, ava, t0 + hour_ms);
  // One marked message is not repeated abuse.
  CHECK(when_refused(g.state, RestrictTicketing{1, 14, "Insults"}, staff).message.find("repeated abuse") != std::string::npos);
  const auto again = customer_says(g, id, "Idiots.", t0 + 2 * hour_ms);
  run(g, HandleAbuse{id, AbuseStep::mark, again, ""}, ava, t0 + 2 * hour_ms);
  CHECK(abuse_marks_of(g.state, 1) == 2);
  CHECK(when_refused(g.state, RestrictTicketing{1, 14, "Insults"}, ava).code == ErrorCode::forbidden); // the business decides
  CHECK(when_refused(g.state, RestrictTicketing{1, 14, ""}, staff).field == "data.reason");
  run(g, RestrictTicketing{1, 14, "Repeated insults"}, staff, t0 + 3 * hour_ms);
  const TimeMs until = t0 + 3 * hour_ms + 14 * day_ms;

  // Opening and answering are refused until the date, with the reason; the business still writes.
  auto open = when_refused(g.state, OpenTicket{0, "Again", "Hello", {}, {}, {}, {}}, jordan, t0 + 4 * hour_ms);
  CHECK(open.code == ErrorCode::forbidden);
  CHECK(open.message.find(pd::core::format_utc_minute(until)) != std::string::npos);
  CHECK(open.message.find("Repeated insults") != std::string::npos);
  CHECK(when_refused(g.state, ReplyToTicket{id, "Hi", false, {}, {}, false}, jordan, t0 + 4 * hour_ms).field == "data.ticket_id");
  CHECK_FALSE(when_ok(g.state, ReplyToTicket{id, "We are here when you are ready.", false, {}, {}, false}, staff, t0 + 4 * hour_ms).empty());
  // Listed on the business's desk while it lasts.
  auto listed = restricted_customers(g.state, t0 + 4 * hour_ms);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].customer_id == 1);
  CHECK(listed[0].marks == 2);
  CHECK(restricted_customers(g.state, until).empty());
  // Over at the date.
  CHECK(when_ok(g.state, OpenTicket{0, "Again", "Hello", {}, {}, {}, {}}, jordan, until).size() >= 1);

  // Lifted early by the owner: at once.
  CHECK(when_refused(g.state, RestrictTicketing{2, 0, ""}, staff).code == ErrorCode::conflict); // nothing to lift
  run(g, RestrictTicketing{1, 0, ""}, owner, t0 + 5 * hour_ms);
  CHECK(g.state.customers.at(1).restrictions.back().lifted_by == owner);
  CHECK(when_ok(g.state, OpenTicket{0, "Again", "Hello", {}, {}, {}, {}}, jordan, t0 + 6 * hour_ms).size() >= 1);
  CHECK(restricted_customers(g.state, t0 + 6 * hour_ms).empty());
}

TEST_CASE("the abuse commands read their fields strictly") {
  auto bad_step = decode_command("HandleAbuse", nlohmann::json{{"ticket_id", 1}, {"step", "ban"}});
  REQUIRE_FALSE(bad_step.ok());
  CHECK(bad_step.error().field == "data.step");
  auto too_long = decode_command("RestrictTicketing", nlohmann::json{{"customer_id", 1}, {"days", max_restriction_days + 1}, {"reason", "x"}});
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.error().field == "data.days");
  auto ok = decode_command("HandleAbuse", nlohmann::json{{"ticket_id", 4}, {"step", "pause"}, {"text", "Pausing."}});
  REQUIRE(ok.ok());
  CHECK(std::get<HandleAbuse>(ok.value()) == HandleAbuse{4, AbuseStep::pause, 0, "Pausing."});
}

} // namespace test_unit_shared_domain_support_conduct
