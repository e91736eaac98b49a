// The live replica of the open program: snapshot, stream, reconnects and catching up.
#include "store_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace test_unit_client_app_store_replica { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;
using Kind = platform::StreamMessage::Kind;

namespace {

const std::string snapshot_path = program_path("/snapshot");

struct OnOverview : StoreFixture {
  Program program = acme(); // version 4
  OnOverview() {
    open_signed_in("#/p/7/overview");
    load(program);
  }
  domain::Event rename(const std::string& name) { return program.event(1, domain::ProgramRenamed{name}); }
};

std::string stream_url(domain::Sequence after) { return program_path("/stream?after=" + std::to_string(after)); }

} // namespace

TEST_CASE("a program page loads the snapshot, then listens for what happens after it") {
  StoreFixture t;
  t.open_signed_in("#/p/7/overview");
  CHECK(t.app().replica.program_id == program_id);
  CHECK(t.app().replica.live == LiveStatus::connecting);
  CHECK_FALSE(t.app().replica.state.has_value());
  CHECK(t.streams.opened().empty()); // nothing to resume from before the snapshot

  const auto program = acme();
  t.load(program);
  REQUIRE(t.app().replica.state.has_value());
  CHECK(t.app().replica.state->name == "Acme Partners");
  REQUIRE(t.streams.opened().size() == 1);
  CHECK(t.streams.opened()[0].url == stream_url(4));
  t.feed(Kind::open);
  CHECK(t.app().replica.live == LiveStatus::live);
  CHECK(t.browser.title == "Overview \xC2\xB7 Acme Partners \xE2\x80\x94 Partnerdesk");
}

TEST_CASE("events on the stream change what the page shows") {
  OnOverview t;
  t.feed(Kind::open);
  t.feed(t.rename("Acme Partner Network"));
  CHECK(t.app().replica.state->name == "Acme Partner Network");
  CHECK(t.app().replica.state->version == 5);
  CHECK(t.app().replica.cursor == 5);
  // The switcher and the tab's title follow the new name.
  CHECK(t.app().me->memberships[0].program_name == "Acme Partner Network");
  CHECK(t.browser.title == "Overview \xC2\xB7 Acme Partner Network \xE2\x80\x94 Partnerdesk");
}

TEST_CASE("an event delivered twice is applied once") {
  OnOverview t;
  t.feed(Kind::open);
  const auto first = t.rename("First name");
  const auto second = t.rename("Second name");
  t.feed(first);
  t.feed(second);
  t.feed(first); // a resumed connection may repeat what was already seen
  CHECK(t.app().replica.state->name == "Second name");
  CHECK(t.app().replica.state->version == second.seq);
}

TEST_CASE("events already in the snapshot are skipped, those after it applied") {
  StoreFixture t;
  t.open_signed_in("#/p/7/overview");
  auto program = acme();
  const auto early = program.event(1, domain::ProgramRenamed{"Acme Old Name"}); // seq 5
  program.event(1, domain::ProgramRenamed{"Acme Partners Inc."});                // seq 6
  t.load(program);
  const auto late = program.event(1, domain::ProgramRenamed{"Acme Newest"}); // seq 7
  t.feed(early); // already in the snapshot: applying it again would bring the old name back
  CHECK(t.app().replica.state->name == "Acme Partners Inc.");
  t.feed(late);
  CHECK(t.app().replica.state->name == "Acme Newest");
  CHECK(t.app().replica.state->version == 7);
}

TEST_CASE("an event about something the replica lacks asks for a fresh snapshot; later events wait for it") {
  OnOverview t;
  t.feed(Kind::open);
  // A customer this replica never saw (newly visible to the reader) is updated.
  t.program.event(1, domain::CustomerAdded{2, domain::CustomerProfile{"Globex", "it@globex.test", "Growth",
                                                                      domain::SubscriptionStatus::active, "2025-06-01",
                                                                      domain::Money{9900, "USD"}, 0, ""}}); // seq 5: not delivered
  auto globex = t.program.state.customer(2)->profile;
  globex.segment = "Enterprise";
  const auto updated = t.program.event(1, domain::CustomerUpdated{2, globex}); // seq 6
  t.feed(updated);
  CHECK(t.asked(Method::get, snapshot_path));
  CHECK(t.app().replica.snapshot_loading);

  const auto fresh = t.program.snapshot(); // version 6
  const auto renamed = t.rename("Acme Partner Network"); // seq 7, arrives before the snapshot
  t.feed(renamed);
  CHECK(t.app().replica.state->name == "Acme Partners"); // waits for the snapshot

  t.answer(Method::get, snapshot_path, 200, fresh);
  const auto& state = *t.app().replica.state;
  REQUIRE(state.customer(2) != nullptr);
  CHECK(state.customer(2)->profile.segment == "Enterprise");
  CHECK(state.name == "Acme Partner Network"); // applied after the snapshot
  CHECK(state.version == 7);
  CHECK_FALSE(t.app().replica.snapshot_loading);
  CHECK(t.streams.opened().size() == 1); // the stream stayed open all along
}

