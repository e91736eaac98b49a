#include "server/config/options.hpp"

#include <doctest/doctest.h>

#include <map>

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
