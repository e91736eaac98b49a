#include "shared/domain/support/response_target.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/support/sla.hpp"

#include <cstdio>

namespace pd::domain::sla {

std::string window_text(std::int64_t ms) {
  const std::int64_t minutes = ms / minute_ms;
  if (minutes < 60) return std::to_string(minutes) + " min";
  const std::int64_t hours = minutes / 60, rest = minutes % 60;
  return std::to_string(hours) + " h" + (rest ? " " + std::to_string(rest) + " min" : std::string{});
}

std::string when_text(const Calendar& calendar, TimeMs at) {
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const TimeMs local = at + static_cast<TimeMs>(offset_at(calendar, at)) * minute_ms;
  const auto day = core::date_of_ms(local);
  const auto in_day = ((local % day_ms) + day_ms) % day_ms;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %d, %02d:%02d ", months[(day.month + 11) % 12], day.day, static_cast<int>(in_day / hour_ms),
                static_cast<int>(in_day % hour_ms / minute_ms));
  return buf + (calendar.time_zone.empty() ? std::string("UTC") : calendar.time_zone);
}

const char* to_string(TargetSource s) {
  switch (s) {
  case TargetSource::tier: return "tier";
  case TargetSource::priority: return "priority";
  case TargetSource::tier_and_priority: return "tier_and_priority";
  case TargetSource::earlier_settings: return "earlier_settings";
  }
  return "tier";
}

TargetReason explain_window(const SupportSettings& settings, const std::string& tier_key, Priority priority, bool first_response,
                            std::int64_t applied_ms) {
  TargetReason r;
  r.window_ms = applied_ms;
  const SlaTier* tier = nullptr;
  for (const auto& t : settings.tiers)
    if (t.key == tier_key) tier = &t;
  const auto& target = settings.priority_targets[static_cast<std::size_t>(priority)];
  const std::int64_t tier_ms = tier ? (first_response ? tier->first_response_minutes : tier->resolution_minutes) * minute_ms : 0;
  const std::int64_t priority_ms = (first_response ? target.first_response_minutes : target.resolution_minutes) * minute_ms;
  const std::string tier_name = tier ? "the " + tier->name + " tier" : "the tier";
  const std::string tier_title = tier ? tier->name + " tier" : "Tier";
  const std::string prio = label_of(priority);
  const std::string applied = window_text(applied_ms);
  if (tier && applied_ms == tier_ms && !settings.priority_matrix) {
    r.source = TargetSource::tier;
    r.reason = tier_title + ": " + applied + " (the priority matrix is off)";
  } else if (settings.priority_matrix && priority_ms > 0 && applied_ms == priority_ms && (!tier || priority_ms < tier_ms)) {
    r.source = TargetSource::priority;
    r.reason = prio + ": " + applied + (tier ? ", stricter than " + tier_name + "'s " + window_text(tier_ms) : std::string{});
  } else if (settings.priority_matrix && tier && applied_ms == tier_ms && tier_ms == priority_ms) {
    r.source = TargetSource::tier_and_priority;
    r.reason = tier_title + " and " + prio + ": both " + applied;
  } else if (settings.priority_matrix && tier && applied_ms == tier_ms && (priority_ms <= 0 || tier_ms < priority_ms)) {
    r.source = TargetSource::tier;
    r.reason = tier_title + ": " + applied + (priority_ms > 0 ? ", stricter than " + prio + "'s " + window_text(priority_ms) : std::string{});
  } else {
    r.source = TargetSource::earlier_settings;
    r.reason = applied + ", set under earlier support settings";
  }
  if (tier && !tier->calendar.around_the_clock) r.reason += ", counted in business hours";
  return r;
}

std::vector<ResponseTarget> response_targets(const SupportSettings& settings, const Ticket& t) {
  const auto& c = t.sla;
  const auto& cal = calendar_of(settings, c.tier);
  std::vector<ResponseTarget> out(2);
  auto& first = out[0];
  first.key = "first_response";
  first.why = explain_window(settings, c.tier, t.priority, true, c.first_response_ms);
  first.due = c.first_response_due;
  if (c.first_responded_at != 0) {
    first.done_at = c.first_responded_at;
    const bool late = c.first_response_overdue_at != 0 || c.first_responded_at > c.first_response_due;
    first.state = "answered";
    first.text = "First response sent " + when_text(cal, c.first_responded_at) + (late ? ", late" : ", in time") + " \xE2\x80\x94 target " +
                 first.why.reason;
  } else if (is_open(t.status)) {
    first.state = "due";
    first.text = "First response due " + when_text(cal, c.first_response_due) + " \xE2\x80\x94 " + first.why.reason;
  } else {
    first.state = "missed";
    first.text = "Closed without a first response \xE2\x80\x94 target " + first.why.reason;
  }
  auto& res = out[1];
  res.key = "resolution";
  res.why = explain_window(settings, c.tier, t.priority, false, c.resolution_ms);
  res.due = c.resolution_due;
  if (!is_open(t.status) || c.resolved_at != 0) {
    res.state = "resolved";
    res.done_at = c.resolved_at;
    res.text = (c.resolved_at ? "Resolved " + when_text(cal, c.resolved_at) : std::string("Resolved")) + " \xE2\x80\x94 target " + res.why.reason;
  } else if (c.paused_at != 0 || c.resolution_due == 0) {
    res.state = "paused";
    // Held for a third party the business accepted to wait on (progress.hpp), else waiting on the customer.
    res.text = (c.held ? "Resolution clock held while the ticket waits on " + (t.progress.third_party.empty() ? std::string("a third party") : t.progress.third_party)
                       : std::string("Resolution clock paused while waiting on the customer")) +
               " \xE2\x80\x94 " + res.why.reason;
  } else {
    res.state = "due";
    res.text = "Resolution due " + when_text(cal, c.resolution_due) + " \xE2\x80\x94 " + res.why.reason;
  }
  return out;
}

nlohmann::json response_targets_json(const SupportSettings& settings, const Ticket& t) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : response_targets(settings, t))
    out.push_back({{"key", r.key},
                   {"state", r.state},
                   {"due", r.due},
                   {"done_at", r.done_at},
                   {"window_minutes", r.why.window_ms / minute_ms},
                   {"source", to_string(r.why.source)},
                   {"reason", r.why.reason},
                   {"text", r.text}});
  return out;
}

} // namespace pd::domain::sla
