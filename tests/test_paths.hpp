// Where the test executables find the checkout (the docs, the mail test servers' scripts) and the
// server binary: from their own location (build/<preset>/tests/), not from paths compiled in, so
// the same source compiles to the same object in any clone and ccache shares it between clones.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace pd::testing {

inline std::filesystem::path own_executable() { return std::filesystem::read_symlink("/proc/self/exe"); }

// The checkout: the nearest folder above the executable that holds shared/core/.
inline const std::string& source_dir() {
  static const std::string dir = [] {
    for (auto p = own_executable().parent_path(); p.has_relative_path(); p = p.parent_path()) {
      if (std::filesystem::exists(p / "shared" / "core" / "common_passwords.txt")) return p.string();
    }
    throw std::runtime_error("the checkout was not found above " + own_executable().string());
  }();
  return dir;
}

// build/<preset>/server/partnerdesk-server, beside the tests' folder.
inline const std::string& server_bin() {
  static const std::string bin = (own_executable().parent_path().parent_path() / "server" / "partnerdesk-server").string();
  return bin;
}

} // namespace pd::testing
