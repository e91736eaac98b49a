// Identifiers, money and the status vocabularies of the domain.
#pragma once

#include "shared/core/json_type.hpp"
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace pd::domain {

// For a static_assert in the last branch of an if-constexpr chain over a variant's alternatives:
// false for every type, but only evaluated when that branch is instantiated.
template <class>
inline constexpr bool always_false = false;

using PersonId = std::int64_t;
using ProgramId = std::int64_t;
using CustomerId = std::int64_t;
using InvitationId = std::int64_t;
using Sequence = std::int64_t; // position of an event in the log
using TimeMs = std::int64_t;   // Unix milliseconds, always passed in, never read from a clock

// An agent's standing as a partner of the program (docs/requirements.md, Partner status:
// warning, suspension, removal, termination). Suspended and removed agents keep their referral earnings; terminated is final.
enum class PartnerStatus { unknown, active, suspended, removed, terminated };
NLOHMANN_JSON_SERIALIZE_ENUM(PartnerStatus, {{PartnerStatus::unknown, "unknown"},
                                             {PartnerStatus::active, "active"},
                                             {PartnerStatus::suspended, "suspended"},
                                             {PartnerStatus::removed, "removed"},
                                             {PartnerStatus::terminated, "terminated"}})

enum class SubscriptionStatus { unknown, trialing, active, past_due, cancelled };
NLOHMANN_JSON_SERIALIZE_ENUM(SubscriptionStatus, {{SubscriptionStatus::unknown, "unknown"},
                                                  {SubscriptionStatus::trialing, "trialing"},
                                                  {SubscriptionStatus::active, "active"},
                                                  {SubscriptionStatus::past_due, "past_due"},
                                                  {SubscriptionStatus::cancelled, "cancelled"}})

enum class InvitationStatus { unknown, pending, accepted, revoked };
NLOHMANN_JSON_SERIALIZE_ENUM(InvitationStatus, {{InvitationStatus::unknown, "unknown"},
                                                {InvitationStatus::pending, "pending"},
                                                {InvitationStatus::accepted, "accepted"},
                                                {InvitationStatus::revoked, "revoked"}})

// Integer minor units with an ISO 4217 code. Never floating point.
struct Money {
  std::int64_t minor = 0;
  std::string currency;
  bool operator==(const Money&) const = default;
};
PD_JSON_TYPE(Money, minor, currency)

const char* to_string(PartnerStatus s);
const char* to_string(SubscriptionStatus s);

} // namespace pd::domain
