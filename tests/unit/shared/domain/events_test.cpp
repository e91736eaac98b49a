#include "program_fixture.hpp"

#include "shared/domain/visibility.hpp"

using namespace pd::domain;
using namespace pd::domain::testing;

TEST_CASE("every event type round-trips through JSON") {
  std::vector<EventBody> all = {ProgramCreated{"Acme", "USD", 1, "Maya", "m@a.test"},
                                ProgramRenamed{"Acme 2"},
                                InvitationCreated{3, "x@a.test", pd::identity::Role::agent, "secret", t0, 0},
                                InvitationAccepted{3, 8, "X", "x@a.test"},
                                InvitationRevoked{3},
                                MemberRoleChanged{2, pd::identity::Role::admin},
                                MemberRemoved{2},
                                AgentStatusChanged{4, PartnerStatus::removed, "SLA"},
                                CustomerAdded{1, profile("J", "j@a.test", 4)},
                                CustomerUpdated{1, profile("J", "j@a.test")},
                                CustomerAssigned{1, 4, 5}};
  for (const auto& body : all) {
    CAPTURE(type_of(body));
    Event e{7, 1, 3, t0, body};
    auto j = to_json(e, true);
    auto back = event_from_json(j);
    REQUIRE(back.ok());
    CHECK(back->seq == 7);
    CHECK(back->body.index() == body.index());
    CHECK(to_json(*back, true) == j);
  }
}

TEST_CASE("token hashes never leave the server") {
  Event e{1, 1, 1, t0, InvitationCreated{3, "x@a.test", pd::identity::Role::agent, "secret-hash", t0, 0}};
  CHECK(to_json(e, true)["data"].contains("token_hash"));
  CHECK_FALSE(to_json(e, false)["data"].contains("token_hash"));
  auto g = acme();
  auto snapshot = state_to_json(visible_state(g.state, 1)).dump();
  CHECK(snapshot.find("hash") == std::string::npos);
}

TEST_CASE("unknown or malformed events are refused without throwing") {
  CHECK(event_from_json({{"type", "Nope"}, {"data", nlohmann::json::object()}}).error().field == "type");
  CHECK_FALSE(event_from_json({{"type", "CustomerAdded"}, {"data", {{"customer_id", "one"}}}}).ok());
  CHECK_FALSE(event_from_json(nlohmann::json::array()).ok());
}

TEST_CASE("a snapshot round-trips and a replica applying the same events matches the server") {
  auto g = acme();
  auto back = state_from_json(state_to_json(g.state));
  REQUIRE(back.ok());
  CHECK(state_to_json(*back) == state_to_json(g.state));
}
