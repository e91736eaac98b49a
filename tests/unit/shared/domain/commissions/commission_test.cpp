// Commissions, with explicit timestamps: plans taking effect from a date, payments and refunds,
// the referral and support ledgers (accrual, reversal, adjustment, payout; pending, approved,
// paid), support commission prorated by the days assigned and Certified (month ends, leap
// years), every row of the table in docs/requirements.md, Support commission, bad input, what
// each reader sees, the wire forms, and the property that support-side and certification events
// never touch a referral line while support lines match a day-by-day recomputation.
#include "../program_fixture.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/commissions/commission_reports.hpp"
#include "shared/domain/commissions/decide_commission.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>
#include <set>
#include <tuple>

namespace test_unit_shared_domain_commissions_commission { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;

namespace {

constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, theo = 5, jordan = 6, nia = 7;
using S = CertificationStatus;

TimeMs at(int y, int m, int d, int hours = 0, int minutes = 0) {
  return pd::core::days_from_civil(pd::core::Date{y, m, d}) * day_ms + hours * hour_ms + minutes * minute_ms;
}


// The scheduler's tick (RunTimers runs the commission timers too).
// The scheduler's pass: what it records now (the weekly reports it writes are applied, not returned).
std::vector<EventBody> timers(Given& g, TimeMs now) {
  auto events = run(g, RunTimers{}, support_rules::system_actor, now);
  std::erase_if(events, [](const EventBody& e) { return std::holds_alternative<WeeklyReportWritten>(e); });
  return events;
}

// A refused command: the error, and the state exactly as it was.
// decide() takes the state by const reference, so a refusal cannot change it here; that a
// refused command appends no event and leaves the version as it was is checked after the
// route (tests/server/command_refusal_test.cpp).
pd::core::Error refused(Given& g, const Command& c, PersonId who, TimeMs now) {
  auto r = decide(g.state, c, actor(who), now);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

template <class T>
int count_of(const std::vector<EventBody>& events) {
  return static_cast<int>(std::count_if(events.begin(), events.end(), [](const EventBody& e) { return std::holds_alternative<T>(e); }));
}
template <class T>
const T* first(const std::vector<EventBody>& events) {
  for (const auto& e : events)
    if (auto p = std::get_if<T>(&e)) return p;
  return nullptr;
}

CommissionPlan plan(const char* from, SupportBasis basis = SupportBasis::flat, std::int64_t flat = 3100, int mrr_bps = 0) {
  CommissionPlan p;
  p.currency = "USD";
  p.effective_from = from;
  p.support_basis = basis;
  p.support_flat_minor = basis == SupportBasis::flat ? flat : 0;
  p.support_mrr_bps = basis == SupportBasis::mrr_share ? mrr_bps : 0;
  return p;
}
CommissionPlan referral_plan(const char* from, int first_bps, int recurring_bps, int months = 0, int hold_days = 30) {
  CommissionPlan p = plan(from, SupportBasis::flat, 3000);
  p.referral_first_bps = first_bps;
  p.referral_recurring_bps = recurring_bps;
  p.referral_recurring_months = months;
  p.hold_days = hold_days;
  return p;
}
void save(Given& g, const CommissionPlan& p, TimeMs now) { run(g, SaveCommissionPlan{p}, owner, now); }

RecordPayment payment(std::string id, CustomerId c, std::int64_t minor, TimeMs paid_at = 0) {
  return RecordPayment{std::move(id), c, PaymentKind::payment, Money{minor, "USD"}, paid_at, {}};
}
RecordPayment refund(std::string id, CustomerId c, std::int64_t minor, std::string of) {
  return RecordPayment{std::move(id), c, PaymentKind::refund, Money{minor, "USD"}, 0, std::move(of)};
}

UpdateCustomer with_subscription(const ProgramState& s, CustomerId c, SubscriptionStatus status) {
  auto cust = s.customer(c);
  REQUIRE(cust);
  auto p = cust->profile;
  p.subscription = status;
  return UpdateCustomer{c, p, cust->version};
}
UpdateCustomer with_mrr(const ProgramState& s, CustomerId c, std::int64_t mrr) {
  auto cust = s.customer(c);
  REQUIRE(cust);
  auto p = cust->profile;
  p.mrr.minor = mrr;
  return UpdateCustomer{c, p, cust->version};
}

std::vector<LedgerLine> ledger(const ProgramState& s, LedgerSide side, PersonId agent = 0) {
  std::vector<LedgerLine> out;
  for (const auto& [id, l] : s.commissions.lines)
    if (l.side == side && (agent == 0 || l.agent_id == agent)) out.push_back(l);
  return out;
}
std::vector<LedgerLine> referral_lines(const ProgramState& s) { return ledger(s, LedgerSide::referral); }

const LedgerLine* support_line(const ProgramState& s, PersonId agent, CustomerId c, const std::string& month) {
  for (const auto& [id, l] : s.commissions.lines)
    if (l.side == LedgerSide::support && l.kind == LineKind::accrual && l.agent_id == agent && l.customer_id == c && l.month == month) return &l;
  return nullptr;
}
// The amount of a support line, 0 when there is none.
std::int64_t support(const ProgramState& s, PersonId agent, CustomerId c, const std::string& month) {
  auto l = support_line(s, agent, c, month);
  return l ? l->amount.minor : 0;
}
int days(const ProgramState& s, PersonId agent, CustomerId c, const std::string& month) {
  auto l = support_line(s, agent, c, month);
  return l ? l->days : 0;
}

const LedgerLine& referral_line_of(const ProgramState& s, const std::string& external_id) {
  auto p = s.commissions.payment_by_external_id(external_id);
  REQUIRE(p);
  auto it = s.commissions.referral_line_of.find(p->id);
  REQUIRE(it != s.commissions.referral_line_of.end());
  return s.commissions.lines.at(it->second);
}
bool earns_referral(const ProgramState& s, const std::string& external_id) {
  auto p = s.commissions.payment_by_external_id(external_id);
  return p && s.commissions.referral_line_of.count(p->id);
}

// ---- Proration -----------------------------------------------------------------------------

TEST_CASE("support commission is prorated by the days assigned in the month, across month ends") {
  auto g = acme(); // customer 1 with Ava and 2 with Theo since 2026-01-01; 3 in the business queue
  save(g, plan("2026-01-01", SupportBasis::flat, 3100), t0);
  run(g, AssignCustomer{3, ava}, staff, at(2026, 1, 20, 15)); // from Jan 20 on
  CHECK_FALSE(commission_rules::timers_due(g.state, at(2026, 2, 1) - 1));
  CHECK(commission_rules::timers_due(g.state, at(2026, 2, 1))); // the first instant of the next month
  auto jan = timers(g, at(2026, 2, 1));
  CHECK(count_of<SupportCommissionAccrued>(jan) == 3);
  REQUIRE(first<SupportMonthClosed>(jan));
  CHECK(first<SupportMonthClosed>(jan)->month == "2026-01");
  CHECK(support(g.state, ava, 1, "2026-01") == 3100); // the whole month
  CHECK(days(g.state, ava, 1, "2026-01") == 31);
  CHECK(support(g.state, theo, 2, "2026-01") == 3100);
  CHECK(support(g.state, ava, 3, "2026-01") == 1200); // 12 of 31 days: Jan 20-31
  CHECK(days(g.state, ava, 3, "2026-01") == 12);
  REQUIRE(support_line(g.state, ava, 3, "2026-01"));
  const auto& l = *support_line(g.state, ava, 3, "2026-01");
  CHECK(l.state == LineState::pending);
  CHECK(l.approve_at == at(2026, 2, 1) + 30 * day_ms);
  CHECK(l.note == "Support in 2026-01: 12 of 31 days");

  run(g, AssignCustomer{3, 0}, staff, at(2026, 2, 15, 10)); // moved to internal support
  CHECK(timers(g, at(2026, 2, 15, 11)).empty());
  timers(g, at(2026, 3, 1));
  CHECK(support(g.state, ava, 1, "2026-02") == 3100);
  CHECK(days(g.state, ava, 1, "2026-02") == 28);
  CHECK(support(g.state, ava, 3, "2026-02") == 1550); // 14 of 28 days
  CHECK(days(g.state, ava, 3, "2026-02") == 14);
  CHECK(support(g.state, ava, 3, "2026-03") == 0);
  // Spans already turned into lines are dropped; the open ones stay.
  CHECK(g.state.commissions.spans.count(3) == 0);
  CHECK(g.state.commissions.spans.at(1).size() == 1);
  CHECK(g.state.commissions.next_close == month_of(at(2026, 3, 1)));
}

TEST_CASE("February 2028 has 29 days: a leap-year month is prorated over 29") {
  auto g = acme();
  save(g, plan("2028-02-01", SupportBasis::flat, 2900), at(2028, 1, 10));
  run(g, AssignCustomer{3, ava}, staff, at(2028, 2, 15, 9)); // Feb 15-29: 15 days
  run(g, AssignCustomer{2, 0}, staff, at(2028, 2, 29, 12));  // Feb 1-28: the 29th ends with internal support
  auto events = timers(g, at(2028, 3, 1));
  CHECK(count_of<SupportMonthClosed>(events) == 26); // every month since January 2026, in one catch-up
  CHECK(count_of<SupportCommissionAccrued>(events) == 3);
  CHECK(support(g.state, ava, 1, "2028-02") == 2900);
  CHECK(days(g.state, ava, 1, "2028-02") == 29);
  CHECK(support(g.state, ava, 3, "2028-02") == 1500); // 2900 x 15 / 29
  CHECK(days(g.state, ava, 3, "2028-02") == 15);
  CHECK(support(g.state, theo, 2, "2028-02") == 2800); // 2900 x 28 / 29
  CHECK(support(g.state, ava, 1, "2028-01") == 0);     // no plan yet
  // Proration across the end of the leap month into March.
  timers(g, at(2028, 4, 1));
  CHECK(support(g.state, ava, 3, "2028-03") == 2900);
  CHECK(days(g.state, ava, 3, "2028-03") == 31);
}

TEST_CASE("a share of MRR is prorated and follows the customer's MRR day by day, rounded half up") {
  auto g = acme();
  save(g, plan("2026-01-01", SupportBasis::mrr_share, 0, 1000), t0); // 10% of MRR per month
  run(g, with_mrr(g.state, 1, 9900), staff, at(2026, 1, 11, 12));   // 49.00 for Jan 1-10, 99.00 from Jan 11
  run(g, AssignCustomer{3, ava}, staff, at(2026, 1, 17, 8));         // 15 days of 31
  timers(g, at(2026, 2, 1));
  CHECK(support(g.state, ava, 3, "2026-01") == 237); // 490 x 15 / 31 = 237.10
  CHECK(support(g.state, ava, 1, "2026-01") == 829); // (490 x 10 + 990 x 21) / 31 = 828.71
  CHECK(support_line(g.state, ava, 1, "2026-01")->basis_minor == 9900);
  CHECK(support(g.state, theo, 2, "2026-01") == 490);
}

TEST_CASE("the day an agent is assigned counts; a handover day belongs to the agent who has the customer at its end") {
  auto g = acme();
  save(g, plan("2026-01-01", SupportBasis::flat, 3100), t0);
  run(g, AssignCustomer{3, ava}, staff, at(2026, 1, 10));        // at midnight: Jan 10 counts
  run(g, AssignCustomer{3, theo}, staff, at(2026, 1, 20, 23, 59)); // Jan 20 is Theo's
  run(g, AssignCustomer{2, ava}, staff, at(2026, 1, 31, 6));      // Jan 31 is Ava's
  timers(g, at(2026, 2, 1));
  CHECK(days(g.state, ava, 3, "2026-01") == 10); // Jan 10-19
  CHECK(days(g.state, theo, 3, "2026-01") == 12); // Jan 20-31
  CHECK(days(g.state, theo, 2, "2026-01") == 30);
  CHECK(days(g.state, ava, 2, "2026-01") == 1);
  CHECK(support(g.state, ava, 2, "2026-01") == 100);
  // Assigned and unassigned within one day: no day.
  run(g, AssignCustomer{3, 0}, staff, at(2026, 2, 3, 9));
  run(g, AssignCustomer{3, ava}, staff, at(2026, 2, 4, 9));
  run(g, AssignCustomer{3, 0}, staff, at(2026, 2, 4, 17));
  timers(g, at(2026, 3, 1));
  CHECK(days(g.state, theo, 3, "2026-02") == 2); // Feb 1-2
  CHECK(support_line(g.state, ava, 3, "2026-02") == nullptr);
}

// ---- docs/requirements.md, Support commission: the table --------------------------------

TEST_CASE("the customer cancels: support commission stops and so does recurring referral commission") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 2000, 1000), t0); // 20% of the first payment, 10% recurring; support 30.00
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 5));
  const auto before = referral_lines(g.state);
  REQUIRE(before.size() == 1);
  CHECK(before[0].amount.minor == 3000);
  CHECK(before[0].note == "20% of the first payment + 10% recurring (payment inv-1)");
  run(g, with_subscription(g.state, 1, SubscriptionStatus::cancelled), staff, at(2026, 1, 16, 12));
  CHECK(referral_lines(g.state) == before); // what was earned stays
  run(g, payment("inv-2", 1, 10'000), staff, at(2026, 1, 20));
  CHECK(g.state.commissions.payment_by_external_id("inv-2"));
  CHECK_FALSE(earns_referral(g.state, "inv-2")); // no recurring commission after the cancellation
  timers(g, at(2026, 2, 1));
  CHECK(days(g.state, ava, 1, "2026-01") == 15);
  CHECK(support(g.state, ava, 1, "2026-01") == 1452); // 3000 x 15 / 31
  CHECK(support(g.state, theo, 2, "2026-01") == 3000);
  // The customer comes back: both run again (the one-off was the first payment's only).
  run(g, with_subscription(g.state, 1, SubscriptionStatus::active), staff, at(2026, 2, 10, 9));
  run(g, payment("inv-3", 1, 10'000), staff, at(2026, 2, 12));
  CHECK(referral_line_of(g.state, "inv-3").amount.minor == 1000);
  timers(g, at(2026, 3, 1));
  CHECK(days(g.state, ava, 1, "2026-02") == 19);
  CHECK(support(g.state, ava, 1, "2026-02") == 2036); // 3000 x 19 / 28
  // A payment made before the cancellation and recorded late still earns its recurring share.
  run(g, payment("inv-0", 1, 5'000, at(2026, 1, 15)), staff, at(2026, 3, 2));
  CHECK(referral_line_of(g.state, "inv-0").amount.minor == 500);
}

TEST_CASE("the agent is removed from a customer (reassigned or moved to internal support): support stops, referral continues") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 0, 1000), t0);
  run(g, payment("a-1", 1, 20'000), staff, at(2026, 1, 5)); // Ava referred customer 1
  run(g, payment("t-1", 2, 20'000), staff, at(2026, 1, 5)); // Theo referred customer 2
  const auto before = referral_lines(g.state);
  run(g, AssignCustomer{1, theo}, staff, at(2026, 1, 10, 14)); // reassigned
  run(g, AssignCustomer{2, 0}, staff, at(2026, 1, 20, 9));     // internal support
  CHECK(referral_lines(g.state) == before);
  run(g, payment("a-2", 1, 20'000), staff, at(2026, 1, 25));
  run(g, payment("t-2", 2, 20'000), staff, at(2026, 1, 25));
  CHECK(referral_line_of(g.state, "a-2").agent_id == ava);
  CHECK(referral_line_of(g.state, "a-2").amount.minor == 2000);
  CHECK(referral_line_of(g.state, "t-2").agent_id == theo);
  CHECK(referral_line_of(g.state, "t-2").amount.minor == 2000);
  timers(g, at(2026, 2, 1));
  CHECK(days(g.state, ava, 1, "2026-01") == 9);
  CHECK(support(g.state, ava, 1, "2026-01") == 871); // 3000 x 9 / 31
  CHECK(days(g.state, theo, 1, "2026-01") == 22);
  CHECK(support(g.state, theo, 1, "2026-01") == 2129);
  CHECK(days(g.state, theo, 2, "2026-01") == 19);
  CHECK(support(g.state, theo, 2, "2026-01") == 1839);
  timers(g, at(2026, 3, 1));
  CHECK(support_line(g.state, ava, 1, "2026-02") == nullptr);
  CHECK(support_line(g.state, theo, 2, "2026-02") == nullptr);
  CHECK(support(g.state, theo, 1, "2026-02") == 3000);
}

TEST_CASE("suspension or removal of support access stops every support commission; every referral commission continues") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 0, 1000), t0);
  run(g, AssignCustomer{3, ava}, staff, t0 + hour_ms);
  run(g, payment("a-1", 1, 20'000), staff, at(2026, 1, 5));
  const auto before = referral_lines(g.state);
  run(g, SetAgentStatus{ava, PartnerStatus::suspended, "Slow replies.", std::nullopt, false, false}, staff, at(2026, 1, 11, 10));
  CHECK(referral_lines(g.state) == before);
  CHECK(g.state.customer(1)->assigned_agent == ava); // still assigned, but earning no support commission
  run(g, payment("a-2", 1, 20'000), staff, at(2026, 1, 15));
  CHECK(referral_line_of(g.state, "a-2").amount.minor == 2000); // referral continues while suspended
  run(g, SetAgentStatus{ava, PartnerStatus::active, "", std::nullopt, false, false, true}, staff, at(2026, 1, 21, 8)); // reinstated, customers back
  timers(g, at(2026, 2, 1));
  CHECK(days(g.state, ava, 1, "2026-01") == 21); // Jan 1-10 and 21-31
  CHECK(support(g.state, ava, 1, "2026-01") == 2032);
  CHECK(days(g.state, ava, 3, "2026-01") == 21);
  CHECK(support(g.state, theo, 2, "2026-01") == 3000); // another agent's suspension changes nothing for Theo

  const auto before_removal = referral_lines(g.state);
  auto removal = run(g, SetAgentStatus{ava, PartnerStatus::removed, "Restricted topic.", std::nullopt, false, false}, staff, at(2026, 2, 10, 16));
  CHECK(count_of<CustomerAssigned>(removal) == 2); // unassigned from every customer
  CHECK(referral_lines(g.state) == before_removal);
  run(g, payment("a-3", 1, 20'000), staff, at(2026, 2, 20));
  CHECK(referral_line_of(g.state, "a-3").agent_id == ava); // referral commission for customers Ava referred continues
  CHECK(referral_line_of(g.state, "a-3").amount.minor == 2000);
  timers(g, at(2026, 3, 1));
  CHECK(days(g.state, ava, 1, "2026-02") == 9);
  CHECK(support(g.state, ava, 1, "2026-02") == 964); // 3000 x 9 / 28
  CHECK(support(g.state, ava, 3, "2026-02") == 964);
  timers(g, at(2026, 4, 1));
  CHECK(support_line(g.state, ava, 1, "2026-03") == nullptr);
  // Suspension with every customer moved at once stops support the same way.
  run(g, SetAgentStatus{theo, PartnerStatus::suspended, "Away.", std::nullopt, false, true}, staff, at(2026, 4, 3, 12));
  timers(g, at(2026, 5, 1));
  CHECK(days(g.state, theo, 2, "2026-04") == 2);
}

TEST_CASE("only Certified agents earn support commission: revocation, failure and expiry stop it, a new certification resumes it") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 0, 1000), t0);
  run(g, payment("a-1", 1, 20'000), staff, at(2026, 1, 5));
  const auto before = referral_lines(g.state);
  run(g, RevokeCertification{ava, "Conduct."}, owner, at(2026, 1, 11, 10));
  g.event(support_rules::system_actor, CertificationStatusChanged{theo, S::expired, "", 0, 0}, at(2026, 1, 21));
  CHECK(referral_lines(g.state) == before);
  run(g, payment("a-2", 1, 20'000), staff, at(2026, 1, 25));
  CHECK(referral_line_of(g.state, "a-2").amount.minor == 2000);
  g.event(staff, CertificationStatusChanged{ava, S::failed, "", 0, 0}, at(2026, 1, 26));
  g.event(staff, CertificationStatusChanged{ava, S::certified, "", 0, 0}, at(2026, 1, 28, 6));
  run(g, DecideHeldCustomers{ava, true}, staff, at(2026, 1, 28, 6)); // the business gives Ava her customers back
  timers(g, at(2026, 2, 1));
  CHECK(days(g.state, ava, 1, "2026-01") == 14); // Jan 1-10 and 28-31
  CHECK(support(g.state, ava, 1, "2026-01") == 1355);
  CHECK(days(g.state, theo, 2, "2026-01") == 20);
  CHECK(support(g.state, theo, 2, "2026-01") == 1935);
}

// ---- Referral commission -------------------------------------------------------------------

TEST_CASE("a payment earns referral commission: a one-off share of the first payment, a recurring share for N months") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 1000, 500, 3, 30), t0); // 10% once, 5% for 3 months
  auto events = run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 10, 12));
  CHECK(count_of<PaymentRecorded>(events) == 1);
  CHECK(count_of<ReferralCommissionAccrued>(events) == 1);
  const auto& l = referral_line_of(g.state, "inv-1");
  CHECK(l.agent_id == ava);
  CHECK(l.side == LedgerSide::referral);
  CHECK(l.kind == LineKind::accrual);
  CHECK(l.amount == Money{1500, "USD"});
  CHECK(l.customer_id == 1);
  CHECK(l.basis_minor == 10'000);
  CHECK(l.state == LineState::pending);
  CHECK(l.approve_at == at(2026, 1, 10, 12) + 30 * day_ms);
  CHECK(l.note == "10% of the first payment + 5% recurring (payment inv-1)");
  run(g, payment("inv-2", 1, 10'000), staff, at(2026, 2, 10));
  CHECK(referral_line_of(g.state, "inv-2").amount.minor == 500);
  run(g, payment("inv-3", 1, 10'000, at(2026, 4, 10, 11, 59)), staff, at(2026, 4, 10, 12)); // the last minute of the window
  CHECK(referral_line_of(g.state, "inv-3").amount.minor == 500);
  run(g, payment("inv-4", 1, 10'000), staff, at(2026, 4, 10, 12));
  CHECK_FALSE(earns_referral(g.state, "inv-4"));
  // A customer nobody referred earns nobody anything.
  auto none = run(g, payment("li-1", 3, 10'000), staff, at(2026, 4, 11));
  CHECK(none.size() == 1);
  // For the customer's lifetime, from a later plan version on.
  save(g, referral_plan("2026-05-01", 1000, 500, 0, 30), at(2026, 4, 20));
  run(g, payment("inv-5", 1, 10'000), staff, at(2026, 4, 30));
  CHECK_FALSE(earns_referral(g.state, "inv-5")); // the old version still applies that day
  run(g, payment("inv-6", 1, 10'000), staff, at(2026, 5, 2));
  CHECK(referral_line_of(g.state, "inv-6").amount.minor == 500);
  // Shares are rounded half up.
  run(g, payment("inv-7", 1, 9'999), staff, at(2026, 5, 3));
  CHECK(referral_line_of(g.state, "inv-7").amount.minor == 500); // 499.95
}

TEST_CASE("a repeated payment id changes nothing") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 2000, 1000), t0);
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 5));
  run(g, refund("rf-1", 1, 2'500, "inv-1"), staff, at(2026, 1, 6));
  CHECK(when_ok(g.state, payment("inv-1", 1, 10'000), staff, at(2026, 1, 7)).empty());
  CHECK(when_ok(g.state, payment("inv-1", 1, 10'000), support_rules::system_actor, at(2026, 1, 7)).empty()); // the billing system retrying
  CHECK(when_ok(g.state, payment("inv-1", 1, 10'000, at(2026, 1, 5)), staff, at(2026, 1, 7)).empty());
  CHECK(when_ok(g.state, refund("rf-1", 1, 2'500, "inv-1"), staff, at(2026, 1, 7)).empty()); // no event: nothing to apply
  // The same id with other details is refused, and changes nothing either.
  auto e = refused(g, payment("inv-1", 1, 12'000), staff, at(2026, 1, 7));
  CHECK(e.code == ErrorCode::conflict);
  CHECK(e.field == "data.external_id");
  CHECK(refused(g, payment("rf-1", 1, 2'500), staff, at(2026, 1, 7)).field == "data.external_id");
  CHECK(refused(g, payment("inv-1", 2, 10'000), support_rules::system_actor, at(2026, 1, 7)).field == "data.external_id");
}

// ---- Refunds, approval, payout -------------------------------------------------------------

TEST_CASE("a refund before payout claws back the referral commission it produced; the reversal waits with its accrual") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 2000, 0, 0, 10), t0); // 20% of the first payment, held 10 days
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 5));
  const auto accrual = referral_line_of(g.state, "inv-1");
  CHECK(accrual.amount.minor == 2000);
  auto r1 = run(g, refund("rf-1", 1, 2'500, "inv-1"), staff, at(2026, 1, 8));
  auto rev = first<ReferralCommissionReversed>(r1);
  REQUIRE(rev);
  CHECK(rev->line.kind == LineKind::reversal);
  CHECK(rev->line.side == LedgerSide::referral);
  CHECK(rev->line.amount.minor == -500);
  CHECK(rev->line.reverses == accrual.id);
  CHECK(rev->line.state == LineState::pending);
  CHECK(rev->line.approve_at == accrual.approve_at);
  CHECK(rev->line.agent_id == ava);
  CHECK(g.state.commissions.payment_by_external_id("inv-1")->refunded_minor == 2'500);
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD") == Balances{1500, 0, 0});
  CHECK(g.state.inboxes.at(ava).items.back().kind == "commission");
  CHECK(refused(g, refund("rf-2", 1, 7'501, "inv-1"), staff, at(2026, 1, 9)).field == "data.amount.minor"); // 7500 left
  // The scheduler approves the accrual and its reversal together.
  CHECK(timers(g, at(2026, 1, 15) - 1).empty());
  auto approved = timers(g, at(2026, 1, 15));
  REQUIRE(first<CommissionLinesApproved>(approved));
  CHECK(first<CommissionLinesApproved>(approved)->line_ids == std::vector<LineId>{accrual.id, rev->line.id});
  CHECK(first<CommissionLinesApproved>(approved)->agent_id == ava);
  CHECK(g.state.commissions.line(accrual.id)->approved_by == 0);
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD") == Balances{0, 1500, 0});
  // Paying the accrual out pays it net of the reversal.
  auto paid = run(g, RecordPayout{"TR-0001", "USD", {accrual.id}}, owner, at(2026, 1, 16));
  auto p = first<PayoutRecorded>(paid);
  REQUIRE(p);
  CHECK(p->line_ids == std::vector<LineId>{accrual.id, rev->line.id});
  REQUIRE(p->payouts.size() == 1);
  CHECK(p->payouts[0].amount.minor == -1500);
  CHECK(p->payouts[0].kind == LineKind::payout);
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD") == Balances{0, 0, 1500});
  CHECK(g.state.commissions.batches.at(p->batch_id).total_minor == 1500);
  CHECK(g.state.commissions.batches.at(p->batch_id).reference == "TR-0001");
  CHECK(g.state.commissions.line(accrual.id)->state == LineState::paid);
  CHECK(g.state.commissions.line(accrual.id)->batch_id == p->batch_id);
  // The rest of the payment refunded: the whole accrual is clawed back, to the unit.
  auto r2 = run(g, refund("rf-2", 1, 7'500, "inv-1"), staff, at(2026, 1, 20));
  CHECK(first<ReferralCommissionReversed>(r2)->line.amount.minor == -1500);
  CHECK(first<ReferralCommissionReversed>(r2)->line.state == LineState::approved); // the accrual is paid: comes off the next payout
  CHECK(refused(g, refund("rf-3", 1, 1, "inv-1"), staff, at(2026, 1, 21)).field == "data.amount.minor");
}

TEST_CASE("partial refunds claw back in proportion, and together exactly the whole accrual") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 3333, 0), t0);
  run(g, payment("inv-1", 1, 999), staff, at(2026, 1, 5)); // 332.97: 333
  CHECK(referral_line_of(g.state, "inv-1").amount.minor == 333);
  std::int64_t clawed = 0;
  for (int i = 0; i < 9; ++i) {
    auto events = run(g, refund("rf-" + std::to_string(i), 1, 111, "inv-1"), staff, at(2026, 1, 6 + i));
    if (auto r = first<ReferralCommissionReversed>(events)) clawed -= r->line.amount.minor;
  }
  CHECK(clawed == 333);
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD").owed() == 0);
}

TEST_CASE("a refund after payout comes off the next payout of the same ledger; the two ledgers never cross") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 2000, 1000), t0);
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 5)); // 3000
  const auto a1 = referral_line_of(g.state, "inv-1").id;
  run(g, ApproveCommissionLines{{a1}}, admin, at(2026, 1, 6));
  run(g, RecordPayout{"TR-1", "USD", {a1}}, owner, at(2026, 1, 7));
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD") == Balances{0, 0, 3000});
  auto r = run(g, refund("rf-1", 1, 10'000, "inv-1"), staff, at(2026, 1, 20));
  const auto rev = first<ReferralCommissionReversed>(r)->line.id;
  CHECK(g.state.commissions.line(rev)->state == LineState::approved);
  CHECK(g.state.commissions.line(a1)->state == LineState::paid); // a paid line stays paid
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD") == Balances{0, -3000, 3000});
  run(g, payment("inv-2", 1, 20'000), staff, at(2026, 1, 21)); // 10% recurring: 2000
  const auto a2 = referral_line_of(g.state, "inv-2").id;
  run(g, ApproveCommissionLines{{a2}}, admin, at(2026, 1, 22));
  auto short_of = refused(g, RecordPayout{"TR-2", "USD", {a2}}, owner, at(2026, 1, 23)); // 2000 - 3000
  CHECK(short_of.field == "data.line_ids");
  run(g, payment("inv-3", 1, 30'000), staff, at(2026, 1, 24)); // 3000
  const auto a3 = referral_line_of(g.state, "inv-3").id;
  run(g, ApproveCommissionLines{{a3}}, admin, at(2026, 1, 25));
  // Support commission is paid on its own: the referral reversal does not come off it.
  timers(g, at(2026, 2, 1));
  const auto sup = support_line(g.state, ava, 1, "2026-01")->id;
  run(g, ApproveCommissionLines{{sup}}, staff, at(2026, 2, 1));
  auto support_paid = run(g, RecordPayout{"TR-2", "USD", {sup}}, owner, at(2026, 2, 2));
  CHECK(first<PayoutRecorded>(support_paid)->line_ids == std::vector<LineId>{sup});
  CHECK(first<PayoutRecorded>(support_paid)->payouts.at(0).side == LedgerSide::support);
  CHECK(first<PayoutRecorded>(support_paid)->payouts.at(0).amount.minor == -3000);
  CHECK(g.state.commissions.line(rev)->state == LineState::approved);
  // The next referral payout: 2000 + 3000 - 3000.
  auto paid = run(g, RecordPayout{"TR-3", "USD", {a2, a3}}, owner, at(2026, 2, 3));
  auto p = first<PayoutRecorded>(paid);
  CHECK(p->line_ids == std::vector<LineId>{rev, a2, a3});
  CHECK(p->payouts.at(0).amount.minor == -2000);
  CHECK(g.state.commissions.line(rev)->state == LineState::paid);
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD") == Balances{0, 0, 5000});
  CHECK(balances(g.state.commissions, ava, LedgerSide::support, "USD") == Balances{0, 0, 3000});
}

TEST_CASE("reports: earnings per month and customer keep the sides apart; a statement carries the balance from month to month") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 2000, 1000), t0);
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 5)); // 3000
  const auto a1 = referral_line_of(g.state, "inv-1").id;
  run(g, ApproveCommissionLines{{a1}}, admin, at(2026, 1, 6));
  run(g, RecordPayout{"TR-1", "USD", {a1}}, owner, at(2026, 1, 7));
  run(g, refund("rf-1", 1, 10'000, "inv-1"), staff, at(2026, 1, 20)); // -3000, off the next payout
  run(g, payment("inv-2", 1, 20'000), staff, at(2026, 1, 21));        // 2000
  run(g, payment("inv-3", 1, 30'000), staff, at(2026, 1, 24));        // 3000
  const auto a2 = referral_line_of(g.state, "inv-2").id, a3 = referral_line_of(g.state, "inv-3").id;
  run(g, ApproveCommissionLines{{a2, a3}}, admin, at(2026, 1, 25));
  timers(g, at(2026, 2, 1)); // January's support line, written on 1 February
  const auto sup = support_line(g.state, ava, 1, "2026-01")->id;
  run(g, ApproveCommissionLines{{sup}}, staff, at(2026, 2, 1));
  run(g, RecordPayout{"TR-2", "USD", {sup, a2, a3}}, owner, at(2026, 2, 3));
  const auto& c = g.state.commissions;
  const auto jan = *parse_month("2026-01"), feb = *parse_month("2026-02");

  auto months = earnings_by_month(c, ava, "USD", jan - 1, feb);
  REQUIRE(months.size() == 3);
  CHECK((months[0].referral == 0 && months[0].support == 0));
  CHECK(months[1].referral == 5000); // 3000 - 3000 + 2000 + 3000; the payout is not earnings
  CHECK(months[1].support == 3000);  // earned in January, though written in February
  CHECK((months[2].referral == 0 && months[2].support == 0));
  CHECK(earnings_by_month(c, ava, "EUR", jan, feb)[1].referral == 0);

  auto customers = earnings_by_customer(c, ava, "USD");
  REQUIRE(customers.size() == 1);
  CHECK((customers[0].customer_id == 1 && customers[0].referral == 5000 && customers[0].support == 3000));

  auto s1 = statement(c, ava, "USD", jan);
  CHECK(s1.referral.opening == 0);
  CHECK(s1.referral.earned == 5000);
  CHECK(s1.referral.paid_out == -3000);
  CHECK(s1.referral.closing() == 2000);
  CHECK(s1.support.closing() == 0);
  CHECK(s1.lines.size() == 5);
  auto s2 = statement(c, ava, "USD", feb);
  CHECK(s2.referral.opening == 2000);
  CHECK(s2.referral.paid_out == -2000); // 2000 + 3000 less the reversal
  CHECK(s2.referral.closing() == 0);
  CHECK(s2.support.earned == 3000);
  CHECK(s2.support.closing() == 0);
  CHECK(statement_months(c, ava, "USD") == std::vector<MonthIndex>{feb, jan});
  CHECK(statement_months(c, owner, "USD").empty());
  CHECK(commission_currencies(c, "EUR") == std::vector<std::string>{"USD"});
  CHECK(commission_currencies(CommissionState{}, "EUR") == std::vector<std::string>{"EUR"});
}

TEST_CASE("lines move pending, approved, paid: unapproved lines are not paid out, adjustments carry a reason") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 2000, 0), t0);
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 5));
  run(g, payment("t-1", 2, 10'000), staff, at(2026, 1, 5));
  const auto a1 = referral_line_of(g.state, "inv-1").id;
  const auto t1 = referral_line_of(g.state, "t-1").id;
  auto pending = refused(g, RecordPayout{"TR-1", "USD", {a1}}, owner, at(2026, 1, 6));
  CHECK(pending.code == ErrorCode::conflict);
  CHECK(pending.field == "data.line_ids[0]");
  CHECK(refused(g, RecordPayout{"TR-1", "USD", {a1, 999}}, owner, at(2026, 1, 6)).field == "data.line_ids[0]");
  CHECK(refused(g, ApproveCommissionLines{{a1}}, ava, at(2026, 1, 6)).code == ErrorCode::forbidden);
  CHECK(refused(g, ApproveCommissionLines{{999}}, admin, at(2026, 1, 6)).field == "data.line_ids[0]");
  // Staff entered both payments: someone else approves what they earned.
  auto own = refused(g, ApproveCommissionLines{{a1, t1}}, staff, at(2026, 1, 6));
  CHECK(own.code == ErrorCode::forbidden);
  CHECK(own.field == "data.line_ids[0]");
  auto approval = run(g, ApproveCommissionLines{{a1, t1}}, admin, at(2026, 1, 6));
  CHECK(count_of<CommissionLinesApproved>(approval) == 2); // one per agent
  CHECK(g.state.commissions.line(a1)->state == LineState::approved);
  CHECK(g.state.commissions.line(a1)->approved_by == admin);
  CHECK(g.state.commissions.line(a1)->approved_at == at(2026, 1, 6));
  CHECK(refused(g, ApproveCommissionLines{{a1}}, owner, at(2026, 1, 6)).code == ErrorCode::conflict);
  CHECK(refused(g, RecordPayout{"TR-1", "USD", {a1}}, staff, at(2026, 1, 7)).code == ErrorCode::forbidden); // owners and admins pay out
  CHECK(refused(g, RecordPayout{"TR-1", "EUR", {a1}}, owner, at(2026, 1, 7)).field == "data.line_ids[0]");
  CHECK(refused(g, RecordPayout{" ", "USD", {a1}}, owner, at(2026, 1, 7)).field == "data.reference");
  auto batch = run(g, RecordPayout{"TR-1", "USD", {a1, t1}}, admin, at(2026, 1, 7));
  CHECK(count_of<PayoutRecorded>(batch) == 2); // one per agent, in one batch
  CHECK(std::get<PayoutRecorded>(batch[0]).batch_id == std::get<PayoutRecorded>(batch[1]).batch_id);
  const auto& b = g.state.commissions.batches.begin()->second;
  CHECK(b.total_minor == 4000);
  CHECK(b.line_ids.size() == 2);
  CHECK(b.payout_line_ids.size() == 2);
  CHECK(refused(g, RecordPayout{"TR-1", "USD", {a1}}, owner, at(2026, 1, 8)).field == "data.reference");
  auto twice = refused(g, RecordPayout{"TR-2", "USD", {a1}}, owner, at(2026, 1, 8));
  CHECK(twice.code == ErrorCode::conflict);
  CHECK(twice.field == "data.line_ids[0]");
  CHECK(refused(g, RecordPayout{"TR-2", "USD", {b.payout_line_ids[0]}}, owner, at(2026, 1, 8)).field == "data.line_ids[0]");
  CHECK(refused(g, ApproveCommissionLines{{b.payout_line_ids[0]}}, staff, at(2026, 1, 8)).field == "data.line_ids[0]");

  // An adjustment: business staff, with a reason; approved at once; a negative one comes off the next payout.
  auto adj = run(g, AdjustCommission{ava, LedgerSide::referral, Money{-500, "USD"}, "Overpaid in January.", 1}, staff, at(2026, 1, 9));
  const auto& line = first<CommissionAdjusted>(adj)->line;
  CHECK(line.kind == LineKind::adjustment);
  CHECK(line.state == LineState::approved);
  CHECK(line.note == "Overpaid in January.");
  CHECK(line.by == staff);
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD") == Balances{0, -500, 2000});
  auto bonus = run(g, AdjustCommission{ava, LedgerSide::referral, Money{1500, "USD"}, "Launch bonus.", 0}, owner, at(2026, 1, 10));
  auto paid = run(g, RecordPayout{"TR-2", "USD", {first<CommissionAdjusted>(bonus)->line.id}}, owner, at(2026, 1, 11));
  CHECK(first<PayoutRecorded>(paid)->payouts.at(0).amount.minor == -1000);
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD") == Balances{0, 0, 3000});
}

// ---- Separation of duties on money ---------------------------------------------------------

namespace {
constexpr PersonId sara = 8; // a second member of staff
const LedgerLine& adjusted(const std::vector<EventBody>& events) {
  REQUIRE(first<CommissionAdjusted>(events));
  return first<CommissionAdjusted>(events)->line;
}
AdjustCommission adjustment(std::int64_t minor, const char* reason = "Correction agreed with the agent.") {
  return AdjustCommission{ava, LedgerSide::referral, Money{minor, "USD"}, reason, 0};
}
} // namespace

TEST_CASE("an adjustment above the threshold waits for an owner or admin other than its author; up to it, approved at once") {
  auto g = acme();
  g.member(sara, pd::identity::Role::staff, "Sara");
  CHECK(adjustment_threshold(g.state.commissions, "USD") == default_adjustment_threshold_minor);
  const TimeMs now = at(2026, 1, 9);

  // 500.00 is the threshold itself: approved at once, as before.
  const auto small = adjusted(run(g, adjustment(500'00), staff, now));
  CHECK(small.state == LineState::approved);
  CHECK(small.approved_by == staff);
  CHECK_FALSE(awaits_second_approval(small));

  // 500.01 and -600.00 (the size counts, not the sign): pending, for a second person.
  const auto big = adjusted(run(g, adjustment(500'01, "Bonus for the Northwind rollout."), staff, now));
  CHECK(big.state == LineState::pending);
  CHECK(big.approve_at == 0);
  CHECK(big.approved_by == 0);
  CHECK(big.by == staff);
  CHECK(awaits_second_approval(big));
  CHECK(g.state.inboxes.at(ava).items.back().text.find("awaiting a second approval") != std::string::npos);
  const auto take_back = adjusted(run(g, adjustment(-600'00), staff, now));
  CHECK(take_back.state == LineState::pending);
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD") == Balances{500'01 - 600'00, 500'00, 0});

  // The scheduler never approves it, however long it waits; nor may it be paid out.
  CHECK(g.state.commissions.pending.empty());
  CHECK_FALSE(commission_rules::timers_due(g.state, at(2027, 6, 1)));
  CHECK(count_of<CommissionLinesApproved>(timers(g, at(2027, 6, 1))) == 0);
  CHECK(g.state.commissions.line(big.id)->state == LineState::pending);
  CHECK(refused(g, RecordPayout{"TR-9", "USD", {big.id}}, owner, now).code == ErrorCode::conflict);

  // Its author may not approve it, alone or among other lines, and the error names the line.
  auto own = refused(g, ApproveCommissionLines{{big.id}}, staff, now);
  CHECK(own.code == ErrorCode::forbidden);
  CHECK(own.field == "data.line_ids[0]");
  CHECK(own.message == "Line " + std::to_string(big.id) + " is your own adjustment: an owner or admin other than you approves it.");
  CHECK(refused(g, ApproveCommissionLines{{take_back.id, big.id}}, staff, now).field == "data.line_ids[0]");
  // Other staff may not either: an owner or admin approves it.
  auto other_staff = refused(g, ApproveCommissionLines{{big.id}}, sara, now);
  CHECK(other_staff.code == ErrorCode::forbidden);
  CHECK(other_staff.field == "data.line_ids[0]");
  CHECK(other_staff.message.find("an owner or admin other than its author") != std::string::npos);
  CHECK(refused(g, ApproveCommissionLines{{big.id}}, ava, now).code == ErrorCode::forbidden);

  // What the commissions desk asks of each line, person by person.
  const auto& line = *g.state.commissions.line(big.id);
  CHECK(may_approve_line(g.state, staff, line) == LineApproval::own_line);
  CHECK(may_approve_line(g.state, sara, line) == LineApproval::owner_or_admin_only);
  CHECK(may_approve_line(g.state, owner, line) == LineApproval::allowed);
  CHECK(may_approve_line(g.state, admin, line) == LineApproval::allowed);
  CHECK(may_approve_line(g.state, ava, line) == LineApproval::not_business);
  CHECK(may_approve_line(g.state, owner, small) == LineApproval::already_approved);

  // An owner approves it: approved by her, and paid out like any line.
  auto approval = run(g, ApproveCommissionLines{{big.id, take_back.id}}, owner, at(2026, 1, 10));
  CHECK(count_of<CommissionLinesApproved>(approval) == 1);
  CHECK(g.state.commissions.line(big.id)->state == LineState::approved);
  CHECK(g.state.commissions.line(big.id)->approved_by == owner);
  CHECK(g.state.commissions.line(big.id)->approved_at == at(2026, 1, 10));
  CHECK(balances(g.state.commissions, ava, LedgerSide::referral, "USD") == Balances{0, 500'00 + 500'01 - 600'00, 0});
  auto paid = run(g, RecordPayout{"TR-9", "USD", {small.id, big.id}}, admin, at(2026, 1, 11));
  CHECK(first<PayoutRecorded>(paid)->payouts.at(0).amount.minor == -(500'00 + 500'01 - 600'00));

  // The owner's own large adjustment: she may not approve it; the admin does.
  const auto owners = adjusted(run(g, adjustment(2'000'00, "Quarterly partner award."), owner, at(2026, 1, 12)));
  CHECK(owners.state == LineState::pending);
  auto self = refused(g, ApproveCommissionLines{{owners.id}}, owner, at(2026, 1, 12));
  CHECK(self.code == ErrorCode::forbidden);
  CHECK(self.field == "data.line_ids[0]");
  CHECK(refused(g, ApproveCommissionLines{{owners.id}}, staff, at(2026, 1, 12)).field == "data.line_ids[0]");
  run(g, ApproveCommissionLines{{owners.id}}, admin, at(2026, 1, 12));
  CHECK(g.state.commissions.line(owners.id)->approved_by == admin);
}

TEST_CASE("nobody approves a line they wrote: the accrual or reversal of a payment or refund they entered") {
  auto g = acme();
  save(g, referral_plan("2026-01-01", 2000, 0, 0, 30), t0);
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 5));                           // Ava: 2000, entered by staff
  run(g, payment("bill-1", 2, 10'000), support_rules::system_actor, at(2026, 1, 5));    // Theo: 2000, from the billing system
  const auto mine = referral_line_of(g.state, "inv-1");
  const auto billed = referral_line_of(g.state, "bill-1");
  CHECK(mine.by == staff);
  CHECK(billed.by == 0);
  auto accrual = refused(g, ApproveCommissionLines{{billed.id, mine.id}}, staff, at(2026, 1, 6));
  CHECK(accrual.code == ErrorCode::forbidden);
  CHECK(accrual.field == "data.line_ids[1]");
  CHECK(accrual.message == "Line " + std::to_string(mine.id) + " comes from a payment or refund you entered: someone else in the business approves it.");
  // A reversal staff entered, listed: refused; listed through a reversal, the accrual staff
  // entered is refused too.
  auto r = run(g, refund("rf-1", 2, 5'000, "bill-1"), staff, at(2026, 1, 6));
  const auto rev = first<ReferralCommissionReversed>(r)->line;
  CHECK(rev.by == staff);
  CHECK(refused(g, ApproveCommissionLines{{rev.id}}, staff, at(2026, 1, 6)).field == "data.line_ids[0]");
  auto r2 = run(g, refund("rf-2", 1, 5'000, "inv-1"), support_rules::system_actor, at(2026, 1, 6));
  const auto rev2 = first<ReferralCommissionReversed>(r2)->line;
  CHECK(refused(g, ApproveCommissionLines{{rev2.id}}, staff, at(2026, 1, 6)).field == "data.line_ids[0]");
  // The billing system's accrual: staff approve it, and the reversal it carries follows.
  auto ok = run(g, ApproveCommissionLines{{billed.id}}, staff, at(2026, 1, 7));
  CHECK(first<CommissionLinesApproved>(ok)->line_ids == std::vector<LineId>{billed.id, rev.id});
  // The admin approves what staff entered; the scheduler approves what nobody did.
  run(g, ApproveCommissionLines{{mine.id}}, admin, at(2026, 1, 7));
  CHECK(g.state.commissions.line(mine.id)->approved_by == admin);
  CHECK(g.state.commissions.line(rev2.id)->state == LineState::approved);
}

TEST_CASE("owners and admins set the threshold per currency; 0 sends every adjustment to a second person") {
  auto g = acme();
  const TimeMs now = at(2026, 1, 9);
  const auto set = [](std::int64_t minor, const char* currency = "USD") { return SetAdjustmentThreshold{Money{minor, currency}}; };
  CHECK(refused(g, set(100'00), staff, now).code == ErrorCode::forbidden);
  CHECK(refused(g, set(100'00), ava, now).code == ErrorCode::forbidden);
  CHECK(refused(g, set(100'00), jordan, now).code == ErrorCode::forbidden);
  auto eur = refused(g, set(100'00, "EUR"), owner, now); // no plan in EUR: no adjustment in EUR either
  CHECK(eur.field == "data.threshold.currency");
  CHECK(refused(g, set(-1), owner, now).field == "data.threshold.minor");

  const auto before = adjusted(run(g, adjustment(300'00), staff, now)); // approved under the default 500.00
  auto changed = run(g, set(100'00), admin, now);
  REQUIRE(first<AdjustmentThresholdSet>(changed));
  CHECK(adjustment_threshold(g.state.commissions, "USD") == 100'00);
  CHECK(g.state.commissions.adjustment_thresholds.at("USD").set_by == admin);
  CHECK(g.state.commissions.adjustment_thresholds.at("USD").set_at == now);
  CHECK(g.state.commissions.line(before.id)->state == LineState::approved); // lines already written keep their state
  CHECK(when_ok(g.state, set(100'00), owner, now).empty());                 // already so
  CHECK(adjusted(run(g, adjustment(100'00), staff, now)).state == LineState::approved);
  CHECK(adjusted(run(g, adjustment(-100'01), staff, now)).state == LineState::pending);

  run(g, set(0), owner, now);
  CHECK(adjustment_needs_second_approval(g.state.commissions, Money{1, "USD"}));
  CHECK(adjustment_needs_second_approval(g.state.commissions, Money{-1, "USD"}));
  CHECK(adjusted(run(g, adjustment(1), owner, now)).state == LineState::pending);

  // A currency of a plan gets its own threshold; others keep the default.
  auto eur_plan = plan("2026-01-09");
  eur_plan.currency = "EUR";
  save(g, eur_plan, now);
  run(g, set(50'00, "EUR"), owner, now);
  CHECK(adjustment_threshold(g.state.commissions, "EUR") == 50'00);
  CHECK(adjustment_threshold(g.state.commissions, "USD") == 0);
  CHECK(adjustment_threshold(g.state.commissions, "GBP") == default_adjustment_threshold_minor);

  // The business sees the threshold; agents and customers neither the event nor the setting.
  const Event e{99, 1, owner, now, AdjustmentThresholdSet{Money{0, "USD"}}};
  CHECK(event_visible_to(g.state, staff, e));
  CHECK_FALSE(event_visible_to(g.state, ava, e));
  CHECK_FALSE(event_visible_to(g.state, jordan, e));
  CHECK(visible_state(g.state, staff).commissions.adjustment_thresholds == g.state.commissions.adjustment_thresholds);
  CHECK(visible_state(g.state, ava).commissions.adjustment_thresholds.empty());
  // A snapshot keeps it, and the pending adjustments stay out of the scheduler's index.
  auto back = state_from_json(state_to_json(g.state));
  REQUIRE(back.ok());
  CHECK(back->commissions.adjustment_thresholds == g.state.commissions.adjustment_thresholds);
  CHECK(back->commissions.pending == g.state.commissions.pending);
  CHECK(back->commissions.pending.empty());
}

// ---- Plans ---------------------------------------------------------------------------------

TEST_CASE("a plan change takes effect from its date and never rewrites past lines") {
  auto g = acme();
  auto v1 = plan("2026-01-01", SupportBasis::flat, 3100);
  v1.referral_recurring_bps = 1000;
  save(g, v1, t0);
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 5));
  const auto lines_before = g.state.commissions.lines;
  auto v2 = plan("2026-01-21", SupportBasis::flat, 6200);
  v2.referral_recurring_bps = 2000;
  auto saved = run(g, SaveCommissionPlan{v2}, admin, at(2026, 1, 11));
  CHECK(first<CommissionPlanSaved>(saved)->plan.saved_by == admin);
  CHECK(first<CommissionPlanSaved>(saved)->plan.saved_at == at(2026, 1, 11));
  CHECK(g.state.commissions.lines == lines_before);
  CHECK(when_ok(g.state, SaveCommissionPlan{v2}, owner, at(2026, 1, 12)).empty()); // the same terms again
  run(g, payment("inv-2", 1, 10'000), staff, at(2026, 1, 15));
  CHECK(referral_line_of(g.state, "inv-2").amount.minor == 1000); // v1 still
  run(g, payment("inv-3", 1, 10'000), staff, at(2026, 1, 21));
  CHECK(referral_line_of(g.state, "inv-3").amount.minor == 2000); // v2
  CHECK(referral_line_of(g.state, "inv-1").amount.minor == 1000); // unchanged
  timers(g, at(2026, 2, 1));
  CHECK(support(g.state, ava, 1, "2026-01") == 4200); // (20 x 3100 + 11 x 6200) / 31
  // No version reaches back before today.
  auto back = refused(g, SaveCommissionPlan{plan("2026-01-31")}, owner, at(2026, 2, 1));
  CHECK(back.field == "data.plan.effective_from");
  // A version that has not started yet can be replaced on the same day.
  save(g, plan("2026-03-01", SupportBasis::flat, 1000), at(2026, 2, 2));
  save(g, plan("2026-03-01", SupportBasis::flat, 2000), at(2026, 2, 3));
  CHECK(g.state.commissions.plans.size() == 3);
  CHECK(g.state.commissions.plan_in_effect("USD", day_of(at(2026, 3, 1)))->support_flat_minor == 2000);
  CHECK(g.state.commissions.plan_in_effect("USD", day_of(at(2026, 2, 28)))->support_flat_minor == 6200);
  CHECK(g.state.commissions.plan_in_effect("USD", day_of(at(2025, 12, 31))) == nullptr);
}

// ---- Bad input -----------------------------------------------------------------------------

TEST_CASE("bad commission commands are refused by the decoder naming the field") {
  struct Case {
    const char* type;
    std::string data;
    const char* field;
    ErrorCode code;
  };
  const std::string money = R"("amount":{"minor":4900,"currency":"USD"})";
  const Case cases[] = {
      {"RecordPayment", R"({"external_id":"in_1","customer_id":1,"kind":"payment","amount":{"minor":0,"currency":"USD"}})", "data.amount.minor", ErrorCode::invalid_field},
      {"RecordPayment", R"({"external_id":"in_1","customer_id":1,"kind":"payment","amount":{"minor":-100,"currency":"USD"}})", "data.amount.minor", ErrorCode::invalid_field},
      {"RecordPayment", R"({"external_id":"in_1","customer_id":1,"kind":"payment","amount":{"minor":100,"currency":"usd"}})", "data.amount.currency", ErrorCode::invalid_field},
      {"RecordPayment", R"({"external_id":"in_1","customer_id":1,"kind":"payment","amount":{"minor":100}})", "data.amount.currency", ErrorCode::missing_field},
      {"RecordPayment", R"({"external_id":"in_1","customer_id":1,"kind":"payment","amount":{"minor":1.5,"currency":"USD"}})", "data.amount.minor", ErrorCode::invalid_field},
      {"RecordPayment", R"({"external_id":"in_1","customer_id":1,"kind":"chargeback",)" + money + "}", "data.kind", ErrorCode::invalid_field},
      {"RecordPayment", R"({"external_id":"in_1","customer_id":1,"kind":"payment","fee":3,)" + money + "}", "data.fee", ErrorCode::unknown_field},
      {"RecordPayment", R"({"external_id":"","customer_id":1,"kind":"payment",)" + money + "}", "data.external_id", ErrorCode::missing_field},
      {"RecordPayment", R"({"customer_id":1,"kind":"payment",)" + money + "}", "data.external_id", ErrorCode::missing_field},
      {"RecordPayment", R"({"external_id":"in_1","customer_id":0,"kind":"payment",)" + money + "}", "data.customer_id", ErrorCode::invalid_field},
      {"RecordPayment", R"({"external_id":"in_1","customer_id":1,"kind":"refund",)" + money + "}", "data.refund_of", ErrorCode::missing_field},
      {"RecordPayment", R"({"external_id":"in_1","customer_id":1,"kind":"payment","refund_of":"in_0",)" + money + "}", "data.refund_of", ErrorCode::invalid_field},
      {"RecordPayment", R"({"external_id":"in_1","customer_id":1,"kind":"payment","paid_at":-5,)" + money + "}", "data.paid_at", ErrorCode::invalid_field},
      {"AdjustCommission", R"({"agent_id":4,"side":"referral",)" + money + "}", "data.reason", ErrorCode::missing_field},
      {"AdjustCommission", R"({"agent_id":4,"side":"referral","reason":"x","amount":{"minor":0,"currency":"USD"}})", "data.amount.minor", ErrorCode::invalid_field},
      {"AdjustCommission", R"({"agent_id":4,"side":"both","reason":"x",)" + money + "}", "data.side", ErrorCode::invalid_field},
      {"SaveCommissionPlan", R"({"plan":{"currency":"USD","effective_from":"2026-01-01","referral_first_bps":10001}})", "data.plan.referral_first_bps", ErrorCode::invalid_field},
      {"SaveCommissionPlan", R"({"plan":{"currency":"USD","effective_from":"2026-02-30"}})", "data.plan.effective_from", ErrorCode::invalid_field},
      {"SaveCommissionPlan", R"({"plan":{"currency":"USD","effective_from":"2026-02-01","support_basis":"percent"}})", "data.plan.support_basis", ErrorCode::invalid_field},
      {"SaveCommissionPlan", R"({"plan":{"currency":"USD","effective_from":"2026-02-01","hold_days":400}})", "data.plan.hold_days", ErrorCode::invalid_field},
      {"SaveCommissionPlan", R"({"plan":{"effective_from":"2026-02-01"}})", "data.plan.currency", ErrorCode::missing_field},
      {"ApproveCommissionLines", R"({"line_ids":[]})", "data.line_ids", ErrorCode::invalid_field},
      {"ApproveCommissionLines", R"({"line_ids":[3,3]})", "data.line_ids[1]", ErrorCode::invalid_field},
      {"ApproveCommissionLines", R"({"line_ids":[3,"4"]})", "data.line_ids[1]", ErrorCode::invalid_field},
      {"ApproveCommissionLines", R"({})", "data.line_ids", ErrorCode::missing_field},
      {"RecordPayout", R"({"currency":"USD","line_ids":[1]})", "data.reference", ErrorCode::missing_field},
      {"RecordPayout", R"({"reference":"TR-1","currency":"US","line_ids":[1]})", "data.currency", ErrorCode::invalid_field},
      {"SetAdjustmentThreshold", R"({})", "data.threshold", ErrorCode::missing_field},
      {"SetAdjustmentThreshold", R"({"threshold":{"minor":-1,"currency":"USD"}})", "data.threshold.minor", ErrorCode::invalid_field},
      {"SetAdjustmentThreshold", R"({"threshold":{"minor":"500","currency":"USD"}})", "data.threshold.minor", ErrorCode::invalid_field},
      {"SetAdjustmentThreshold", R"({"threshold":{"minor":50000,"currency":"usd"}})", "data.threshold.currency", ErrorCode::invalid_field},
      {"SetAdjustmentThreshold", R"({"threshold":{"minor":50000}})", "data.threshold.currency", ErrorCode::missing_field},
      {"SetAdjustmentThreshold", R"({"threshold":{"minor":50000,"currency":"USD"},"by":1})", "data.by", ErrorCode::unknown_field},
  };
  for (const auto& c : cases) {
    const auto body = std::string(R"({"command_id":"c-0001-abcd","type":")") + c.type + R"(","data":)" + c.data + "}";
    CAPTURE(body);
    auto r = decode_command_envelope(body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == c.field);
    CHECK(r.error().code == c.code);
  }
}

TEST_CASE("bad payments, adjustments and plans are refused by decide naming the field, and nothing changes") {
  auto g = acme();
  // Before any plan, the program's currency is the one accepted.
  CHECK(refused(g, RecordPayment{"x-1", 1, PaymentKind::payment, Money{100, "EUR"}, 0, {}}, staff, at(2026, 1, 2)).field == "data.amount.currency");
  save(g, referral_plan("2026-01-01", 2000, 1000), t0);
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 5));
  const TimeMs now = at(2026, 1, 6);
  auto zero = refused(g, payment("x-1", 1, 0), staff, now);
  CHECK(zero.code == ErrorCode::invalid_field);
  CHECK(zero.field == "data.amount.minor");
  CHECK(refused(g, payment("x-1", 1, -500), staff, now).field == "data.amount.minor");
  auto unknown = refused(g, payment("x-1", 99, 100), staff, now);
  CHECK(unknown.code == ErrorCode::not_found);
  CHECK(unknown.field == "data.customer_id");
  auto currency = refused(g, RecordPayment{"x-1", 1, PaymentKind::payment, Money{100, "EUR"}, 0, {}}, staff, now);
  CHECK(currency.field == "data.amount.currency");
  CHECK(currency.message == "Payments are in the currency of the program's commission plan (USD).");
  CHECK(refused(g, payment("x-1", 1, 100, now + max_clock_skew_ms + 1), staff, now).field == "data.paid_at");
  CHECK(when_ok(g.state, payment("x-1", 1, 100, now + max_clock_skew_ms), staff, now).size() == 2); // the billing system's clock runs ahead
  CHECK(refused(g, refund("x-1", 1, 10'001, "inv-1"), staff, now).field == "data.amount.minor");
  CHECK(refused(g, refund("x-1", 1, 100, "nope"), staff, now).field == "data.refund_of");
  CHECK(refused(g, refund("x-1", 2, 100, "inv-1"), staff, now).field == "data.refund_of");
  CHECK(refused(g, RecordPayment{"x-1", 1, PaymentKind::refund, Money{100, "USD"}, 0, {}}, staff, now).field == "data.refund_of");
  CHECK(refused(g, RecordPayment{"", 1, PaymentKind::payment, Money{100, "USD"}, 0, {}}, staff, now).field == "data.external_id");
  CHECK(refused(g, payment("x-1", 1, 100), ava, now).code == ErrorCode::forbidden);
  CHECK(refused(g, payment("x-1", 1, 100), jordan, now).code == ErrorCode::forbidden);
  CHECK(refused(g, payment("x-1", 1, 100), 99, now).code == ErrorCode::not_found); // outsiders see no program
  // The billing system (the server checked the API key) records payments as the system actor.
  auto billed = when_ok(g.state, payment("x-1", 1, 100), support_rules::system_actor, now);
  CHECK(std::get<PaymentRecorded>(billed.at(0)).payment.recorded_by == 0);
  CHECK(refused(g, AdjustCommission{ava, LedgerSide::referral, Money{100, "USD"}, "x", 0}, support_rules::system_actor, now).code ==
        ErrorCode::not_found);

  auto no_reason = refused(g, AdjustCommission{ava, LedgerSide::support, Money{500, "USD"}, "  ", 0}, staff, now);
  CHECK(no_reason.code == ErrorCode::missing_field);
  CHECK(no_reason.field == "data.reason");
  CHECK(refused(g, AdjustCommission{ava, LedgerSide::support, Money{0, "USD"}, "Fix", 0}, staff, now).field == "data.amount.minor");
  CHECK(refused(g, AdjustCommission{99, LedgerSide::support, Money{500, "USD"}, "Fix", 0}, staff, now).field == "data.agent_id");
  CHECK(refused(g, AdjustCommission{ava, LedgerSide::support, Money{500, "EUR"}, "Fix", 0}, staff, now).field == "data.amount.currency");
  CHECK(refused(g, AdjustCommission{ava, LedgerSide::support, Money{500, "USD"}, "Fix", 42}, staff, now).field == "data.customer_id");
  CHECK(refused(g, AdjustCommission{ava, LedgerSide::support, Money{500, "USD"}, "Fix", 0}, ava, now).code == ErrorCode::forbidden);

  CHECK(refused(g, SaveCommissionPlan{plan("2026-01-05")}, owner, now).field == "data.plan.effective_from");
  CHECK(refused(g, SaveCommissionPlan{plan("2026-02-01", SupportBasis::flat, 0)}, owner, now).field == "data.plan.support_flat_minor");
  CHECK(refused(g, SaveCommissionPlan{plan("2026-02-01", SupportBasis::mrr_share, 0, 0)}, owner, now).field == "data.plan.support_mrr_bps");
  auto both = plan("2026-02-01", SupportBasis::mrr_share, 0, 500);
  both.support_flat_minor = 100;
  CHECK(refused(g, SaveCommissionPlan{both}, owner, now).field == "data.plan.support_flat_minor");
  CHECK(refused(g, SaveCommissionPlan{plan("2026-02-01")}, staff, now).code == ErrorCode::forbidden);
  auto eur = plan("2026-02-01");
  eur.currency = "eur";
  CHECK(refused(g, SaveCommissionPlan{eur}, owner, now).field == "data.plan.currency");
  // A plan in another currency opens payments in it.
  eur.currency = "EUR";
  save(g, eur, now);
  run(g, RecordPayment{"eu-1", 1, PaymentKind::payment, Money{100, "EUR"}, 0, {}}, staff, at(2026, 2, 2));
  CHECK(refused(g, RecordPayment{"gb-1", 1, PaymentKind::payment, Money{100, "GBP"}, 0, {}}, staff, at(2026, 2, 2)).message ==
        "Payments are in the currency of the program's commission plan (EUR, USD).");
}

// ---- Who sees what -------------------------------------------------------------------------

TEST_CASE("an agent sees the plans and its own ledger; payments stay with the business; customers see none of it") {
  auto server = acme();
  std::vector<Event> log;
  auto act = [&](const Command& c, PersonId who, TimeMs when) {
    for (auto& body : when_ok(server.state, c, who, when)) {
      Event e{++server.seq, 1, who, when, body};
      apply(server.state, e);
      log.push_back(e);
    }
  };
  auto replica = visible_state(server.state, ava);
  act(SaveCommissionPlan{referral_plan("2026-01-01", 2000, 1000, 0, 10)}, owner, t0);
  act(payment("inv-1", 1, 10'000), staff, at(2026, 1, 5));
  act(payment("t-1", 2, 10'000), staff, at(2026, 1, 5));
  act(AssignCustomer{3, ava}, staff, at(2026, 1, 7));
  act(refund("rf-1", 1, 5'000, "inv-1"), staff, at(2026, 1, 8));
  act(AssignCustomer{1, theo}, staff, at(2026, 1, 9));
  act(RunTimers{}, support_rules::system_actor, at(2026, 1, 16));
  act(RecordPayout{"TR-1", "USD", {referral_line_of(server.state, "inv-1").id, referral_line_of(server.state, "t-1").id}}, owner, at(2026, 1, 17));
  act(RunTimers{}, support_rules::system_actor, at(2026, 2, 1));
  act(AdjustCommission{ava, LedgerSide::support, Money{250, "USD"}, "Extra onboarding.", 3}, staff, at(2026, 2, 2));

  const auto& full = server.state.commissions;
  auto va = visible_state(server.state, ava);
  CHECK(va.commissions.plans == full.plans);
  CHECK(va.commissions.payments.empty());
  CHECK(va.commissions.cancelled.empty());
  CHECK_FALSE(va.commissions.lines.empty());
  for (const auto& [id, l] : va.commissions.lines) CHECK(l.agent_id == ava);
  REQUIRE(va.commissions.batches.size() == 1);
  const auto& batch = va.commissions.batches.begin()->second;
  CHECK(batch.total_minor == 1500); // Ava's part only (3000 - 1500)
  CHECK(full.batches.begin()->second.total_minor == 4500);
  for (const auto& [c, spans] : va.commissions.spans)
    for (const auto& sp : spans) CHECK(sp.agent_id == ava);
  auto vj = visible_state(server.state, jordan);
  CHECK(vj.commissions.lines.empty());
  CHECK(vj.commissions.plans.empty());
  auto vs = visible_state(server.state, staff);
  CHECK(nlohmann::json(vs.commissions) == nlohmann::json(full));

  const auto commission_event = [](const EventBody& b) {
    return std::holds_alternative<CommissionPlanSaved>(b) || std::holds_alternative<PaymentRecorded>(b) ||
           std::holds_alternative<ReferralCommissionAccrued>(b) || std::holds_alternative<ReferralCommissionReversed>(b) ||
           std::holds_alternative<SupportCommissionAccrued>(b) || std::holds_alternative<SupportMonthClosed>(b) ||
           std::holds_alternative<CommissionAdjusted>(b) || std::holds_alternative<CommissionLinesApproved>(b) ||
           std::holds_alternative<PayoutRecorded>(b);
  };
  int commission_events = 0;
  for (const auto& e : log) {
    CAPTURE(std::string(type_of(e.body)));
    if (!commission_event(e.body)) continue;
    ++commission_events;
    const bool business_only = std::holds_alternative<PaymentRecorded>(e.body);
    CHECK(event_visible_to(server.state, staff, e));
    CHECK_FALSE(event_visible_to(server.state, jordan, e));
    if (business_only) CHECK_FALSE(event_visible_to(server.state, ava, e));
    if (auto a = std::get_if<ReferralCommissionAccrued>(&e.body)) {
      CHECK(event_visible_to(server.state, ava, e) == (a->line.agent_id == ava));
      CHECK(event_visible_to(server.state, theo, e) == (a->line.agent_id == theo));
    }
    if (auto p = std::get_if<PayoutRecorded>(&e.body)) CHECK(event_visible_to(server.state, ava, e) == (p->agent_id == ava));
  }
  CHECK(commission_events >= 12);
  // The agent's replica, fed only its visible events, holds the same ledger as a fresh snapshot.
  for (const auto& e : log)
    if (event_visible_to(server.state, ava, e)) apply(replica, e);
  CHECK(replica.commissions.lines == va.commissions.lines);
  CHECK(replica.commissions.batches == va.commissions.batches);
  CHECK(replica.commissions.plans == va.commissions.plans);
  CHECK(replica.commissions.next_close == va.commissions.next_close);
  CHECK(replica.commissions.next_line_id == va.commissions.next_line_id);
  CHECK(balances(replica.commissions, ava, LedgerSide::referral, "USD") == balances(full, ava, LedgerSide::referral, "USD"));
  CHECK(balances(replica.commissions, ava, LedgerSide::support, "USD") == balances(full, ava, LedgerSide::support, "USD"));
  // The expected support accrual of the month under way, from the agent's own spans.
  auto expected = support_accruals(va.commissions, "USD", month_of(at(2026, 2, 1)));
  REQUIRE(expected.size() == 1);
  CHECK(expected[0].customer_id == 3);
  CHECK(expected[0].days == 28);
  CHECK(expected[0].amount.minor == 3000);
}

// ---- Wire forms ----------------------------------------------------------------------------

TEST_CASE("every commission command round-trips through encode and decode") {
  auto p = referral_plan("2026-03-01", 1500, 500, 12, 14);
  p.support_basis = SupportBasis::mrr_share;
  p.support_flat_minor = 0;
  p.support_mrr_bps = 750;
  std::vector<Command> all = {SaveCommissionPlan{p},
                              SaveCommissionPlan{plan("2026-03-01")},
                              payment("in_1NxY", 3, 4'900),
                              payment("in_1NxZ", 3, 4'900, at(2026, 1, 2)),
                              refund("re_1", 3, 900, "in_1NxY"),
                              AdjustCommission{4, LedgerSide::support, Money{-250, "USD"}, "Double counted.", 0},
                              AdjustCommission{4, LedgerSide::referral, Money{250, "USD"}, "Bonus.", 2},
                              ApproveCommissionLines{{3, 1, 2}},
                              RecordPayout{"TR-2026-01", "USD", {1, 2}},
                              SetAdjustmentThreshold{Money{0, "USD"}},
                              SetAdjustmentThreshold{Money{750'00, "EUR"}}};
  for (const auto& c : all) {
    CAPTURE(type_of(c));
    auto encoded = encode_command({"cmd-12345678", c}).dump();
    CAPTURE(encoded);
    auto back = decode_command_envelope(encoded);
    if (!back.ok()) FAIL_CHECK(back.error().field << ": " << back.error().message);
    REQUIRE(back.ok());
    CHECK(back->command.index() == c.index());
    CHECK(encode_command(*back).dump() == encoded);
  }
  auto back = decode_command_envelope(encode_command({"cmd-12345678", SaveCommissionPlan{p}}).dump());
  REQUIRE(back.ok());
  CHECK(std::get<SaveCommissionPlan>(back->command).plan.same_terms(p));
}

TEST_CASE("every commission event round-trips through JSON, and so does a snapshot with a ledger") {
  LedgerLine l;
  l.id = 7, l.agent_id = 4, l.side = LedgerSide::support, l.kind = LineKind::accrual, l.amount = Money{1200, "USD"};
  l.customer_id = 3, l.month = "2026-01", l.days = 12, l.note = "Support", l.at = t0, l.approve_at = t0 + day_ms;
  Payment pay{2, "in_1", 3, PaymentKind::refund, Money{500, "USD"}, t0, 1, 0, 0, t0};
  std::vector<EventBody> all = {CommissionPlanSaved{plan("2026-01-01")},
                                PaymentRecorded{pay},
                                ReferralCommissionAccrued{l},
                                ReferralCommissionReversed{l},
                                SupportCommissionAccrued{l},
                                SupportMonthClosed{"2026-01"},
                                CommissionAdjusted{l},
                                CommissionLinesApproved{4, {7, 8}, "The holding period passed."},
                                PayoutRecorded{1, "TR-1", "USD", 4, {7, 8}, {l}},
                                AdjustmentThresholdSet{Money{250'00, "USD"}}};
  for (const auto& body : all) {
    CAPTURE(type_of(body));
    Event e{9, 1, 3, t0, body};
    auto j = to_json(e, true);
    auto back = event_from_json(j);
    REQUIRE(back.ok());
    CHECK(back->body.index() == body.index());
    CHECK(to_json(*back, true) == j);
  }
  auto g = acme();
  save(g, referral_plan("2026-01-01", 2000, 1000), t0);
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 1, 5));
  run(g, refund("rf-1", 1, 1'000, "inv-1"), staff, at(2026, 1, 6));
  run(g, with_subscription(g.state, 2, SubscriptionStatus::cancelled), staff, at(2026, 1, 7));
  timers(g, at(2026, 2, 1));
  auto back = state_from_json(state_to_json(g.state));
  REQUIRE(back.ok());
  CHECK(back->commissions == g.state.commissions); // as structs: a field lost on the wire fails
  CHECK(back->commissions.referral_line_of == g.state.commissions.referral_line_of);
  CHECK(back->commissions.reversals_of == g.state.commissions.reversals_of);
  CHECK(back->commissions.pending == g.state.commissions.pending);
  CHECK(back->commissions.first_payment == g.state.commissions.first_payment);
  CHECK(back->commissions.cancelled.at(2).size() == 1);
}

TEST_CASE("months, days and the timers' schedule") {
  CHECK(month_label(month_of(at(2028, 2, 29, 23, 59))) == "2028-02");
  CHECK(days_in(*parse_month("2028-02")) == 29);
  CHECK(days_in(*parse_month("2026-02")) == 28);
  CHECK(days_in(*parse_month("2100-02")) == 28);
  CHECK(month_start(*parse_month("2027-01")) == at(2027, 1, 1));
  CHECK(month_start(month_of(at(2026, 12, 31, 23)) + 1) == at(2027, 1, 1));
  CHECK_FALSE(parse_month("2026-13"));
  CHECK_FALSE(parse_month("2026-1"));
  CHECK(day_of(at(2026, 1, 1) - 1) == day_of(at(2026, 1, 1)) - 1);
  CHECK(mul_div(2'000'000'000'000, 999'999'999'999, 1'000'000'000'000) == 1'999'999'999'998);
  // No support commission in any plan: no month to close (the spans are kept all the same).
  auto g = acme();
  CHECK_FALSE(commission_rules::timers_due(g.state, at(2026, 3, 1)));
  save(g, referral_plan("2026-01-01", 1000, 0, 0, 3), t0);
  CHECK_FALSE(commission_rules::timers_due(g.state, at(2026, 2, 1) - 1));
  CHECK(commission_rules::timers_due(g.state, at(2026, 2, 1)));
  timers(g, at(2026, 2, 1)); // closes January; its support lines wait 3 days
  CHECK_FALSE(commission_rules::timers_due(g.state, at(2026, 2, 4) - 1));
  CHECK(commission_rules::timers_due(g.state, at(2026, 2, 4)));
  auto approvals = timers(g, at(2026, 2, 4));
  CHECK(count_of<CommissionLinesApproved>(approvals) == 2); // Ava's and Theo's
  CHECK_FALSE(commission_rules::timers_due(g.state, at(2026, 3, 1) - 1));
  run(g, payment("inv-1", 1, 10'000), staff, at(2026, 2, 5));
  CHECK_FALSE(commission_rules::timers_due(g.state, at(2026, 2, 8) - 1));
  CHECK(commission_rules::timers_due(g.state, at(2026, 2, 8))); // past its holding period
  timers(g, at(2026, 2, 8));
  CHECK_FALSE(commission_rules::timers_due(g.state, at(2026, 2, 9)));
  CHECK(referral_line_of(g.state, "inv-1").state == LineState::approved);
}

// ---- The property --------------------------------------------------------------------------

// An independent model of support commission: fed only the events that happened, it asks at
// the last instant of every day who earns support commission for each customer, and sums the
// day's monthly amount under the plan in effect that day.
struct SupportModel {
  std::map<CustomerId, PersonId> assigned;
  std::map<CustomerId, bool> held;
  std::map<PersonId, PartnerStatus> status;
  std::map<PersonId, bool> certified;
  std::map<CustomerId, bool> cancelled;
  std::map<CustomerId, std::int64_t> mrr;
  std::map<std::int64_t, CommissionPlan> plans; // USD versions by their first day
  std::int64_t next_day = 0;                     // the first day not yet looked at
  struct Sum {
    int days = 0;
    std::int64_t units = 0; // minor units x basis points
  };
  std::map<std::tuple<PersonId, CustomerId, int, int>, Sum> sums; // agent, customer, year, month

  void observe(const EventBody& body) {
    if (auto assignment = std::get_if<CustomerAssigned>(&body)) {
      assigned[assignment->customer_id] = assignment->agent_id;
      held[assignment->customer_id] = false; // a new assignment ends a hold
    }
    // Held with the business's queue while its agent may not work support (support_access.hpp).
    if (auto hold = std::get_if<CustomerSupportHeld>(&body)) held[hold->customer_id] = hold->held;
    if (auto partner = std::get_if<AgentStatusChanged>(&body)) status[partner->person_id] = partner->status;
    // Leaving the program ends an agent's support like a removal; coming back starts it active.
    if (auto left = std::get_if<MemberRemoved>(&body)) status[left->person_id] = PartnerStatus::removed;
    if (auto joined = std::get_if<InvitationAccepted>(&body)) status[joined->person_id] = PartnerStatus::active;
    if (auto cert = std::get_if<CertificationStatusChanged>(&body)) certified[cert->person_id] = cert->status == S::certified;
    if (auto update = std::get_if<CustomerUpdated>(&body)) {
      cancelled[update->customer_id] = update->profile.subscription == SubscriptionStatus::cancelled;
      mrr[update->customer_id] = update->profile.mrr.minor;
    }
    if (auto saved = std::get_if<CommissionPlanSaved>(&body)) {
      const auto d = pd::core::parse_date(saved->plan.effective_from);
      REQUIRE(d);
      plans[pd::core::days_from_civil(*d)] = saved->plan;
    }
  }
  // Looks at every day whose last instant comes before `t`.
  void days_before(TimeMs t) {
    while ((next_day + 1) * day_ms - 1 < t) look_at(next_day++);
  }
  void look_at(std::int64_t day) {
    const CommissionPlan* in_effect = nullptr;
    for (const auto& [from, p] : plans)
      if (from <= day) in_effect = &p;
    const auto date = pd::core::civil_from_days(day);
    for (const auto& [customer, agent] : assigned) {
      if (agent == 0 || held[customer] || status[agent] != PartnerStatus::active || !certified[agent] || cancelled[customer]) continue;
      auto& sum = sums[{agent, customer, date.year, date.month}];
      ++sum.days;
      if (in_effect && in_effect->support_basis == SupportBasis::flat) sum.units += in_effect->support_flat_minor * 10'000;
      if (in_effect && in_effect->support_basis == SupportBasis::mrr_share) sum.units += mrr[customer] * in_effect->support_mrr_bps;
    }
  }
  // The lines the months before `month` (year, month) must have: amount and days.
  std::map<std::tuple<PersonId, CustomerId, std::string>, std::pair<std::int64_t, int>> lines_before(int year, int month) const {
    std::map<std::tuple<PersonId, CustomerId, std::string>, std::pair<std::int64_t, int>> out;
    for (const auto& [key, sum] : sums) {
      const auto [agent, customer, y, m] = key;
      if (std::make_pair(y, m) >= std::make_pair(year, month)) continue;
      const std::int64_t per_month = 10'000LL * pd::core::days_in_month(y, m);
      const auto amount = (sum.units + per_month / 2) / per_month;
      char label[8];
      std::snprintf(label, sizeof label, "%04d-%02d", y, m);
      if (amount > 0) out[{agent, customer, label}] = {amount, sum.days};
    }
    return out;
  }
};

// A referral line as the payments that produced it define it (ids, states and times of
// approval differ between worlds).
std::vector<std::tuple<PersonId, LineKind, std::int64_t, CustomerId, std::string>> referral_projection(const ProgramState& s) {
  std::vector<std::tuple<PersonId, LineKind, std::int64_t, CustomerId, std::string>> out;
  for (const auto& [id, l] : s.commissions.lines)
    if (l.side == LedgerSide::referral && (l.kind == LineKind::accrual || l.kind == LineKind::reversal))
      out.emplace_back(l.agent_id, l.kind, l.amount.minor, l.customer_id, l.note);
  return out;
}

Given property_program() {
  auto g = acme();
  g.member(nia, pd::identity::Role::agent, "Nia");
  g.event(staff, CertificationStatusChanged{nia, S::certified, "", 0, 0});
  g.event(staff, CustomerAdded{4, profile("Ola Berg", "ola@fjord.test", nia)});
  g.event(staff, CustomerAdded{5, profile("Kim Park", "kim@lumen.test", ava)});
  return g;
}

// A partner-status change as the business sends it (the other fields at their defaults).
SetAgentStatus status_change(PersonId agent, PartnerStatus to, const char* reason, bool reassign = false) {
  SetAgentStatus c;
  c.person_id = agent;
  c.status = to;
  c.reason = reason;
  c.reassign_customers = reassign;
  return c;
}

TEST_CASE("property: support-side, membership, discipline and certification events never touch a referral line; support lines match a "
          "day-by-day recomputation") {
  const Given base = property_program();
  std::mt19937 rng(20'260'101);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const PersonId agents[] = {ava, theo, nia};
  const CustomerId customers[] = {1, 2, 3, 4, 5};
  int checked_support_events = 0, support_lines_compared = 0, referral_lines_seen = 0;
  int removals = 0, returns = 0, terminations = 0, fraud_stops = 0, payments_after_removal = 0;

  for (int sequence = 0; sequence < 2000; ++sequence) {
    CAPTURE(sequence);
    Given world = base;  // every event
    Given shadow = base; // only what may touch referral commission: payments, refunds, plans, cancellations, the clock
    SupportModel model;
    for (const auto& [id, c] : base.state.customers) {
      model.assigned[id] = c.assigned_agent;
      model.cancelled[id] = false;
      model.mrr[id] = c.profile.mrr.minor;
    }
    for (auto a : agents) {
      model.status[a] = PartnerStatus::active;
      model.certified[a] = is_certified(base.state.certification, a);
    }
    model.next_day = day_of(t0);
    TimeMs now = t0;
    std::vector<std::string> payments;
    std::map<LineId, LedgerLine> seen; // every line ever written, as written

    // Runs a command in one world: applies its events (true) or reports the refusal (false).
    auto attempt = [&](Given& g, const Command& c, PersonId who, std::vector<EventBody>* events = nullptr) {
      auto r = decide(g.state, c, actor(who), now);
      if (!r) return false;
      for (const auto& e : r.value()) g.event(who, e, now);
      if (events) *events = r.value();
      return true;
    };
    auto observe = [&](const std::vector<EventBody>& events) {
      for (const auto& e : events) model.observe(e);
    };
    // A command for both worlds (they must agree on whether it is accepted).
    auto both = [&](const Command& in_world, const Command& in_shadow, PersonId who) {
      std::vector<EventBody> events;
      const bool ok = attempt(world, in_world, who, &events);
      CHECK(attempt(shadow, in_shadow, who) == ok);
      if (ok) observe(events);
    };
    // An event straight into the world, where the command would be refused.
    auto force = [&](EventBody body) {
      model.observe(body);
      world.event(staff, std::move(body), now);
    };

    std::vector<EventBody> first_plan;
    auto p0 = plan("2026-01-01", pick(2) ? SupportBasis::flat : SupportBasis::mrr_share, 1 + pick(10'000), 1 + pick(3'000));
    p0.referral_first_bps = pick(3'000);
    p0.referral_recurring_bps = pick(2'000);
    REQUIRE(attempt(world, SaveCommissionPlan{p0}, owner, &first_plan));
    REQUIRE(attempt(shadow, SaveCommissionPlan{p0}, owner));
    observe(first_plan);

    const int steps = 30 + pick(30);
    for (int step = 0; step < steps; ++step) {
      switch (pick(10)) {
      case 0: break;                                      // at the same instant
      case 1: now = (day_of(now) + 1) * day_ms; break;    // at midnight
      case 2: now = (day_of(now) + 1) * day_ms - 1; break; // at a day's last instant
      default: now += 1 + static_cast<TimeMs>(rng() % static_cast<unsigned>(2 * day_ms)); break;
      }
      model.days_before(now);
      const PersonId agent = agents[pick(3)];
      const CustomerId customer = customers[pick(5)];
      const auto referral_before = referral_lines(world.state);
      bool support_side = true;
      std::vector<EventBody> events;

      switch (pick(27)) {
      case 0:
      case 1: { // assign or reassign (never to someone who has left the program)
        const PersonId from = world.state.customer(customer)->assigned_agent;
        if (attempt(world, AssignCustomer{customer, agent}, staff, &events)) observe(events);
        else if (from != agent && world.state.member(agent)) force(CustomerAssigned{customer, agent, from});
        break;
      }
      case 2: // internal support
        if (attempt(world, AssignCustomer{customer, 0}, staff, &events)) observe(events);
        break;
      case 3: // suspend, with or without moving every customer
        if (attempt(world, status_change(agent, PartnerStatus::suspended, "Slow replies.", pick(2) == 0), staff, &events)) observe(events);
        break;
      case 4: // reinstate
        if (attempt(world, status_change(agent, PartnerStatus::active, ""), staff, &events)) observe(events);
        break;
      case 5: // remove support access
        if (attempt(world, status_change(agent, PartnerStatus::removed, "Restricted topic."), staff, &events)) observe(events);
        break;
      case 6: // revoke
        if (attempt(world, RevokeCertification{agent, "Conduct."}, owner, &events)) observe(events);
        else force(CertificationStatusChanged{agent, S::revoked, "Conduct.", 0, 0});
        break;
      case 7: force(CertificationStatusChanged{agent, S::failed, "Scored 3 of 10.", now + 3 * day_ms, 0}); break;
      case 8: force(CertificationStatusChanged{agent, S::expired, "", 0, 0}); break;
      case 9: force(CertificationStatusChanged{agent, S::certified, "", 0, 0}); break;
      case 10: { // cancel or come back
        const bool cancelled = world.state.customer(customer)->profile.subscription == SubscriptionStatus::cancelled;
        const auto to = cancelled ? SubscriptionStatus::active : SubscriptionStatus::cancelled;
        both(with_subscription(world.state, customer, to), with_subscription(shadow.state, customer, to), staff);
        break;
      }
      case 11: { // the customer's MRR changes
        const std::int64_t minor = pick(4) == 0 ? 0 : 1 + pick(200'000);
        both(with_mrr(world.state, customer, minor), with_mrr(shadow.state, customer, minor), staff);
        break;
      }
      case 12:
      case 13: { // a payment, now and then a repeat of an earlier id
        support_side = false;
        std::string id = !payments.empty() && pick(5) == 0 ? payments[static_cast<std::size_t>(pick(static_cast<int>(payments.size())))]
                                                            : "pay-" + std::to_string(payments.size());
        const auto c = payment(id, customer, 1 + pick(100'000));
        both(c, c, pick(2) ? staff : support_rules::system_actor);
        if (world.state.commissions.payment_by_external_id(id) && std::find(payments.begin(), payments.end(), id) == payments.end())
          payments.push_back(id);
        break;
      }
      case 14: { // a refund of part or all of what is left of a payment
        support_side = false;
        if (payments.empty()) break;
        const auto* paid = world.state.commissions.payment_by_external_id(payments[static_cast<std::size_t>(pick(static_cast<int>(payments.size())))]);
        REQUIRE(paid);
        const auto left = paid->amount.minor - paid->refunded_minor;
        if (left <= 0) break;
        const auto c = refund("ref-" + std::to_string(step) + "-" + std::to_string(sequence), paid->customer_id,
                              pick(3) == 0 ? left : 1 + static_cast<std::int64_t>(rng() % static_cast<unsigned>(left)), paid->external_id);
        both(c, c, staff);
        break;
      }
      case 15: { // a plan change, from today or a later day
        support_side = false;
        auto p = plan(pd::core::format_date(pd::core::civil_from_days(day_of(now) + pick(40))).c_str());
        const int basis = pick(3);
        p.support_basis = basis == 0 ? SupportBasis::none : basis == 1 ? SupportBasis::flat : SupportBasis::mrr_share;
        p.support_flat_minor = basis == 1 ? 1 + pick(20'000) : 0;
        p.support_mrr_bps = basis == 2 ? 1 + pick(5'000) : 0;
        p.referral_first_bps = pick(3'000);
        p.referral_recurring_bps = pick(2'000);
        p.referral_recurring_months = std::array<int, 4>{0, 1, 3, 12}[static_cast<std::size_t>(pick(4))];
        p.hold_days = std::array<int, 4>{0, 1, 10, 30}[static_cast<std::size_t>(pick(4))];
        const auto lines_before = world.state.commissions.lines;
        both(SaveCommissionPlan{p}, SaveCommissionPlan{p}, owner);
        CHECK(world.state.commissions.lines == lines_before); // a plan change rewrites no line
        break;
      }
      case 16:
      case 17: // the scheduler
        support_side = false;
        both(RunTimers{}, RunTimers{}, support_rules::system_actor);
        break;
      case 18: { // the business approves a pending line, or pays out an agent's approved lines
        support_side = false;
        std::vector<LineId> approved, waiting;
        const auto side = pick(2) ? LedgerSide::referral : LedgerSide::support;
        for (const auto& [id, l] : world.state.commissions.lines) {
          if (l.agent_id != agent || l.side != side) continue;
          if (l.state == LineState::pending) waiting.push_back(id);
          if (l.state == LineState::approved && l.amount.minor > 0) approved.push_back(id);
        }
        if (!waiting.empty() && pick(2)) attempt(world, ApproveCommissionLines{{waiting[static_cast<std::size_t>(pick(static_cast<int>(waiting.size())))]}}, staff);
        else if (!approved.empty()) attempt(world, RecordPayout{"TR-" + std::to_string(step), "USD", approved}, owner);
        break;
      }
      case 20: // a formal warning
        if (attempt(world, WarnAgent{agent, "Three overdue tickets this week."}, staff, &events)) observe(events);
        break;
      case 21: // a plain termination (not for fraud): referral commission runs on
        if (attempt(world, status_change(agent, PartnerStatus::terminated, "Material breach."), owner, &events)) {
          observe(events);
          ++terminations;
        }
        break;
      case 22: // removed from the program through People
        if (attempt(world, RemoveMember{agent}, owner, &events)) {
          observe(events);
          ++removals;
        }
        break;
      case 23: { // invited back (or the invitation withdrawn), or a business member's role changes
        if (world.state.member(agent)) {
          const auto role = world.state.role_of(admin) == pd::identity::Role::admin ? pd::identity::Role::staff : pd::identity::Role::admin;
          if (attempt(world, ChangeMemberRole{admin, role}, owner, &events)) observe(events);
          break;
        }
        const InvitationId invitation = world.state.next_invitation_id;
        const auto email = "p" + std::to_string(agent) + "@acme.test";
        if (!attempt(world, InviteMember{email, pd::identity::Role::agent, 0, 24, "hash-" + std::to_string(invitation)}, staff, &events)) break;
        observe(events);
        if (pick(3) == 0) {
          if (attempt(world, RevokeInvitation{invitation}, staff, &events)) observe(events);
        } else if (attempt(world, AcceptInvitation{invitation}, agent, &events)) {
          observe(events);
          ++returns;
        }
        break;
      }
      case 24: { // termination for fraud, the one decision that stops referral commission: in both worlds
        support_side = false;
        const StopReferralCommission stop{agent, "Invented customers.", true};
        if (attempt(world, stop, owner, &events)) {
          observe(events);
          shadow.event(owner, events.at(0), now);
          ++fraud_stops;
        }
        break;
      }
      case 25:
      case 26: { // a payment from a customer whose referrer has left the program
        support_side = false;
        CustomerId left = 0;
        for (auto c : customers)
          if (const auto referred_by = world.state.customer(c)->profile.referring_agent; referred_by && !world.state.member(referred_by)) left = c;
        if (left == 0) break;
        const auto c = payment("left-" + std::to_string(sequence) + "-" + std::to_string(step), left, 1 + pick(100'000));
        both(c, c, staff);
        ++payments_after_removal;
        break;
      }
      default: { // an adjustment
        support_side = false;
        const std::int64_t minor = pick(2) ? 1 + pick(1000) : -1 - pick(1000);
        attempt(world, AdjustCommission{agent, pick(2) ? LedgerSide::referral : LedgerSide::support, Money{minor, "USD"}, "Correction.", 0}, staff);
        break;
      }
      }

      // (1) A support-side or certification event adds, removes or changes no referral line.
      if (support_side) {
        ++checked_support_events;
        CHECK(referral_lines(world.state) == referral_before);
      }
      // Lines are appended, never removed, and their amounts never change.
      for (const auto& [id, l] : world.state.commissions.lines) {
        auto [it, fresh] = seen.emplace(id, l);
        if (fresh) continue;
        CHECK(it->second.amount == l.amount);
        CHECK(it->second.agent_id == l.agent_id);
        CHECK(it->second.side == l.side);
        CHECK(it->second.kind == l.kind);
      }
      CHECK(world.state.commissions.lines.size() == seen.size());
    }

    // Close every month the sequence touched.
    now = month_start(month_of(now) + 1);
    model.days_before(now);
    both(RunTimers{}, RunTimers{}, support_rules::system_actor);

    // (2) The support lines are those of the day-by-day recomputation.
    const auto end = pd::core::civil_from_days(day_of(now));
    const auto expected = model.lines_before(end.year, end.month);
    std::map<std::tuple<PersonId, CustomerId, std::string>, std::pair<std::int64_t, int>> got;
    for (const auto& [id, l] : world.state.commissions.lines)
      if (l.side == LedgerSide::support && l.kind == LineKind::accrual) {
        CHECK(got.count({l.agent_id, l.customer_id, l.month}) == 0); // one line per agent, customer and month
        got[{l.agent_id, l.customer_id, l.month}] = {l.amount.minor, l.days};
      }
    CHECK(got == expected);
    support_lines_compared += static_cast<int>(got.size());
    // And support decisions took no referral commission: the world's referral lines are those
    // of the world where none of them happened.
    const auto projection = referral_projection(world.state);
    CHECK(projection == referral_projection(shadow.state));
    referral_lines_seen += static_cast<int>(projection.size());
  }
  // The sequences did exercise what they claim to.
  CHECK(checked_support_events > 20'000);
  CHECK(support_lines_compared > 5'000);
  CHECK(referral_lines_seen > 5'000);
  CHECK(removals > 500);
  CHECK(returns > 200);
  CHECK(terminations > 500);
  CHECK(fraud_stops > 100);
  CHECK(payments_after_removal > 500);
}

} // namespace

} // namespace test_unit_shared_domain_commissions_commission
