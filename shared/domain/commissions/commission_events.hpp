// Events of commissions (part of EventBody, see events.hpp). Every ledger line arrives whole in
// the event that writes it (ids chosen by decide()); later events only move lines through their
// states. Approvals and payouts are one event per agent, so an agent's feed holds only its own
// lines.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/commissions/commission.hpp"

namespace pd::domain {

struct CommissionPlanSaved {
  static constexpr const char* type = "CommissionPlanSaved";
  CommissionPlan plan;
  bool operator==(const CommissionPlanSaved&) const = default;
};
struct PaymentRecorded { // business only
  static constexpr const char* type = "PaymentRecorded";
  Payment payment; // id assigned by decide()
  bool operator==(const PaymentRecorded&) const = default;
};
// Referral side: written only by payments and refunds.
struct ReferralCommissionAccrued {
  static constexpr const char* type = "ReferralCommissionAccrued";
  LedgerLine line;
  bool operator==(const ReferralCommissionAccrued&) const = default;
};
struct ReferralCommissionReversed {
  static constexpr const char* type = "ReferralCommissionReversed";
  LedgerLine line; // negative; line.reverses names the accrual clawed back
  bool operator==(const ReferralCommissionReversed&) const = default;
};
// Support side: written only when the scheduler closes a month.
struct SupportCommissionAccrued {
  static constexpr const char* type = "SupportCommissionAccrued";
  LedgerLine line;
  bool operator==(const SupportCommissionAccrued&) const = default;
};
struct SupportMonthClosed {
  static constexpr const char* type = "SupportMonthClosed";
  std::string month; // "2026-01": its support lines were written just before
  bool operator==(const SupportMonthClosed&) const = default;
};
// An adjustment: approved at once, or pending for a second person when above the threshold.
struct CommissionAdjusted {
  static constexpr const char* type = "CommissionAdjusted";
  LedgerLine line;
  bool operator==(const CommissionAdjusted&) const = default;
};
// The size above which adjustments in a currency wait for a second person (business only).
struct AdjustmentThresholdSet {
  static constexpr const char* type = "AdjustmentThresholdSet";
  Money threshold;
  bool operator==(const AdjustmentThresholdSet&) const = default;
};
// Pending lines of one agent approved (actor 0: the holding period passed).
struct CommissionLinesApproved {
  static constexpr const char* type = "CommissionLinesApproved";
  PersonId agent_id = 0;
  std::vector<LineId> line_ids;
  std::string note;
  bool operator==(const CommissionLinesApproved&) const = default;
};
// One agent's part of a payout batch: the lines paid and a payout line per side.
struct PayoutRecorded {
  static constexpr const char* type = "PayoutRecorded";
  BatchId batch_id = 0;
  std::string reference;
  std::string currency;
  PersonId agent_id = 0;
  std::vector<LineId> line_ids;
  std::vector<LedgerLine> payouts;
  bool operator==(const PayoutRecorded&) const = default;
};

// Termination for fraud: the agent's referral commission stops for payments made from the
// event's time on (its lines written before stay). The business and the agent see it.
struct ReferralCommissionStopped {
  static constexpr const char* type = "ReferralCommissionStopped";
  PersonId person_id = 0;
  std::string reason;
  bool operator==(const ReferralCommissionStopped&) const = default;
};

// The billing system's API keys (business only). key_hash is kept in the log and never sent to
// a browser (body_to_json without secrets drops it).
struct ApiKeyCreated {
  static constexpr const char* type = "ApiKeyCreated";
  ApiKeyId key_id = 0;
  std::string label;
  std::string key_prefix;
  std::string key_hash;
  bool operator==(const ApiKeyCreated&) const = default;
};
struct ApiKeyRevoked {
  static constexpr const char* type = "ApiKeyRevoked";
  ApiKeyId key_id = 0;
  bool operator==(const ApiKeyRevoked&) const = default;
};

PD_JSON_TYPE(CommissionPlanSaved, plan)
PD_JSON_TYPE(PaymentRecorded, payment)
PD_JSON_TYPE(ReferralCommissionAccrued, line)
PD_JSON_TYPE(ReferralCommissionReversed, line)
PD_JSON_TYPE(SupportCommissionAccrued, line)
PD_JSON_TYPE(SupportMonthClosed, month)
PD_JSON_TYPE(CommissionAdjusted, line)
PD_JSON_TYPE(AdjustmentThresholdSet, threshold)
PD_JSON_TYPE(CommissionLinesApproved, agent_id, line_ids, note)
PD_JSON_TYPE(PayoutRecorded, batch_id, reference, currency, agent_id, line_ids, payouts)
PD_JSON_TYPE(ApiKeyCreated, key_id, label, key_prefix, key_hash)
PD_JSON_TYPE(ApiKeyRevoked, key_id)
PD_JSON_TYPE(ReferralCommissionStopped, person_id, reason)

} // namespace pd::domain
