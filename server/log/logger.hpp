// Structured logs: one JSON object per line on stderr.
#pragma once

#include <nlohmann/json.hpp>

#include <mutex>
#include <string_view>

namespace pd::log {

enum class Level { debug, info, warn, error };

class Logger {
public:
  explicit Logger(Level min = Level::info) : min_(min) {}
  void write(Level level, std::string_view message, nlohmann::json fields = nlohmann::json::object());
  // Whether a line at this level would be written (build costly fields only then).
  bool enabled(Level level) const { return level >= min_; }
  void info(std::string_view m, nlohmann::json f = nlohmann::json::object()) { write(Level::info, m, std::move(f)); }
  void warn(std::string_view m, nlohmann::json f = nlohmann::json::object()) { write(Level::warn, m, std::move(f)); }
  void error(std::string_view m, nlohmann::json f = nlohmann::json::object()) { write(Level::error, m, std::move(f)); }

private:
  Level min_;
  std::mutex mutex_;
};

} // namespace pd::log
