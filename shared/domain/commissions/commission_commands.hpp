// Commands of commissions (part of Command, see commands.hpp).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/commissions/commission.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace pd::domain {

// Documented limits (docs/api.md).
inline constexpr std::size_t max_external_id = 100;      // the billing system's payment id (bytes)
inline constexpr std::size_t max_payout_reference = 100; // bytes
inline constexpr std::size_t max_commission_reason = 500;
inline constexpr std::size_t max_lines_per_command = 1000; // lines approved or paid by one command
inline constexpr int max_recurring_months = 240;
inline constexpr int max_hold_days = 365;
inline constexpr std::int64_t max_time_ms = 253'402'300'799'999; // 9999-12-31T23:59:59.999Z
inline constexpr std::int64_t max_clock_skew_ms = std::int64_t{5} * 60'000;       // a payment may be dated this far past the server's now
inline constexpr std::size_t max_api_key_label = 60;     // bytes
inline constexpr std::size_t max_api_keys_in_use = 20;   // unrevoked keys per program

// Business (owners and admins): save a version of a currency's plan, taking effect from a day
// (today or later). A version with the same currency and day is replaced.
struct SaveCommissionPlan {
  static constexpr const char* type = "SaveCommissionPlan";
  CommissionPlan plan; // saved_by and saved_at are set by decide()
  bool operator==(const SaveCommissionPlan&) const = default;
};

// Business staff, or the business's billing system (the server's API-key route sends it as the
// system actor): a customer's payment or refund. external_id is the billing system's own id; a
// repeat of the same payment changes nothing. paid_at 0: now. A refund names the payment it
// gives back by that payment's external id.
struct RecordPayment {
  static constexpr const char* type = "RecordPayment";
  std::string external_id;
  CustomerId customer_id = 0;
  PaymentKind kind = PaymentKind::payment;
  Money amount; // positive, minor units
  TimeMs paid_at = 0;
  std::string refund_of; // refund: the external id of the payment refunded
  bool operator==(const RecordPayment&) const = default;
};

// Business staff: a line of its own on an agent's ledger (either sign), with a reason. Approved at
// once up to the threshold of its currency; above it, written pending for an owner or admin
// other than its author (adjustment_needs_second_approval).
struct AdjustCommission {
  static constexpr const char* type = "AdjustCommission";
  PersonId agent_id = 0;
  LedgerSide side = LedgerSide::referral;
  Money amount; // non-zero; negative takes back
  std::string reason;
  CustomerId customer_id = 0; // optional: the customer it concerns
  bool operator==(const AdjustCommission&) const = default;
};

// Business staff: approve pending lines before their holding period ends (an accrual and its
// reversals are approved together). Never a line the approver wrote; an adjustment awaiting a
// second approval by an owner or admin only (may_approve_line).
struct ApproveCommissionLines {
  static constexpr const char* type = "ApproveCommissionLines";
  std::vector<LineId> line_ids;
  bool operator==(const ApproveCommissionLines&) const = default;
};

// Business (owners and admins): a payout batch marked paid with the business's reference.
// Every line must be approved; the approved reversals and negative adjustments of the same
// agents and sides come off the batch.
struct RecordPayout {
  static constexpr const char* type = "RecordPayout";
  std::string reference;
  std::string currency;
  std::vector<LineId> line_ids;
  bool operator==(const RecordPayout&) const = default;
};

// Owners and admins: the size above which an adjustment in a currency waits for a second person.
// 0: every adjustment does. Lines already written keep their state.
struct SetAdjustmentThreshold {
  static constexpr const char* type = "SetAdjustmentThreshold";
  Money threshold; // minor units >= 0, in a currency the program's commissions are in
  bool operator==(const SetAdjustmentThreshold&) const = default;
};

// Owners and admins: a key for the business's billing system to send payments with. The server
// makes the key (pdk_ + 64 hex digits) and answers it once; only its prefix and hash enter the
// command and the log.
struct CreateApiKey {
  static constexpr const char* type = "CreateApiKey";
  std::string label;      // 1-60 bytes
  std::string key_prefix; // set by the server, never read from a request
  std::string key_hash;   // set by the server, never read from a request
  bool operator==(const CreateApiKey&) const = default;
};

// Owners and admins: a key stops working at once; it stays listed as revoked.
struct RevokeApiKey {
  static constexpr const char* type = "RevokeApiKey";
  ApiKeyId key_id = 0;
  bool operator==(const RevokeApiKey&) const = default;
};

// Owners and admins, after terminating an agent for fraud: the one business decision that stops
// referral commission (docs/requirements.md, Referral attribution). Payments made from then on
// earn the agent none; lines already written stay. A choice of its own, confirmed apart from the
// termination (fraud_confirmed must be true), with the reason the agent sees on its statement.
struct StopReferralCommission {
  static constexpr const char* type = "StopReferralCommission";
  PersonId person_id = 0;
  std::string reason;
  bool fraud_confirmed = false;
  bool operator==(const StopReferralCommission&) const = default;
};

// T names a type, which cannot be parenthesised in a declaration.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define PD_COMMISSION_COMMAND_CODEC(T)                                                                                       \
  std::optional<core::Error> read_command(const nlohmann::json& data, T& command);                                           \
  nlohmann::json write_command(const T& command);
// NOLINTEND(bugprone-macro-parentheses)
PD_COMMISSION_COMMAND_CODEC(SaveCommissionPlan)
PD_COMMISSION_COMMAND_CODEC(RecordPayment)
PD_COMMISSION_COMMAND_CODEC(AdjustCommission)
PD_COMMISSION_COMMAND_CODEC(ApproveCommissionLines)
PD_COMMISSION_COMMAND_CODEC(RecordPayout)
PD_COMMISSION_COMMAND_CODEC(SetAdjustmentThreshold)
PD_COMMISSION_COMMAND_CODEC(CreateApiKey)
PD_COMMISSION_COMMAND_CODEC(RevokeApiKey)
PD_COMMISSION_COMMAND_CODEC(StopReferralCommission)
#undef PD_COMMISSION_COMMAND_CODEC

} // namespace pd::domain
