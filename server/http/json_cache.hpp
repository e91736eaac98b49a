// Serialized JSON of versioned records, kept between requests: a list page concatenates the
// cached text of its rows instead of building and dumping a JSON tree per request. An entry
// is reused while the record's version is unchanged (every change bumps it).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace pd::http {

class JsonCache {
public:
  // The record's JSON text for (key, version), rendered by `render` on a miss.
  template <class Render>
  std::string get(std::int64_t key, std::int64_t version, Render&& render) {
    {
      std::shared_lock lock(mutex_);
      if (auto it = entries_.find(key); it != entries_.end() && it->second.version == version) return it->second.text;
    }
    std::string text = render().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::unique_lock lock(mutex_);
    entries_[key] = Entry{version, text};
    return text;
  }

private:
  struct Entry {
    std::int64_t version = 0;
    std::string text;
  };
  std::shared_mutex mutex_;
  std::unordered_map<std::int64_t, Entry> entries_;
};

} // namespace pd::http
