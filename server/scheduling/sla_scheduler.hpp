// Fires SLA timers: a background thread asks the domain what is due now (sla::due_at) in each
// program and, when something is, sends RunTimers as the system actor through the
// command service, so overdue flags, auto-escalations and auto-closes are ordinary events.
// The browser never decides that a deadline passed.
#pragma once

#include "server/execution/command_service.hpp"
#include "server/log/logger.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace pd::scheduling {

class SlaScheduler {
public:
  SlaScheduler(execution::CommandService& commands, log::Logger& log, std::function<std::int64_t()> now_ms,
               std::chrono::milliseconds tick = std::chrono::milliseconds(1000));
  ~SlaScheduler(); // stops and joins
  SlaScheduler(const SlaScheduler&) = delete;
  SlaScheduler& operator=(const SlaScheduler&) = delete;

  void stop();
  // One pass over every program at `now`; returns the number of programs that had timers due.
  int run_once(std::int64_t now);

private:
  void loop();
  execution::CommandService& commands_;
  log::Logger& log_;
  std::function<std::int64_t()> now_ms_;
  std::chrono::milliseconds tick_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> churn_checked_; // program -> (version, ten-minute slot) last scored (scheduler thread only)
};

} // namespace pd::scheduling
