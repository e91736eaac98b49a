// Churn prevention and retention (seed 002 section 7): the records behind a customer's
// churn-risk signals (usage figures and failed payments from the billing system, the last
// sign-in), the business's competitor list, and the retention cases with their reason, offers
// and outcome. Plain data with its JSON codecs and the seed's two tables (responses by reason,
// offers by MRR band); the score is in churn.hpp, the rules of the cases in decide_retention.cpp.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pd::domain {

using RetentionCaseId = std::int64_t;

// A usage figure the billing system (or an API client) reports for a customer and a month.
struct UsagePoint {
  std::string month;   // YYYY-MM
  std::int64_t units = 0;
  TimeMs recorded_at = 0;
  bool operator==(const UsagePoint&) const = default;
};
// A payment the billing system could not collect.
struct PaymentFailure {
  std::string external_id;
  Money amount;
  std::string reason;
  TimeMs failed_at = 0;
  bool operator==(const PaymentFailure&) const = default;
};
// What the churn signals read of one customer beyond its tickets and cases.
struct CustomerSignals {
  std::vector<UsagePoint> usage;         // by month, the latest max_usage_months
  std::vector<PaymentFailure> failures;  // oldest first, the latest max_payment_failures
  TimeMs last_paid_at = 0;               // the latest successful payment (RecordPayment)
  TimeMs last_sign_in = 0;               // the customer's latest sign-in (0: never)
  bool operator==(const CustomerSignals&) const = default;
};
inline constexpr std::size_t max_usage_months = 24;
inline constexpr std::size_t max_payment_failures = 12;

// Why a customer wants to leave (step 1 of the playbook).
enum class LeaveReason { unknown, price, missing_feature, bad_experience, competitor, business_change };
NLOHMANN_JSON_SERIALIZE_ENUM(LeaveReason, {{LeaveReason::unknown, "unknown"},
                                           {LeaveReason::price, "price"},
                                           {LeaveReason::missing_feature, "missing_feature"},
                                           {LeaveReason::bad_experience, "bad_experience"},
                                           {LeaveReason::competitor, "competitor"},
                                           {LeaveReason::business_change, "business_change"}})
// What started a case.
enum class CaseTrigger { by_hand, cancel_question, routing_rule, score, cancellation_request, downgrade_request };
NLOHMANN_JSON_SERIALIZE_ENUM(CaseTrigger, {{CaseTrigger::by_hand, "by_hand"},
                                           {CaseTrigger::cancel_question, "cancel_question"},
                                           {CaseTrigger::routing_rule, "routing_rule"},
                                           {CaseTrigger::score, "score"},
                                           {CaseTrigger::cancellation_request, "cancellation_request"},
                                           {CaseTrigger::downgrade_request, "downgrade_request"}})
// What the customer asked for: to cancel, to downgrade, or nothing yet (a case opened on a
// signal or by hand).
enum class PlanRequest { none, cancel, downgrade };
NLOHMANN_JSON_SERIALIZE_ENUM(PlanRequest, {{PlanRequest::none, "none"}, {PlanRequest::cancel, "cancel"}, {PlanRequest::downgrade, "downgrade"}})

// An offer (step 3): free months, a discount for some months, a pause, or the larger offers of
// the upper MRR bands.
enum class OfferKind { months_free, discount, pause, custom_plan, executive_call, custom_contract, dedicated_support };
NLOHMANN_JSON_SERIALIZE_ENUM(OfferKind, {{OfferKind::months_free, "months_free"},
                                         {OfferKind::discount, "discount"},
                                         {OfferKind::pause, "pause"},
                                         {OfferKind::custom_plan, "custom_plan"},
                                         {OfferKind::executive_call, "executive_call"},
                                         {OfferKind::custom_contract, "custom_contract"},
                                         {OfferKind::dedicated_support, "dedicated_support"}})
// pending_approval: beyond the maker's authority, waiting for an owner or admin; made: shown to
// the customer; then accepted or declined by the customer, or refused by the approver.
enum class OfferStatus { pending_approval, made, accepted, declined, refused };
NLOHMANN_JSON_SERIALIZE_ENUM(OfferStatus, {{OfferStatus::pending_approval, "pending_approval"},
                                           {OfferStatus::made, "made"},
                                           {OfferStatus::accepted, "accepted"},
                                           {OfferStatus::declined, "declined"},
                                           {OfferStatus::refused, "refused"}})
enum class CaseOutcome { open, saved, paused, downgraded, lost };
NLOHMANN_JSON_SERIALIZE_ENUM(CaseOutcome, {{CaseOutcome::open, "open"},
                                           {CaseOutcome::saved, "saved"},
                                           {CaseOutcome::paused, "paused"},
                                           {CaseOutcome::downgraded, "downgraded"},
                                           {CaseOutcome::lost, "lost"}})

