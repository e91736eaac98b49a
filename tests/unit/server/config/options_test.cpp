#include "server/config/options.hpp"

#include <doctest/doctest.h>

#include <map>

namespace test_unit_server_config_options { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::config;

namespace {
EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}
} // namespace

TEST_CASE("defaults: 127.0.0.1:8080, ./data, 1 MiB bodies, no demo") {
  auto r = parse_options({}, env_of({}));
  REQUIRE(r.options);
  CHECK(r.options->host == "127.0.0.1");
  CHECK(r.options->port == 8080);
  CHECK(r.options->data_dir == "data");
  CHECK(r.options->max_body_bytes == 1024 * 1024);
  CHECK_FALSE(r.options->demo);
}

TEST_CASE("environment variables set values and flags win over them") {
  auto r = parse_options({"--port", "9000", "--demo"}, env_of({{"PORT", "7000"}, {"DATA_DIR", "/srv/pd"}}));
  REQUIRE(r.options);
  CHECK(r.options->port == 9000);
  CHECK(r.options->data_dir == "/srv/pd");
  CHECK(r.options->demo);
  auto eq = parse_options({"--port=0", "--data=/tmp/x"}, env_of({}));
  CHECK(eq.options->port == 0);
  CHECK(eq.options->data_dir == "/tmp/x");
}

TEST_CASE("bad values are refused with a message naming the flag or variable") {
  auto r = parse_options({"--threads", "zero"}, env_of({}));
  CHECK_FALSE(r.options);
  CHECK(r.exit_code == 2);
  CHECK(r.message.find("--threads") != std::string::npos);
  auto e = parse_options({}, env_of({{"PORT", "-1"}}));
  CHECK_FALSE(e.options);
  CHECK(e.message.rfind("PORT:", 0) == 0);
  CHECK(parse_options({"--port"}, env_of({})).message == "--port needs a value");
  CHECK(parse_options({"serve"}, env_of({})).exit_code == 2);
}

TEST_CASE("--help prints every flag with its environment variable") {
  auto r = parse_options({"--help"}, env_of({}));
  CHECK_FALSE(r.options);
  CHECK(r.exit_code == 0);
  CHECK(r.message.find("--data DIR") != std::string::npos);
  CHECK(r.message.find("[DATA_DIR]") != std::string::npos);
  CHECK(r.message == help_text());
}

TEST_CASE("the demo is refused on a non-loopback address unless --demo-on-public-address is given") {
  for (const char* host : {"127.0.0.1", "127.0.0.53", "localhost", "::1"}) {
    CAPTURE(std::string(host));
    CHECK(parse_options({"--demo", "--host", host}, env_of({})).options);
  }
  for (const char* host : {"0.0.0.0", "192.168.1.20", "::", "127.0.0.1.example.com", "127.evil"}) {
    CAPTURE(std::string(host));
    auto refused = parse_options({"--demo", "--host", host}, env_of({}));
    CHECK_FALSE(refused.options);
    CHECK(refused.exit_code == 2);
    CHECK(refused.message.find("--demo-on-public-address") != std::string::npos);
    CHECK(parse_options({"--host", host}, env_of({})).options); // a real deployment starts
    auto loud = parse_options({"--demo", "--host", host, "--demo-on-public-address"}, env_of({}));
    REQUIRE(loud.options);
    CHECK(loud.options->demo_on_public_address);
  }
  CHECK_FALSE(parse_options({"--host", "0.0.0.0"}, env_of({{"PD_DEMO", "1"}})).options);
}

} // namespace test_unit_server_config_options
