// What keeps the browser's module small (docs/performance.md, First load): the client and
// shared/ never use C++ streams or locales, which would link the locale facets (money, time and
// number parsing for char and wchar_t, about 20 KB with brotli) into the module.
#include <doctest/doctest.h>
#include "tests/test_paths.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace test_unit_client_module_size { // one namespace per test file: unity batches (PD_UNITY) share a unit

TEST_CASE("no source compiled into the browser's module includes a stream or locale header") {
  const std::vector<std::string> banned = {"<sstream>", "<iostream>", "<istream>", "<ostream>", "<fstream>", "<iomanip>", "<locale>", "<regex>"};
  std::vector<std::string> found;
  int files = 0;
  for (const char* dir : {"/client", "/shared"})
    for (const auto& entry : std::filesystem::recursive_directory_iterator(pd::testing::source_dir() + dir)) {
      const auto ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp") continue;
      if (entry.path().string().find("/platform/native/") != std::string::npos) continue; // the native test build's platform layer
      ++files;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      for (const auto& header : banned)
        if (text.str().find("#include " + header) != std::string::npos) found.push_back(entry.path().string() + ": " + header);
    }
  CHECK(files > 100);
  CHECK(found == std::vector<std::string>{});
}

} // namespace test_unit_client_module_size
