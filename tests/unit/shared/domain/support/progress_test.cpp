// A ticket's progress (support/progress.hpp, docs/api.md "Estimates, updates and third
// parties"): the estimate the customer is told, the updates it owes (24 h, 2 h for P0), the
// scheduler's warning and its one miss per lapse in the handler's history, and a third party's
// wait that holds the SLA clock while the business accepts it.
#include "../program_fixture.hpp"

#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/progress.hpp"
#include "shared/domain/support/ticket_actions.hpp"
#include "shared/domain/support/ticket_audit.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>

namespace test_unit_shared_domain_support_progress { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId staff = 3, ava = 4, theo = 5, jordan = 6;
constexpr TimeMs day = 24 * hour_ms;

TicketId jordan_opens(Given& g, TimeMs at) {
  auto events = run(g, OpenTicket{0, "Payouts stuck", "Our payouts have been pending since Monday.", {}, Category::billing, {}, {}}, jordan, at);
  return std::get<TicketOpened>(events.at(0)).ticket_id;
}

template <class E>
std::vector<E> of_type(const std::vector<EventBody>& events) {
  std::vector<E> out;
  for (const auto& e : events)
    if (const auto* x = std::get_if<E>(&e)) out.push_back(*x);
  return out;
}

int misses_in_history(const Given& g, PersonId agent) {
  auto it = g.state.agent_support.find(agent);
  if (it == g.state.agent_support.end()) return 0;
  return static_cast<int>(std::count_if(it->second.history.begin(), it->second.history.end(), [](const auto& h) { return h.kind == "update_missed"; }));
}

} // namespace

TEST_CASE("an estimate owes the customer an update every 24 hours: warned before, one miss per lapse, a reply starts the next") {
  auto g = acme();
  const auto id = jordan_opens(g, t0);
  run(g, ReplyToTicket{id, "Looking into it.", false, TicketStatus::open, {}, false}, ava, t0 + hour_ms);
  REQUIRE(g.state.tickets.at(id).progress.update_due == 0); // no estimate, no update owed

  run(g, SetResolutionEstimate{id, t0 + 3 * day, "The processor confirms within three days"}, ava, t0 + 2 * hour_ms);
  const auto& p = g.state.tickets.at(id).progress;
  CHECK(p.estimate == t0 + 3 * day);
  CHECK(p.estimate_note == "The processor confirms within three days");
  CHECK(p.update_due == t0 + 2 * hour_ms + day);
  CHECK(p.update_warn_at == t0 + 2 * hour_ms + 18 * hour_ms);
  CHECK(update_state(g.state.tickets.at(id), t0 + 3 * hour_ms) == UpdateState::on_time);

  // Before the warning: nothing; at three quarters of the interval: a warning to the agent.
  CHECK(of_type<TicketUpdateWarned>(run(g, RunTimers{}, support_rules::system_actor, t0 + 19 * hour_ms)).empty());
  auto warned = of_type<TicketUpdateWarned>(run(g, RunTimers{}, support_rules::system_actor, t0 + 21 * hour_ms));
  REQUIRE(warned.size() == 1);
  CHECK(warned[0].agent_id == ava);
  CHECK(update_state(g.state.tickets.at(id), t0 + 21 * hour_ms) == UpdateState::due_soon);
  CHECK(of_type<TicketUpdateWarned>(run(g, RunTimers{}, support_rules::system_actor, t0 + 22 * hour_ms)).empty()); // once

  // The lapse: one miss, in Ava's history, however often the scheduler passes.
  auto missed = of_type<TicketUpdateMissed>(run(g, RunTimers{}, support_rules::system_actor, t0 + 27 * hour_ms));
  REQUIRE(missed.size() == 1);
  CHECK(missed[0].due == t0 + 26 * hour_ms);
  CHECK(of_type<TicketUpdateMissed>(run(g, RunTimers{}, support_rules::system_actor, t0 + 40 * hour_ms)).empty());
  CHECK(misses_in_history(g, ava) == 1);
  CHECK(update_state(g.state.tickets.at(id), t0 + 40 * hour_ms) == UpdateState::overdue);

  // Ava's update starts the next interval.
  run(g, ReplyToTicket{id, "Still with the processor; next news tomorrow.", false, TicketStatus::open, {}, false}, ava, t0 + 41 * hour_ms);
  CHECK(g.state.tickets.at(id).progress.update_due == t0 + 41 * hour_ms + day);
  CHECK(g.state.tickets.at(id).progress.update_missed_at == 0);
  CHECK(update_state(g.state.tickets.at(id), t0 + 42 * hour_ms) == UpdateState::on_time);

  // Waiting on the customer owes nothing; resolving ends the updates.
  run(g, ReplyToTicket{id, "Can you confirm the last four digits of the account?", false, TicketStatus::waiting_on_customer, {}, false}, ava,
      t0 + 42 * hour_ms);
  CHECK(of_type<TicketUpdateMissed>(run(g, RunTimers{}, support_rules::system_actor, t0 + 80 * hour_ms)).empty());
  run(g, ResolveTicket{id, ""}, ava, t0 + 81 * hour_ms);
  CHECK(g.state.tickets.at(id).progress.update_due == 0);
  CHECK(g.state.tickets.at(id).progress.estimate == t0 + 3 * day); // the estimate stays on record
}

