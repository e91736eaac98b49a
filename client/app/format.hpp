// How values are written for people: money from integer minor units, dates, tenure,
// relative times and the words for statuses. Pure functions, no UI.
#pragma once

#include "shared/domain/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pd::client {

// Digits after the decimal point of a currency's minor unit (2 for USD, 0 for JPY).
int currency_digits(std::string_view currency);
// "$1,450.00", "€49.00", "¥1,200", "CHF 12.50"
std::string format_money(const domain::Money& money);
// "1450.00": how an amount is shown in a text field
std::string money_input(const domain::Money& money);
// (Reading an amount as typed: core::parse_money, shared/core/money_parse.hpp.)

// "Nov 2, 2024" from "2024-11-02" (the text itself when it is not a date)
std::string format_day(std::string_view ymd);
// "Nov 22, 2026" from Unix milliseconds (UTC)
std::string format_day_ms(std::int64_t unix_ms);
// "YYYY-MM-DD" of Unix milliseconds (UTC)
std::string iso_day_ms(std::int64_t unix_ms);
// "09:30" of Unix milliseconds (UTC)
std::string hh_mm_utc(std::int64_t unix_ms);
// "YYYY-MM-DD" and "HH:MM" (UTC) as Unix milliseconds; nullopt when either is not well formed.
std::optional<std::int64_t> read_utc_minute(const std::string& date, const std::string& time);
// Whole months from started_on to today; nullopt when started_on is not a date.
std::optional<int> tenure_months(std::string_view started_on, std::int64_t now_ms);
// "25 months", "1 month", "Less than a month", "Starts Nov 8, 2026"
std::string tenure_text(std::string_view started_on, std::int64_t now_ms);
// "in 6 days", "in 3 hours", "2 days ago", "just now"
std::string relative_time(std::int64_t at_ms, std::int64_t now_ms);

const char* subscription_label(domain::SubscriptionStatus s); // "Past due"
const char* partner_status_label(domain::PartnerStatus s);    // "Suspended"
// "4 customers", "1 customer"
std::string count_text(std::int64_t n, std::string_view one, std::string_view many);
// A share of 0..1 as a whole percentage: 0.355 -> "36%"
std::string percent_text(double share);

} // namespace pd::client
