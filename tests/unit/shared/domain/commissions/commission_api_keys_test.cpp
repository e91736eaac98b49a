// The billing system's API keys (commission_commands, decide_commission, apply_commission):
// who may create and revoke them, the limit of 20 keys in use, revoking, the strict decoder,
// and the promise that a key's hash never reaches a reader (snapshots, events) while agents and
// customers never see the keys at all.
#include "../program_fixture.hpp"

#include "shared/domain/commissions/decide_commission.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/visibility.hpp"

#include <cstdio>

namespace test_unit_shared_domain_commissions_commission_api_keys { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, jordan = 6;

// What the server's command route fills in: a fresh key's prefix and hash (hex).
CreateApiKey new_key(std::string label, int n) {
  char hash[65];
  std::snprintf(hash, sizeof hash, "%064x", n + 1);
  char prefix[13];
  std::snprintf(prefix, sizeof prefix, "pdk_%08x", n + 1);
  return CreateApiKey{std::move(label), prefix, hash};
}

pd::core::Error refused(Given& g, const Command& c, PersonId who, TimeMs now = t0) {
  const auto before = state_to_json(g.state);
  auto r = decide(g.state, c, actor(who), now);
  REQUIRE_FALSE(r.ok());
  CHECK(state_to_json(g.state) == before);
  return r.error();
}

} // namespace

