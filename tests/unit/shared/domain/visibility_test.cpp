#include "program_fixture.hpp"

#include "shared/domain/authorization.hpp"
#include "shared/domain/visibility.hpp"

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
