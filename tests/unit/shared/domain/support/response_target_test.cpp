// docs/requirements.md, Response standards: new programs start with the priority matrix on, so
// a P0 from a Standard customer gets 15 min rather than the tier's 12 h; each ticket says which
// target applies and why, in the words the server's ticket read and the browser's ticket page
// share.
#include "../program_fixture.hpp"

#include "shared/domain/support/response_target.hpp"
#include "shared/domain/support/sla.hpp"
#include "shared/domain/visibility.hpp"

namespace test_unit_shared_domain_support_response_target { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;

namespace {

constexpr PersonId owner = 1, ava = 4, jordan = 6;

// A program made by CreateProgram, as a new program is: Acme's people on a fresh program.
Given created_program() {
  Given g;
  auto events = when_ok(g.state, CreateProgram{"Acme Analytics", "USD"}, owner, t0);
  REQUIRE(events.size() == 1);
  g.event(owner, events[0]);
  return g;
}

Ticket ticket_on(const SupportSettings& settings, const char* segment, Priority p) {
  Customer c;
  c.profile.segment = segment;
  Ticket t;
  t.priority = p;
  t.status = TicketStatus::new_ticket;
  t.sla = sla::start_clock(settings, &c, p, t0);
  return t;
}

} // namespace

TEST_CASE("a new program starts with the priority matrix on; an old log's program keeps it off") {
  auto g = created_program();
  CHECK(g.state.support_settings.priority_matrix);
  CHECK(std::get<ProgramCreated>(when_ok(ProgramState{}, CreateProgram{"X", "USD"}, owner, t0).at(0)).priority_matrix);
  // A ProgramCreated written before the field existed decodes with the matrix off.
  auto old = body_from_json("ProgramCreated", {{"name", "Old"}, {"currency", "USD"}, {"owner_id", 1}, {"owner_name", "M"}, {"owner_email", "m@a.test"}});
  REQUIRE(old);
  CHECK_FALSE(std::get<ProgramCreated>(old.value()).priority_matrix);
  CHECK_FALSE(acme().state.support_settings.priority_matrix);
}

TEST_CASE("on a new program a critical ticket from a Standard customer is answered within 2 h, nothing waits over 24 h") {
  auto g = created_program();
  const auto& s = g.state.support_settings;
  // P0 Critical from a Standard (Growth) customer: 15 min first response, 2 h resolution.
  auto p0 = sla::windows_for(s, nullptr, Priority::p0);
  CHECK(p0.first_response_ms == 15 * minute_ms);
  CHECK(p0.resolution_ms == 2 * hour_ms);
  // Acknowledged within 24 h whatever the tier and priority.
  for (const char* segment : {"Enterprise", "Growth", "Free"})
    for (auto p : {Priority::p0, Priority::p1, Priority::p2, Priority::p3}) {
      Customer c;
      c.profile.segment = segment;
      CHECK(sla::windows_for(s, &c, p).first_response_ms <= 24 * hour_ms);
    }
}

TEST_CASE("the target that applies and why: priority stricter than the tier, tier stricter than priority, both equal, matrix off") {
  auto settings = default_support_settings();
  settings.priority_matrix = true;
  auto t = ticket_on(settings, "Growth", Priority::p0);
  auto targets = sla::response_targets(settings, t);
  REQUIRE(targets.size() == 2);
  CHECK(std::string(targets[0].key) == "first_response");
  CHECK(targets[0].state == "due");
  CHECK(targets[0].due == t0 + 15 * minute_ms);
  CHECK(targets[0].why.source == sla::TargetSource::priority);
  CHECK(targets[0].why.reason == "P0 Critical: 15 min, stricter than the Standard tier's 12 h");
  CHECK(targets[0].text == "First response due Jan 1, 00:15 UTC \xE2\x80\x94 P0 Critical: 15 min, stricter than the Standard tier's 12 h");
  CHECK(targets[1].why.reason == "P0 Critical: 2 h, stricter than the Standard tier's 48 h");
  CHECK(targets[1].text == "Resolution due Jan 1, 02:00 UTC \xE2\x80\x94 P0 Critical: 2 h, stricter than the Standard tier's 48 h");

  auto urgent = ticket_on(settings, "Enterprise", Priority::p3);
  CHECK(sla::response_targets(settings, urgent)[0].why.reason == "Urgent tier: 2 h, stricter than P3 Low's 24 h");
  auto extended = ticket_on(settings, "Free", Priority::p3);
  CHECK(sla::response_targets(settings, extended)[0].why.reason == "Extended tier and P3 Low: both 24 h");
  CHECK(sla::response_targets(settings, extended)[0].why.source == sla::TargetSource::tier_and_priority);

  settings.priority_matrix = false;
  auto off = ticket_on(settings, "Growth", Priority::p0);
  CHECK(sla::response_targets(settings, off)[0].why.reason == "Standard tier: 12 h (the priority matrix is off)");
  // Settings changed after the ticket opened: the window it holds is named as such.
  settings.tiers[1].first_response_minutes = 8 * 60;
  CHECK(sla::response_targets(settings, off)[0].why.reason == "12 h, set under earlier support settings");
}

TEST_CASE("answered, paused and resolved tickets say so; business hours are named") {
  auto settings = default_support_settings();
  settings.priority_matrix = true;
  auto t = ticket_on(settings, "Growth", Priority::p2);
  t.sla = sla::first_response(t.sla, t0 + hour_ms);
  t.sla = sla::pause(t.sla, settings, t0 + hour_ms);
  t.status = TicketStatus::waiting_on_customer;
  auto targets = sla::response_targets(settings, t);
  CHECK(targets[0].state == "answered");
  CHECK(targets[0].text == "First response sent Jan 1, 01:00 UTC, in time \xE2\x80\x94 target P2 Medium: 4 h, stricter than the Standard tier's 12 h");
  CHECK(targets[1].state == "paused");
  t.sla = sla::stop(t.sla, settings, t0 + 2 * hour_ms);
  t.status = TicketStatus::resolved;
  CHECK(sla::response_targets(settings, t)[1].text ==
        "Resolved Jan 1, 02:00 UTC \xE2\x80\x94 target P2 Medium: 24 h, stricter than the Standard tier's 48 h");
  settings.tiers[1].calendar.around_the_clock = false;
  CHECK(sla::explain_window(settings, "standard", Priority::p2, true, 4 * hour_ms).reason ==
        "P2 Medium: 4 h, stricter than the Standard tier's 12 h, counted in business hours");
  CHECK(sla::window_text(90 * minute_ms) == "1 h 30 min");
  CHECK(sla::window_text(72 * hour_ms) == "72 h");
  const auto j = sla::response_targets_json(settings, ticket_on(settings, "Growth", Priority::p1));
  CHECK(j[0].at("window_minutes") == 60);
  CHECK(j[0].at("source") == "priority");
}

TEST_CASE("the customer is shown the target that applies to its ticket and why, the same words from its own replica as the business's") {
  auto g = acme();
  g.state.support_settings.priority_matrix = true;
  auto events = run(g, OpenTicket{0, "Dashboard down", "Nothing loads since the update.", Priority::p0, {}, {}, {}}, jordan, t0);
  const auto id = std::get<TicketOpened>(events.at(0)).ticket_id;
  const auto business = sla::response_targets(g.state.support_settings, g.state.tickets.at(id));
  const auto mine = visible_state(g.state, jordan);
  REQUIRE(mine.tickets.count(id) == 1);
  const auto shown = sla::response_targets(mine.support_settings, mine.tickets.at(id));
  REQUIRE(shown.size() == 2);
  CHECK(shown[0].why.source == sla::TargetSource::priority);
  CHECK(shown[0].why.reason.rfind("P0 Critical: 15 min, stricter than", 0) == 0);
  CHECK(shown[0].text.rfind("First response due Jan 1, 00:15 UTC", 0) == 0);
  for (std::size_t i = 0; i < shown.size(); ++i) CHECK(shown[i].text == business[i].text);
  // Answered: still the same words for both.
  run(g, ReplyToTicket{id, "Looking at it now.", false, {}, {}, false}, ava, t0 + 5 * minute_ms);
  const auto after = visible_state(g.state, jordan);
  CHECK(sla::response_targets(after.support_settings, after.tickets.at(id))[0].text ==
        sla::response_targets(g.state.support_settings, g.state.tickets.at(id))[0].text);
  CHECK(sla::response_targets(after.support_settings, after.tickets.at(id))[0].state == "answered");
}

} // namespace test_unit_shared_domain_support_response_target
