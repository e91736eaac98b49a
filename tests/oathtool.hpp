// What Debian's oathtool (an independent TOTP implementation) says the 6-digit code is for a
// base32 secret at a time: the unit tests of server/auth/totp and the server's two-factor tests
// check the server against it, as an authenticator app would compute the code.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

namespace pd::testing {

inline std::string oathtool_code(const std::string& base32, std::int64_t unix_seconds) {
  const std::string command = "oathtool --totp -b --now='@" + std::to_string(unix_seconds) + "' " + base32 + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[128];
  while (std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) out += buffer;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

} // namespace pd::testing
