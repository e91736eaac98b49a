// A small program built only from events, for domain tests:
//   persons 1 owner, 2 admin, 3 staff, 4 agent Ava, 5 agent Theo, 6 customer Jordan
//   customers 1 (Jordan, assigned to Ava, account 6), 2 (assigned to Theo), 3 (business queue)
#pragma once

#include "shared/domain/apply.hpp"
#include "shared/domain/decide.hpp"

#include <cctype>

#include <doctest/doctest.h>

namespace pd::domain::testing {

inline constexpr TimeMs t0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z

struct Given {
  ProgramState state;
  Sequence seq = 0;

  Given& event(PersonId actor, EventBody body, TimeMs at = t0) {
    apply(state, Event{++seq, 1, actor, at, std::move(body)});
    return *this;
  }
  Given& member(PersonId id, identity::Role role, const char* name) {
    auto inv = state.next_invitation_id;
    std::string email = std::string(name) + "@acme.test";
    for (auto& ch : email) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CustomerId link = 0;
    if (role == identity::Role::customer)
      for (const auto& [cid, c] : state.customers)
        if (c.profile.email == email) link = cid;
    event(1, InvitationCreated{inv, email, role, "hash" + std::to_string(inv), t0 + 3'600'000, link});
    return event(id, InvitationAccepted{inv, id, name, email});
  }
};

inline CustomerProfile profile(const char* name, const char* email, PersonId referrer = 0) {
  return CustomerProfile{name, email, "Growth", SubscriptionStatus::active, "2025-03-01", Money{49'00, "USD"}, referrer, ""};
}

inline Given acme() {
  Given g;
  g.event(1, ProgramCreated{"Acme Analytics", "USD", 1, "Maya", "maya@acme.test"});
  g.member(2, identity::Role::admin, "Ada").member(3, identity::Role::staff, "Daniel");
  g.member(4, identity::Role::agent, "Ava").member(5, identity::Role::agent, "Theo");
  g.event(3, CustomerAdded{1, profile("Jordan Lee", "jordan@acme.test", 4)});
  g.event(3, CustomerAdded{2, profile("Sam Rivera", "sam@northwind.test", 5)});
  g.event(3, CustomerAdded{3, profile("Li Wei", "li@harborline.test")});
  g.member(6, identity::Role::customer, "Jordan");
  // Both agents hold the support certification (only certified agents take customers).
  g.event(3, CertificationStatusChanged{4, CertificationStatus::certified, "", 0, 0});
  g.event(3, CertificationStatusChanged{5, CertificationStatus::certified, "", 0, 0});
  g.event(3, CustomerAssigned{1, 4, 0}).event(3, CustomerAssigned{2, 5, 0});
  return g;
}

inline Actor actor(PersonId id) { return Actor{id, "Person " + std::to_string(id), "p" + std::to_string(id) + "@acme.test"}; }

// When: decide a command and return the events (REQUIREs success).
inline std::vector<EventBody> when_ok(const ProgramState& s, const Command& c, PersonId who, TimeMs now = t0) {
  auto r = decide(s, c, actor(who), now);
  if (!r) FAIL_CHECK("unexpected error: " << r.error().message);
  REQUIRE(r.ok());
  return r.value();
}
inline core::Error when_refused(const ProgramState& s, const Command& c, PersonId who, TimeMs now = t0) {
  auto r = decide(s, c, actor(who), now);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

// Decides and applies in one step, as the server does; returns the events.
inline std::vector<EventBody> run(Given& g, const Command& c, PersonId who, TimeMs now = t0) {
  auto events = when_ok(g.state, c, who, now);
  for (auto& e : events) g.event(who, e, now);
  return events;
}

} // namespace pd::domain::testing
