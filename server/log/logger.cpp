#include "server/log/logger.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace pd::log {

static const char* level_name(Level l) {
  switch (l) {
  case Level::debug: return "debug";
  case Level::info: return "info";
  case Level::warn: return "warn";
  case Level::error: return "error";
  }
  return "info";
}

void Logger::write(Level level, std::string_view message, nlohmann::json fields) {
  if (level < min_) return;
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char ts[64];
  std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  nlohmann::json line = {{"time", ts}, {"level", level_name(level)}, {"msg", message}};
  if (fields.is_object()) line.update(fields);
  auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard lock(mutex_);
  std::fprintf(stderr, "%s\n", text.c_str());
  std::fflush(stderr);
}

} // namespace pd::log
