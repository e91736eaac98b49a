#include "program_fixture.hpp"

namespace test_unit_shared_domain_decide { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;
using pd::identity::Role;

TEST_CASE("creating a program makes the creator its owner") {
  ProgramState empty;
  empty.id = 9;
  auto events = when_ok(empty, CreateProgram{"Brightside", "EUR"}, 42);
  REQUIRE(events.size() == 1);
  auto created = std::get<ProgramCreated>(events[0]);
  CHECK(created.owner_id == 42);
  ProgramState s;
  apply(s, Event{1, 9, 42, t0, created});
  CHECK(s.role_of(42) == Role::owner);
  CHECK(s.currency == "EUR");
  CHECK(when_refused(s, CreateProgram{"Again", "EUR"}, 42).code == ErrorCode::conflict);
}

TEST_CASE("outsiders cannot see a program at all: every command is not_found") {
  auto g = acme();
  CHECK(when_refused(g.state, RenameProgram{"Mine"}, 99).code == ErrorCode::not_found);
  CHECK(when_refused(g.state, AddCustomer{profile("X", "x@x.test")}, 99).code == ErrorCode::not_found);
}

TEST_CASE("invitations: who may invite whom") {
  auto g = acme();
  InviteMember staff_invite{"new@acme.test", Role::staff, 0, 24, "h"};
  CHECK(when_ok(g.state, staff_invite, 1).size() == 1);  // owner
  CHECK(when_ok(g.state, staff_invite, 2).size() == 1);  // admin
  CHECK(when_refused(g.state, staff_invite, 3).code == ErrorCode::forbidden); // staff cannot add staff
  InviteMember agent_invite{"agent2@acme.test", Role::agent, 0, 24, "h"};
  CHECK(when_ok(g.state, agent_invite, 3).size() == 1); // staff can invite agents
  CHECK(when_refused(g.state, agent_invite, 4).code == ErrorCode::forbidden);
  InviteMember owner_invite{"co@acme.test", Role::owner, 0, 24, "h"};
  CHECK(when_refused(g.state, owner_invite, 2).code == ErrorCode::forbidden); // only owners make owners
  CHECK(when_refused(g.state, InviteMember{"ava@acme.test", Role::staff, 0, 24, "h"}, 1).field == "data.email");
}

TEST_CASE("a customer invitation links to the customer's record") {
  auto g = acme();
  auto events = when_ok(g.state, InviteMember{"li@harborline.test", Role::customer, 0, 24, "h"}, 3);
  CHECK(std::get<InvitationCreated>(events[0]).customer_id == 3);
  auto no_record = when_refused(g.state, InviteMember{"stranger@x.test", Role::customer, 0, 24, "h"}, 3);
  CHECK(no_record.field == "data.customer_id");
  CHECK(when_refused(g.state, InviteMember{"jordan2@acme.test", Role::customer, 1, 24, "h"}, 3).code == ErrorCode::conflict);
}

TEST_CASE("an invitation works once and not after it expires") {
  auto g = acme();
  auto created = std::get<InvitationCreated>(when_ok(g.state, InviteMember{"p50@acme.test", Role::staff, 0, 24, "h"}, 1)[0]);
  g.event(1, created);
  const auto id = created.invitation_id;
  CHECK(when_refused(g.state, AcceptInvitation{id}, 50, t0 + 24 * 3'600'000).message == "This invitation has expired. Ask for a new one.");
  auto accepted = when_ok(g.state, AcceptInvitation{id}, 50, t0 + 1000);
  g.event(50, accepted[0]);
  CHECK(g.state.role_of(50) == Role::staff);
  auto again = when_refused(g.state, AcceptInvitation{id}, 51, t0 + 2000);
  CHECK(again.code == ErrorCode::conflict);
  CHECK(again.message == "This invitation has already been used.");
}

TEST_CASE("only the invited email accepts an invitation; anyone else is refused and nothing happens") {
  auto g = acme();
  auto created = std::get<InvitationCreated>(when_ok(g.state, InviteMember{"p50@acme.test", Role::admin, 0, 24, "h"}, 1)[0]);
  g.event(1, created);
  auto refused = when_refused(g.state, AcceptInvitation{created.invitation_id}, 51, t0 + 1000); // p51@acme.test
  CHECK(refused.code == ErrorCode::forbidden);
  CHECK(refused.field == "token");
  CHECK(refused.message == "This invitation is for p50@acme.test, not for the account you are signed in with.");
  CHECK(when_ok(g.state, AcceptInvitation{created.invitation_id}, 50, t0 + 1000).size() == 1);
}

TEST_CASE("a revoked invitation cannot be accepted") {
  auto g = acme();
  g.event(1, InvitationCreated{10, "x@acme.test", Role::agent, "h", t0 + 100'000, 0});
  g.event(1, std::get<InvitationRevoked>(when_ok(g.state, RevokeInvitation{10}, 3)[0]));
  CHECK(when_refused(g.state, AcceptInvitation{10}, 77).message == "This invitation was withdrawn.");
}

TEST_CASE("roles: a program always keeps an owner; only business roles swap") {
  auto g = acme();
  CHECK(when_refused(g.state, ChangeMemberRole{1, Role::admin}, 1).message == "A program needs at least one owner.");
  CHECK(when_refused(g.state, RemoveMember{1}, 1).code == ErrorCode::conflict);
  CHECK(when_refused(g.state, ChangeMemberRole{4, Role::staff}, 1).field == "data.role");
  CHECK(when_refused(g.state, ChangeMemberRole{3, Role::owner}, 2).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, ChangeMemberRole{1, Role::staff}, 2).code == ErrorCode::forbidden); // admin vs owner
  CHECK(std::get<MemberRoleChanged>(when_ok(g.state, ChangeMemberRole{3, Role::admin}, 2)[0]).role == Role::admin);
}

TEST_CASE("a member's address follows their account; only their own, and only when it differs") {
  auto g = acme();
  // The account's address differs from the list's copy: the list takes it.
  auto events = when_ok(g.state, RecordMemberEmail{}, 4); // actor(4) signs in as p4@acme.test
  REQUIRE(events.size() == 1);
  CHECK(std::get<MemberEmailChanged>(events[0]) == MemberEmailChanged{4, "p4@acme.test"});
  g.event(4, events[0]);
  CHECK(g.state.members.at(4).email == "p4@acme.test");
  CHECK(g.state.members.at(4).version == g.seq);
  // Already in step: nothing happens.
  CHECK(when_ok(g.state, RecordMemberEmail{}, 4).empty());
  // Someone outside the program records nothing anywhere.
  const auto outsider = when_refused(g.state, RecordMemberEmail{}, 99).code;
  CHECK((outsider == ErrorCode::not_found || outsider == ErrorCode::forbidden));
}

TEST_CASE("removing an agent from the program returns their customers to the business queue") {
  auto g = acme();
  auto events = when_ok(g.state, RemoveMember{4}, 1);
  REQUIRE(events.size() == 2);
  CHECK(std::get<CustomerAssigned>(events[0]).agent_id == 0);
  CHECK(std::get<CustomerAssigned>(events[0]).previous_agent == 4);
  CHECK(std::holds_alternative<MemberRemoved>(events[1]));
}

TEST_CASE("partner status: reasons required, terminated is final, removal unassigns") {
  auto g = acme();
  CHECK(when_refused(g.state, SetAgentStatus{4, PartnerStatus::suspended, "", {}}, 3).field == "data.reason");
  auto suspended = when_ok(g.state, SetAgentStatus{4, PartnerStatus::suspended, "Three overdue tickets", {}}, 3);
  REQUIRE(suspended.size() == 2); // suspension keeps the assignments; the customer's tickets are held for the business's queue
  CHECK(std::get<CustomerSupportHeld>(suspended[1]) == CustomerSupportHeld{1, 4, true});
  g.event(3, suspended[0]).event(3, suspended[1]);
  CHECK(g.state.agents.at(4).status == PartnerStatus::suspended);
  CHECK(when_refused(g.state, SetAgentStatus{4, PartnerStatus::suspended, "again", {}}, 3).code == ErrorCode::conflict);
  auto removed = when_ok(g.state, SetAgentStatus{4, PartnerStatus::removed, "SLA failures", {}}, 3);
  REQUIRE(removed.size() == 2);
  CHECK(std::get<CustomerAssigned>(removed[1]).customer_id == 1);
  g.event(3, removed[0]).event(3, removed[1]);
  CHECK(when_refused(g.state, SetAgentStatus{4, PartnerStatus::suspended, "x", {}}, 3).message ==
        "A removed agent can be reinstated or terminated, not suspended.");
  g.event(3, std::get<AgentStatusChanged>(when_ok(g.state, SetAgentStatus{4, PartnerStatus::terminated, "Conduct", {}}, 1)[0]));
  CHECK(when_refused(g.state, SetAgentStatus{4, PartnerStatus::active, "", {}}, 1).message == "A terminated partnership cannot be changed.");
  CHECK(when_refused(g.state, SetAgentStatus{5, PartnerStatus::suspended, "x", {}}, 4).code == ErrorCode::forbidden);
}

TEST_CASE("concurrent edits: the second writer gets a conflict with the current version") {
  auto g = acme();
  const auto v = g.state.customers.at(3).version;
  auto edit_a = profile("Li Wei", "li@harborline.test");
  edit_a.segment = "Enterprise";
  auto edit_b = profile("Li Wei", "li@harborline.test");
  edit_b.mrr.minor = 99'00;
  g.event(2, when_ok(g.state, UpdateCustomer{3, edit_a, v}, 2)[0]);
  auto lost = when_refused(g.state, UpdateCustomer{3, edit_b, v}, 3);
  CHECK(lost.code == ErrorCode::conflict);
  CHECK(lost.current_version == g.seq);
  CHECK(when_ok(g.state, UpdateCustomer{3, edit_b, lost.current_version}, 3).size() == 1);
}

TEST_CASE("customer profiles are checked against the program") {
  auto g = acme();
  auto eur = profile("New Co", "new@co.test");
  eur.mrr.currency = "EUR";
  CHECK(when_refused(g.state, AddCustomer{eur}, 3).field == "data.profile.mrr.currency");
  CHECK(when_refused(g.state, AddCustomer{profile("New Co", "new@co.test", 3)}, 3).field == "data.profile.referring_agent");
  CHECK(when_refused(g.state, AddCustomer{profile("Dup", "sam@northwind.test")}, 3).field == "data.profile.email");
  CHECK(when_refused(g.state, AddCustomer{profile("New Co", "new@co.test")}, 4).code == ErrorCode::forbidden);
  auto added = std::get<CustomerAdded>(when_ok(g.state, AddCustomer{profile("New Co", "new@co.test", 4)}, 3)[0]);
  CHECK(added.customer_id == 4);
}

TEST_CASE("assigning: only active agents take customers") {
  auto g = acme();
  CHECK(std::get<CustomerAssigned>(when_ok(g.state, AssignCustomer{3, 4}, 3)[0]).agent_id == 4);
  CHECK(when_refused(g.state, AssignCustomer{1, 4}, 3).code == ErrorCode::conflict);
  CHECK(when_refused(g.state, AssignCustomer{3, 3}, 3).field == "data.agent_id"); // staff is not an agent
  g.event(3, AgentStatusChanged{5, PartnerStatus::suspended, "x"});
  CHECK(when_refused(g.state, AssignCustomer{3, 5}, 3).message == "The agent is suspended and cannot take customers.");
  CHECK(std::get<CustomerAssigned>(when_ok(g.state, AssignCustomer{1, 0}, 3)[0]).previous_agent == 4);
}

} // namespace test_unit_shared_domain_decide
