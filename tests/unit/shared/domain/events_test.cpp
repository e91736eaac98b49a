#include "program_fixture.hpp"

#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_events { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;

// Round trips of every event type and of a snapshot, compared as structs: round_trip_test.cpp.

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

} // namespace test_unit_shared_domain_events