TEST_CASE("a critical ticket owes an update every 2 hours; the settings change both intervals") {
  auto g = acme();
  const auto id = jordan_opens(g, t0);
  run(g, TriageTicket{id, Priority::p0, Category::billing, {}}, ava, t0 + 1);
  run(g, SetResolutionEstimate{id, t0 + day, ""}, ava, t0 + hour_ms);
  CHECK(g.state.tickets.at(id).progress.update_due == t0 + 3 * hour_ms);
  CHECK(g.state.tickets.at(id).progress.update_warn_at == t0 + 3 * hour_ms - 30 * 60'000);
  auto settings = g.state.support_settings;
  settings.critical_update_hours = 4;
  run(g, ChangeSupportSettings{settings}, 1, t0 + 2 * hour_ms);
  run(g, ReplyToTicket{id, "Update: the fix is being deployed.", false, TicketStatus::open, {}, false}, ava, t0 + 2 * hour_ms);
  CHECK(g.state.tickets.at(id).progress.update_due == t0 + 6 * hour_ms);
}

TEST_CASE("who may set the estimate, and its bounds") {
  auto g = acme();
  const auto id = jordan_opens(g, t0);
  CHECK(when_refused(g.state, SetResolutionEstimate{id, t0 + day, ""}, jordan).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, SetResolutionEstimate{id, t0 + day, ""}, theo).code == ErrorCode::not_found);
  CHECK(when_refused(g.state, SetResolutionEstimate{id, t0 - 1, ""}, ava).field == "data.estimate");
  CHECK(when_refused(g.state, SetResolutionEstimate{id, t0 + (max_estimate_days + 1) * day, ""}, ava).field == "data.estimate");
  CHECK_FALSE(ticket_action_offered(g.state, jordan, g.state.tickets.at(id), TicketAction::progress));
  CHECK(ticket_action_offered(g.state, ava, g.state.tickets.at(id), TicketAction::progress));
  run(g, SetResolutionEstimate{id, t0 + day, ""}, staff, t0 + 1);
  // Withdrawn: no update owed any more.
  run(g, SetResolutionEstimate{id, 0, ""}, ava, t0 + 2);
  CHECK(g.state.tickets.at(id).progress.estimate == 0);
  CHECK(g.state.tickets.at(id).progress.update_due == 0);
  CHECK(run(g, SetResolutionEstimate{id, 0, ""}, ava, t0 + 3).empty()); // nothing to withdraw
}

TEST_CASE("a third party's wait: the customer sees it, the business's acceptance holds the resolution clock until the wait ends") {
  auto g = acme();
  const auto id = jordan_opens(g, t0);
  run(g, ReplyToTicket{id, "Checking with the processor.", false, TicketStatus::open, {}, false}, ava, t0 + hour_ms);
  const auto due_before = g.state.tickets.at(id).sla.resolution_due;
  REQUIRE(due_before != 0);

  run(g, WaitOnThirdParty{id, "Stripe (payment processor)", "Case 48213", t0 + 20 * hour_ms}, ava, t0 + 2 * hour_ms);
  CHECK(g.state.tickets.at(id).progress.third_party == "Stripe (payment processor)");
  CHECK(g.state.tickets.at(id).sla.resolution_due == due_before); // not accepted: the clock runs
  CHECK(when_refused(g.state, AcceptThirdPartyWait{id}, ava).code == ErrorCode::forbidden); // the business accepts
  CHECK(ticket_action_offered(g.state, staff, g.state.tickets.at(id), TicketAction::accept_wait));

  run(g, AcceptThirdPartyWait{id}, staff, t0 + 3 * hour_ms);
  const auto& held = g.state.tickets.at(id);
  CHECK(held.progress.wait_accepted);
  CHECK(held.sla.held);
  CHECK(held.sla.resolution_due == 0);
  CHECK(when_refused(g.state, AcceptThirdPartyWait{id}, staff).code == ErrorCode::conflict); // already

  // A customer's reply does not start the clock while the wait is accepted.
  run(g, ReplyToTicket{id, "Any news?", false, {}, {}, false}, jordan, t0 + 10 * hour_ms);
  CHECK(g.state.tickets.at(id).sla.resolution_due == 0);

  // The customer sees whom it waits on, and the trail says so.
  const auto view = visible_state(g.state, jordan).tickets.at(id);
  CHECK(view.progress.third_party == "Stripe (payment processor)");
  const auto trail = audit_trail(g.state, g.state.tickets.at(id), jordan);
  CHECK(std::any_of(trail.begin(), trail.end(), [](const AuditEntry& a) { return a.text.find("Waiting on Stripe") != std::string::npos; }));

  // The follow-up reminder, once.
  auto reminded = of_type<ThirdPartyFollowUpDue>(run(g, RunTimers{}, support_rules::system_actor, t0 + 20 * hour_ms + 1));
  REQUIRE(reminded.size() == 1);
  CHECK(reminded[0].agent_id == ava);
  CHECK(of_type<ThirdPartyFollowUpDue>(run(g, RunTimers{}, support_rules::system_actor, t0 + 21 * hour_ms)).empty());

  // The wait ends: the clock runs again with the time used before the hold (20 h held).
  run(g, EndThirdPartyWait{id}, ava, t0 + 23 * hour_ms);
  const auto& after = g.state.tickets.at(id);
  CHECK_FALSE(after.sla.held);
  CHECK(after.progress.third_party.empty());
  CHECK(after.sla.resolution_due == due_before + 20 * hour_ms);
  CHECK(when_refused(g.state, EndThirdPartyWait{id}, ava).code == ErrorCode::conflict); // nothing to end
}

