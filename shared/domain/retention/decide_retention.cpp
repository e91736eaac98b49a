#include "shared/domain/retention/decide_retention.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/retention/churn.hpp"
#include "shared/domain/retention/outreach.hpp"
#include "shared/domain/support/decide_support.hpp"
#include "shared/domain/support/decide_support_access.hpp"

#include <algorithm>

namespace pd::domain::retention_rules {

using core::forbidden;
using core::invalid;
using core::not_found;
using identity::Role;
using Events = std::vector<EventBody>;

namespace {

bool business_of(const ProgramState& s, PersonId p) { return identity::is_business_role(s.role_of(p)); }
bool system_or_business(const ProgramState& s, const Actor& a) { return a.id == support_rules::system_actor || business_of(s, a.id); }

// `score`: the customer's churn score now, when the caller has it already (-1: work it out).
RetentionCase new_case(const ProgramState& s, CustomerId customer, CaseTrigger trigger, PlanRequest request, std::int64_t ticket, std::string note,
                       PersonId by, TimeMs now, int score = -1) {
  RetentionCase k;
  k.id = s.retention.next_case_id;
  k.customer_id = customer;
  k.trigger = trigger;
  k.request = request;
  k.ticket_id = ticket;
  k.score_at_open = score >= 0 ? score : churn_score(s, customer, now).score;
  k.note = std::move(note);
  k.opened_by = by;
  k.opened_at = now;
  return k;
}

// The case a command names, when the actor may work it (not found otherwise: cases are invisible
// to whoever may not work them).
core::Result<const RetentionCase*> workable_case(const ProgramState& s, RetentionCaseId id, PersonId actor) {
  auto it = s.retention.cases.find(id);
  if (it == s.retention.cases.end() || !may_work_case(s, actor, it->second.customer_id)) return not_found("No such retention case.", "data.case_id");
  return &it->second;
}

} // namespace

bool may_work_case(const ProgramState& s, PersonId person, CustomerId customer) {
  const auto* c = s.customer(customer);
  if (!c) return false;
  if (business_of(s, person)) return true;
  return s.role_of(person) == Role::agent && c->assigned_agent == person;
}

bool may_approve_offers(const ProgramState& s, PersonId person) {
  const auto role = s.role_of(person);
  return role == Role::owner || role == Role::admin;
}

Outcome decide(const ProgramState& s, const ChangeRetentionSettings& c, const Actor& a, TimeMs) {
  if (!may_approve_offers(s, a.id)) return forbidden("Only an owner or admin changes the competitor list.");
  if (c.settings == s.retention.settings) return Events{};
  return Events{RetentionSettingsChanged{c.settings}};
}

Outcome decide(const ProgramState& s, const RecordUsage& c, const Actor& a, TimeMs now) {
  if (!system_or_business(s, a)) return forbidden("Only the billing system or business staff record usage.");
  if (!s.customer(c.customer_id)) return not_found("No such customer.", "data.customer_id");
  if (auto it = s.retention.signals.find(c.customer_id); it != s.retention.signals.end())
    for (const auto& u : it->second.usage)
      if (u.month == c.month && u.units == c.units) return Events{}; // the same figure again
  return Events{UsageRecorded{c.customer_id, UsagePoint{c.month, c.units, now}}};
}

Outcome decide(const ProgramState& s, const RecordPaymentFailure& c, const Actor& a, TimeMs now) {
  if (!system_or_business(s, a)) return forbidden("Only the billing system or business staff record failed payments.");
  if (!s.customer(c.customer_id)) return not_found("No such customer.", "data.customer_id");
  if (c.failed_at > now) return invalid("'data.failed_at' is in the future.", "data.failed_at");
  if (c.amount.currency != s.currency) return invalid("The amount is in " + s.currency + ", the program's currency.", "data.amount.currency");
  if (auto it = s.retention.signals.find(c.customer_id); it != s.retention.signals.end())
    for (const auto& f : it->second.failures)
      if (f.external_id == c.external_id) return Events{}; // sent again
  return Events{PaymentFailed{c.customer_id, PaymentFailure{c.external_id, c.amount, c.reason, c.failed_at ? c.failed_at : now}}};
}

Outcome decide(const ProgramState& s, const RecordSignIn&, const Actor& a, TimeMs now) {
  const auto* cust = s.role_of(a.id) == Role::customer ? s.customer_of_person(a.id) : nullptr;
  if (!cust) return Events{}; // only customers' sign-ins count
  if (auto it = s.retention.signals.find(cust->id); it != s.retention.signals.end())
    if (it->second.last_sign_in / core::ms_per_day == now / core::ms_per_day) return Events{}; // once a day
  return Events{CustomerSignedIn{cust->id}};
}

Outcome decide(const ProgramState& s, const RequestPlanChange& c, const Actor& a, TimeMs now) {
  const auto* cust = s.role_of(a.id) == Role::customer ? s.customer_of_person(a.id) : nullptr;
  if (!cust) return forbidden("Only a customer asks to cancel or downgrade its own plan.");
  if (cust->profile.subscription == SubscriptionStatus::cancelled) return invalid("The subscription is already cancelled.", "data.request");
  if (const auto* open = s.retention.open_case_of(cust->id)) {
    if (open->request == c.request) return Events{};
    return Events{RetentionRequestRecorded{open->id, c.request, c.note}};
  }
  const auto trigger = c.request == PlanRequest::cancel ? CaseTrigger::cancellation_request : CaseTrigger::downgrade_request;
  return Events{RetentionCaseOpened{new_case(s, cust->id, trigger, c.request, 0, c.note, a.id, now)}};
}

Outcome decide(const ProgramState& s, const OpenRetentionCase& c, const Actor& a, TimeMs now) {
  // Whoever may not work the customer's cases does not see it (agents see only their own customers).
  if (!may_work_case(s, a.id, c.customer_id)) return not_found("No such customer.", "data.customer_id");
  if (s.customer(c.customer_id)->profile.subscription == SubscriptionStatus::cancelled)
    return invalid("The customer's subscription is cancelled.", "data.customer_id");
  if (const auto* open = s.retention.open_case_of(c.customer_id))
    return core::conflict("The customer already has an open retention case (#" + std::to_string(open->id) + ").", "data.customer_id");
  return Events{RetentionCaseOpened{new_case(s, c.customer_id, CaseTrigger::by_hand, c.request, 0, c.note, a.id, now)}};
}

Outcome decide(const ProgramState& s, const RecordRetentionReason& c, const Actor& a, TimeMs) {
  auto k = workable_case(s, c.case_id, a.id);
  if (!k) return k.error();
  if ((*k)->outcome != CaseOutcome::open) return invalid("The case is closed.", "data.case_id");
  if ((*k)->reason == c.reason && (*k)->understanding == c.understanding) return Events{};
  return Events{RetentionReasonRecorded{c.case_id, c.reason, c.understanding}};
}

Outcome decide(const ProgramState& s, const MakeRetentionOffer& c, const Actor& a, TimeMs now) {
  auto found = workable_case(s, c.case_id, a.id);
  if (!found) return found.error();
  const auto& k = **found;
  if (k.outcome != CaseOutcome::open) return invalid("The case is closed.", "data.case_id");
  if (k.reason == LeaveReason::unknown) return invalid("Understand first: record why the customer wants to leave before making an offer.", "data.case_id");
  if (k.offers.size() >= max_case_offers) return invalid("A case holds at most 10 offers.", "data.case_id");
  for (const auto& o : k.offers)
    if (o.status == OfferStatus::pending_approval || o.status == OfferStatus::made)
      return invalid("The case already has an offer waiting for an answer.", "data.case_id");
  RetentionOffer o;
  o.kind = c.kind;
  o.months = c.months;
  o.percent = c.percent;
  o.note = c.note;
  o.made_by = a.id;
  o.made_at = now;
  o.within_authority = offer_within_band(o, s.customer(k.customer_id)->profile.mrr.minor);
  // Beyond the band: an owner or admin approves it, so theirs is made at once.
  const bool approved = o.within_authority || may_approve_offers(s, a.id);
  o.status = approved ? OfferStatus::made : OfferStatus::pending_approval;
  if (approved && !o.within_authority) {
    o.decided_by = a.id;
    o.decided_at = now;
  }
  return Events{RetentionOfferMade{c.case_id, o}};
}

Outcome decide(const ProgramState& s, const DecideRetentionOffer& c, const Actor& a, TimeMs now) {
  auto found = workable_case(s, c.case_id, a.id);
  if (!found) return found.error();
  if (!may_approve_offers(s, a.id)) return forbidden("Only an owner or admin approves an offer beyond the MRR band.");
  const auto& k = **found;
  if (k.outcome != CaseOutcome::open) return invalid("The case is closed.", "data.case_id");
  if (c.offer < 0 || static_cast<std::size_t>(c.offer) >= k.offers.size()) return not_found("No such offer.", "data.offer");
  auto o = k.offers[static_cast<std::size_t>(c.offer)];
  if (o.status != OfferStatus::pending_approval) return invalid("The offer is not waiting for approval.", "data.offer");
  o.status = c.approve ? OfferStatus::made : OfferStatus::refused;
  o.decided_by = a.id;
  o.decided_at = now;
  return Events{RetentionOfferDecided{c.case_id, c.offer, o}};
}

Outcome decide(const ProgramState& s, const AnswerRetentionOffer& c, const Actor& a, TimeMs now) {
  const auto* cust = s.role_of(a.id) == Role::customer ? s.customer_of_person(a.id) : nullptr;
  auto it = s.retention.cases.find(c.case_id);
  if (!cust || it == s.retention.cases.end() || it->second.customer_id != cust->id) return not_found("No such retention case.", "data.case_id");
  const auto& k = it->second;
  if (k.outcome != CaseOutcome::open) return invalid("The case is closed.", "data.case_id");
  if (c.offer < 0 || static_cast<std::size_t>(c.offer) >= k.offers.size() || k.offers[static_cast<std::size_t>(c.offer)].status != OfferStatus::made)
    return not_found("No such offer waiting for an answer.", "data.offer");
  auto o = k.offers[static_cast<std::size_t>(c.offer)];
  o.status = c.accept ? OfferStatus::accepted : OfferStatus::declined;
  o.decided_by = a.id;
  o.decided_at = now;
  Events out{RetentionOfferDecided{c.case_id, c.offer, o}};
  if (c.accept && k.outcome == CaseOutcome::open)
    out.push_back(RetentionCaseClosed{c.case_id, o.kind == OfferKind::pause ? CaseOutcome::paused : CaseOutcome::saved, cust->profile.mrr.minor, "", 0});
  return out;
}

Outcome decide(const ProgramState& s, const CloseRetentionCase& c, const Actor& a, TimeMs now) {
  auto found = workable_case(s, c.case_id, a.id);
  if (!found) return found.error();
  const auto& k = **found;
  if (k.outcome != CaseOutcome::open) return invalid("The case is already closed.", "data.case_id");
  const auto* cust = s.customer(k.customer_id);
  const auto mrr = cust->profile.mrr.minor;
  std::int64_t kept = c.outcome == CaseOutcome::lost ? 0 : c.mrr_retained_minor.value_or(mrr);
  if (c.outcome == CaseOutcome::downgraded && kept >= mrr && mrr > 0)
    return invalid("A downgrade keeps less than the customer's MRR now.", "data.mrr_retained_minor");
  if (kept > mrr) return invalid("The MRR kept is at most the customer's MRR now.", "data.mrr_retained_minor");
  Events out;
  std::int64_t check_in = 0;
  if (c.outcome == CaseOutcome::lost && c.win_back) {
    check_in = s.next_check_in_id;
    std::string note = "Win-back: " + cust->profile.name + " left " + core::format_date(core::date_of_ms(now));
    note += k.reason == LeaveReason::unknown ? std::string(".") : std::string(" (") + reason_label(k.reason) + ").";
    note += " Reach out about what changed.";
    out.push_back(CheckInScheduled{CheckIn{check_in, k.customer_id, s.handler_of(k.customer_id), now + win_back_days * core::ms_per_day, note, false, 0}});
  }
  out.insert(out.begin(), RetentionCaseClosed{c.case_id, c.outcome, kept, c.exit_feedback, check_in});
  return out;
}

std::optional<EventBody> case_for_ticket(const ProgramState& s, CustomerId customer, std::int64_t ticket_id, CaseTrigger trigger, const std::string& note,
                                         PersonId by, TimeMs now) {
  const auto* cust = s.customer(customer);
  if (!cust || cust->profile.subscription == SubscriptionStatus::cancelled || s.retention.open_case_of(customer)) return std::nullopt;
  return RetentionCaseOpened{new_case(s, customer, trigger, PlanRequest::none, ticket_id, note, by, now)};
}

Outcome decide(const ProgramState& s, const ReachOut& c, const Actor& a, TimeMs now) {
  const auto role = s.role_of(a.id);
  if (role != Role::agent && !business_of(s, a.id)) return forbidden("Outreach is written by the business or the customer's agent.");
  const auto* cust = s.customer(c.customer_id);
  if (!cust || !may_work_case(s, a.id, c.customer_id)) return not_found("No such customer.", "data.customer_id");
  if (auto e = support_rules::refuse_off_support(s, a.id)) return *e;
  if (cust->profile.subscription == SubscriptionStatus::cancelled)
    return core::conflict("This customer has cancelled: a win-back reminder follows the retention case instead.", "data.customer_id");
  if (cust->person_id == 0)
    return core::conflict("This customer has no account yet, so could not read the message. Invite them first.", "data.customer_id");
  if (auto e = desk::check_template_reply(s, outreach_ticket(s, c.customer_id, c.subject), a.id, c.template_id, c.text)) return *e;
  TicketMessage m;
  m.id = 1;
  m.kind = MessageKind::reply;
  m.author = a.id;
  m.author_name = a.name;
  m.author_role = role;
  m.text = c.text;
  m.at = now;
  return Events{TicketOpened{s.next_ticket_id, c.customer_id, s.handler_of(c.customer_id), c.subject, Priority::p3, Category::churn_risk, {},
                             std::move(m), SlaClock{}, true}};
}

std::vector<EventBody> run_timers(const ProgramState& s, TimeMs now) {
  std::vector<EventBody> out;
  // Customers with a case open, or closed in the last 30 days, are left alone.
  std::map<CustomerId, bool> quiet;
  for (const auto& [id, k] : s.retention.cases)
    if (k.outcome == CaseOutcome::open || k.closed_at > now - score_case_quiet_days * core::ms_per_day) quiet[k.customer_id] = true;
  RetentionCaseId next = s.retention.next_case_id;
  for (const auto& [id, c] : s.customers) {
    if (c.profile.subscription == SubscriptionStatus::cancelled || quiet.count(id)) continue;
    const auto score = churn_score(s, id, now);
    if (score.score < at_risk_score) continue;
    RetentionCase k = new_case(s, id, CaseTrigger::score, PlanRequest::none, 0, "", support_rules::system_actor, now, score.score);
    k.id = next++;
    k.note = "Churn score " + std::to_string(score.score) + " (" + churn_level_label(score.level) + ")";
    out.push_back(RetentionCaseOpened{std::move(k)});
  }
  return out;
}

} // namespace pd::domain::retention_rules
