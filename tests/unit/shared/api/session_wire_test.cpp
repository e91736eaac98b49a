#include "shared/api/session_wire.hpp"

#include <doctest/doctest.h>

namespace test_unit_shared_api_session_wire { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;

TEST_CASE("decode_sign_in normalizes the email and keeps the password as typed") {
  auto r = api::decode_sign_in(R"({"email":" Agent@Acme.test","password":"  spaced  "})");
  REQUIRE(r.ok());
  CHECK(r->email == "agent@acme.test");
  CHECK(r->password == "  spaced  ");
}

TEST_CASE("decode_sign_in takes an optional two-factor code, trimmed, naming it when wrong") {
  auto without = api::decode_sign_in(R"({"email":"a@b.test","password":"x"})");
  REQUIRE(without.ok());
  CHECK(without->code.empty());
  auto with = api::decode_sign_in(R"({"email":"a@b.test","password":"x","code":" 123456 "})");
  REQUIRE(with.ok());
  CHECK(with->code == "123456");
  CHECK(api::decode_sign_in(R"({"email":"a@b.test","password":"x","code":123456})").error().field == "code");
  CHECK(api::decode_sign_in(R"({"email":"a@b.test","password":"x","code":""})").error().field == "code");
  CHECK(api::decode_sign_in(R"({"email":"a@b.test","password":"x","code":")" + std::string(65, '1') + "\"}").error().field == "code");
}

TEST_CASE("decode_sign_in names the field that is wrong") {
  CHECK(api::decode_sign_in(R"({"email":"a@b.test"})").error().field == "password");
  CHECK(api::decode_sign_in(R"({"email":"a@b.test","password":""})").error().field == "password");
  CHECK(api::decode_sign_in(R"({"password":"x"})").error().field == "email");
  CHECK(api::decode_sign_in(R"({"email":"a@b.test","password":"x","remember":true})").error().code == core::ErrorCode::unknown_field);
  auto too_long = api::decode_sign_in(R"({"email":"a@b.test","password":")" + std::string(2000, 'p') + "\"}");
  CHECK(too_long.error().field == "password");
  CHECK(api::decode_sign_in("not json").error().code == core::ErrorCode::invalid_json);
}

TEST_CASE("Me round-trips through JSON") {
  api::Me me{{7, "ava@acme.test", "Ava Martinez"},
             {{1, "Acme Analytics", identity::Role::agent}, {2, "Brightside CRM", identity::Role::staff}},
             true,
             {"Brightside CRM"}};
  nlohmann::json j = me;
  auto back = api::decode_me(j.dump());
  REQUIRE(back.ok());
  CHECK(back->two_factor);
  CHECK(back->two_factor_required_by == std::vector<std::string>{"Brightside CRM"});
  CHECK(api::decode_me(R"({"person":{"id":1},"two_factor_required_by":[3,"Acme"]})")->two_factor_required_by ==
        std::vector<std::string>{"Acme"});
  CHECK_FALSE(api::decode_me(R"({"person":{"id":1}})")->two_factor);
  CHECK(back->person.id == 7);
  CHECK(back->person.name == "Ava Martinez");
  REQUIRE(back->memberships.size() == 2);
  CHECK(back->memberships[1].program_name == "Brightside CRM");
  CHECK(back->memberships[1].role == identity::Role::staff);
  CHECK(j.get<api::Me>().memberships[0].role == identity::Role::agent);
}

TEST_CASE("Me carries the confirmed flag and the address waiting for confirmation") {
  api::Me me{{7, "ava@acme.test", "Ava Martinez"}, {}, false, {}, true, "ava@new.test"};
  nlohmann::json j = me;
  auto back = api::decode_me(j.dump());
  REQUIRE(back.ok());
  CHECK(back->email_verified);
  CHECK(back->pending_email == "ava@new.test");
  auto none = api::decode_me(R"({"person":{"id":1},"email_verified":"yes","pending_email":4})");
  REQUIRE(none.ok());
  CHECK_FALSE(none->email_verified);
  CHECK(none->pending_email.empty());
}

TEST_CASE("decode_me tolerates odd shapes without throwing") {
  CHECK_FALSE(api::decode_me("[]").ok());
  CHECK_FALSE(api::decode_me(R"({"person":5})").ok());
  auto r = api::decode_me(R"({"person":{"id":"x","name":3},"memberships":[1,{"role":"wizard"}]})");
  REQUIRE(r.ok());
  CHECK(r->person.id == 0);
  REQUIRE(r->memberships.size() == 1);
  CHECK(r->memberships[0].role == identity::Role::unknown);
}

} // namespace test_unit_shared_api_session_wire