TEST_CASE("naming another party releases an accepted wait; resolving ends the wait") {
  auto g = acme();
  const auto id = jordan_opens(g, t0);
  run(g, WaitOnThirdParty{id, "Stripe", "", t0 + day}, ava, t0 + hour_ms);
  run(g, AcceptThirdPartyWait{id}, staff, t0 + hour_ms);
  // The same party with a new reference stays accepted.
  run(g, WaitOnThirdParty{id, "Stripe", "Case 7", t0 + day}, ava, t0 + 2 * hour_ms);
  CHECK(g.state.tickets.at(id).progress.wait_accepted);
  CHECK(g.state.tickets.at(id).sla.held);
  // Another party: released, to be accepted again.
  auto events = run(g, WaitOnThirdParty{id, "Plaid", "", t0 + day}, ava, t0 + 3 * hour_ms);
  CHECK(of_type<ThirdPartyWaitEnded>(events).size() == 1);
  CHECK_FALSE(g.state.tickets.at(id).progress.wait_accepted);
  CHECK_FALSE(g.state.tickets.at(id).sla.held);
  CHECK(g.state.tickets.at(id).progress.third_party == "Plaid");
  CHECK(when_refused(g.state, WaitOnThirdParty{id, "Plaid", "", t0}, ava).field == "data.follow_up_at");
  CHECK(when_refused(g.state, WaitOnThirdParty{id, "  ", "", t0 + day}, ava).field == "data.party");
  run(g, ResolveTicket{id, ""}, ava, t0 + 4 * hour_ms);
  CHECK(g.state.tickets.at(id).progress.third_party.empty());
  CHECK(when_refused(g.state, WaitOnThirdParty{id, "Plaid", "", t0 + day}, ava).code == ErrorCode::conflict);
}

TEST_CASE("the progress commands decode strictly") {
  CHECK(decode_command("SetResolutionEstimate", {{"ticket_id", 7}, {"estimate", -1}}).error().field == "data.estimate");
  CHECK(decode_command("SetResolutionEstimate", {{"ticket_id", 7}, {"estimate", 1}, {"note", std::string(501, 'x')}}).error().field == "data.note");
  CHECK(decode_command("WaitOnThirdParty", {{"ticket_id", 7}, {"party", ""}, {"follow_up_at", 1}}).error().field == "data.party");
  CHECK(decode_command("WaitOnThirdParty", {{"ticket_id", 7}, {"party", "Stripe"}}).error().field == "data.follow_up_at");
  CHECK(decode_command("AcceptThirdPartyWait", {{"ticket_id", 7}, {"sla", 1}}).error().field == "data.sla");
  CHECK(decode_command("EndThirdPartyWait", {{"ticket_id", "7"}}).error().field == "data.ticket_id");
  auto ok = decode_command("WaitOnThirdParty", {{"ticket_id", 7}, {"party", "Stripe"}, {"reference", "Case 7"}, {"follow_up_at", 5}});
  REQUIRE(ok);
  CHECK(std::get<WaitOnThirdParty>(ok.value()) == WaitOnThirdParty{7, "Stripe", "Case 7", 5});
}

} // namespace test_unit_shared_domain_support_progress
