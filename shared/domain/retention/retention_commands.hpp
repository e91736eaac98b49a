// The commands of churn prevention and retention (part of Command, see commands.hpp).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/retention/retention.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace pd::domain {

inline constexpr std::size_t max_retention_text = 2000;

// Owners and admins: the competitor list (the whole settings).
struct ChangeRetentionSettings {
  static constexpr const char* type = "ChangeRetentionSettings";
  RetentionSettings settings;
  bool operator==(const ChangeRetentionSettings&) const = default;
};
// The billing system (or business staff): a customer's usage figure for a month; the same month
// again replaces it.
struct RecordUsage {
  static constexpr const char* type = "RecordUsage";
  CustomerId customer_id = 0;
  std::string month; // YYYY-MM
  std::int64_t units = 0;
  bool operator==(const RecordUsage&) const = default;
};
// The billing system (or business staff): a payment that could not be collected.
struct RecordPaymentFailure {
  static constexpr const char* type = "RecordPaymentFailure";
  CustomerId customer_id = 0;
  std::string external_id;
  Money amount;
  std::string reason;
  TimeMs failed_at = 0; // 0: now
  bool operator==(const RecordPaymentFailure&) const = default;
};
// Sent by the server when a customer signs in (at most one event a day).
struct RecordSignIn {
  static constexpr const char* type = "RecordSignIn";
  bool operator==(const RecordSignIn&) const = default;
};
// A customer asks to cancel or downgrade: a retention case opens (or the open one records it).
struct RequestPlanChange {
  static constexpr const char* type = "RequestPlanChange";
  PlanRequest request = PlanRequest::cancel;
  std::string note;
  bool operator==(const RequestPlanChange&) const = default;
};
// Business staff, or the customer's agent: a retention case opened by hand.
struct OpenRetentionCase {
  static constexpr const char* type = "OpenRetentionCase";
  CustomerId customer_id = 0;
  PlanRequest request = PlanRequest::none;
  std::string note;
  bool operator==(const OpenRetentionCase&) const = default;
};
// Step 1: why the customer wants to leave, and what would need to change.
struct RecordRetentionReason {
  static constexpr const char* type = "RecordRetentionReason";
  RetentionCaseId case_id = 0;
  LeaveReason reason = LeaveReason::unknown;
  std::string understanding;
  bool operator==(const RecordRetentionReason&) const = default;
};
// Step 3: an offer; beyond the MRR band's maximum it waits for an owner or admin.
struct MakeRetentionOffer {
  static constexpr const char* type = "MakeRetentionOffer";
  RetentionCaseId case_id = 0;
  OfferKind kind = OfferKind::months_free;
  int months = 0;
  int percent = 0;
  std::string note;
  bool operator==(const MakeRetentionOffer&) const = default;
};
// Owners and admins: approve or refuse an offer beyond the band.
struct DecideRetentionOffer {
  static constexpr const char* type = "DecideRetentionOffer";
  RetentionCaseId case_id = 0;
  int offer = 0; // its index in the case's offers
  bool approve = false;
  bool operator==(const DecideRetentionOffer&) const = default;
};
// The customer accepts (the case is saved, or paused for a pause) or declines an offer made.
struct AnswerRetentionOffer {
  static constexpr const char* type = "AnswerRetentionOffer";
  RetentionCaseId case_id = 0;
  int offer = 0;
  bool accept = false;
  bool operator==(const AnswerRetentionOffer&) const = default;
};
// Step 4 and the outcome: saved, paused, downgraded (with the MRR kept) or lost (exit feedback,
// and a win-back reminder in 90 days when asked).
struct CloseRetentionCase {
  static constexpr const char* type = "CloseRetentionCase";
  RetentionCaseId case_id = 0;
  CaseOutcome outcome = CaseOutcome::saved;
  std::optional<std::int64_t> mrr_retained_minor; // default: the customer's MRR (saved, paused), required for downgraded
  std::string exit_feedback;
  bool win_back = true;
  bool operator==(const CloseRetentionCase&) const = default;
};
// The business or the customer's agent: proactive outreach to a customer (seed 002 section 7,
// Monitor and At Risk): a ticket that the desk opens with its own message, written from the
// program's at-risk template (retention/outreach.hpp), waiting on the customer's answer.
struct ReachOut {
  static constexpr const char* type = "ReachOut";
  CustomerId customer_id = 0;
  std::string subject;
  std::string text;
  std::int64_t template_id = 0; // written from this template: refused while its placeholders remain
  bool operator==(const ReachOut&) const = default;
};

// NOLINTBEGIN(bugprone-macro-parentheses)
#define PD_RETENTION_COMMAND_CODEC(T)                                                                                        \
  std::optional<core::Error> read_command(const nlohmann::json& data, T& command);                                           \
  nlohmann::json write_command(const T& command);
// NOLINTEND(bugprone-macro-parentheses)
PD_RETENTION_COMMAND_CODEC(ChangeRetentionSettings)
PD_RETENTION_COMMAND_CODEC(ReachOut)
PD_RETENTION_COMMAND_CODEC(RecordUsage)
PD_RETENTION_COMMAND_CODEC(RecordPaymentFailure)
PD_RETENTION_COMMAND_CODEC(RecordSignIn)
PD_RETENTION_COMMAND_CODEC(RequestPlanChange)
PD_RETENTION_COMMAND_CODEC(OpenRetentionCase)
PD_RETENTION_COMMAND_CODEC(RecordRetentionReason)
PD_RETENTION_COMMAND_CODEC(MakeRetentionOffer)
PD_RETENTION_COMMAND_CODEC(DecideRetentionOffer)
PD_RETENTION_COMMAND_CODEC(AnswerRetentionOffer)
PD_RETENTION_COMMAND_CODEC(CloseRetentionCase)
#undef PD_RETENTION_COMMAND_CODEC

} // namespace pd::domain
