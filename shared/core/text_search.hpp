// Case-insensitive (ASCII) substring search for list filters ("q=sam" finds "Sam Rivera").
#pragma once

#include <algorithm>
#include <cctype>
#include <string_view>

namespace pd::core {

inline bool contains_folded(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  auto fold = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [&](char a, char b) { return fold(a) == fold(b); }) != haystack.end();
}

} // namespace pd::core
