// Follow-up check-ins: an agent schedules one for its own customer, moves it and marks it done;
// the business may do the same for any customer; nobody else may touch it, and a done
// check-in is not moved. Given / when / then with explicit timestamps.
#include "../program_fixture.hpp"

#include "shared/domain/support/check_ins.hpp"
#include "shared/domain/support/support_overview.hpp"
#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_support_check_ins { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, staff = 3, ava = 4, theo = 5, jordan = 6;


std::int64_t schedule(Given& g, PersonId who, CustomerId customer, TimeMs due, const char* note, TimeMs now = t0) {
  auto events = run(g, ScheduleCheckIn{customer, due, note}, who, now);
  return std::get<CheckInScheduled>(events.at(0)).check_in.id;
}

} // namespace

TEST_CASE("an agent reschedules its check-in: the new time and note are kept, and the follow-up moves with it") {
  auto g = acme();
  const auto id = schedule(g, ava, 1, t0 + 2 * day_ms, "Trial check-in");
  auto events = run(g, RescheduleCheckIn{id, t0 + 5 * day_ms, std::string("Trial check-in, after their holiday")}, ava, t0 + day_ms);
  REQUIRE(events.size() == 1);
  const auto& moved = std::get<CheckInRescheduled>(events[0]);
  CHECK(moved.due_at == t0 + 5 * day_ms);
  CHECK(g.state.check_ins.at(id).due_at == t0 + 5 * day_ms);
  CHECK(g.state.check_ins.at(id).note == "Trial check-in, after their holiday");
  // Without a note the old one stays.
  run(g, RescheduleCheckIn{id, t0 + 6 * day_ms, std::nullopt}, ava, t0 + day_ms);
  CHECK(g.state.check_ins.at(id).note == "Trial check-in, after their holiday");
  const auto ups = follow_ups(g.state, ava, t0 + day_ms);
  REQUIRE_FALSE(ups.empty());
  CHECK(ups.front().reason == "check_in"); // check-ins lead the follow-ups
  CHECK(ups.front().due == t0 + 6 * day_ms);
  // The same time and note again changes nothing.
  CHECK(when_ok(g.state, RescheduleCheckIn{id, t0 + 6 * day_ms, std::nullopt}, ava, t0 + day_ms).empty());
}

TEST_CASE("a check-in is not moved into the past, nor once it is done; completing records when") {
  auto g = acme();
  const auto id = schedule(g, ava, 1, t0 + 2 * day_ms, "Quarterly review");
  CHECK(when_refused(g.state, RescheduleCheckIn{id, t0 - 2 * day_ms, std::nullopt}, ava, t0).field == "data.due_at");
  CHECK(check_in_due(g.state.check_ins.at(id), t0 + 2 * day_ms));
  CHECK_FALSE(check_in_due(g.state.check_ins.at(id), t0 + day_ms));
  run(g, CompleteCheckIn{id}, ava, t0 + 3 * day_ms);
  CHECK(g.state.check_ins.at(id).done);
  CHECK(g.state.check_ins.at(id).done_at == t0 + 3 * day_ms);
  CHECK_FALSE(check_in_due(g.state.check_ins.at(id), t0 + 3 * day_ms));
  const auto refused = when_refused(g.state, RescheduleCheckIn{id, t0 + 9 * day_ms, std::nullopt}, ava, t0 + 3 * day_ms);
  CHECK(refused.code == ErrorCode::conflict);
  CHECK(refused.field == "data.check_in_id");
  for (const auto& f : follow_ups(g.state, ava, t0 + 3 * day_ms)) CHECK(f.reason != "check_in");
}

TEST_CASE("only the check-in's agent or the business moves it; the agent hears when the business does") {
  auto g = acme();
  const auto id = schedule(g, ava, 1, t0 + 2 * day_ms, "Renewal call");
  CHECK(when_refused(g.state, RescheduleCheckIn{id, t0 + 3 * day_ms, std::nullopt}, theo).code == ErrorCode::not_found);
  CHECK(when_refused(g.state, RescheduleCheckIn{id, t0 + 3 * day_ms, std::nullopt}, jordan).code == ErrorCode::not_found);
  CHECK(when_refused(g.state, CompleteCheckIn{id}, theo).code == ErrorCode::not_found);
  CHECK(when_refused(g.state, RescheduleCheckIn{99, t0 + 3 * day_ms, std::nullopt}, ava).field == "data.check_in_id");
  CHECK(may_change_check_in(g.state, ava, g.state.check_ins.at(id)));
  CHECK(may_change_check_in(g.state, staff, g.state.check_ins.at(id)));
  CHECK_FALSE(may_change_check_in(g.state, theo, g.state.check_ins.at(id)));
  const auto before = g.state.inboxes[ava].items.size();
  run(g, RescheduleCheckIn{id, t0 + 4 * day_ms, std::nullopt}, staff, t0);
  CHECK(g.state.inboxes.at(ava).items.size() == before + 1);
  CHECK(g.state.inboxes.at(ava).items.back().kind == "check_in");
  // Theo sees neither the check-in nor its move; Ava's replica follows it.
  CHECK(visible_state(g.state, theo).check_ins.empty());
  CHECK(visible_state(g.state, ava).check_ins.at(id).due_at == t0 + 4 * day_ms);
}

