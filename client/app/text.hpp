// Text helpers the store's files share (store.cpp, store_forms.cpp): one definition each.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace pd::client {

// Without the spaces, tabs and line breaks around it.
inline std::string trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// JSON as the store sends and keeps it: compact, invalid UTF-8 replaced instead of thrown on.
inline std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

} // namespace pd::client
