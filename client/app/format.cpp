#include "client/app/format.hpp"

#include "shared/core/dates.hpp"
#include "shared/core/money_format.hpp"

#include <cstdio>
#include <cstdlib>

namespace pd::client {

namespace {

const char* month_name(int m) {
  static constexpr const char* names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return m >= 1 && m <= 12 ? names[m - 1] : "";
}

std::string day_text(const core::Date& d) {
  return std::string(month_name(d.month)) + " " + std::to_string(d.day) + ", " + std::to_string(d.year);
}

std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count && count % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

const char* currency_symbol(std::string_view code) {
  if (code == "USD") return "$";
  if (code == "EUR") return "\xE2\x82\xAC";
  if (code == "GBP") return "\xC2\xA3";
  if (code == "JPY") return "\xC2\xA5";
  if (code == "INR") return "\xE2\x82\xB9";
  if (code == "CAD") return "CA$";
  if (code == "AUD") return "A$";
  return nullptr;
}

} // namespace

int currency_digits(std::string_view c) { return core::currency_digits(c); }

std::string format_money(const domain::Money& m) {
  const int digits = currency_digits(m.currency);
  std::int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  const bool negative = m.minor < 0;
  const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(m.minor + 1)) + 1 : static_cast<std::uint64_t>(m.minor);
  std::string out = grouped(abs / static_cast<std::uint64_t>(scale));
  if (digits) {
    std::string frac = std::to_string(abs % static_cast<std::uint64_t>(scale));
    out += "." + std::string(static_cast<std::size_t>(digits) - frac.size(), '0') + frac;
  }
  const char* symbol = currency_symbol(m.currency);
  out = symbol ? symbol + out : m.currency + " " + out;
  return negative ? "-" + out : out;
}

std::string money_input(const domain::Money& m) { return core::decimal_amount(m.minor, m.currency); }

std::string format_day(std::string_view ymd) {
  auto d = core::parse_date(ymd);
  return d ? day_text(*d) : std::string(ymd);
}

std::string format_day_ms(std::int64_t unix_ms) { return day_text(core::date_of_ms(unix_ms)); }

std::string iso_day_ms(std::int64_t unix_ms) { return core::format_date(core::date_of_ms(unix_ms)); }

std::string hh_mm_utc(std::int64_t unix_ms) {
  constexpr std::int64_t minute = 60'000, hour = 3'600'000, day = 86'400'000;
  const auto in_day = ((unix_ms % day) + day) % day;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(in_day / hour), static_cast<int>(in_day % hour / minute));
  return buf;
}

std::optional<std::int64_t> read_utc_minute(const std::string& date, const std::string& time) {
  constexpr std::int64_t minute = 60'000, hour = 3'600'000, day = 86'400'000;
  auto d = core::parse_date(date);
  if (!d) return std::nullopt;
  int h = 0, m = 0;
  char extra = 0;
  if (std::sscanf(time.c_str(), "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return core::days_from_civil(*d) * day + h * hour + m * minute;
}

std::optional<int> tenure_months(std::string_view started_on, std::int64_t now_ms) {
  auto start = core::parse_date(started_on);
  if (!start) return std::nullopt;
  const auto today = core::date_of_ms(now_ms);
  int months = (today.year - start->year) * 12 + (today.month - start->month);
  if (today.day < start->day) --months;
  return months;
}

std::string tenure_text(std::string_view started_on, std::int64_t now_ms) {
  auto months = tenure_months(started_on, now_ms);
  if (!months) return "";
  auto start = core::parse_date(started_on);
  if (core::days_from_civil(*start) > core::days_from_civil(core::date_of_ms(now_ms))) return "Starts " + day_text(*start);
  if (*months <= 0) return "Less than a month";
  return count_text(*months, "month", "months");
}

std::string relative_time(std::int64_t at_ms, std::int64_t now_ms) {
  const std::int64_t diff = at_ms - now_ms;
  const std::int64_t abs = std::llabs(diff);
  constexpr std::int64_t minute = 60'000, hour = 60 * minute, day = 24 * hour;
  std::string amount;
  // Rounded to the nearest unit: a link made a moment ago for 7 days expires "in 7 days".
  if (abs < minute) return "just now";
  if (abs < hour) amount = count_text((abs + minute / 2) / minute, "minute", "minutes");
  else if (abs < 2 * day) amount = count_text((abs + hour / 2) / hour, "hour", "hours");
  else amount = count_text((abs + day / 2) / day, "day", "days");
  return diff > 0 ? "in " + amount : amount + " ago";
}

const char* subscription_label(domain::SubscriptionStatus s) {
  switch (s) {
  case domain::SubscriptionStatus::trialing: return "Trialing";
  case domain::SubscriptionStatus::active: return "Active";
  case domain::SubscriptionStatus::past_due: return "Past due";
  case domain::SubscriptionStatus::cancelled: return "Cancelled";
  case domain::SubscriptionStatus::unknown: break;
  }
  return "Unknown";
}

const char* partner_status_label(domain::PartnerStatus s) {
  switch (s) {
  case domain::PartnerStatus::active: return "Active";
  case domain::PartnerStatus::suspended: return "Suspended";
  case domain::PartnerStatus::removed: return "Removed";
  case domain::PartnerStatus::terminated: return "Terminated";
  case domain::PartnerStatus::unknown: break;
  }
  return "Unknown";
}

std::string count_text(std::int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string percent_text(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
  return buf;
}

} // namespace pd::client
