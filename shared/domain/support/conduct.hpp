// Abusive communication on a ticket and the customer's ticketing restriction (docs/requirements.md,
// Abuse and threats): the data a ticket and a customer keep, and the procedure's fixed words and
// numbers. The rules are in conduct_rules.hpp; apply() keeps these.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace pd::domain {

// The steps of the procedure, in order: document (mark a customer's message abusive), one
// warning, then pause the conversation and hand it to a manager; a manager resumes it.
enum class AbuseStep { mark, warn, pause, resume };
NLOHMANN_JSON_SERIALIZE_ENUM(AbuseStep, {{AbuseStep::mark, "mark_abusive"}, {AbuseStep::warn, "warn"}, {AbuseStep::pause, "pause"}, {AbuseStep::resume, "resume"}})

// The seed's words, offered as the reply's text (the sender may edit them).
inline constexpr const char* abuse_warning_text = "I want to help, but I need respectful communication.";
inline constexpr const char* abuse_pause_text = "I'm going to pause this conversation and have a manager follow up.";
// A manager follows up on a paused conversation within this many days (the date the customer is given).
inline constexpr std::int64_t pause_follow_up_days = 2;
// Marked messages of one customer, over all its tickets, before the business may restrict its ticketing.
inline constexpr int repeated_abuse_marks = 2;
inline constexpr std::int64_t max_restriction_days = 365;

// What a ticket holds of the procedure. The customer is shown only the pause (customer_view()).
struct TicketConduct {
  std::vector<std::int64_t> abusive{}; // ids of the customer's messages marked abusive, in the order marked
  std::int64_t warning = 0;          // the warning's message id (one per ticket)
  TimeMs paused_at = 0;              // paused: the customer's replies are refused until a manager resumes
  TimeMs follow_up_by = 0;           // when the manager follows up at the latest
  bool operator==(const TicketConduct&) const = default;
};

// One restriction of a customer's ticketing, kept with the customer (newest last); the customer
// is shown it with its reason.
struct TicketingRestriction {
  TimeMs at = 0;
  PersonId by = 0;
  TimeMs until = 0;
  std::string reason;
  TimeMs lifted_at = 0; // lifted early by the business
  PersonId lifted_by = 0;
  bool operator==(const TicketingRestriction&) const = default;
};

PD_JSON_TYPE(TicketConduct, abusive, warning, paused_at, follow_up_by)
PD_JSON_TYPE(TicketingRestriction, at, by, until, reason, lifted_at, lifted_by)

} // namespace pd::domain
