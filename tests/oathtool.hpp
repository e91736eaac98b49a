// What Debian's oathtool (an independent TOTP implementation) says the 6-digit code is for a
// base32 secret at a time: the unit tests of server/auth/totp and the server's two-factor tests
// check the server against it, as an authenticator app would compute the code.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <thread>

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

// An authenticator app for one secret. Each code it gives is for a time step later than the
// last one it gave (the server refuses a step it already accepted) and within one step of the
// server's now (its window); when the next step is still ahead, it waits for the clock to reach
// it. offset_seconds: how far the server's clock is ahead of the real one (a shifted clock).
struct Authenticator {
  std::string secret;
  std::int64_t offset_seconds = 0;
  std::int64_t last_step = 0;
  std::string next_code() {
    for (;;) {
      const std::int64_t now_step = (static_cast<std::int64_t>(std::time(nullptr)) + offset_seconds) / 30;
      const std::int64_t step = std::max(last_step + 1, now_step);
      if (step <= now_step + 1) {
        last_step = step;
        return oathtool_code(secret, step * 30);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  // The code of a step already used (for replays).
  std::string last_code() const { return oathtool_code(secret, last_step * 30); }
};

} // namespace pd::testing