struct RetentionOffer {
  OfferKind kind = OfferKind::months_free;
  int months = 0;            // months_free: free months; discount: months discounted; pause: months paused
  int percent = 0;           // discount: percent off
  std::string note;          // what was offered, in the maker's words (custom plans and contracts)
  PersonId made_by = 0;
  TimeMs made_at = 0;
  bool within_authority = true; // inside the MRR band's maximum (offer_within_band)
  OfferStatus status = OfferStatus::made;
  PersonId decided_by = 0;   // the approver, or the customer who answered
  TimeMs decided_at = 0;
  bool operator==(const RetentionOffer&) const = default;
};

struct RetentionCase {
  RetentionCaseId id = 0;
  CustomerId customer_id = 0;
  CaseTrigger trigger = CaseTrigger::by_hand;
  PlanRequest request = PlanRequest::none;
  std::int64_t ticket_id = 0;   // the ticket that started it (0: none)
  int score_at_open = 0;        // the churn score when it opened
  std::string note;             // the trigger's words (the customer's request, the phrase)
  PersonId opened_by = 0;
  TimeMs opened_at = 0;
  LeaveReason reason = LeaveReason::unknown; // step 1
  std::string understanding;    // what would need to change, in the customer's words
  std::vector<RetentionOffer> offers;        // step 3, in the order made
  CaseOutcome outcome = CaseOutcome::open;   // step 4
  std::int64_t mrr_retained_minor = 0;       // the monthly revenue kept (saved, paused, downgraded)
  std::string exit_feedback;
  std::int64_t win_back_check_in = 0;        // the reminder 90 days after a loss (0: none)
  PersonId closed_by = 0;
  TimeMs closed_at = 0;
  bool operator==(const RetentionCase&) const = default;
};

// What the churn signals read of a customer's tickets (derived by ProgramState::track_ticket from
// each ticket's metric facts): tickets that turned negative and tickets that named a
// competitor, each with when it first did, and the latest ticket opened.
struct ChurnTicketFacts {
  std::vector<std::pair<std::int64_t, TimeMs>> negative;   // (ticket, first negative message or rating 1-2)
  std::vector<std::pair<std::int64_t, TimeMs>> competitor; // (ticket, first customer message naming a competitor)
  TimeMs last_opened = 0;
  bool operator==(const ChurnTicketFacts&) const = default;
};

struct RetentionSettings {
  std::vector<std::string> competitors; // names the customers may mention (the +20 signal)
  bool operator==(const RetentionSettings&) const = default;
};
inline constexpr std::size_t max_competitors = 50;
inline constexpr std::size_t max_competitor_name = 60;
inline constexpr std::size_t max_case_offers = 10; // offers per case
inline constexpr std::int64_t win_back_days = 90;

struct RetentionState {
  RetentionSettings settings;
  std::map<CustomerId, CustomerSignals> signals;
  std::map<RetentionCaseId, RetentionCase> cases;
  RetentionCaseId next_case_id = 1;
  const RetentionCase* open_case_of(CustomerId c) const; // the customer's open case (nullptr: none)
  bool operator==(const RetentionState&) const = default;
};

// The seed's table of responses by reason (step 2), for the case page.
struct ReasonResponse {
  LeaveReason reason;
  const char* label;    // "Price"
  const char* response; // "Offer annual discount, downgrade path, or usage-based pricing"
};
const std::array<ReasonResponse, 5>& reason_responses();
const char* reason_label(LeaveReason r); // "Price", ..., "Not known yet"

// The seed's table of offers by MRR band (step 3). MRR in the program's currency: the bands are
// whole units (100, 500, 2000) of it.
struct OfferBand {
  std::int64_t from_minor;     // inclusive
  const char* label;           // "Under 100"
  const char* max_offer;       // "1 month free, 20% off 3 months"
  int max_free_months;
  int max_percent;
  int max_discount_months;
  bool custom_plan;            // 500-2000 and above
  bool executive;              // 2000 and above: executive call, custom contract, dedicated support
};
const std::array<OfferBand, 4>& offer_bands();
const OfferBand& offer_band(std::int64_t mrr_minor);
// Whether the offer is inside the band's maximum; a pause of up to 3 months is always inside.
bool offer_within_band(const RetentionOffer& o, std::int64_t mrr_minor);
std::string offer_text(const RetentionOffer& o); // "2 months free", "30% off for 6 months", ...
const char* outcome_label(CaseOutcome o);
const char* trigger_label(CaseTrigger t);
inline constexpr int max_pause_months = 3;

PD_JSON_TYPE(UsagePoint, month, units, recorded_at)
PD_JSON_TYPE(PaymentFailure, external_id, amount, reason, failed_at)
PD_JSON_TYPE(CustomerSignals, usage, failures, last_paid_at, last_sign_in)
PD_JSON_TYPE(RetentionOffer, kind, months, percent, note, made_by, made_at, within_authority, status, decided_by,
                                                decided_at)
PD_JSON_TYPE(RetentionCase, id, customer_id, trigger, request, ticket_id, score_at_open, note, opened_by, opened_at,
                                                reason, understanding, offers, outcome, mrr_retained_minor, exit_feedback, win_back_check_in,
                                                closed_by, closed_at)
PD_JSON_TYPE(RetentionSettings, competitors)
void to_json(nlohmann::json& j, const RetentionState& s);
void from_json(const nlohmann::json& j, RetentionState& s);

} // namespace pd::domain
