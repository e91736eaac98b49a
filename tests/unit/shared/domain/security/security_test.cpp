// A program's sign-in security: who must use two-factor sign-in (the business's policy), which
// commands need a freshly proven second factor (step-up), and how fresh is fresh enough.
#include "../program_fixture.hpp"

#include "shared/domain/security/step_up.hpp"
#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_security { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;
using pd::identity::Role;

namespace {
constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, jordan = 6;
} // namespace

TEST_CASE("The policy names the roles that must sign in with two-factor; customers never must") {
  const SecurityPolicy none{};
  const SecurityPolicy business{true, false};
  const SecurityPolicy agents{false, true};
  for (auto role : {Role::owner, Role::admin, Role::staff}) {
    CHECK_FALSE(two_factor_required(none, role));
    CHECK(two_factor_required(business, role));
    CHECK_FALSE(two_factor_required(agents, role));
  }
  CHECK_FALSE(two_factor_required(business, Role::agent));
  CHECK(two_factor_required(agents, Role::agent));
  CHECK_FALSE(two_factor_required(SecurityPolicy{true, true}, Role::customer));
  CHECK_FALSE(two_factor_required(SecurityPolicy{true, true}, Role::unknown));
}

TEST_CASE("A second factor is fresh for the window after it was proven, and never when it was not") {
  const TimeMs window = default_step_up_window_ms;
  CHECK(window == 10 * 60 * 1000);
  CHECK(step_up_fresh(t0, t0, window));
  CHECK(step_up_fresh(t0, t0 + window, window));
  CHECK_FALSE(step_up_fresh(t0, t0 + window + 1, window));
  CHECK_FALSE(step_up_fresh(0, t0, window));         // never proven in this session
  CHECK_FALSE(step_up_fresh(t0 + 5, t0, window));    // proven "later" than now: a clock gone back
}

TEST_CASE("Paying out, keys, roles, removals, support settings, ledger changes and terminations need step-up") {
  CHECK(needs_step_up(RecordPayout{}));
  CHECK(needs_step_up(ApproveCommissionLines{}));
  CHECK(needs_step_up(CreateApiKey{}));
  CHECK(needs_step_up(RevokeApiKey{}));
  CHECK(needs_step_up(ChangeMemberRole{}));
  CHECK(needs_step_up(RemoveMember{}));
  CHECK(needs_step_up(ChangeSupportSettings{}));
  CHECK(needs_step_up(AdjustCommission{}));
  CHECK(needs_step_up(StopReferralCommission{}));
  CHECK(needs_step_up(ChangeSecurityPolicy{}));
  SetAgentStatus status;
  status.status = PartnerStatus::terminated;
  CHECK(needs_step_up(status));
  status.status = PartnerStatus::removed;
  CHECK(needs_step_up(status));
  status.status = PartnerStatus::suspended;
  CHECK_FALSE(needs_step_up(status));
  // Everyday work does not.
  CHECK_FALSE(needs_step_up(ReplyToTicket{}));
  CHECK_FALSE(needs_step_up(AssignCustomer{}));
  CHECK_FALSE(needs_step_up(RenameProgram{}));
  CHECK_FALSE(needs_step_up(InviteMember{}));
}

TEST_CASE("Owners and admins change the policy; the same policy again records nothing") {
  auto g = acme();
  CHECK(when_refused(g.state, ChangeSecurityPolicy{{true, false}}, staff).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, ChangeSecurityPolicy{{true, false}}, ava).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, ChangeSecurityPolicy{{true, false}}, jordan).code == ErrorCode::forbidden);
  auto events = run(g, ChangeSecurityPolicy{{true, false}}, admin);
  REQUIRE(events.size() == 1);
  CHECK(std::get<SecurityPolicyChanged>(events[0]).policy == SecurityPolicy{true, false});
  CHECK(g.state.security == SecurityPolicy{true, false});
  CHECK(when_ok(g.state, ChangeSecurityPolicy{{true, false}}, owner).empty());
  run(g, ChangeSecurityPolicy{{true, true}}, owner);
  CHECK(g.state.security.two_factor_agents);
}

TEST_CASE("Members but customers see the policy and its changes") {
  auto g = acme();
  run(g, ChangeSecurityPolicy{{false, true}}, owner);
  const Event e{g.seq, 1, owner, t0, SecurityPolicyChanged{{false, true}}};
  CHECK(event_for_reader(g.state, ava, e).has_value());
  CHECK(event_for_reader(g.state, staff, e).has_value());
  CHECK_FALSE(event_for_reader(g.state, jordan, e).has_value());
  CHECK(visible_state(g.state, ava).security.two_factor_agents);
  CHECK_FALSE(visible_state(g.state, jordan).security.two_factor_agents);
  // The policy survives a snapshot's round trip.
  auto back = state_from_json(state_to_json(g.state));
  REQUIRE(back.ok());
  CHECK(back->security == SecurityPolicy{false, true});
}

TEST_CASE("The command's data is read strictly") {
  auto ok = decode_command("ChangeSecurityPolicy", nlohmann::json{{"two_factor_business", true}, {"two_factor_agents", false}});
  REQUIRE(ok.ok());
  CHECK(std::get<ChangeSecurityPolicy>(ok.value()).policy == SecurityPolicy{true, false});
  auto missing = decode_command("ChangeSecurityPolicy", nlohmann::json{{"two_factor_business", true}});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().field == "data.two_factor_agents");
  auto wrong = decode_command("ChangeSecurityPolicy", nlohmann::json{{"two_factor_business", "yes"}, {"two_factor_agents", false}});
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().field == "data.two_factor_business");
  auto extra = decode_command("ChangeSecurityPolicy", nlohmann::json{{"two_factor_business", true}, {"two_factor_agents", false}, {"x", 1}});
  REQUIRE_FALSE(extra.ok());
  CHECK(extra.error().code == ErrorCode::unknown_field);
}

} // namespace test_unit_shared_domain_security
