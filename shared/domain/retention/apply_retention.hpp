// apply() for churn prevention and retention events (called by apply.cpp).
#pragma once

#include "shared/domain/apply.hpp"
#include "shared/domain/events.hpp"

namespace pd::domain::retention_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const RetentionSettingsChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const UsageRecorded& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const PaymentFailed& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CustomerSignedIn& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RetentionCaseOpened& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RetentionRequestRecorded& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RetentionReasonRecorded& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RetentionOfferMade& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RetentionOfferDecided& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RetentionCaseClosed& b);

// What other capabilities' events tell the churn signals: a successful payment (the failed
// payment signal ends) and a customer's account created (its first sign-in).
void track_signals(ProgramState& s, const Event& e);

} // namespace pd::domain::retention_apply