TEST_CASE("owners and admins create and revoke API keys; staff, agents and customers may not") {
  auto g = acme();
  auto created = run(g, new_key("Stripe webhook", 1), owner, t0 + 1'000);
  REQUIRE(created.size() == 1);
  const auto& e = std::get<ApiKeyCreated>(created[0]);
  CHECK(e.key_id == 1);
  CHECK(e.label == "Stripe webhook");
  CHECK(e.key_prefix == "pdk_00000002");
  REQUIRE(g.state.api_keys.size() == 1);
  const auto& key = g.state.api_keys.at(1);
  CHECK(key.created_by == owner);
  CHECK(key.created_at == t0 + 1'000);
  CHECK(key.in_use());
  CHECK(key.key_hash == std::string(63, '0') + "2");

  run(g, new_key("Chargebee", 2), admin);
  CHECK(g.state.api_keys.rbegin()->first == 2);
  for (PersonId who : {staff, ava, jordan}) {
    CAPTURE(who);
    CHECK(refused(g, new_key("Nope", 3), who).code == ErrorCode::forbidden);
    CHECK(refused(g, RevokeApiKey{1}, who).code == ErrorCode::forbidden);
  }
  // Not a member: the program does not exist for them.
  CHECK(refused(g, new_key("Nope", 3), 99).code == ErrorCode::not_found);

  auto revoked = run(g, RevokeApiKey{1}, admin, t0 + 5'000);
  REQUIRE(revoked.size() == 1);
  CHECK(std::get<ApiKeyRevoked>(revoked[0]).key_id == 1);
  CHECK(g.state.api_keys.at(1).revoked_at == t0 + 5'000);
  CHECK(g.state.api_keys.at(1).revoked_by == admin);
  CHECK_FALSE(g.state.api_keys.at(1).in_use());
  CHECK(g.state.api_keys.at(2).in_use());
}

TEST_CASE("revoking an unknown or already revoked key is a clear error; a revoked key's id is never reused") {
  auto g = acme();
  run(g, new_key("Billing", 1), owner);
  auto unknown = refused(g, RevokeApiKey{7}, owner);
  CHECK(unknown.code == ErrorCode::not_found);
  CHECK(unknown.field == "data.key_id");
  run(g, RevokeApiKey{1}, owner);
  auto again = refused(g, RevokeApiKey{1}, owner);
  CHECK(again.code == ErrorCode::conflict);
  CHECK(again.field == "data.key_id");
  auto next = run(g, new_key("Billing v2", 2), owner);
  CHECK(std::get<ApiKeyCreated>(next[0]).key_id == 2);
}

TEST_CASE("at most 20 keys in use per program; revoking one makes room") {
  auto g = acme();
  for (int i = 0; i < 20; ++i) run(g, new_key("Key " + std::to_string(i), i), owner);
  auto full = refused(g, new_key("One too many", 20), owner);
  CHECK(full.code == ErrorCode::conflict);
  CHECK(full.field == "data.label");
  CHECK(full.message.find("20") != std::string::npos);
  run(g, RevokeApiKey{5}, owner);
  run(g, new_key("Replacement", 21), owner);
  CHECK(g.state.api_keys.size() == 21);
  CHECK(refused(g, new_key("Still too many", 22), owner).code == ErrorCode::conflict);
}

TEST_CASE("a key needs a label of 1-60 characters and the server-made hash") {
  auto g = acme();
  auto blank = refused(g, new_key("   ", 1), owner);
  CHECK(blank.code == ErrorCode::missing_field);
  CHECK(blank.field == "data.label");
  CHECK(refused(g, new_key(std::string(61, 'k'), 1), owner).field == "data.label");
  run(g, new_key(std::string(60, 'k'), 1), owner);
  // Decoded from a request, the command has no hash: the server's route must make the key.
  CHECK(refused(g, CreateApiKey{"From a request", "", ""}, owner).code == ErrorCode::internal);
  CHECK(refused(g, CreateApiKey{"Bad prefix", "sk_000000000", std::string(64, 'a')}, owner).code == ErrorCode::internal);
  CHECK(refused(g, new_key("Same secret", 1), owner).code == ErrorCode::internal);
}

TEST_CASE("the decoder refuses bad API key commands naming the field, and never reads a hash from a request") {
  struct Case {
    const char* type;
    std::string data;
    const char* field;
    ErrorCode code;
  };
  const Case cases[] = {
      {"CreateApiKey", R"({})", "data.label", ErrorCode::missing_field},
      {"CreateApiKey", R"({"label":""})", "data.label", ErrorCode::missing_field},
      {"CreateApiKey", R"({"label":"   "})", "data.label", ErrorCode::missing_field},
      {"CreateApiKey", R"({"label":")" + std::string(61, 'x') + R"("})", "data.label", ErrorCode::invalid_field},
      {"CreateApiKey", R"({"label":42})", "data.label", ErrorCode::invalid_field},
      {"CreateApiKey", R"({"label":"Stripe","key_hash":"00"})", "data.key_hash", ErrorCode::unknown_field},
      {"CreateApiKey", R"({"label":"Stripe","key_prefix":"pdk_00000000"})", "data.key_prefix", ErrorCode::unknown_field},
      {"RevokeApiKey", R"({})", "data.key_id", ErrorCode::missing_field},
      {"RevokeApiKey", R"({"key_id":0})", "data.key_id", ErrorCode::invalid_field},
      {"RevokeApiKey", R"({"key_id":"1"})", "data.key_id", ErrorCode::invalid_field},
      {"RevokeApiKey", R"({"key_id":1,"reason":"x"})", "data.reason", ErrorCode::unknown_field},
  };
  for (const auto& c : cases) {
    const auto body = std::string(R"({"command_id":"c-0001-abcd","type":")") + c.type + R"(","data":)" + c.data + "}";
    CAPTURE(body);
    auto r = decode_command_envelope(body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == c.field);
    CHECK(r.error().code == c.code);
  }
  auto ok = decode_command_envelope(R"({"command_id":"c-0001-abcd","type":"CreateApiKey","data":{"label":"  Stripe  "}})");
  REQUIRE(ok.ok());
  const auto& c = std::get<CreateApiKey>(ok->command);
  CHECK(c.label == "Stripe");
  CHECK(c.key_hash.empty());
  CHECK(c.key_prefix.empty());
}

TEST_CASE("API key commands and events round-trip; the wire form for readers drops the hash") {
  for (const Command& c : std::vector<Command>{CreateApiKey{"Stripe webhook", "", ""}, RevokeApiKey{3}}) {
    CAPTURE(type_of(c));
    auto encoded = encode_command({"cmd-12345678", c}).dump();
    auto back = decode_command_envelope(encoded);
    REQUIRE(back.ok());
    CHECK(back->command.index() == c.index());
    CHECK(encode_command(*back).dump() == encoded);
  }
  // The server-made parts are never encoded: a client cannot send them.
  CHECK_FALSE(encode_command({"cmd-12345678", new_key("Stripe", 1)})["data"].contains("key_hash"));

  const auto hash = std::string(64, 'e');
  for (const EventBody& body : std::vector<EventBody>{ApiKeyCreated{4, "Stripe", "pdk_eeeeeeee", hash}, ApiKeyRevoked{4}}) {
    CAPTURE(type_of(body));
    Event e{9, 1, 1, t0, body};
    auto j = to_json(e, true);
    auto back = event_from_json(j);
    REQUIRE(back.ok());
    CHECK(back->body.index() == body.index());
    CHECK(to_json(*back, true) == j);
    CHECK(to_json(e, false).dump().find(hash) == std::string::npos);
  }
  Event created{9, 1, 1, t0, ApiKeyCreated{4, "Stripe", "pdk_eeeeeeee", hash}};
  CHECK(to_json(created, true)["data"]["key_hash"] == hash); // the log keeps it
  CHECK_FALSE(to_json(created, false)["data"].contains("key_hash"));
  CHECK(to_json(created, false)["data"]["key_prefix"] == "pdk_eeeeeeee");
}

TEST_CASE("a key's hash never reaches a reader; agents and customers never see the keys at all") {
  auto g = acme();
  std::vector<Event> log;
  for (auto& body : when_ok(g.state, new_key("Stripe", 1), owner)) {
    g.event(owner, body);
    log.push_back(Event{g.seq, 1, owner, t0, body});
  }
  for (auto& body : when_ok(g.state, new_key("Chargebee", 2), owner)) {
    g.event(owner, body);
    log.push_back(Event{g.seq, 1, owner, t0, body});
  }
  for (auto& body : when_ok(g.state, RevokeApiKey{2}, owner)) {
    g.event(owner, body);
    log.push_back(Event{g.seq, 1, owner, t0, body});
  }
  const auto secret = g.state.api_keys.at(1).key_hash;
  REQUIRE(secret.size() == 64);

  for (PersonId reader : {owner, admin, staff}) {
    CAPTURE(reader);
    auto v = visible_state(g.state, reader);
    REQUIRE(v.api_keys.size() == 2);
    CHECK(v.api_keys.at(1).key_hash.empty());
    CHECK(v.api_keys.at(1).key_prefix == "pdk_00000002");
    CHECK(v.api_keys.at(2).revoked_at == t0);
    auto snapshot = state_to_json(v);
    CHECK(snapshot["api_keys"].size() == 2);
    CHECK(snapshot.dump().find("key_hash") == std::string::npos);
    CHECK(snapshot.dump().find(secret) == std::string::npos);
    for (const auto& e : log) {
      CHECK(event_visible_to(g.state, reader, e));
      CHECK(to_json(e, false).dump().find(secret) == std::string::npos);
    }
  }
  for (PersonId reader : {ava, jordan}) {
    CAPTURE(reader);
    auto v = visible_state(g.state, reader);
    CHECK(v.api_keys.empty());
    CHECK(state_to_json(v)["api_keys"].empty());
    for (const auto& e : log) CHECK_FALSE(event_visible_to(g.state, reader, e));
  }
  // Even the full state's wire form leaves the hash out.
  CHECK(state_to_json(g.state).dump().find(secret) == std::string::npos);
  // A snapshot round-trips (without hashes), and a replica fed the visible events matches it.
  auto staff_view = visible_state(g.state, staff);
  auto back = state_from_json(state_to_json(staff_view));
  REQUIRE(back.ok());
  CHECK(back->api_keys == staff_view.api_keys);
  auto replica = visible_state(acme().state, staff);
  for (const auto& e : log) {
    auto stripped = event_from_json(to_json(e, false));
    REQUIRE(stripped.ok());
    apply(replica, *stripped);
  }
  CHECK(replica.api_keys == staff_view.api_keys);
}

TEST_CASE("the billing system (the system actor) records payments but never manages keys") {
  auto g = acme();
  auto r = decide(g.state, new_key("Sneaky", 1), Actor{support_rules::system_actor, "Billing", ""}, t0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::not_found);
  CHECK(g.state.api_keys.empty());
}

} // namespace test_unit_shared_domain_commissions_commission_api_keys
