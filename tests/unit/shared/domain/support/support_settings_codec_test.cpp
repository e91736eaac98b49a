// ChangeSupportSettings is decoded field by field like every other command: the whole support
// object, unknown fields refused at every level, integers that are integers, and errors naming
// the exact field; decide() names a restricted topic's fields the same way.
#include "../program_fixture.hpp"
#include "shared/domain/commands.hpp"

#include <doctest/doctest.h>

#include <functional>

namespace test_unit_shared_domain_support_support_settings_codec { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using pd::core::ErrorCode;

namespace {

// The settings as the browser sends them (offsets dropped by the encoder).
nlohmann::json settings_json() {
  auto s = default_support_settings();
  s.tiers[0].calendar.around_the_clock = false;
  s.tiers[0].calendar.time_zone = "Europe/Berlin";
  s.tiers[0].calendar.hours = {{1, 540, 1020}};
  s.tiers[0].calendar.holidays = {"2026-12-25"};
  s.segment_tiers = {{"Growth", s.tiers[0].key}};
  return encode_command({"cmd-settings-1", ChangeSupportSettings{s}})["data"]["settings"];
}

pd::core::Result<Command> decode(const nlohmann::json& settings) { return decode_command("ChangeSupportSettings", {{"settings", settings}}); }

} // namespace

TEST_CASE("support settings decode to exactly what was encoded") {
  auto r = decode(settings_json());
  REQUIRE(r.ok());
  const auto& s = std::get<ChangeSupportSettings>(*r).settings;
  CHECK(s.tiers[0].calendar.hours == std::vector<sla::BusinessHours>{{1, 540, 1020}});
  CHECK(s.segment_tiers.at("Growth") == s.tiers[0].key);
  auto expected = default_support_settings();
  CHECK(s.restricted_topics == expected.restricted_topics);
  CHECK(s.priority_targets == expected.priority_targets);
}

TEST_CASE("the snapshot's support object, sent back whole with its server-computed offsets, is accepted and the offsets dropped") {
  auto j = settings_json();
  j["tiers"][0]["calendar"]["offsets"] = nlohmann::json::array({{{"at", 0}, {"offset_minutes", 60}}});
  auto r = decode(j);
  REQUIRE(r.ok());
  CHECK(std::get<ChangeSupportSettings>(*r).settings.tiers[0].calendar.offsets.empty());
}

TEST_CASE("support settings refuse unknown fields, fractions, wrong types and missing parts, naming the exact field") {
  struct Case {
    const char* what;
    std::function<void(nlohmann::json&)> change;
    const char* field;
    ErrorCode code;
  };
  const Case cases[] = {
      {"unknown top-level field", [](auto& j) { j["vip_mode"] = true; }, "data.settings.vip_mode", ErrorCode::unknown_field},
      {"unknown tier field", [](auto& j) { j["tiers"][0]["colour"] = "red"; }, "data.settings.tiers[0].colour", ErrorCode::unknown_field},
      {"unknown calendar field", [](auto& j) { j["tiers"][1]["calendar"]["dst"] = false; }, "data.settings.tiers[1].calendar.dst",
       ErrorCode::unknown_field},
      {"unknown hours field", [](auto& j) { j["tiers"][0]["calendar"]["hours"][0]["lunch"] = 60; },
       "data.settings.tiers[0].calendar.hours[0].lunch", ErrorCode::unknown_field},
      {"unknown topic field", [](auto& j) { j["restricted_topics"][2]["owner"] = "x"; }, "data.settings.restricted_topics[2].owner",
       ErrorCode::unknown_field},
      {"unknown phrase-rule field", [](auto& j) { j["restricted_topics"][0]["rules"][0]["regex"] = true; },
       "data.settings.restricted_topics[0].rules[0].regex", ErrorCode::unknown_field},
      {"unknown priority-target field", [](auto& j) { j["priority_targets"][3]["p"] = 1; }, "data.settings.priority_targets[3].p",
       ErrorCode::unknown_field},
      {"a fraction of a minute", [](auto& j) { j["tiers"][0]["first_response_minutes"] = 90.7; },
       "data.settings.tiers[0].first_response_minutes", ErrorCode::invalid_field},
      {"a number as text", [](auto& j) { j["tiers"][2]["resolution_minutes"] = "90"; }, "data.settings.tiers[2].resolution_minutes",
       ErrorCode::invalid_field},
      {"a fraction of an hour", [](auto& j) { j["reopen_window_hours"] = 1.5; }, "data.settings.reopen_window_hours", ErrorCode::invalid_field},
      {"out of range", [](auto& j) { j["quiet_days"] = 366; }, "data.settings.quiet_days", ErrorCode::invalid_field},
      {"a weekday out of range", [](auto& j) { j["tiers"][0]["calendar"]["hours"][0]["weekday"] = 7; },
       "data.settings.tiers[0].calendar.hours[0].weekday", ErrorCode::invalid_field},
      {"a priority target as text", [](auto& j) { j["priority_targets"][1]["first_response_minutes"] = "soon"; },
       "data.settings.priority_targets[1].first_response_minutes", ErrorCode::invalid_field},
      {"three priority targets", [](auto& j) { j["priority_targets"].erase(3); }, "data.settings.priority_targets", ErrorCode::invalid_field},
      {"a boolean as a number", [](auto& j) { j["priority_matrix"] = 1; }, "data.settings.priority_matrix", ErrorCode::invalid_field},
      {"a tier that is not an object", [](auto& j) { j["tiers"][1] = 5; }, "data.settings.tiers[1]", ErrorCode::invalid_json},
      {"a segment pointing at a number", [](auto& j) { j["segment_tiers"]["Growth"] = 2; }, "data.settings.segment_tiers.Growth",
       ErrorCode::invalid_field},
      {"a holiday that is not text", [](auto& j) { j["tiers"][0]["calendar"]["holidays"][0] = 20261225; },
       "data.settings.tiers[0].calendar.holidays[0]", ErrorCode::invalid_field},
      {"restricted topics left out", [](auto& j) { j.erase("restricted_topics"); }, "data.settings.restricted_topics", ErrorCode::missing_field},
      {"a tier without its calendar", [](auto& j) { j["tiers"][0].erase("calendar"); }, "data.settings.tiers[0].calendar",
       ErrorCode::missing_field},
      {"eleven tiers", [](auto& j) { for (int i = 0; i < 8; ++i) j["tiers"].push_back(j["tiers"][0]); }, "data.settings.tiers",
       ErrorCode::invalid_field},
  };
  for (const auto& k : cases) {
    CAPTURE(k.what);
    auto j = settings_json();
    k.change(j);
    auto r = decode(j);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == k.field);
    CHECK(r.error().code == k.code);
  }
}

