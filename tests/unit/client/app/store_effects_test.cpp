// The store's effects as values: it sends, opens and copies nothing itself; each step hands
// back what it wants done, under ids of its own that the answers come back with.
#include "store_fixture.hpp"

#include "client/app/route.hpp"

#include <doctest/doctest.h>

#include <variant>

namespace test_unit_client_app_store_effects { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::client;
using namespace pd::client::fakes;
using platform::Method;

namespace {

template <class T> std::vector<T> only(const std::vector<Effect>& effects) {
  std::vector<T> out;
  for (const auto& e : effects)
    if (const auto* x = std::get_if<T>(&e)) out.push_back(*x);
  return out;
}

struct OnOverview : StoreFixture {
  OnOverview() {
    open_signed_in("#/p/7/overview");
    load(acme());
    ran.clear();
  }
};

} // namespace

TEST_CASE("starting asks who is signed in as a value; nothing leaves until the effect is run") {
  FakeBrowser browser;
  browser.hash = "#/signin";
  Store store{browser};
  store.start();
  auto effects = store.take_effects();
  REQUIRE(effects.size() == 1);
  const auto* call = std::get_if<HttpCall>(&effects[0]);
  REQUIRE(call != nullptr);
  CHECK(call->method == Method::get);
  CHECK(call->path == "/api/v1/me");
  CHECK(store.take_effects().empty()); // taken once
  CHECK(store.app().network.in_flight == 1);

  // An answer under an id the store never used changes nothing; the right one signs in.
  CHECK_FALSE(store.apply_responses({platform::HttpResponse{call->id + 100, 200, me_json(1, "Olivia", identity::Role::owner)}}));
  CHECK_FALSE(store.app().me.has_value());
  CHECK(store.apply_responses({platform::HttpResponse{call->id, 200, me_json(1, "Olivia", identity::Role::owner)}}));
  REQUIRE(store.app().me.has_value());
  CHECK(store.app().me->person.name == "Olivia");
  // What signing in asks next (the first program's page) is again a value, one per request in flight.
  const auto next = only<HttpCall>(store.take_effects());
  CHECK_FALSE(next.empty());
  CHECK(static_cast<std::size_t>(store.app().network.in_flight) == next.size());
}

TEST_CASE("the snapshot's answer opens the stream after its version; leaving the program closes that stream") {
  StoreFixture t;
  t.open_signed_in("#/p/7/overview");
  CHECK(only<OpenStream>(t.ran).empty());
  t.load(acme()); // version 4
  const auto opened = only<OpenStream>(t.ran);
  REQUIRE(opened.size() == 1);
  CHECK(opened[0].url == program_path("/stream?after=4"));
  CHECK(only<CloseStream>(t.ran).empty());

  t.act(Navigate{parse_route("#/programs/new")});
  CHECK(t.app().route.page == Page::new_program);
  const auto closed = only<CloseStream>(t.ran);
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].id == opened[0].id);
  CHECK_FALSE(t.streams.current().has_value());
}

TEST_CASE("a command that never reached the server goes again, as a new call with the same command id, 1 s later") {
  OnOverview t;
  t.ui().rename.program_id = program_id;
  t.ui().rename.name = "Acme Partner Network";
  t.act(SubmitRename{});
  const auto first = only<HttpCall>(t.ran);
  REQUIRE(first.size() == 1);
  CHECK(first[0].path == program_path("/commands"));
  const auto command_id = nlohmann::json::parse(first[0].body)["command_id"];
  t.ran.clear();

  t.http.answer(*t.http.waiting(Method::post, program_path("/commands")), 0, ""); // unreachable
  t.deliver();
  CHECK(only<HttpCall>(t.ran).empty()); // not at once
  CHECK(t.app().network.problem == "Connection lost. Trying again\xE2\x80\xA6");
  t.now += 999;
  t.deliver();
  CHECK(only<HttpCall>(t.ran).empty());
  t.now += 1;
  t.deliver();
  const auto again = only<HttpCall>(t.ran);
  REQUIRE(again.size() == 1);
  CHECK(again[0].id != first[0].id);
  CHECK(again[0].path == first[0].path);
  CHECK(nlohmann::json::parse(again[0].body)["command_id"] == command_id); // the server applies it once
}

TEST_CASE("copying a link and picking a file are effects; the upload's answer comes back under the store's id") {
  OnOverview t;
  t.ui().invite.link = "https://desk.example.com/#/join/abc";
  t.act(CopyInvitationLink{});
  const auto copied = only<CopyText>(t.ran);
  REQUIRE(copied.size() == 1);
  CHECK(copied[0].text == "https://desk.example.com/#/join/abc");
  CHECK(t.ui().invite.copied);

  t.act(AttachFile{FormId::new_ticket});
  const auto picks = only<PickAndUpload>(t.ran);
  REQUIRE(picks.size() == 1);
  CHECK(picks[0].program_id == program_id);
  CHECK(picks[0].purpose == "attachment");
  CHECK(picks[0].accept.find("application/pdf") != std::string::npos);
  CHECK(t.ui().new_ticket.files.upload_id == picks[0].id);
  t.act(AttachFile{FormId::new_ticket}); // one upload at a time per draft
  CHECK(only<PickAndUpload>(t.ran).size() == 1);

  const nlohmann::json file = {{"id", 31}, {"name", "invoice.pdf"}, {"content_type", "application/pdf"}, {"size", 2048}, {"sha256", std::string(64, 'a')}};
  t.store.apply_uploads({platform::UploadResult{picks[0].id, 200, file.dump(), 0}});
  CHECK(t.ui().new_ticket.files.upload_id == 0);
  REQUIRE(t.ui().new_ticket.files.files.size() == 1);
  CHECK(t.ui().new_ticket.files.files[0].name == "invoice.pdf");
}

} // namespace test_unit_client_app_store_effects
