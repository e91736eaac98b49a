// Commissions (issue 6; when support commission starts and stops: docs/requirements.md,
// Support commission): per currency, plans whose versions take effect from a date; the
// customers' payments and refunds; the append-only ledger of every agent, each line marked
// referral or support; payout batches; and what support commission needs to be computed: the
// spans of time during which an agent earned support commission for a customer, derived by
// apply() from the events that start and stop it. Built only by apply(); the rules live in
// decide_commission.cpp and the pure helpers below.
//
// The promise kept here: the two ledgers never cross. Referral lines are written only by
// payments and refunds, support lines only by closing a month; approval and payout move a
// line's state and never its amount. No support-side or certification event (assignment,
// reassignment, suspension, removal, revocation, failure, expiry) touches a referral line.
//
// Separation of duties on money: an adjustment larger than its currency's threshold waits for
// an owner or admin other than its author, and nobody approves a line they wrote (see
// may_approve_line below).
//
// Money is integer minor units; shares are basis points (1/100 of a percent). Months and days
// are UTC.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pd::domain {

struct Customer;
struct ProgramState;

using LineId = std::int64_t;
using PaymentId = std::int64_t;
using BatchId = std::int64_t;
using MonthIndex = std::int64_t; // year * 12 + (month - 1), UTC; 0 stands for "none"

inline constexpr int bps_whole = 10'000; // 100% in basis points

// Which ledger a line belongs to. The two never cross: a line of one side is never netted,
// changed or removed by anything that happens on the other.
enum class LedgerSide { referral, support };
NLOHMANN_JSON_SERIALIZE_ENUM(LedgerSide, {{LedgerSide::referral, "referral"}, {LedgerSide::support, "support"}})
enum class LineKind { accrual, reversal, adjustment, payout };
NLOHMANN_JSON_SERIALIZE_ENUM(LineKind, {{LineKind::accrual, "accrual"},
                                        {LineKind::reversal, "reversal"},
                                        {LineKind::adjustment, "adjustment"},
                                        {LineKind::payout, "payout"}})
enum class LineState { pending, approved, paid };
NLOHMANN_JSON_SERIALIZE_ENUM(LineState, {{LineState::pending, "pending"}, {LineState::approved, "approved"}, {LineState::paid, "paid"}})
// Support commission per assigned customer per month: none, a flat amount, or a share of the
// customer's monthly recurring revenue.
enum class SupportBasis { none, flat, mrr_share };
NLOHMANN_JSON_SERIALIZE_ENUM(SupportBasis, {{SupportBasis::none, "none"}, {SupportBasis::flat, "flat"}, {SupportBasis::mrr_share, "mrr_share"}})
enum class PaymentKind { payment, refund };
NLOHMANN_JSON_SERIALIZE_ENUM(PaymentKind, {{PaymentKind::payment, "payment"}, {PaymentKind::refund, "refund"}})

const char* label_of(LedgerSide s); // "Referral"
const char* label_of(LineKind k);   // "Accrual"
const char* label_of(LineState s);  // "Pending"

// One version of a currency's plan. It applies from effective_from (a UTC day) until the day
// the next version of the same currency takes effect. Versions take effect from the day they
// are saved or later, so a change never reaches back to days whose lines may be written.
struct CommissionPlan {
  std::string currency;
  std::string effective_from; // YYYY-MM-DD
  // Referral commission: shares of the referred customer's payments.
  int referral_first_bps = 0;        // one-off, on the customer's first payment
  int referral_recurring_bps = 0;    // on each payment while recurring commission runs
  int referral_recurring_months = 0; // from the customer's first payment; 0: the customer's lifetime
  // Support commission: per assigned customer per month, prorated by the days.
  SupportBasis support_basis = SupportBasis::none;
  std::int64_t support_flat_minor = 0; // flat: per customer per month
  int support_mrr_bps = 0;             // mrr_share: share of the customer's MRR per month
  // Pending lines are approved (by the scheduler) this many days after they are written.
  int hold_days = 30;
  PersonId saved_by = 0;
  TimeMs saved_at = 0;
  bool same_terms(const CommissionPlan& o) const;
  bool operator==(const CommissionPlan&) const = default;
};

// A customer's payment or refund, in the billing system's own id (unique per program).
struct Payment {
  PaymentId id = 0;
  std::string external_id;
  CustomerId customer_id = 0;
  PaymentKind kind = PaymentKind::payment;
  Money amount; // always positive
  TimeMs paid_at = 0;
  PaymentId refund_of = 0;         // refund: the payment given back
  std::int64_t refunded_minor = 0; // payment: how much of it was refunded so far
  PersonId recorded_by = 0;        // 0: the billing system (through the program's API key)
  TimeMs recorded_at = 0;
  bool operator==(const Payment&) const = default;
};

