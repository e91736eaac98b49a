// Referral attribution and the referral ledger outlive membership and support status
// (docs/requirements.md, Referral attribution): removing an agent through People keeps its
// referrer record, the customers it referred stay editable and their payments keep earning it
// referral commission; a plain termination changes nothing there. Termination for fraud is the
// one case where the business may stop future referral commission: its own command, confirmed
// apart, with a reason, recorded as its own event, seen by the agent, never reaching back. Also:
// every agent has a certification status from the moment it joins (Not Started), the Certified
// Support Partner badge, and the paper draw.
#include "../program_fixture.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/commissions/commission_reports.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/visibility.hpp"

#include <algorithm>

namespace test_unit_shared_domain_commissions_referrals { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;
using namespace pd::domain::testing;
using pd::core::ErrorCode;
using pd::identity::Role;

namespace {

constexpr PersonId owner = 1, admin = 2, staff = 3, ava = 4, theo = 5;
constexpr TimeMs day = 86'400'000;


SetAgentStatus status_change(PersonId agent, PartnerStatus to, std::string reason) {
  SetAgentStatus c;
  c.person_id = agent;
  c.status = to;
  c.reason = std::move(reason);
  return c;
}

// Acme with a plan: 20% once on a customer's first payment, 10% of every payment.
Given with_plan() {
  auto g = acme();
  CommissionPlan p;
  p.currency = "USD";
  p.effective_from = "2026-01-01";
  p.referral_first_bps = 2000;
  p.referral_recurring_bps = 1000;
  run(g, SaveCommissionPlan{p}, owner, t0);
  return g;
}

RecordPayment payment(std::string id, CustomerId c, std::int64_t minor, TimeMs paid_at = 0) {
  return RecordPayment{std::move(id), c, PaymentKind::payment, Money{minor, "USD"}, paid_at, {}};
}

// The amounts of Ava's referral lines, in the order written.
std::vector<std::int64_t> ava_referral(const ProgramState& s) {
  std::vector<std::int64_t> out;
  for (const auto& [id, l] : s.commissions.lines)
    if (l.agent_id == ava && l.side == LedgerSide::referral) out.push_back(l.amount.minor);
  return out;
}

UpdateCustomer renamed(const ProgramState& s, CustomerId c, const char* name) {
  auto cust = s.customer(c);
  REQUIRE(cust);
  auto p = cust->profile;
  p.name = name;
  return UpdateCustomer{c, p, cust->version};
}

} // namespace

TEST_CASE("removing an agent through People keeps its referrals: the customer stays editable and its payments keep earning") {
  auto g = with_plan();
  run(g, payment("inv-1", 1, 100'00), staff, t0 + day); // Jordan, referred by Ava: 20% + 10% of 100.00
  REQUIRE(ava_referral(g.state) == std::vector<std::int64_t>{30'00});

  run(g, RemoveMember{ava}, owner, t0 + 2 * day);
  CHECK_FALSE(g.state.member(ava));
  CHECK_FALSE(g.state.agents.count(ava));
  const auto* r = referrer(g.state.commissions, ava);
  REQUIRE(r);
  CHECK(r->name == "Ava");
  CHECK(r->left_at == t0 + 2 * day);
  CHECK(g.state.customer(1)->profile.referring_agent == ava);

  // The business records a cancellation without wiping the attribution.
  auto cancelled = renamed(g.state, 1, "Jordan Lee");
  cancelled.profile.subscription = SubscriptionStatus::past_due;
  run(g, cancelled, staff, t0 + 3 * day);
  CHECK(g.state.customer(1)->profile.referring_agent == ava);
  // A new customer may still be recorded as referred by her; a stranger may not be a referrer.
  run(g, AddCustomer{profile("Kim Park", "kim@lumen.test", ava)}, staff, t0 + 3 * day);
  auto stranger = when_refused(g.state, AddCustomer{profile("Bo Lin", "bo@lin.test", 99)}, staff, t0 + 3 * day);
  CHECK(stranger.field == "data.profile.referring_agent");
  // A business member was never an agent: not a referrer either.
  CHECK(when_refused(g.state, AddCustomer{profile("Bo Lin", "bo@lin.test", staff)}, staff).field == "data.profile.referring_agent");

  // Her referral commission runs on: 10% recurring of the next payment.
  run(g, payment("inv-2", 1, 100'00), staff, t0 + 4 * day);
  CHECK(ava_referral(g.state) == std::vector<std::int64_t>{30'00, 10'00});
  // The statement of the month holds both.
  const auto st = statement(g.state.commissions, ava, "USD", month_of(t0));
  CHECK(st.referral.earned == 40'00);
}

TEST_CASE("an agent who comes back after removal keeps its referrer record and certification") {
  auto g = with_plan();
  run(g, RemoveMember{ava}, owner, t0 + day);
  g.member(ava, Role::agent, "Ava");
  CHECK(referrer(g.state.commissions, ava)->left_at == 0);
  CHECK(certification_status(g.state.certification, ava) == CertificationStatus::certified);
}

TEST_CASE("suspension, removal of support access and plain termination never stop referral commission") {
  for (auto to : {PartnerStatus::suspended, PartnerStatus::removed, PartnerStatus::terminated}) {
    CAPTURE(to_string(to));
    auto g = with_plan();
    run(g, status_change(ava, to, "Conduct."), staff, t0 + day);
    run(g, payment("inv-1", 1, 100'00), staff, t0 + 2 * day);
    CHECK(ava_referral(g.state) == std::vector<std::int64_t>{30'00});
    CHECK(g.state.customer(1)->assigned_agent == (to == PartnerStatus::suspended ? ava : 0));
  }
}

TEST_CASE("termination for fraud: referral commission stops from then on, by its own confirmed command") {
  auto g = with_plan();
  run(g, payment("inv-1", 1, 100'00), staff, t0 + day);
  const auto lines_before = g.state.commissions.lines;

  const StopReferralCommission stop{ava, "Invented customers to collect first-payment commission.", true};
  // Not before the partnership is terminated.
  auto early = when_refused(g.state, stop, owner, t0 + 2 * day);
  CHECK(early.code == ErrorCode::conflict);
  CHECK(early.field == "data.person_id");
  run(g, status_change(ava, PartnerStatus::terminated, "Fraud: invented customers."), owner, t0 + 2 * day);
  // Termination alone leaves referral commission running (checked below by inv-2).
  run(g, payment("inv-2", 1, 100'00), staff, t0 + 3 * day);
  CHECK(ava_referral(g.state) == std::vector<std::int64_t>{30'00, 10'00});

  // Separately confirmed, with a reason, by an owner or admin only.
  auto unconfirmed = stop;
  unconfirmed.fraud_confirmed = false;
  CHECK(when_refused(g.state, unconfirmed, owner, t0 + 4 * day).field == "data.fraud_confirmed");
  auto no_reason = stop;
  no_reason.reason = "  ";
  CHECK(when_refused(g.state, no_reason, owner, t0 + 4 * day).field == "data.reason");
  CHECK(when_refused(g.state, stop, staff, t0 + 4 * day).code == ErrorCode::forbidden);
  CHECK(when_refused(g.state, StopReferralCommission{theo, "x", true}, owner, t0 + 4 * day).code == ErrorCode::conflict); // Theo is active
  CHECK(when_refused(g.state, StopReferralCommission{99, "x", true}, owner, t0 + 4 * day).code == ErrorCode::not_found);

  auto events = run(g, stop, admin, t0 + 4 * day);
  REQUIRE(events.size() == 1);
  CHECK(std::get<ReferralCommissionStopped>(events[0]) == ReferralCommissionStopped{ava, stop.reason});
  const auto* r = referrer(g.state.commissions, ava);
  REQUIRE(r);
  CHECK(r->referral_stopped_at == t0 + 4 * day);
  CHECK(r->referral_stopped_by == admin);
  CHECK(r->referral_stop_reason == stop.reason);
  CHECK(when_refused(g.state, stop, owner, t0 + 5 * day).code == ErrorCode::conflict); // once

  // Never retroactive: every line written before stays as it was.
  for (const auto& [id, l] : lines_before) CHECK(g.state.commissions.lines.at(id) == l);
  // A payment made after the stop earns nothing; one made before it, recorded late, still does.
  run(g, payment("inv-3", 1, 100'00), staff, t0 + 5 * day);
  CHECK(ava_referral(g.state) == std::vector<std::int64_t>{30'00, 10'00});
  run(g, payment("inv-late", 1, 50'00, t0 + 4 * day - 1), staff, t0 + 5 * day);
  CHECK(ava_referral(g.state) == std::vector<std::int64_t>{30'00, 10'00, 5'00});
  // Theo's referrals are untouched.
  run(g, payment("inv-4", 2, 100'00), staff, t0 + 5 * day);
  CHECK(std::count_if(g.state.commissions.lines.begin(), g.state.commissions.lines.end(),
                      [](const auto& kv) { return kv.second.agent_id == theo && kv.second.side == LedgerSide::referral; }) == 1);
}

TEST_CASE("the stop reaches the agent's statement and inbox, and no other agent") {
  auto g = with_plan();
  run(g, status_change(ava, PartnerStatus::terminated, "Fraud."), owner, t0 + day);
  auto events = run(g, StopReferralCommission{ava, "Fake invoices", true}, owner, t0 + 2 * day);
  const Event e{g.seq, 1, owner, t0 + 2 * day, events[0]};
  CHECK(event_visible_to(g.state, ava, e));
  CHECK(event_visible_to(g.state, staff, e));
  CHECK_FALSE(event_visible_to(g.state, theo, e));
  CHECK_FALSE(event_visible_to(g.state, 6, e)); // Jordan, a customer
  const auto mine = visible_state(g.state, ava);
  REQUIRE(referrer(mine.commissions, ava));
  CHECK(referrer(mine.commissions, ava)->referral_stop_reason == "Fake invoices");
  CHECK(mine.commissions.referrers.size() == 1);
  CHECK(visible_state(g.state, theo).commissions.referrers.size() == 1); // his own only
  CHECK(visible_state(g.state, 6).commissions.referrers.empty());
  // The statement's notice (the earnings page and the statement's CSV), the same from Ava's own
  // replica; none for Theo.
  const auto notice = referral_stop_notice(mine.commissions, ava);
  CHECK(notice == "Referral commission stopped on " + pd::core::format_date(pd::core::date_of_ms(t0 + 2 * day)) +
                      ", after the partnership was terminated for fraud: Fake invoices. Payments made since earn no referral "
                      "commission; every line written before stays on this ledger.");
  CHECK(referral_stop_notice(g.state.commissions, ava) == notice);
  CHECK(referral_stop_notice(g.state.commissions, theo).empty());
  const auto& inbox = g.state.inboxes.at(ava).items;
  REQUIRE_FALSE(inbox.empty());
  CHECK(inbox.back().text.find("Fake invoices") != std::string::npos);
}

TEST_CASE("StopReferralCommission decodes strictly") {
  auto ok = decode_command("StopReferralCommission", nlohmann::json{{"person_id", 4}, {"reason", "Fraud"}, {"fraud_confirmed", true}});
  REQUIRE(ok);
  CHECK(std::get<StopReferralCommission>(ok.value()) == StopReferralCommission{4, "Fraud", true});
  struct Bad {
    nlohmann::json data;
    const char* field;
  };
  for (const auto& b : {Bad{{{"person_id", 4}, {"reason", "Fraud"}}, "data.fraud_confirmed"},
                        Bad{{{"person_id", 4}, {"reason", "Fraud"}, {"fraud_confirmed", "yes"}}, "data.fraud_confirmed"},
                        Bad{{{"person_id", 0}, {"reason", "Fraud"}, {"fraud_confirmed", true}}, "data.person_id"},
                        Bad{{{"person_id", 4}, {"fraud_confirmed", true}}, "data.reason"},
                        Bad{{{"person_id", 4}, {"reason", std::string(501, 'x')}, {"fraud_confirmed", true}}, "data.reason"},
                        Bad{{{"person_id", 4}, {"reason", "Fraud"}, {"fraud_confirmed", true}, {"retroactive", true}}, "data.retroactive"}}) {
    CAPTURE(b.data.dump());
    auto r = decode_command("StopReferralCommission", b.data);
    REQUIRE_FALSE(r);
    CHECK(r.error().field == b.field);
  }
}

TEST_CASE("a newly joined agent is Not Started in certification.agents until it requests access") {
  auto g = acme();
  g.member(7, Role::agent, "Nia");
  const auto* rec = g.state.certification.agent(7);
  REQUIRE(rec);
  CHECK(rec->status == CertificationStatus::not_started);
  CHECK(rec->access_requested_at == 0);
  CHECK(rec->attempts.empty());
  // Her own snapshot and the business's list her; another agent's does not.
  CHECK(visible_state(g.state, 7).certification.agents.count(7) == 1);
  CHECK(visible_state(g.state, staff).certification.agents.count(7) == 1);
  CHECK(visible_state(g.state, ava).certification.agents.count(7) == 0);
  // Business members and customers get none.
  g.member(8, Role::staff, "Sol");
  CHECK_FALSE(g.state.certification.agent(8));
}

TEST_CASE("the Certified Support Partner badge shows while Certified and not past its expiry") {
  auto g = acme();
  CertificationState c;
  AgentCertification rec;
  rec.person_id = ava;
  rec.status = CertificationStatus::certified;
  rec.certified_at = t0;
  rec.expires_at = t0 + 365 * day;
  c.agents[ava] = rec;
  auto badge = certified_badge(c, ava, t0 + day);
  REQUIRE(badge);
  CHECK(*badge == CertifiedBadge{t0, t0 + 365 * day});
  CHECK_FALSE(certified_badge(c, ava, t0 + 365 * day)); // expired, though the scheduler has not marked it yet
  CHECK_FALSE(certified_badge(c, theo, t0));            // no record: Not Started
  c.agents[ava].expires_at = 0;                         // never expires
  CHECK(certified_badge(c, ava, t0 + 3650 * day));
  for (auto other : {CertificationStatus::passed, CertificationStatus::awaiting_manual_review, CertificationStatus::expired,
                     CertificationStatus::revoked, CertificationStatus::failed}) {
    c.agents[ava].status = other;
    CHECK_FALSE(certified_badge(c, ava, t0 + day));
  }
}

TEST_CASE("an attempt's paper is drawn the same way every time from its inputs") {
  const auto a = draw_paper(8, 6, 1, 4, 1, t0);
  CHECK(a.size() == 6);
  CHECK(a == draw_paper(8, 6, 1, 4, 1, t0));
  auto sorted = a;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()); // no question twice
  CHECK(sorted.back() < 8);
  CHECK(draw_paper(3, 6, 1, 4, 1, t0).size() == 3); // a bank smaller than the draw: all of it
  CHECK(draw_paper(8, 0, 1, 4, 1, t0).empty());
  // Different instants give different papers (over a few tries).
  bool differs = false;
  for (TimeMs k = 1; k < 20 && !differs; ++k) differs = draw_paper(8, 6, 1, 4, 1, t0 + k) != a;
  CHECK(differs);
}

} // namespace test_unit_shared_domain_commissions_referrals