TEST_CASE("a dropped connection is shown, and resumed by the browser") {
  OnOverview t;
  t.feed(Kind::open);
  t.feed(Kind::reconnecting);
  CHECK(t.app().replica.live == LiveStatus::reconnecting);
  t.feed(Kind::open);
  CHECK(t.app().replica.live == LiveStatus::live);
  CHECK(t.streams.opened().size() == 1);
}

TEST_CASE("a stream the browser gave up on is opened again after what the replica holds, and catches up") {
  OnOverview t;
  t.feed(Kind::open);
  t.feed(t.rename("Acme Partner Network")); // seq 5
  t.feed(Kind::cursor, "9"); // the server skipped events this reader may not see, up to 9
  CHECK(t.app().replica.cursor == 9);
  const auto refused = t.stream();
  t.feed(Kind::closed);
  CHECK(t.app().replica.live == LiveStatus::reconnecting);
  CHECK_FALSE(t.streams.current().has_value());
  CHECK(t.asked(Method::get, "/api/v1/me")); // a sign-out or a removal would show here

  t.now += 999;
  t.deliver();
  CHECK_FALSE(t.streams.current().has_value()); // not before a second has passed
  t.now += 1;
  t.deliver();
  REQUIRE(t.streams.current().has_value());
  CHECK(t.stream() != refused);
  CHECK(t.streams.current()->url == stream_url(9)); // nothing already seen is sent again

  // What happened meanwhile arrives on the new stream.
  for (int i = 6; i <= 9; ++i) t.program.event(1, domain::ProgramRenamed{"Skipped " + std::to_string(i)});
  t.feed(Kind::open);
  t.feed(t.rename("Acme Network")); // seq 10
  CHECK(t.app().replica.state->name == "Acme Network");
  CHECK(t.app().replica.live == LiveStatus::live);
}

TEST_CASE("a stream that keeps failing is tried again less and less often, up to every 10 seconds") {
  OnOverview t;
  for (int failures = 1; failures <= 12; ++failures) {
    CAPTURE(failures);
    t.feed(Kind::closed);
    const double wait = std::min(10000.0, 1000.0 * failures);
    t.now += wait - 1;
    t.deliver();
    CHECK_FALSE(t.streams.current().has_value());
    t.now += 1;
    t.deliver();
    REQUIRE(t.streams.current().has_value());
  }
  t.feed(Kind::open); // once connected, the next failure is retried after a second again
  t.feed(Kind::closed);
  t.now += 1000;
  t.deliver();
  CHECK(t.streams.current().has_value());
}

TEST_CASE("offline, the stream is closed; back online, it reopens after the version held") {
  OnOverview t;
  t.feed(Kind::open);
  t.feed(t.rename("Acme Partner Network")); // seq 5
  t.browser.is_online = false;
  t.online(false);
  CHECK(t.app().replica.live == LiveStatus::reconnecting);
  CHECK_FALSE(t.streams.current().has_value());
  t.browser.is_online = true;
  t.online(true);
  REQUIRE(t.streams.current().has_value());
  CHECK(t.streams.current()->url == stream_url(5));
  CHECK(t.app().replica.state->name == "Acme Partner Network"); // kept while offline
}

TEST_CASE("messages of a stream closed already are ignored") {
  OnOverview t;
  const auto old = t.stream();
  t.feed(Kind::open);
  t.online(false);
  t.streams.feed(old, Kind::event, event_json(t.rename("Late")), "5");
  t.deliver();
  CHECK(t.app().replica.state->name == "Acme Partners");
}

TEST_CASE("a snapshot that fails to load is tried again, and the page says so meanwhile") {
  StoreFixture t;
  t.open_signed_in("#/p/7/overview");
  t.answer(Method::get, snapshot_path, 500, error_json(core::make_error(core::ErrorCode::internal, "Something went wrong.")));
  CHECK(t.app().replica.problem == "Something went wrong.");
  CHECK_FALSE(t.asked(Method::get, snapshot_path));
  t.now += 3000;
  t.deliver();
  REQUIRE(t.asked(Method::get, snapshot_path));
  t.load(acme());
  CHECK(t.app().replica.problem.empty());
  CHECK(t.app().replica.state.has_value());
}

TEST_CASE("another program opened while a snapshot loads: the late snapshot is dropped") {
  StoreFixture t;
  t.browser.hash = "#/p/7/overview";
  t.start();
  api::Me me{api::Person{1, "olivia@acme.test", "Olivia"},
             {api::Membership{program_id, "Acme Partners", identity::Role::owner}, api::Membership{8, "Globex", identity::Role::owner}}};
  t.answer(Method::get, "/api/v1/me", 200, nlohmann::json(me).dump());
  t.act(SelectProgram{8});
  CHECK(t.app().replica.program_id == 8);
  t.load(acme()); // program 7's answer arrives late
  CHECK_FALSE(t.app().replica.state.has_value());
  CHECK(t.streams.opened().empty());
}

} // namespace test_unit_client_app_store_replica
