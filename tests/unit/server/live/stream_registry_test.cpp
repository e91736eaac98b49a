#include "server/config/options.hpp"
#include "server/live/stream_registry.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace test_unit_server_live_stream_registry { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::live;

TEST_CASE("streams are admitted below each limit, and the first limit reached is named") {
  std::atomic<int> gauge{0};
  StreamRegistry r(gauge);
  r.set_limits({2, 3, 4, 5});
  std::vector<std::shared_ptr<StreamSlot>> held;
  auto admit = [&](const char* session, std::int64_t person, const char* address) {
    auto a = r.admit(session, person, address);
    if (a.slot) held.push_back(a.slot);
    return a;
  };
  CHECK(admit("s1", 1, "a").slot);
  CHECK(admit("s1", 1, "a").slot);
  auto session = admit("s1", 1, "a");
  CHECK_FALSE(session.slot);
  CHECK(session.refused == StreamLimit::session);
  CHECK(session.limit == 2);
  CHECK(admit("s2", 1, "a").slot);
  auto person = admit("s3", 1, "a");
  CHECK(person.refused == StreamLimit::person);
  CHECK(person.limit == 3);
  CHECK(admit("s4", 2, "a").slot);
  auto address = admit("s5", 3, "a");
  CHECK(address.refused == StreamLimit::address);
  CHECK(admit("s5", 3, "b").slot);
  auto total = admit("s6", 4, "c");
  CHECK(total.refused == StreamLimit::total);
  CHECK(total.limit == 5);
  CHECK(r.open() == 5);
  CHECK(gauge.load() == 5);
  CHECK(std::string(field_name(StreamLimit::total)) == "streams_total");
  CHECK(std::string(field_name(StreamLimit::person)) == "streams_per_person");
}

TEST_CASE("a slot frees its counts once, when released or destroyed") {
  std::atomic<int> gauge{0};
  StreamRegistry r(gauge);
  r.set_limits({1, 1, 1, 1});
  auto a = r.admit("s", 7, "x");
  REQUIRE(a.slot);
  CHECK(r.admit("s", 7, "x").refused == StreamLimit::session);
  a.slot->release();
  a.slot->release(); // twice changes nothing
  CHECK(r.open() == 0);
  CHECK(r.open_for_person(7) == 0);
  {
    auto b = r.admit("t", 8, "y");
    REQUIRE(b.slot);
    CHECK(gauge.load() == 1);
  } // destroyed without release
  CHECK(r.open() == 0);
  CHECK(gauge.load() == 0);
  a.slot.reset(); // destroying a released slot frees nothing more
  CHECK(r.admit("u", 9, "z").slot);
}

TEST_CASE("the stream capacity leaves --stream-reserve threads to other requests") {
  using pd::config::parse_options;
  auto env = [](const char*) -> const char* { return nullptr; };
  auto defaults = parse_options({}, env);
  REQUIRE(defaults.options);
  CHECK(defaults.options->streams_per_session == 4);
  CHECK(defaults.options->streams_per_person == 8);
  CHECK(defaults.options->streams_per_address == 32);
  CHECK(pd::config::stream_capacity(*defaults.options) == 1024);
  auto small = parse_options({"--threads", "2", "--max-threads", "10", "--stream-reserve", "4"}, env);
  REQUIRE(small.options);
  CHECK(pd::config::stream_capacity(*small.options) == 6);
  auto none = parse_options({"--max-threads", "64"}, env); // the default reserve is 64
  CHECK_FALSE(none.options);
  CHECK(none.exit_code == 2);
  CHECK(none.message.find("--stream-reserve") != std::string::npos);
}

} // namespace test_unit_server_live_stream_registry