TEST_CASE("who schedules: an agent for its own customers, the business for any; a customer's check-ins listed open first") {
  auto g = acme();
  CHECK(may_schedule_check_in(g.state, ava, 1));
  CHECK_FALSE(may_schedule_check_in(g.state, ava, 2)); // Theo's customer
  CHECK(may_schedule_check_in(g.state, owner, 2));
  CHECK_FALSE(may_schedule_check_in(g.state, jordan, 1));
  CHECK(when_refused(g.state, ScheduleCheckIn{2, t0 + day_ms, ""}, ava).code == ErrorCode::not_found);
  const auto later = schedule(g, staff, 1, t0 + 9 * day_ms, "Later");
  const auto sooner = schedule(g, ava, 1, t0 + 2 * day_ms, "Sooner");
  const auto done = schedule(g, ava, 1, t0 + day_ms, "Done one");
  run(g, CompleteCheckIn{done}, ava, t0 + day_ms);
  CHECK(g.state.check_ins.at(later).agent_id == ava); // the business schedules for the customer's agent
  const auto list = check_ins_of_customer(g.state, 1);
  REQUIRE(list.size() == 3);
  CHECK(list[0]->id == sooner);
  CHECK(list[1]->id == later);
  CHECK(list[2]->id == done);
}

TEST_CASE("an agent who may not work support schedules, completes and moves no check-ins, and is told why; the business still does") {
  auto g = acme();
  const auto id = schedule(g, ava, 1, t0 + 2 * day_ms, "Renewal call");
  SetAgentStatus suspend{ava, PartnerStatus::suspended, "Non-responsive", {}, false, false};
  run(g, suspend, staff, t0);
  CHECK_FALSE(may_schedule_check_in(g.state, ava, 1));
  CHECK_FALSE(may_change_check_in(g.state, ava, g.state.check_ins.at(id)));
  REQUIRE(check_in_refusal(g.state, ava));
  CHECK_FALSE(check_in_refusal(g.state, staff));
  for (const Command& c : {Command{ScheduleCheckIn{1, t0 + 3 * day_ms, "Follow up"}}, Command{CompleteCheckIn{id}},
                           Command{RescheduleCheckIn{id, t0 + 4 * day_ms, std::nullopt}}}) {
    const auto refused = when_refused(g.state, c, ava, t0 + hour_ms);
    CHECK(refused.code == ErrorCode::forbidden);
    CHECK(refused.message.find("suspended") != std::string::npos);
  }
  // The business keeps the customer's check-ins going.
  CHECK(may_schedule_check_in(g.state, staff, 1));
  CHECK(may_change_check_in(g.state, staff, g.state.check_ins.at(id)));
  run(g, RescheduleCheckIn{id, t0 + 4 * day_ms, std::nullopt}, staff, t0 + hour_ms);
  schedule(g, owner, 1, t0 + 5 * day_ms, "Owner's call", t0 + hour_ms);
  run(g, CompleteCheckIn{id}, staff, t0 + hour_ms);
  CHECK(g.state.check_ins.at(id).done);
  // An agent whose certification was revoked: the reason named.
  run(g, RevokeCertification{theo, "Conduct"}, staff, t0 + hour_ms);
  const auto theo_refused = when_refused(g.state, ScheduleCheckIn{2, t0 + 3 * day_ms, ""}, theo, t0 + hour_ms);
  CHECK(theo_refused.code == ErrorCode::forbidden);
  CHECK(theo_refused.message.find("certification revoked") != std::string::npos);
  CHECK_FALSE(may_schedule_check_in(g.state, theo, 2));
}

TEST_CASE("RescheduleCheckIn decodes strictly and round-trips") {
  auto ok = decode_command("RescheduleCheckIn", {{"check_in_id", 3}, {"due_at", t0}, {"note", "Moved"}});
  REQUIRE(ok);
  const auto& c = std::get<RescheduleCheckIn>(ok.value());
  CHECK(c == RescheduleCheckIn{3, t0, std::string("Moved")});
  auto back = decode_command("RescheduleCheckIn", encode_command({"x", c}).at("data"));
  REQUIRE(back);
  CHECK(std::get<RescheduleCheckIn>(back.value()) == c);
  auto no_note = decode_command("RescheduleCheckIn", {{"check_in_id", 3}, {"due_at", t0}});
  REQUIRE(no_note);
  CHECK_FALSE(std::get<RescheduleCheckIn>(no_note.value()).note.has_value());
  CHECK(decode_command("RescheduleCheckIn", {{"check_in_id", 3}, {"due_at", 1.5}}).error().field == "data.due_at");
  CHECK(decode_command("RescheduleCheckIn", {{"check_in_id", 3}, {"due_at", t0}, {"when", 1}}).error().field == "data.when");
  CHECK(decode_command("RescheduleCheckIn", {{"due_at", t0}}).error().field == "data.check_in_id");
}

} // namespace test_unit_shared_domain_support_check_ins