TEST_CASE("decide names a restricted topic's field as the reader does: data.settings.restricted_topics[i]…") {
  auto g = pd::domain::testing::acme();
  struct Case {
    const char* what;
    std::function<void(nlohmann::json&)> change;
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {"a blank name", [](auto& j) { j["restricted_topics"][2]["name"] = " "; }, "data.settings.restricted_topics[2].name", "Enter a name for the topic."},
      {"a blank escalation path", [](auto& j) { j["restricted_topics"][0]["escalation_path"] = ""; }, "data.settings.restricted_topics[0].escalation_path",
       "Enter where agents should send customers for this topic."},
      {"a blank phrase", [](auto& j) { j["restricted_topics"][1]["rules"][0]["phrase"] = ""; }, "data.settings.restricted_topics[1].rules[0].phrase",
       nullptr},
      {"a key used twice", [](auto& j) { j["restricted_topics"][3]["key"] = j["restricted_topics"][1]["key"]; }, "data.settings.restricted_topics[3].key",
       nullptr},
  };
  // The default settings (their calendars need no time-zone table, which the server adds).
  const auto defaults = encode_command({"cmd-settings-2", ChangeSupportSettings{default_support_settings()}})["data"]["settings"];
  for (const auto& k : cases) {
    CAPTURE(k.what);
    auto j = defaults;
    k.change(j);
    auto command = decode(j); // the reader takes it: only decide() knows what a topic needs
    REQUIRE(command.ok());
    auto r = decide(g.state, *command, pd::domain::testing::actor(1), pd::domain::testing::t0);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::invalid_field);
    CHECK(r.error().field == k.field);
    if (k.message) CHECK(r.error().message == k.message);
  }
  // The reader names the same place the same way.
  auto j = settings_json();
  j["restricted_topics"][2]["name"] = 5;
  auto read = decode(j);
  REQUIRE_FALSE(read.ok());
  CHECK(read.error().field == "data.settings.restricted_topics[2].name");
}

} // namespace test_unit_shared_domain_support_support_settings_codec
