// A store on fake platform interfaces, with the few steps every store test starts with:
// a person signed in, a program's snapshot answered, events fed on its stream. The program
// is built only from events, as the server builds it:
//   program 7 "Acme Partners" (USD): person 1 Olivia (owner), person 2 Ben (admin)
//   customer 1 "Northwind" (segment Growth, MRR 1,450.00)
#pragma once

#include "fake_platform.hpp"

#include "client/app/store.hpp"

#include "shared/api/session_wire.hpp"
#include "shared/core/error.hpp"
#include "shared/domain/apply.hpp"
#include "shared/domain/events.hpp"
#include "shared/domain/visibility.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace pd::client::fakes {

inline constexpr std::int64_t program_id = 7;
inline constexpr domain::TimeMs t0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z

// The program as the server holds it: each event applied with the shared apply().
struct Program {
  domain::ProgramState state;
  domain::Sequence seq = 0;

  domain::Event event(domain::PersonId actor, domain::EventBody body) {
    domain::Event e{++seq, program_id, actor, t0 + seq * 1000, std::move(body)};
    domain::apply(state, e);
    return e;
  }
  std::string snapshot() const { return domain::state_to_json(state).dump(); }
};

inline domain::CustomerProfile northwind() {
  return domain::CustomerProfile{"Northwind", "ops@northwind.test", "Growth", domain::SubscriptionStatus::active,
                                 "2025-03-01", domain::Money{145000, "USD"}, 0, ""};
}

inline Program acme() {
  Program p;
  p.event(1, domain::ProgramCreated{"Acme Partners", "USD", 1, "Olivia", "olivia@acme.test"});
  p.event(1, domain::InvitationCreated{1, "ben@acme.test", identity::Role::admin, "hash1", t0 + 3'600'000, 0});
  p.event(2, domain::InvitationAccepted{1, 2, "Ben", "ben@acme.test"});
  p.event(1, domain::CustomerAdded{1, northwind()});
  return p;
}

inline std::string me_json(domain::PersonId person, const char* name, identity::Role role) {
  api::Me me{api::Person{person, std::string(name) + "@acme.test", name}, {api::Membership{program_id, "Acme Partners", role}}};
  return nlohmann::json(me).dump();
}

inline std::string event_json(const domain::Event& e) { return domain::to_json(e, false).dump(); }

inline std::string error_json(core::Error e) { return core::to_json_body(e).dump(); }

inline std::string program_path(const std::string& rest) { return "/api/v1/programs/" + std::to_string(program_id) + rest; }

struct StoreFixture {
  FakeHttp http;
  FakeBrowser browser;
  FakeStreams streams;
  Store store{browser};
  double now = 1000;
  std::vector<Effect> ran; // every effect the store asked for, in order

  // The store's effects since the last step, run on the fakes as the browser's frame runs them.
  void run() {
    auto effects = store.take_effects();
    ran.insert(ran.end(), effects.begin(), effects.end());
    run_effects(std::move(effects), http, streams);
  }

  const AppState& app() const { return store.app(); }
  UiState& ui() { return store.ui(); }

  // The page loads (the effects of the store's start run, as every step's do below).
  void start() {
    store.start();
    run();
  }
  // The browser reports that the network came or went.
  void online(bool is_online) {
    store.apply_online(is_online);
    run();
  }
  // What the test queued reaches the store, as at the start of a frame.
  void deliver() {
    store.tick(now);
    store.apply_responses(http.take_responses());
    store.apply_stream(streams.take_messages());
    run();
  }
  // What a view emitted during a frame, applied after it.
  void act(Action action) {
    std::vector<Action> actions;
    actions.push_back(std::move(action));
    store.apply(std::move(actions));
    run();
  }
  // Answers the oldest waiting request with this method and path (it must have been sent).
  void answer(platform::Method method, const std::string& path, int status, std::string body) {
    const auto request = http.waiting(method, path);
    REQUIRE_MESSAGE(request.has_value(), "no request waiting: " << path);
    http.answer(*request, status, std::move(body));
    deliver();
  }
  bool asked(platform::Method method, const std::string& path) const { return http.waiting(method, path).has_value(); }
  // The last request sent to the program's commands endpoint, decoded.
  nlohmann::json last_command() const {
    for (auto it = http.sent().rbegin(); it != http.sent().rend(); ++it)
      if (it->path == program_path("/commands")) return nlohmann::json::parse(it->body);
    FAIL("no command was sent");
    return {};
  }

  // The page is loaded at `hash` by a person the server knows as signed in.
  void open_signed_in(const std::string& hash, domain::PersonId person = 1, const char* name = "Olivia",
                      identity::Role role = identity::Role::owner) {
    browser.hash = hash;
    start();
    answer(platform::Method::get, "/api/v1/me", 200, me_json(person, name, role));
  }
  // The program page's snapshot arrives; the store then opens its stream.
  void load(const Program& program) {
    answer(platform::Method::get, program_path("/snapshot"), 200, program.snapshot());
  }
  // The stream the store listens to (it must have one).
  platform::StreamId stream() const {
    const auto s = streams.current();
    REQUIRE_MESSAGE(s.has_value(), "no stream is open");
    return s->id;
  }
  void feed(const domain::Event& e) {
    streams.feed(stream(), platform::StreamMessage::Kind::event, event_json(e), std::to_string(e.seq));
    deliver();
  }
  void feed(platform::StreamMessage::Kind kind, std::string last_event_id = {}) {
    streams.feed(stream(), kind, {}, std::move(last_event_id));
    deliver();
  }
};

} // namespace pd::client::fakes
