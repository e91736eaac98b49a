// The ticket page offers an action exactly when decide() accepts it (shared/domain/ticket_actions).
#include "../program_fixture.hpp"

#include "shared/domain/support/ticket_actions.hpp"

namespace test_unit_shared_domain_support_ticket_actions { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;

namespace {

constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, theo = 5, jordan = 6;

TicketId open_one(Given& g) {
  auto events = when_ok(g.state, OpenTicket{0, "Export fails", "Since Monday", {}, Category::bug, {}, {}}, jordan);
  const auto id = std::get<TicketOpened>(events.at(0)).ticket_id;
  for (auto& e : events) g.event(jordan, e);
  return id;
}

Command command_for(TicketAction a, TicketId id) {
  switch (a) {
  case TicketAction::triage: return TriageTicket{id, Priority::p1, Category::billing, {}};
  case TicketAction::escalate: return EscalateTicket{id, "Please look at this", {"Export fails", "Cleared cache", "calm", "Month end", "Engineering"}};
  case TicketAction::take_over: return TakeOverTicket{id};
  case TicketAction::resolve: return ResolveTicket{id, ""};
  case TicketAction::close: return CloseTicket{id, ""};
  case TicketAction::merge: return MergeTickets{id, {id}}; // not in the loop below: a merge needs a second ticket (merge_test.cpp)
  case TicketAction::progress: return SetResolutionEstimate{id, t0 + 86'400'000, "After the release"};
  case TicketAction::accept_wait: return AcceptThirdPartyWait{id};
  case TicketAction::log_conversation: return LogConversation{id, "phone", 12, "Walked through the export settings", "We agreed to retry the export tonight.", {}, false};
  }
  return TakeOverTicket{id};
}

// For every person and action: offered exactly when decide() accepts the command.
void require_agreement(const Given& g, TicketId id) {
  const auto& t = g.state.tickets.at(id);
  for (PersonId p : {owner, admin, staff, ava, theo, jordan})
    for (auto a : {TicketAction::triage, TicketAction::escalate, TicketAction::take_over, TicketAction::resolve, TicketAction::close,
                   TicketAction::log_conversation, TicketAction::progress, TicketAction::accept_wait}) {
      CAPTURE(p);
      CAPTURE(static_cast<int>(a));
      const bool accepted = decide(g.state, command_for(a, id), actor(p), t0).ok();
      CHECK(ticket_action_offered(g.state, p, t, a) == accepted);
    }
}

bool offered(const Given& g, PersonId p, TicketId id, TicketAction a) { return ticket_action_offered(g.state, p, g.state.tickets.at(id), a); }

} // namespace

TEST_CASE("the ticket page offers exactly what decide accepts, in every state of a ticket") {
  auto g = acme();
  const auto id = open_one(g);
  require_agreement(g, id); // new
  run(g, EscalateTicket{id, "", {"Export fails", "Cleared cache", "calm", "Month end", "Engineering"}}, ava);
  require_agreement(g, id); // escalated, awaiting the business
  run(g, TakeOverTicket{id}, staff);
  require_agreement(g, id); // taken over
  run(g, ResolveTicket{id, ""}, staff);
  require_agreement(g, id); // resolved
  run(g, CloseTicket{id, ""}, jordan);
  require_agreement(g, id); // closed
}

TEST_CASE("a ticket another business member took over is not offered for taking over again") {
  auto g = acme();
  const auto id = open_one(g);
  CHECK(offered(g, admin, id, TicketAction::take_over));
  run(g, TakeOverTicket{id}, staff);
  CHECK_FALSE(offered(g, admin, id, TicketAction::take_over)); // the page used to offer it; the server refused
  CHECK(why_not(g.state, admin, g.state.tickets.at(id), TicketAction::take_over)->code == pd::core::ErrorCode::conflict);
}

TEST_CASE("an agent is not offered Resolve while its escalation awaits the business; the business is") {
  auto g = acme();
  const auto id = open_one(g);
  CHECK(offered(g, ava, id, TicketAction::resolve));
  run(g, EscalateTicket{id, "", {"Export fails", "Cleared cache", "calm", "Month end", "Engineering"}}, ava);
  CHECK_FALSE(offered(g, ava, id, TicketAction::resolve));
  CHECK_FALSE(offered(g, ava, id, TicketAction::escalate));
  CHECK(offered(g, staff, id, TicketAction::resolve));
  CHECK_FALSE(offered(g, theo, id, TicketAction::resolve)); // not his customer
  CHECK(why_not(g.state, theo, g.state.tickets.at(id), TicketAction::resolve)->code == pd::core::ErrorCode::forbidden);
}

} // namespace test_unit_shared_domain_support_ticket_actions