// One line of an agent's ledger. Lines are appended and never removed; their amount never
// changes. Only the state moves: pending -> approved -> paid.
struct LedgerLine {
  LineId id = 0;
  PersonId agent_id = 0;
  LedgerSide side = LedgerSide::referral;
  LineKind kind = LineKind::accrual;
  Money amount;         // signed: accruals positive, reversals negative, adjustments either, payouts negative
  LineState state = LineState::pending;
  CustomerId customer_id = 0;
  PaymentId payment_id = 0;    // referral: the payment (accrual) or the refund (reversal)
  std::int64_t basis_minor = 0; // referral: the payment's amount; support: the customer's MRR (share)
  LineId reverses = 0;          // reversal: the accrual it claws back
  std::string month;            // support accrual: "2026-01"
  int days = 0;                 // support accrual: days assigned and certified in that month
  std::string note;             // what the line is for; an adjustment's reason
  TimeMs at = 0;
  TimeMs approve_at = 0; // pending: approved by the scheduler from then on (0: an adjustment awaiting a second approval)
  TimeMs approved_at = 0;
  PersonId approved_by = 0; // 0: the scheduler
  BatchId batch_id = 0;     // paid, and payout lines: the payout batch
  TimeMs paid_at = 0;
  PersonId by = 0; // who wrote it (0: the system)
  Sequence version = 0;
  bool operator==(const LedgerLine&) const = default;
};

// A payout batch: the lines it paid and, per agent and side, the payout line recording the
// money that left.
struct PayoutBatch {
  BatchId id = 0;
  std::string reference; // the business's own reference (a bank transfer's, say)
  std::string currency;
  TimeMs at = 0;
  PersonId by = 0;
  std::vector<LineId> line_ids;
  std::vector<LineId> payout_line_ids;
  std::int64_t total_minor = 0;
  bool operator==(const PayoutBatch&) const = default;
};

// A key the business's billing system sends payments with (Authorization: Bearer pdk_...).
// The server makes the key and shows it once; the state keeps only its hash, which never
// leaves the server (the JSON codec leaves it out, like an invitation's token hash).
using ApiKeyId = std::int64_t;
inline constexpr std::size_t api_key_prefix_length = 12; // "pdk_" + the key's first 8 hex digits
struct ApiKey {
  ApiKeyId id = 0;
  std::string label;      // what it is for ("Stripe webhook")
  std::string key_prefix; // "pdk_3f9a0c1e": enough to tell keys apart, useless to call with
  std::string key_hash;   // BLAKE2b-256 of the whole key (hex); server only
  PersonId created_by = 0;
  TimeMs created_at = 0;
  TimeMs revoked_at = 0; // 0: in use
  PersonId revoked_by = 0;
  Sequence version = 0;
  bool in_use() const { return revoked_at == 0; }
  bool operator==(const ApiKey&) const = default;
};

// The size above which an adjustment in a currency waits for a second person (owners and admins
// set it; a currency never set uses default_adjustment_threshold_minor).
inline constexpr std::int64_t default_adjustment_threshold_minor = 500'00; // 500.00 in a two-decimal currency
struct AdjustmentThreshold {
  std::string currency;
  std::int64_t minor = default_adjustment_threshold_minor; // 0: every adjustment waits for a second person
  PersonId set_by = 0;
  TimeMs set_at = 0;
  bool operator==(const AdjustmentThreshold&) const = default;
};

// A stretch of time during which `agent_id` earned support commission for a customer (assigned,
// an active partner, Certified, the customer not cancelled) at the customer's MRR then. Spans of
// one customer never overlap. Derived by apply().
struct SupportSpan {
  PersonId agent_id = 0;
  TimeMs from = 0;
  TimeMs to = 0; // 0: still running
  Money mrr;
  bool operator==(const SupportSpan&) const = default;
};

// [from, to) with to 0 while it lasts.
struct Stretch {
  TimeMs from = 0;
  TimeMs to = 0;
  bool operator==(const Stretch&) const = default;
};

// Who referred customers: every person who joined the program as an agent, kept when it leaves
// the program (docs/requirements.md, Referral attribution: the referrer and the referral ledger
// are independent of membership and support status). Derived by apply() from the membership
// events; the one business decision that touches it is termination for fraud
// (docs/requirements.md, Partner status), which stops the referral commission of payments made
// from then on and never reaches back.
struct Referrer {
  PersonId person_id = 0;
  std::string name;
  std::string email;
  TimeMs joined_at = 0;
  TimeMs left_at = 0;             // removed from the program (0: still a member)
  TimeMs referral_stopped_at = 0; // termination for fraud: payments from then on earn no referral commission (0: never)
  PersonId referral_stopped_by = 0;
  std::string referral_stop_reason;
  bool referral_stopped() const { return referral_stopped_at != 0; }
  bool operator==(const Referrer&) const = default;
};

