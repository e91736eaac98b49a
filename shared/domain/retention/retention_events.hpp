// Events of churn prevention and retention (part of EventBody, see events.hpp).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/retention/retention.hpp"

namespace pd::domain {

struct RetentionSettingsChanged {
  static constexpr const char* type = "RetentionSettingsChanged";
  RetentionSettings settings;
  bool operator==(const RetentionSettingsChanged&) const = default;
};
struct UsageRecorded {
  static constexpr const char* type = "UsageRecorded";
  CustomerId customer_id = 0;
  UsagePoint usage;
  bool operator==(const UsageRecorded&) const = default;
};
struct PaymentFailed {
  static constexpr const char* type = "PaymentFailed";
  CustomerId customer_id = 0;
  PaymentFailure failure;
  bool operator==(const PaymentFailed&) const = default;
};
struct CustomerSignedIn {
  static constexpr const char* type = "CustomerSignedIn";
  CustomerId customer_id = 0;
  bool operator==(const CustomerSignedIn&) const = default;
};
// A case opened (by hand, by a request, by a ticket's trigger or routing rule, by the score).
struct RetentionCaseOpened {
  static constexpr const char* type = "RetentionCaseOpened";
  RetentionCase retention_case;
  bool operator==(const RetentionCaseOpened&) const = default;
};
// The open case's customer asked to cancel or downgrade.
struct RetentionRequestRecorded {
  static constexpr const char* type = "RetentionRequestRecorded";
  RetentionCaseId case_id = 0;
  PlanRequest request = PlanRequest::none;
  std::string note;
  bool operator==(const RetentionRequestRecorded&) const = default;
};
struct RetentionReasonRecorded {
  static constexpr const char* type = "RetentionReasonRecorded";
  RetentionCaseId case_id = 0;
  LeaveReason reason = LeaveReason::unknown;
  std::string understanding;
  bool operator==(const RetentionReasonRecorded&) const = default;
};
struct RetentionOfferMade {
  static constexpr const char* type = "RetentionOfferMade";
  RetentionCaseId case_id = 0;
  RetentionOffer offer;
  bool operator==(const RetentionOfferMade&) const = default;
};
// An approval or refusal (the offer as it stands after it), or the customer's answer.
struct RetentionOfferDecided {
  static constexpr const char* type = "RetentionOfferDecided";
  RetentionCaseId case_id = 0;
  int index = 0;
  RetentionOffer offer;
  bool operator==(const RetentionOfferDecided&) const = default;
};
struct RetentionCaseClosed {
  static constexpr const char* type = "RetentionCaseClosed";
  RetentionCaseId case_id = 0;
  CaseOutcome outcome = CaseOutcome::saved;
  std::int64_t mrr_retained_minor = 0;
  std::string exit_feedback;
  std::int64_t win_back_check_in = 0;
  bool operator==(const RetentionCaseClosed&) const = default;
};

PD_JSON_TYPE(RetentionSettingsChanged, settings)
PD_JSON_TYPE(UsageRecorded, customer_id, usage)
PD_JSON_TYPE(PaymentFailed, customer_id, failure)
PD_JSON_TYPE(CustomerSignedIn, customer_id)
PD_JSON_TYPE(RetentionCaseOpened, retention_case)
PD_JSON_TYPE(RetentionRequestRecorded, case_id, request, note)
PD_JSON_TYPE(RetentionReasonRecorded, case_id, reason, understanding)
PD_JSON_TYPE(RetentionOfferMade, case_id, offer)
PD_JSON_TYPE(RetentionOfferDecided, case_id, index, offer)
PD_JSON_TYPE(RetentionCaseClosed, case_id, outcome, mrr_retained_minor, exit_feedback, win_back_check_in)

} // namespace pd::domain
