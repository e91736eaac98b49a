#include "server/scheduling/sla_scheduler.hpp"

#include "shared/domain/support/satisfaction.hpp"
#include "shared/domain/certification/decide_certification.hpp"
#include "shared/domain/commissions/decide_commission.hpp"
#include "shared/domain/desk/knowledge_hygiene.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/sla.hpp"
#include "shared/domain/privacy/data_retention.hpp"
#include "shared/domain/retention/decide_retention.hpp"
#include "shared/domain/support/weekly_report.hpp"

namespace pd::scheduling {

SlaScheduler::SlaScheduler(execution::CommandService& commands, log::Logger& log, std::function<std::int64_t()> now_ms,
                           std::chrono::milliseconds tick)
    : commands_(commands), log_(log), now_ms_(std::move(now_ms)), tick_(tick) {
  thread_ = std::thread([this] { loop(); });
}

SlaScheduler::~SlaScheduler() { stop(); }

void SlaScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int SlaScheduler::run_once(std::int64_t now) {
  int fired = 0;
  for (auto program : commands_.program_ids()) {
    // SLA deadlines, certification timers (attempts out of time, expiry), commission months to close.
    auto due = commands_.read(program, [&](const domain::ProgramState& s) {
      if (!domain::sla::due_at(s, now).empty() || domain::certification_rules::timers_due(s, now) ||
          domain::commission_rules::timers_due(s, now) || domain::hygiene_due(s, now) || domain::red_flags_due(s, now) ||
          domain::report_due(s, now))
        return true;
      // Churn scores reaching At Risk, and closed tickets past the retention periods: every
      // customer is scored and every ticket looked at, so only after the program changed or
      // every ten minutes (the scores' windows and the periods move with time).
      const std::pair<std::int64_t, std::int64_t> mark{s.version, now / 600'000};
      auto& last = churn_checked_[program];
      if (last == mark) return false;
      last = mark;
      return !domain::retention_rules::run_timers(s, now).empty() || !domain::expiry_due(s, now).empty();
    });
    if (!due || !*due) continue;
    const domain::Actor system{domain::support_rules::system_actor, "Partnerdesk", ""};
    auto out = commands_.execute(program, "sla-" + std::to_string(program) + "-" + std::to_string(now), domain::RunTimers{}, system, now);
    if (out.status != 200) log_.warn("sla timers failed", {{"program_id", program}, {"status", out.status}, {"body", out.body}});
    ++fired;
  }
  return fired;
}

void SlaScheduler::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      run_once(now_ms_());
    } catch (const std::exception& e) {
      log_.error("sla scheduler", {{"error", e.what()}});
    }
    lock.lock();
    cv_.wait_for(lock, tick_, [&] { return stopping_; });
  }
}

} // namespace pd::scheduling