struct CommissionState {
  std::vector<CommissionPlan> plans; // ordered by currency, then effective_from
  std::map<PaymentId, Payment> payments;
  PaymentId next_payment_id = 1;
  std::map<LineId, LedgerLine> lines; // id order is the order they were written
  LineId next_line_id = 1;
  std::map<BatchId, PayoutBatch> batches;
  BatchId next_batch_id = 1;
  // Support commission's inputs, derived by apply(): who earned it for each customer when, and
  // when each customer's subscription was cancelled (recurring referral commission stops).
  std::map<CustomerId, std::vector<SupportSpan>> spans;
  std::map<CustomerId, std::vector<Stretch>> cancelled;
  MonthIndex next_close = 0; // the first month not closed yet; 0 until support commission is first tracked
  std::map<std::string, AdjustmentThreshold> adjustment_thresholds; // by currency; the business's replicas only
  std::map<PersonId, Referrer> referrers; // every agent the program ever had (an agent's replica: its own)

  // Indexes derived from the above (rebuilt by index()).
  std::map<std::string, PaymentId> payment_by_external;
  std::map<CustomerId, PaymentId> first_payment;             // the customer's first recorded payment
  std::map<PaymentId, LineId> referral_line_of;               // payment -> the referral accrual it produced
  std::map<LineId, std::vector<LineId>> reversals_of;         // accrual -> its reversals
  std::set<std::pair<TimeMs, LineId>> pending;                // pending lines by the time they are approved
  std::map<PersonId, int> open_spans;                         // agent -> how many of its support spans are open

  const CommissionPlan* plan_in_effect(const std::string& currency, std::int64_t day) const;
  const Payment* payment(PaymentId id) const;
  const Payment* payment_by_external_id(const std::string& external_id) const;
  const LedgerLine* line(LineId id) const;
  void index();
  // Keeps the derived indexes in step with a line (apply() calls it after every line change).
  void track_line(const LedgerLine& line, const LedgerLine* before);
  bool operator==(const CommissionState&) const = default;
};

// ---- Months and days (UTC) ---------------------------------------------------------------

std::int64_t day_of(TimeMs at); // days since 1970-01-01 (floor)
MonthIndex month_of(TimeMs at);
MonthIndex month_of_day(std::int64_t day);
TimeMs month_start(MonthIndex m);
int days_in(MonthIndex m);
std::string month_label(MonthIndex m);                           // "2028-02"
std::optional<MonthIndex> parse_month(const std::string& label); // strict YYYY-MM
std::int64_t day_of_date(const std::string& yyyy_mm_dd);         // -1 when not a date

// floor(a * b / c) without overflow (a, b, c >= 0, c > 0).
std::int64_t mul_div(std::int64_t a, std::int64_t b, std::int64_t c);

// ---- Pure rules shared by decide() and the views -------------------------------------------

// Whether payments in `currency` are accepted: a plan exists in it, or (before any plan) it is
// the program's currency.
bool currency_accepted(const CommissionState& c, const std::string& program_currency, const std::string& currency);
// Whether the customer's subscription was cancelled at `at` (recurring referral commission stops).
bool cancelled_at(const CommissionState& c, CustomerId customer, TimeMs at);

// Who earns support commission for the customer now (0: nobody): its assigned agent, while an
// active partner holding the support certification, and while the customer has not cancelled.
PersonId support_earner(const ProgramState& s, const Customer& customer);
// Who earns referral commission on a payment the customer made at `paid_at` (0: nobody): the
// referring agent, whether or not still a member, unless the business stopped its referral
// commission for fraud before `paid_at`. Suspension, removal of support access, removal from
// the program, termination, revocation of the certification and reassignment change nothing here.
PersonId referral_earner(const ProgramState& s, const Customer& customer, TimeMs paid_at);
// The person's referrer record (nullptr: never an agent of the program).
const Referrer* referrer(const CommissionState& c, PersonId person);
// Whether `person` may be named as a customer's referring agent: an agent of the program now, or
// one who was (a customer referred by an agent who left stays editable with its attribution).
bool may_refer(const ProgramState& s, PersonId person);

