#include "shared/domain/support/sla.hpp"

#include <algorithm>

namespace pd::domain::sla {

namespace {

const Calendar& around_the_clock() {
  static const Calendar c{};
  return c;
}

} // namespace

Windows windows_for(const SupportSettings& settings, const Customer* customer, Priority priority) {
  Windows w;
  w.tier = tier_for_segment(settings, customer ? customer->profile.segment : std::string{});
  w.first_response_ms = (w.tier ? w.tier->first_response_minutes : std::int64_t{12} * 60) * minute_ms;
  w.resolution_ms = (w.tier ? w.tier->resolution_minutes : std::int64_t{72} * 60) * minute_ms;
  if (settings.priority_matrix) {
    const auto& p = settings.priority_targets[static_cast<std::size_t>(priority)];
    if (p.first_response_minutes > 0) w.first_response_ms = std::min(w.first_response_ms, p.first_response_minutes * minute_ms);
    if (p.resolution_minutes > 0) w.resolution_ms = std::min(w.resolution_ms, p.resolution_minutes * minute_ms);
  }
  return w;
}

const Calendar& calendar_of(const SupportSettings& settings, const std::string& tier_key) {
  for (const auto& t : settings.tiers)
    if (t.key == tier_key) return t.calendar;
  return around_the_clock();
}

SlaClock start_clock(const SupportSettings& settings, const Customer* customer, Priority priority, TimeMs opened_at) {
  auto w = windows_for(settings, customer, priority);
  SlaClock c;
  c.tier = w.tier ? w.tier->key : std::string{};
  const auto& cal = calendar_of(settings, c.tier);
  c.first_response_ms = w.first_response_ms;
  c.resolution_ms = w.resolution_ms;
  c.first_response_due = add_business_time(cal, opened_at, w.first_response_ms);
  c.resolution_due = add_business_time(cal, opened_at, w.resolution_ms);
  c.running_since = opened_at;
  c.auto_escalate_due = add_business_time(cal, opened_at, w.first_response_ms * settings.auto_escalate_factor_percent / 100);
  return c;
}

SlaClock retarget(const SlaClock& clock, const SupportSettings& settings, const Customer* customer, Priority priority, TimeMs opened_at,
                  TimeMs now) {
  auto w = windows_for(settings, customer, priority);
  SlaClock c = clock;
  c.tier = w.tier ? w.tier->key : std::string{};
  const auto& cal = calendar_of(settings, c.tier);
  c.first_response_ms = w.first_response_ms;
  c.resolution_ms = w.resolution_ms;
  if (c.first_responded_at == 0) {
    c.first_response_due = add_business_time(cal, opened_at, w.first_response_ms);
    c.auto_escalate_due = add_business_time(cal, opened_at, w.first_response_ms * settings.auto_escalate_factor_percent / 100);
  }
  if (c.paused_at == 0 && c.resolved_at == 0) {
    const auto used = c.resolution_used_ms + business_time_between(cal, c.running_since, now);
    c.resolution_used_ms = used;
    c.running_since = now;
    c.resolution_due = add_business_time(cal, now, std::max<std::int64_t>(0, w.resolution_ms - used));
  }
  return c;
}

SlaClock first_response(const SlaClock& clock, TimeMs now) {
  SlaClock c = clock;
  if (c.first_responded_at == 0) c.first_responded_at = now;
  return c;
}

SlaClock pause(const SlaClock& clock, const SupportSettings& settings, TimeMs now) {
  SlaClock c = clock;
  if (c.paused_at != 0 || c.resolution_due == 0) return c;
  c.resolution_used_ms += business_time_between(calendar_of(settings, c.tier), c.running_since, now);
  c.paused_at = now;
  c.resolution_due = 0;
  return c;
}

SlaClock resume(const SlaClock& clock, const SupportSettings& settings, TimeMs now) {
  SlaClock c = clock;
  if (c.paused_at == 0 && c.resolved_at == 0) return c;
  if (c.held && c.resolved_at == 0) return c; // the business accepted a third party's wait (progress.hpp)
  c.paused_at = 0;
  c.resolved_at = 0;
  c.running_since = now;
  c.resolution_due = add_business_time(calendar_of(settings, c.tier), now, std::max<std::int64_t>(0, c.resolution_ms - c.resolution_used_ms));
  return c;
}

SlaClock stop(const SlaClock& clock, const SupportSettings& settings, TimeMs now) {
  SlaClock c = clock;
  if (c.paused_at == 0 && c.resolution_due != 0)
    c.resolution_used_ms += business_time_between(calendar_of(settings, c.tier), c.running_since, now);
  c.paused_at = 0;
  c.resolution_due = 0;
  c.resolved_at = now;
  c.held = false;
  return c;
}

std::vector<DueTimer> due_at(const ProgramState& state, TimeMs now) {
  std::vector<DueTimer> out;
  const auto reopen_ms = state.support_settings.reopen_window_hours * hour_ms;
  for (const auto& [id, t] : state.tickets) {
    const auto& c = t.sla;
    if (t.status == TicketStatus::resolved) {
      if (c.resolved_at != 0 && now >= c.resolved_at + reopen_ms) out.push_back({id, TimerKind::auto_close, c.resolved_at + reopen_ms});
      continue;
    }
    if (!is_open(t.status)) continue;
    if (c.first_responded_at == 0 && c.first_response_due != 0 && now >= c.first_response_due && c.first_response_overdue_at == 0)
      out.push_back({id, TimerKind::first_response_overdue, c.first_response_due});
    if (c.resolution_due != 0 && now >= c.resolution_due && c.resolution_overdue_at == 0)
      out.push_back({id, TimerKind::resolution_overdue, c.resolution_due});
    if (c.first_responded_at == 0 && c.auto_escalate_due != 0 && now >= c.auto_escalate_due && c.auto_escalated_at == 0 &&
        !t.escalation.pending)
      out.push_back({id, TimerKind::auto_escalate, c.auto_escalate_due});
    // The ticket's progress (progress.hpp): the update owed (not while it waits on the customer),
    // and the follow-up with a third party.
    const auto& p = t.progress;
    if (p.update_due != 0 && t.status != TicketStatus::waiting_on_customer) {
      if (now >= p.update_due) {
        if (p.update_missed_at == 0) out.push_back({id, TimerKind::update_missed, p.update_due});
      } else if (p.update_warn_at != 0 && now >= p.update_warn_at && p.update_warned_at == 0) {
        out.push_back({id, TimerKind::update_warning, p.update_due});
      }
    }
    if (!p.third_party.empty() && p.follow_up_at != 0 && now >= p.follow_up_at && !p.follow_up_reminded)
      out.push_back({id, TimerKind::third_party_follow_up, p.follow_up_at});
  }
  return out;
}

TimeMs next_due(const ProgramState& state) {
  TimeMs best = 0;
  auto consider = [&](TimeMs at) {
    if (at != 0 && (best == 0 || at < best)) best = at;
  };
  const auto reopen_ms = state.support_settings.reopen_window_hours * hour_ms;
  for (const auto& [id, t] : state.tickets) {
    const auto& c = t.sla;
    if (t.status == TicketStatus::resolved) {
      if (c.resolved_at != 0) consider(c.resolved_at + reopen_ms);
      continue;
    }
    if (!is_open(t.status)) continue;
    if (c.first_responded_at == 0 && c.first_response_overdue_at == 0) consider(c.first_response_due);
    if (c.resolution_overdue_at == 0) consider(c.resolution_due);
    if (c.first_responded_at == 0 && c.auto_escalated_at == 0 && !t.escalation.pending) consider(c.auto_escalate_due);
    const auto& p = t.progress;
    if (p.update_due != 0 && t.status != TicketStatus::waiting_on_customer && p.update_missed_at == 0)
      consider(p.update_warned_at == 0 && p.update_warn_at != 0 ? p.update_warn_at : p.update_due);
    if (!p.third_party.empty() && !p.follow_up_reminded) consider(p.follow_up_at);
  }
  return best;
}

NextDeadline next_deadline(const Ticket& t) {
  if (!is_open(t.status)) return {};
  if (t.sla.first_responded_at == 0 && t.sla.first_response_due != 0) return {t.sla.first_response_due, "first response"};
  if (t.sla.resolution_due != 0) return {t.sla.resolution_due, "resolution"};
  return {};
}

} // namespace pd::domain::sla
