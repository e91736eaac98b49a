#include "shared/domain/commands.hpp"

#include <doctest/doctest.h>

namespace test_unit_shared_domain_commands { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using pd::core::ErrorCode;

namespace {
const char* kAdd = R"({"command_id":"c-0001-abcd","type":"AddCustomer","data":{"profile":{
  "name":"Harbor Line","email":"Ops@HarborLine.test","segment":"Growth","subscription":"active",
  "started_on":"2024-02-29","mrr":{"minor":12900,"currency":"USD"},"referring_agent":4}}})";
}

TEST_CASE("a command envelope decodes with its client-chosen id") {
  auto r = decode_command_envelope(kAdd);
  REQUIRE(r.ok());
  CHECK(r->command_id == "c-0001-abcd");
  auto add = std::get<AddCustomer>(r->command);
  CHECK(add.profile.email == "ops@harborline.test");
  CHECK(add.profile.mrr.minor == 12900);
  CHECK(add.profile.referring_agent == 4);
}

// Round trips of every command type, compared as structs: round_trip_test.cpp.

TEST_CASE("bad commands are refused naming the field") {
  struct Case { std::string body; const char* field; ErrorCode code; };
  std::string base = R"({"command_id":"c-0001-abcd","type":"AddCustomer","data":{"profile":{"name":"X","email":"x@x.test","segment":"S","subscription":"active","started_on":"2024-01-01","mrr":{"minor":1,"currency":"USD"}}}})";
  auto with = [&](const std::string& from, const std::string& to) {
    auto s = base;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  const Case cases[] = {
      {with("\"c-0001-abcd\"", "\"short\""), "command_id", ErrorCode::invalid_field},
      {with("\"c-0001-abcd\"", "\"bad id with spaces\""), "command_id", ErrorCode::invalid_field},
      {with("AddCustomer", "LaunchRockets"), "type", ErrorCode::invalid_field},
      {with("AddCustomer", "CreateProgram"), "type", ErrorCode::invalid_field},
      {with("2024-01-01", "2023-02-29"), "data.profile.started_on", ErrorCode::invalid_field},
      {with("\"minor\":1", "\"minor\":-5"), "data.profile.mrr.minor", ErrorCode::invalid_field},
      {with("\"minor\":1", "\"minor\":1.5"), "data.profile.mrr.minor", ErrorCode::invalid_field},
      {with("\"USD\"", "\"usd\""), "data.profile.mrr.currency", ErrorCode::invalid_field},
      {with("\"active\"", "\"paused\""), "data.profile.subscription", ErrorCode::invalid_field},
      {with("\"name\":\"X\"", "\"name\":\"" + std::string(121, 'n') + "\""), "data.profile.name", ErrorCode::invalid_field},
      {with("\"name\":\"X\"", "\"name\":\"X\",\"vip\":true"), "data.profile.vip", ErrorCode::unknown_field},
      {with("\"name\":\"X\"", "\"name\":\"X\\u0007\""), "data.profile.name", ErrorCode::invalid_field},
      {with("\"email\":\"x@x.test\"", "\"email\":\"nope\""), "data.profile.email", ErrorCode::invalid_field},
      {with("\"email\":\"x@x.test\",", ""), "data.profile.email", ErrorCode::missing_field},
  };
  for (const auto& k : cases) {
    CAPTURE(k.body);
    auto r = decode_command_envelope(k.body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == k.field);
    CHECK(r.error().code == k.code);
  }
  CHECK(decode_command_envelope("[]").error().code == ErrorCode::invalid_json);
  // Raw bytes that are not UTF-8 make the whole body invalid JSON.
  CHECK(decode_command_envelope(with("\"name\":\"X\"", "\"name\":\"\xC3\x28\"")).error().code == ErrorCode::invalid_json);
  CHECK(decode_command_envelope(R"({"command_id":"c-0001-abcd","type":"AddCustomer"})").error().field == "data");
}

} // namespace test_unit_shared_domain_commands