// The referral commission of a payment: the one-off share when it is the customer's first,
// plus the recurring share when the payment falls in the recurring window and the customer had
// not cancelled. `first_paid_at` is the customer's first payment (this one when first).
struct ReferralShare {
  std::int64_t minor = 0;
  bool one_off = false;
  bool recurring = false;
  bool operator==(const ReferralShare&) const = default;
};
ReferralShare referral_share(const CommissionPlan& plan, std::int64_t amount_minor, bool first, TimeMs first_paid_at, TimeMs paid_at,
                             bool cancelled);

// The support commission of one month, per agent and customer: the days the agent earned it
// (a day counts when the agent earned it at the day's last instant, so a handover day belongs
// to the agent who has the customer at its end), and the amount: the sum over those days of
// the monthly amount under the plan in effect that day, divided by the month's days (rounded
// half up). Spans still running count to the month's end, so for the current month this is
// the expected accrual.
struct SupportAccrual {
  PersonId agent_id = 0;
  CustomerId customer_id = 0;
  int days = 0;
  Money amount;
  std::int64_t mrr_minor = 0; // the customer's MRR at the last day counted
  bool operator==(const SupportAccrual&) const = default;
};
std::vector<SupportAccrual> support_accruals(const CommissionState& c, const std::string& program_currency, MonthIndex month);

// An agent's totals by state (payout lines are not counted: they record money leaving).
struct Balances {
  std::int64_t pending = 0;
  std::int64_t approved = 0;
  std::int64_t paid = 0;
  std::int64_t owed() const { return pending + approved; }
  bool operator==(const Balances&) const = default;
};
Balances balances(const CommissionState& c, PersonId agent, LedgerSide side, const std::string& currency);

// ---- Separation of duties on money ---------------------------------------------------------

// The threshold in effect for adjustments in `currency` (minor units).
std::int64_t adjustment_threshold(const CommissionState& c, const std::string& currency);
// Whether an adjustment of `amount` waits for a second person: its absolute amount is above
// the threshold of its currency (a threshold of 0: every adjustment). Otherwise the business
// member who writes it approves it at once.
bool adjustment_needs_second_approval(const CommissionState& c, const Money& amount);
// A line written pending for a second person: an adjustment not approved yet. The scheduler
// never approves it; only an owner or admin other than its author does.
bool awaits_second_approval(const LedgerLine& l);

// Whether `approver` may approve the line now, and if not why. Business staff approve pending
// lines, never one they wrote themselves (an adjustment, or the referral accrual or reversal of a
// payment or refund they entered); an adjustment awaiting a second approval is approved by an
// owner or admin only. ApproveCommissionLines and the commissions desk both ask this.
enum class LineApproval {
  allowed,
  not_business,         // not business staff of the program
  payout_line,          // payout lines are never approved
  already_approved,
  already_paid,
  own_line,             // the approver wrote it
  owner_or_admin_only,  // an adjustment awaiting a second approval, and the approver is staff
};
LineApproval may_approve_line(const ProgramState& s, PersonId approver, const LedgerLine& l);
// Why, in words the approver reads ("You added this adjustment: another owner or admin approves it.").
std::string line_approval_text(LineApproval a, const LedgerLine& l);

// JSON codecs.
PD_JSON_TYPE(CommissionPlan, currency, effective_from, referral_first_bps, referral_recurring_bps,
                                                referral_recurring_months, support_basis, support_flat_minor, support_mrr_bps, hold_days,
                                                saved_by, saved_at)
PD_JSON_TYPE(Payment, id, external_id, customer_id, kind, amount, paid_at, refund_of, refunded_minor,
                                                recorded_by, recorded_at)
PD_JSON_TYPE(LedgerLine, id, agent_id, side, kind, amount, state, customer_id, payment_id, basis_minor,
                                                reverses, month, days, note, at, approve_at, approved_at, approved_by, batch_id, paid_at, by,
                                                version)
PD_JSON_TYPE(PayoutBatch, id, reference, currency, at, by, line_ids, payout_line_ids, total_minor)
// Without key_hash: the wire form of a key never carries it.
PD_JSON_TYPE(ApiKey, id, label, key_prefix, created_by, created_at, revoked_at, revoked_by, version)
PD_JSON_TYPE(AdjustmentThreshold, currency, minor, set_by, set_at)
PD_JSON_TYPE(SupportSpan, agent_id, from, to, mrr)
PD_JSON_TYPE(Stretch, from, to)
PD_JSON_TYPE(Referrer, person_id, name, email, joined_at, left_at, referral_stopped_at, referral_stopped_by,
                                                referral_stop_reason)
void to_json(nlohmann::json& j, const CommissionState& c);
void from_json(const nlohmann::json& j, CommissionState& c);

} // namespace pd::domain
