#include "shared/domain/support/progress.hpp"

#include "shared/core/dates.hpp"

namespace pd::domain {

using core::ErrorCode;
using core::make_error;

namespace {
constexpr std::int64_t hour = 3'600'000;
constexpr std::int64_t day = 24 * hour;
} // namespace

std::int64_t update_interval_ms(const SupportSettings& s, Priority p) {
  return (p == Priority::p0 ? s.critical_update_hours : s.update_hours) * hour;
}

UpdateTimes next_update(const SupportSettings& s, Priority p, TimeMs from) {
  const auto interval = update_interval_ms(s, p);
  return {from + interval, from + interval - interval / 4};
}

std::optional<core::Error> estimate_problem(TimeMs estimate, TimeMs now) {
  if (estimate == 0) return std::nullopt;
  if (estimate <= now) return make_error(ErrorCode::invalid_field, "The estimated resolution must be in the future.", "data.estimate");
  if (estimate > now + max_estimate_days * day)
    return make_error(ErrorCode::invalid_field, "An estimate is at most " + std::to_string(max_estimate_days) + " days ahead.", "data.estimate");
  return std::nullopt;
}

std::optional<core::Error> follow_up_problem(TimeMs at, TimeMs now) {
  if (at <= now) return make_error(ErrorCode::invalid_field, "The follow-up date must be in the future.", "data.follow_up_at");
  if (at > now + max_follow_up_days * day)
    return make_error(ErrorCode::invalid_field, "A follow-up is at most " + std::to_string(max_follow_up_days) + " days ahead.", "data.follow_up_at");
  return std::nullopt;
}

UpdateState update_state(const Ticket& t, TimeMs now) {
  const auto& p = t.progress;
  if (p.update_due == 0 || !is_open(t.status) || t.status == TicketStatus::waiting_on_customer) return UpdateState::none;
  if (now >= p.update_due) return UpdateState::overdue;
  if (p.update_warn_at != 0 && now >= p.update_warn_at) return UpdateState::due_soon;
  return UpdateState::on_time;
}

void progress_after_update(const SupportSettings& s, Ticket& t, TimeMs at) {
  auto& p = t.progress;
  if (p.update_due == 0) return; // no estimate standing: no update owed
  const auto next = next_update(s, t.priority, at);
  p.last_update_at = at;
  p.update_due = next.due;
  p.update_warn_at = next.warn_at;
  p.update_warned_at = 0;
  p.update_missed_at = 0;
}

void progress_after_close(Ticket& t) {
  auto& p = t.progress;
  p.update_due = p.update_warn_at = p.update_warned_at = p.update_missed_at = 0;
  p.third_party.clear();
  p.third_party_reference.clear();
  p.third_party_since = p.follow_up_at = 0;
  p.follow_up_reminded = false;
  p.wait_accepted = false;
}

} // namespace pd::domain
