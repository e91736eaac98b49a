// The raw bytes a server left on disk, for tests that check something is in no byte of them
// (erasure, retention periods).
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace pd::testing {

inline std::string bytes_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every file under `dir` whose bytes hold `needle`.
inline std::vector<std::string> files_holding(const std::filesystem::path& dir, const std::string& needle) {
  std::vector<std::string> found;
  for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
    if (f.is_regular_file() && bytes_of(f.path()).find(needle) != std::string::npos) found.push_back(f.path().string());
  return found;
}

} // namespace pd::testing
