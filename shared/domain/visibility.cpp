#include "shared/domain/visibility.hpp"

#include "shared/domain/program/authorization.hpp"
#include "shared/domain/desk/decide_knowledge.hpp"
#include "shared/domain/support/ticket_audit.hpp"

#include <algorithm>

namespace pd::domain {

using identity::Role;

namespace {

// An offer the customer is shown: made to it, or answered by it (pending and refused offers
// stay with the business, blank but in their place so the offers' numbers agree).
bool offer_shown(const RetentionOffer& o) {
  return o.status == OfferStatus::made || o.status == OfferStatus::accepted || o.status == OfferStatus::declined;
}
RetentionOffer blank_offer(const RetentionOffer& o) {
  if (offer_shown(o)) return o;
  RetentionOffer b;
  b.status = o.status;
  b.kind = OfferKind::months_free;
  return b;
}

struct EventVisibility {
  const ProgramState& s;
  PersonId reader;

  bool member_visible(PersonId p) const { return is_allowed(s, reader, Action::read_member, {.person = p}); }
  bool customer_visible(CustomerId c) const { return is_allowed(s, reader, Action::read_customer, {.customer = c}); }

  bool operator()(const ProgramCreated&) const { return true; }
  bool operator()(const ProgramRenamed&) const { return true; }
  bool operator()(const InvitationCreated&) const { return is_allowed(s, reader, Action::read_invitations); }
  bool operator()(const InvitationRevoked&) const { return is_allowed(s, reader, Action::read_invitations); }
  bool operator()(const InvitationAccepted& e) const {
    return is_allowed(s, reader, Action::read_invitations) || e.person_id == reader || member_visible(e.person_id);
  }
  bool operator()(const MemberRoleChanged& e) const { return member_visible(e.person_id); }
  bool operator()(const MemberEmailChanged& e) const { return member_visible(e.person_id); }
  bool operator()(const MemberRemoved& e) const { return is_allowed(s, reader, Action::read_invitations) || e.person_id == reader; }
  bool operator()(const AgentStatusChanged& e) const { return is_allowed(s, reader, Action::read_agent, {.person = e.person_id}); }
  bool operator()(const CustomerAdded& e) const { return customer_visible(e.customer_id); }
  bool operator()(const CustomerUpdated& e) const { return customer_visible(e.customer_id); }
  bool operator()(const CustomerAssigned& e) const {
    return customer_visible(e.customer_id) || (reader != 0 && e.previous_agent == reader);
  }
  // Who may work support now (support_access.hpp): the customer's side, and the agent's record.
  bool operator()(const CustomerSupportHeld& e) const { return customer_visible(e.customer_id) || (reader != 0 && e.agent_id == reader); }
  bool operator()(const RemediationRecorded& e) const { return is_allowed(s, reader, Action::read_support_record, {.person = e.person_id}); }

  // Support desk. Customers never see internal notes, agents' escalation notes, take-overs,
  // SLA misses or the business's rating of the agent.
  bool customer() const { return s.role_of(reader) == Role::customer; }
  bool ticket_visible(TicketId t) const { return is_allowed(s, reader, Action::read_ticket, {.ticket = t}); }
  bool staff_of_ticket(TicketId t) const { return ticket_visible(t) && !customer(); }
  // Customers get the settings without the restricted topics (customer_facing()), as in their snapshot.
  bool operator()(const SupportSettingsChanged&) const { return true; }
  bool operator()(const TicketOpened& e) const {
    // The ticket is not in the state yet when its own event is filtered: judge by the customer.
    return is_allowed(s, reader, Action::read_customer, {.customer = e.customer_id});
  }
  bool operator()(const TicketReplied& e) const {
    return e.message.kind == MessageKind::internal_note ? staff_of_ticket(e.ticket_id) : ticket_visible(e.ticket_id);
  }
  bool operator()(const TicketTriaged& e) const { return ticket_visible(e.ticket_id); }
  // Customers are told that their ticket was escalated, not by whom or why (customer_facing()).
  bool operator()(const TicketEscalated& e) const { return ticket_visible(e.ticket_id); }
  bool operator()(const TicketTakenOver& e) const { return staff_of_ticket(e.ticket_id); }
  // The abuse procedure: its customer is shown the pause and the resumption, never the marks
  // (the warning it reads in the thread); a restriction to the customer too, with its reason.
  bool operator()(const AbuseHandled& e) const {
    return e.step == AbuseStep::pause || e.step == AbuseStep::resume ? ticket_visible(e.ticket_id) : staff_of_ticket(e.ticket_id);
  }
  bool operator()(const TicketingRestricted& e) const { return customer_visible(e.customer_id); }
  // Erasure (privacy/erasure.hpp): the queue is the business's, a request also its customer's;
  // the erasure itself reaches everyone who holds the customer's data (its agent's replica too).
  bool erasure_party(ErasureId id) const {
    auto it = s.erasure.requests.find(id);
    if (it == s.erasure.requests.end()) return false;
    return identity::is_business_role(s.role_of(reader)) || (customer() && customer_visible(it->second.customer_id));
  }
  bool operator()(const ErasureRequested& e) const {
    return identity::is_business_role(s.role_of(reader)) || (customer() && customer_visible(e.request.customer_id));
  }
  bool operator()(const ErasureConfirmed& e) const { return erasure_party(e.erasure_id); }
  bool operator()(const ErasureRejected& e) const { return erasure_party(e.erasure_id); }
  bool operator()(const CustomerErased& e) const { return customer_visible(e.customer_id); }
  // The periods are shown to everyone (a customer reads how long its closed tickets are kept);
  // an expiry names only ticket ids, and a replica applies it to those it holds.
  bool operator()(const DataRetentionSet&) const { return true; }
  bool operator()(const TicketsExpired&) const { return true; }
  bool operator()(const TicketStatusChanged& e) const { return ticket_visible(e.ticket_id); }
  // A merge reaches whoever reads the kept ticket (the merged ones are the same customer's).
  bool operator()(const TicketsMerged& e) const { return ticket_visible(e.ticket_id); }
  bool operator()(const TicketSlaMissed& e) const { return staff_of_ticket(e.ticket_id); }
  // A ticket's progress (support/progress.hpp): the estimate and the third party to its readers;
  // the scheduler's warnings, misses and reminders to the desk.
  bool operator()(const ResolutionEstimated& e) const { return ticket_visible(e.ticket_id); }
  bool operator()(const TicketUpdateWarned& e) const { return staff_of_ticket(e.ticket_id); }
  bool operator()(const TicketUpdateMissed& e) const { return staff_of_ticket(e.ticket_id); }
  bool operator()(const ThirdPartyWaitStarted& e) const { return ticket_visible(e.ticket_id); }
  bool operator()(const ThirdPartyWaitAccepted& e) const { return ticket_visible(e.ticket_id); }
  bool operator()(const ThirdPartyWaitEnded& e) const { return ticket_visible(e.ticket_id); }
  bool operator()(const ThirdPartyFollowUpDue& e) const { return staff_of_ticket(e.ticket_id); }
  bool operator()(const TicketRated& e) const { return ticket_visible(e.ticket_id); }
  bool operator()(const TicketHandlingRated& e) const { return staff_of_ticket(e.ticket_id); }
  bool operator()(const RatingAnswered& e) const { return ticket_visible(e.ticket_id); }
  bool operator()(const AgentWarned& e) const { return is_allowed(s, reader, Action::read_support_record, {.person = e.person_id}); }
  bool operator()(const NotificationsRead& e) const { return e.person_id == reader; }
  bool operator()(const CheckInScheduled& e) const {
    return identity::is_business_role(s.role_of(reader)) || e.check_in.agent_id == reader;
  }
  // The quality loop: an NPS answer to the business, the customer's agent and the customer;
  // red flags to the business; the thresholds (the NPS period) to every member.
  bool operator()(const NpsAnswered& e) const {
    return identity::is_business_role(s.role_of(reader)) || e.answer.agent_id == reader || e.answer.by == reader;
  }
  bool operator()(const RedFlagRaised&) const { return identity::is_business_role(s.role_of(reader)); }
  bool operator()(const RedFlagCleared&) const { return identity::is_business_role(s.role_of(reader)); }
  bool operator()(const QualitySettingsChanged&) const { return true; }
  // Certification: the business sees everything; an agent sees the program's training and
  // rules and its own record; the question bank and quiz keys stay with the business.
  bool business() const { return identity::is_business_role(s.role_of(reader)); }
  bool own_record(PersonId p) const { return is_allowed(s, reader, Action::read_certification, {.person = p}); }
  bool operator()(const CertificationSettingsChanged&) const { return !customer(); }
  bool operator()(const TrainingModuleSaved&) const { return !customer(); }
  bool operator()(const TrainingModuleRemoved&) const { return !customer(); }
  bool operator()(const QuizKeySaved&) const { return business(); }
  bool operator()(const QuestionSaved&) const { return business(); }
  bool operator()(const QuestionRemoved&) const { return business(); }
  bool operator()(const SupportAccessRequested& e) const { return own_record(e.person_id); }
  bool operator()(const TrainingProgressed& e) const { return own_record(e.person_id); }
  bool operator()(const AttemptStarted& e) const { return own_record(e.person_id); }
  bool operator()(const AnswersSaved& e) const { return own_record(e.person_id); }
  bool operator()(const AttemptSubmitted& e) const { return own_record(e.person_id); }
  bool operator()(const AttemptGraded& e) const { return own_record(e.person_id); }
  bool operator()(const CertificationStatusChanged& e) const { return own_record(e.person_id); }
  bool operator()(const CertificationExceptionRequested& e) const { return own_record(e.person_id); }
  bool operator()(const CertificationExceptionGranted& e) const { return own_record(e.person_id); }
  // Commissions: the business sees everything; an agent sees the plans and its own lines;
  // payments stay with the business; customers see none of it.
  bool own_ledger(PersonId p) const { return is_allowed(s, reader, Action::read_commissions, {.person = p}); }
  bool operator()(const CommissionPlanSaved&) const { return !customer(); }
  bool operator()(const PaymentRecorded&) const { return business(); }
  bool operator()(const ReferralCommissionAccrued& e) const { return own_ledger(e.line.agent_id); }
  bool operator()(const ReferralCommissionReversed& e) const { return own_ledger(e.line.agent_id); }
  bool operator()(const SupportCommissionAccrued& e) const { return own_ledger(e.line.agent_id); }
  bool operator()(const SupportMonthClosed&) const { return !customer(); }
  bool operator()(const CommissionAdjusted& e) const { return own_ledger(e.line.agent_id); }
  bool operator()(const CommissionLinesApproved& e) const { return own_ledger(e.agent_id); }
  bool operator()(const PayoutRecorded& e) const { return own_ledger(e.agent_id); }
  bool operator()(const AdjustmentThresholdSet&) const { return business(); }
  bool operator()(const ReferralCommissionStopped& e) const { return own_ledger(e.person_id); }
  // The billing system's API keys: the business only (the hash never leaves the server at all).
  bool operator()(const ApiKeyCreated&) const { return is_allowed(s, reader, Action::read_api_keys); }
  bool operator()(const ApiKeyRevoked&) const { return is_allowed(s, reader, Action::read_api_keys); }
  // Routing: the teams and rules are the business's; what the rules did to a ticket, its staff's.
  bool operator()(const RoutingChanged&) const { return business(); }
  bool operator()(const TicketRouted& e) const { return staff_of_ticket(e.ticket_id); }
  // Product areas, templates and triggers: the business and its agents (desk/templates.hpp).
  bool operator()(const ProductAreasChanged&) const { return !customer(); }
  bool operator()(const ResponseTemplateSaved&) const { return !customer(); }
  bool operator()(const ResponseTemplateRemoved&) const { return !customer(); }
  bool operator()(const CannedTriggersChanged&) const { return !customer(); }
  bool operator()(const RetentionWorkflowStarted& e) const { return staff_of_ticket(e.ticket_id); }
  // Who must sign in with two-factor: the members it concerns (not customers).
  bool operator()(const SecurityPolicyChanged&) const { return !customer(); }
  // Knowledge base: each reader the articles it may read (article_visible); a withdrawal to
  // anyone (an id only); settings, missed searches and deflection to the business.
  bool operator()(const ArticleSaved& e) const { return article_visible(e.article, desk_rules::reader_of(s, reader), reader); }
  bool operator()(const ArticleWithdrawn&) const { return true; }
  bool operator()(const KnowledgeSettingsChanged&) const { return business(); }
  bool operator()(const KnowledgeSearchMissed&) const { return business(); }
  bool operator()(const ArticleDeflectionRecorded&) const { return business(); }
  bool operator()(const KnowledgeHygieneReviewed&) const { return business(); }
  // Churn and retention: the business and the customer's agent see the signals and cases; a
  // customer sees its own requests and the offers made to it (retention_customer_view()).
  bool staff_of_customer(CustomerId c) const { return !customer() && customer_visible(c); }
  const RetentionCase* retention_case(RetentionCaseId id) const {
    auto it = s.retention.cases.find(id);
    return it == s.retention.cases.end() ? nullptr : &it->second;
  }
  bool case_visible(RetentionCaseId id, bool shows_customer) const {
    const auto* k = retention_case(id);
    if (!k || !customer_visible(k->customer_id)) return false;
    return !customer() || shows_customer || retention_case_shown(*k);
  }
  bool operator()(const RetentionSettingsChanged&) const { return !customer(); }
  // The weekly reports, their action items and the support cost: the business's.
  bool operator()(const WeeklyReportWritten&) const { return business(); }
  bool operator()(const ReportActionAdded&) const { return business(); }
  bool operator()(const ReportActionDone&) const { return business(); }
  bool operator()(const SupportCostSet&) const { return business(); }
  bool operator()(const MentionWordsChanged&) const { return !customer(); }
  bool operator()(const UsageRecorded& e) const { return staff_of_customer(e.customer_id); }
  bool operator()(const PaymentFailed& e) const { return staff_of_customer(e.customer_id); }
  bool operator()(const CustomerSignedIn& e) const { return staff_of_customer(e.customer_id); }
  bool operator()(const RetentionCaseOpened& e) const {
    return customer_visible(e.retention_case.customer_id) && (!customer() || e.retention_case.request != PlanRequest::none);
  }
  bool operator()(const RetentionRequestRecorded& e) const { return case_visible(e.case_id, true); }
  bool operator()(const RetentionReasonRecorded& e) const { return !customer() && case_visible(e.case_id, false); }
  bool operator()(const RetentionOfferMade& e) const { return case_visible(e.case_id, e.offer.status == OfferStatus::made); }
  bool operator()(const RetentionOfferDecided& e) const { return case_visible(e.case_id, e.offer.status == OfferStatus::made); }
  bool operator()(const RetentionCaseClosed& e) const { return case_visible(e.case_id, false); }
  bool operator()(const CheckInCompleted& e) const {
    auto it = s.check_ins.find(e.check_in_id);
    return identity::is_business_role(s.role_of(reader)) || (it != s.check_ins.end() && it->second.agent_id == reader);
  }
  bool operator()(const CheckInRescheduled& e) const {
    auto it = s.check_ins.find(e.check_in_id);
    return identity::is_business_role(s.role_of(reader)) || (it != s.check_ins.end() && it->second.agent_id == reader);
  }
};

// The parts of a ticket a customer is shown, used alike by customer_view() and customer_facing().
TicketMessage customer_message(TicketMessage m) {
  m.restricted_topics.clear();
  m.sent_despite_warning = false;
  return m;
}

// The deadlines the customer is promised; not when they passed, nor the auto-escalation rule.
SlaClock customer_clock(SlaClock c) {
  c.first_response_overdue_at = c.resolution_overdue_at = c.auto_escalated_at = 0;
  c.first_response_overdue_agent = c.resolution_overdue_agent = 0;
  c.auto_escalate_due = 0;
  return c;
}

// A status after a reply or a status change: customer_status() (ticket_audit.hpp).

// Any reply by the business answers the customer's own pending escalation (there is no other
// pending one then); whether it answered someone else's stays internal.
bool answers_customer_escalation(const TicketReplied& b) { return identity::is_business_role(b.message.author_role); }

// What a customer is never shown of a ticket.
bool hidden_from_customer(const TicketReplied& b) { return b.message.kind == MessageKind::internal_note; }
bool hidden_from_customer(const TicketEscalated& b) { return b.escalation.source != EscalationSource::customer; }

struct CustomerFacing {
  using Out = std::optional<EventBody>;
  template <class B>
  Out operator()(const B& b) const { return b; } // nothing of a ticket in it
  Out operator()(const RetentionCaseOpened& b) const { return RetentionCaseOpened{retention_customer_view(b.retention_case)}; }
  Out operator()(const RetentionRequestRecorded& b) const { return RetentionRequestRecorded{b.case_id, b.request, ""}; }
  Out operator()(const RetentionOfferMade& b) const { return RetentionOfferMade{b.case_id, blank_offer(b.offer)}; }
  Out operator()(const RetentionOfferDecided& b) const { return RetentionOfferDecided{b.case_id, b.index, blank_offer(b.offer)}; }
  Out operator()(const RetentionCaseClosed& b) const { return RetentionCaseClosed{b.case_id, b.outcome, 0, b.exit_feedback, 0}; }
  Out operator()(const SupportSettingsChanged& b) const {
    auto out = b;
    out.settings.restricted_topics.clear();
    return out;
  }
  Out operator()(const TicketOpened& b) const {
    auto out = b;
    out.tags.clear();
    out.message = customer_message(std::move(out.message));
    out.sla = customer_clock(out.sla);
    return out;
  }
  Out operator()(const TicketReplied& b) const {
    if (hidden_from_customer(b)) return std::nullopt;
    auto out = b;
    out.message = customer_message(std::move(out.message));
    out.status = customer_status(b.status);
    out.sla = customer_clock(b.sla);
    out.escalation_answered = answers_customer_escalation(b);
    return out;
  }
  Out operator()(const TicketTriaged& b) const {
    auto out = b;
    out.tags.clear();
    out.triage = {}; // the agent's triage entries stay with the desk
    out.sla = customer_clock(b.sla);
    return out;
  }
  Out operator()(const TicketEscalated& b) const {
    if (!hidden_from_customer(b)) return b;
    return TicketEscalated{b.ticket_id, escalation_told_to_customer(b.escalation)}; // that it happened, no more
  }
  Out operator()(const TicketTakenOver&) const { return std::nullopt; }
  Out operator()(const AbuseHandled& b) const {
    if (b.step != AbuseStep::pause && b.step != AbuseStep::resume) return std::nullopt;
    return AbuseHandled{b.ticket_id, b.step, 0, {}, b.follow_up_by};
  }
  Out operator()(const TicketRouted&) const { return std::nullopt; }
  Out operator()(const RetentionWorkflowStarted&) const { return std::nullopt; }
  Out operator()(const RoutingChanged&) const { return std::nullopt; }
  Out operator()(const TicketStatusChanged& b) const {
    auto out = b;
    out.status = customer_status(b.status);
    out.sla = customer_clock(b.sla);
    return out;
  }
  Out operator()(const TicketsMerged& b) const {
    auto out = b;
    out.sla = customer_clock(b.sla);
    return out;
  }
  Out operator()(const TicketSlaMissed&) const { return std::nullopt; }
  Out operator()(const TicketHandlingRated&) const { return std::nullopt; }
  Out operator()(const TicketUpdateWarned&) const { return std::nullopt; }
  Out operator()(const TicketUpdateMissed&) const { return std::nullopt; }
  Out operator()(const ThirdPartyFollowUpDue&) const { return std::nullopt; }
  Out operator()(const ThirdPartyWaitAccepted& b) const { return ThirdPartyWaitAccepted{b.ticket_id, customer_clock(b.sla)}; }
  Out operator()(const ThirdPartyWaitEnded& b) const { return ThirdPartyWaitEnded{b.ticket_id, customer_clock(b.sla)}; }
};

// Moves customer_shown exactly as apply() moves the ticket's own fields in a customer's
// replica, which gets customer_facing() of each event: by the same rules, on the event as it
// is (an event redacted once more gives the same), without copying it.
struct ShownTracker {
  ProgramState& s;
  const Event& e;

  Ticket* ticket(TicketId id) const {
    auto it = s.tickets.find(id);
    return it == s.tickets.end() ? nullptr : &it->second;
  }
  static void changed(CustomerShown& shown, const Event& e) {
    shown.updated_at = e.at;
    shown.version = e.seq;
  }
  template <class B>
  void operator()(const B&) const {}
  void operator()(const TicketOpened& b) const {
    // An outreach waits on the customer from the start (the desk wrote first).
    const auto status = b.outreach ? customer_status(TicketStatus::waiting_on_customer) : TicketStatus::new_ticket;
    if (auto t = ticket(b.ticket_id)) t->customer_shown = CustomerShown{status, {}, e.at, e.seq};
  }
  void operator()(const TicketReplied& b) const {
    auto t = ticket(b.ticket_id);
    if (!t || hidden_from_customer(b)) return;
    t->customer_shown.status = customer_status(b.status);
    if (answers_customer_escalation(b)) t->customer_shown.escalation.pending = false;
    changed(t->customer_shown, e);
  }
  void operator()(const TicketTriaged& b) const {
    if (auto t = ticket(b.ticket_id)) changed(t->customer_shown, e);
  }
  void operator()(const TicketEscalated& b) const {
    auto t = ticket(b.ticket_id);
    if (!t || hidden_from_customer(b)) return;
    t->customer_shown.escalation = b.escalation;
    t->customer_shown.status = TicketStatus::escalated;
    changed(t->customer_shown, e);
  }
  void operator()(const TicketStatusChanged& b) const {
    auto t = ticket(b.ticket_id);
    if (!t) return;
    t->customer_shown.status = customer_status(b.status);
    t->customer_shown.escalation.pending = false;
    changed(t->customer_shown, e);
  }
  void operator()(const TicketsMerged& b) const {
    if (auto t = ticket(b.ticket_id)) changed(t->customer_shown, e);
    for (auto id : b.merged_ids) {
      auto t = ticket(id);
      if (!t) continue;
      t->customer_shown.status = TicketStatus::closed;
      t->customer_shown.escalation.pending = false;
      changed(t->customer_shown, e);
    }
  }
  void operator()(const TicketRated& b) const {
    if (auto t = ticket(b.ticket_id)) t->customer_shown.version = e.seq;
  }
  // The ticket's progress the customer is shown (support/progress.hpp).
  void operator()(const ResolutionEstimated& b) const {
    if (auto t = ticket(b.ticket_id)) changed(t->customer_shown, e);
  }
  void operator()(const ThirdPartyWaitStarted& b) const {
    if (auto t = ticket(b.ticket_id)) changed(t->customer_shown, e);
  }
  void operator()(const ThirdPartyWaitAccepted& b) const {
    if (auto t = ticket(b.ticket_id)) changed(t->customer_shown, e);
  }
  void operator()(const ThirdPartyWaitEnded& b) const {
    if (auto t = ticket(b.ticket_id)) changed(t->customer_shown, e);
  }
  void operator()(const AbuseHandled& b) const {
    if (b.step != AbuseStep::pause && b.step != AbuseStep::resume) return;
    if (auto t = ticket(b.ticket_id)) changed(t->customer_shown, e);
  }
  void operator()(const RatingAnswered& b) const {
    if (auto t = ticket(b.ticket_id); t && t->customer_rating) t->customer_shown.version = e.seq;
  }
  void operator()(const CustomerSupportHeld& b) const {
    // The tickets apply() moved between the agent and the business's queue (their version is
    // this event's): the customer sees who handles them now.
    auto it = s.tickets_by_customer.find(b.customer_id);
    if (it == s.tickets_by_customer.end()) return;
    for (auto id : it->second)
      if (auto t = ticket(id); t && t->version == e.seq) t->customer_shown.version = e.seq;
  }
  void operator()(const CustomerAssigned& b) const {
    // Reassigning the customer answers its pending escalation (apply_support.cpp).
    auto it = s.tickets_by_customer.find(b.customer_id);
    if (it == s.tickets_by_customer.end() || !s.customer(b.customer_id)) return;
    for (auto id : it->second) {
      auto t = ticket(id);
      if (!t) continue;
      auto& shown = t->customer_shown;
      if (shown.escalation.pending) {
        shown.escalation.pending = false;
        if (shown.status == TicketStatus::escalated) shown.status = TicketStatus::open;
      }
      shown.version = e.seq;
    }
  }
};

// The next id after the highest key of a map (1 when empty): what a replica's apply() derives.
template <class Map>
std::int64_t next_after(const Map& m) {
  return m.empty() ? 1 : m.rbegin()->first + 1;
}

} // namespace

Ticket customer_view(const Ticket& t) {
  Ticket v = t;
  std::erase_if(v.messages, [](const TicketMessage& m) { return m.kind == MessageKind::internal_note; });
  for (auto& m : v.messages) m = customer_message(std::move(m));
  v.tags.clear();
  v.restricted_topics.clear();
  v.status = t.customer_shown.status;
  v.escalation = t.customer_shown.escalation;
  v.updated_at = t.customer_shown.updated_at;
  v.version = t.customer_shown.version;
  v.taken_over_by = 0;
  v.business_rating.reset();
  v.sla = customer_clock(t.sla);
  v.changes = customer_changes(t.changes);
  v.routing = {};
  v.triage = TicketTriage{}; // the agent's entries stay with the desk; only that it was triaged (as a replica fed TicketTriaged has it)
  v.triage.triaged_at = t.triage.triaged_at;
  v.triage.triaged_by = t.triage.triaged_by;
  v.conduct = TicketConduct{{}, 0, t.conduct.paused_at, t.conduct.follow_up_by}; // the pause only
  v.progress.update_warned_at = v.progress.update_missed_at = 0; // the scheduler's marks stay with the desk
  v.progress.follow_up_reminded = false;
  return v;
}

bool retention_case_shown(const RetentionCase& k) {
  if (k.request != PlanRequest::none) return true;
  return std::any_of(k.offers.begin(), k.offers.end(), [](const RetentionOffer& o) { return offer_shown(o); });
}

RetentionCase retention_customer_view(const RetentionCase& k) {
  RetentionCase v = k;
  v.score_at_open = 0;
  v.understanding.clear();
  v.mrr_retained_minor = 0;
  v.win_back_check_in = 0;
  v.note.clear(); // the business's words (or the customer's own, which it has)
  v.reason = LeaveReason::unknown;
  for (auto& o : v.offers) o = blank_offer(o);
  return v;
}

std::optional<EventBody> customer_facing(const EventBody& body) { return std::visit(CustomerFacing{}, body); }

std::optional<Event> event_for_reader(const ProgramState& state, PersonId reader, const Event& event) {
  if (!event_visible_to(state, reader, event)) return std::nullopt;
  if (state.role_of(reader) != Role::customer) return event;
  auto body = customer_facing(event.body);
  if (!body) return std::nullopt;
  return Event{event.seq, event.program_id, event.actor, event.at, std::move(*body)};
}

void track_customer_shown(ProgramState& state, const Event& event) { std::visit(ShownTracker{state, event}, event.body); }

bool event_visible_to(const ProgramState& state, PersonId reader, const Event& event) {
  // The person removed from a program hears of it, though no longer a member.
  if (auto removed = std::get_if<MemberRemoved>(&event.body); removed && removed->person_id == reader) return true;
  if (state.role_of(reader) == Role::unknown) return false;
  return std::visit(EventVisibility{state, reader}, event.body);
}

ProgramState visible_state(const ProgramState& full, PersonId reader) {
  ProgramState v;
  if (full.role_of(reader) == Role::unknown) return v;
  v.id = full.id;
  v.name = full.name;
  v.currency = full.currency;
  v.created_at = full.created_at;
  v.version = full.version;
  for (const auto& [id, m] : full.members)
    if (is_allowed(full, reader, Action::read_member, {.person = id})) v.members[id] = m;
  for (const auto& [id, a] : full.agents)
    if (is_allowed(full, reader, Action::read_agent, {.person = id})) v.agents[id] = a;
  for (const auto& [id, c] : full.customers)
    if (is_allowed(full, reader, Action::read_customer, {.customer = id})) {
      v.customers[id] = c;
      v.customer_by_email[c.profile.email] = id;
      if (c.assigned_agent != 0) v.customers_by_agent[c.assigned_agent].insert(id);
    }
  if (is_allowed(full, reader, Action::read_invitations)) {
    v.invitations = full.invitations;
    for (auto& [id, inv] : v.invitations) inv.token_hash.clear();
  }
  // Support desk.
  const bool is_customer = full.role_of(reader) == Role::customer;
  const bool business = identity::is_business_role(full.role_of(reader));
  v.support_settings = full.support_settings;
  if (is_customer) v.support_settings.restricted_topics.clear();
  for (const auto& [id, t] : full.tickets)
    if (is_allowed(full, reader, Action::read_ticket, {.ticket = id})) {
      v.tickets[id] = is_customer ? customer_view(t) : t;
    }
  for (const auto& a : full.nps_answers)
    if (business || a.agent_id == reader || a.by == reader) v.nps_answers.push_back(a);
  v.quality = full.quality;
  if (business) v.red_flags = full.red_flags;
  v.mention_lists = is_customer ? std::vector<MentionList>{} : full.mention_lists; // before the tickets are indexed
  // Churn and retention, before the tickets are indexed (the competitor list marks tickets).
  if (!is_customer) v.retention.settings = full.retention.settings;
  for (const auto& [id, sig] : full.retention.signals)
    if (!is_customer && v.customers.count(id)) v.retention.signals[id] = sig;
  for (const auto& [id, k] : full.retention.cases)
    if (v.customers.count(k.customer_id) && (!is_customer || retention_case_shown(k))) v.retention.cases[id] = is_customer ? retention_customer_view(k) : k;
  v.retention.next_case_id = business ? full.retention.next_case_id : next_after(v.retention.cases);
  if (business) v.reports = full.reports; // the weekly reports and support costs
  // Erasure requests: the business's queue; a customer its own requests. The retention periods:
  // everyone.
  v.erasure.retention = full.erasure.retention;
  if (business) {
    v.erasure = full.erasure;
  } else if (is_customer) {
    for (const auto& [id, r] : full.erasure.requests)
      if (v.customers.count(r.customer_id)) v.erasure.requests[id] = r;
    v.erasure.next_id = next_after(v.erasure.requests);
  }
  v.index_tickets();
  for (const auto& [id, rec] : full.agent_support)
    if (id != 0 ? is_allowed(full, reader, Action::read_support_record, {.person = id}) : business) v.agent_support[id] = rec;
  if (auto it = full.inboxes.find(reader); it != full.inboxes.end()) v.inboxes[reader] = it->second;
  for (const auto& [id, c] : full.check_ins)
    if (business || c.agent_id == reader) v.check_ins[id] = c;
  // Certification.
  if (business) {
    v.certification = full.certification;
  } else if (!is_customer) {
    const auto& c = full.certification;
    v.certification.access = c.access;
    v.certification.rules = c.rules;
    v.certification.modules = c.modules;
    v.certification.next_module_id = c.next_module_id;
    if (auto own = c.agent(reader)) v.certification.agents[reader] = *own;
  }
  // Commissions.
  if (business) {
    v.commissions = full.commissions;
  } else if (!is_customer) {
    const auto& c = full.commissions;
    auto& o = v.commissions;
    o.plans = c.plans;
    o.next_close = c.next_close;
    for (const auto& [id, l] : c.lines)
      if (l.agent_id == reader) {
        o.lines[id] = l;
        o.next_line_id = id + 1; // what an agent's replica knows: its own lines
        if (l.batch_id) o.next_batch_id = std::max(o.next_batch_id, l.batch_id + 1);
      }
    for (const auto& [id, b] : c.batches) {
      PayoutBatch own = b;
      std::erase_if(own.line_ids, [&](LineId l) { return !o.lines.count(l); });
      std::erase_if(own.payout_line_ids, [&](LineId l) { return !o.lines.count(l); });
      if (own.payout_line_ids.empty()) continue;
      own.total_minor = 0;
      for (auto l : own.payout_line_ids) own.total_minor -= o.lines.at(l).amount.minor;
      o.batches[id] = std::move(own);
    }
    for (const auto& [customer, spans] : c.spans)
      for (const auto& span : spans)
        if (span.agent_id == reader) o.spans[customer].push_back(span);
    if (auto own = referrer(c, reader)) o.referrers[reader] = *own;
    o.index();
  }
  if (business) v.routing = full.routing; // teams and routing rules
  if (!is_customer) v.responses = full.responses; // product areas, templates, triggers
  if (!is_customer) v.security = full.security;   // who must sign in with two-factor
  // Knowledge base: the articles the reader may read; the rest is the business's.
  if (business) {
    v.knowledge = full.knowledge;
  } else {
    const auto as = desk_rules::reader_of(full, reader);
    for (const auto& [id, a] : full.knowledge.articles)
      if (article_visible(a, as, reader)) v.knowledge.articles[id] = a;
    v.knowledge.reindex();
  }
  // The billing system's API keys: business staff see the list, never a key's hash.
  if (is_allowed(full, reader, Action::read_api_keys)) {
    v.api_keys = full.api_keys;
    for (auto& [id, k] : v.api_keys) k.key_hash.clear();
  }
  // The program's counters: the business's own; anyone else's follow from what they see.
  if (business) {
    v.next_customer_id = full.next_customer_id;
    v.next_invitation_id = full.next_invitation_id;
    v.next_ticket_id = full.next_ticket_id;
    v.next_check_in_id = full.next_check_in_id;
  } else {
    v.next_customer_id = next_after(v.customers);
    v.next_invitation_id = next_after(v.invitations);
    v.next_ticket_id = next_after(v.tickets);
    v.next_check_in_id = next_after(v.check_ins);
  }
  return v;
}

nlohmann::json state_to_json(const ProgramState& s) {
  auto values = [](const auto& map) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& [id, v] : map) a.push_back(v);
    return a;
  };
  auto keyed = [](const auto& map) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& [id, v] : map) a.push_back({{"person_id", id}, {"value", v}});
    return a;
  };
  nlohmann::json j = {{"id", s.id}, {"name", s.name}, {"currency", s.currency}, {"created_at", s.created_at}, {"version", s.version},
                      {"members", values(s.members)}, {"agents", values(s.agents)}, {"customers", values(s.customers)},
                      {"invitations", values(s.invitations)}, {"support", s.support_settings}, {"tickets", values(s.tickets)},
                      {"agent_support", keyed(s.agent_support)}, {"inboxes", keyed(s.inboxes)}, {"check_ins", values(s.check_ins)},
                      {"certification", s.certification}, {"commissions", s.commissions}, {"api_keys", values(s.api_keys)},
                      {"knowledge", s.knowledge}, {"routing", s.routing},
                      {"responses", s.responses}, {"security", s.security}, {"nps_answers", s.nps_answers}, {"quality", s.quality},
                      {"red_flags", s.red_flags}, {"retention", s.retention}, {"reports", s.reports},
                      {"mention_lists", s.mention_lists}, {"erasure", s.erasure}};
  // Counters only when the ids do not already imply them (state_from_json derives them).
  auto counter = [&](const char* key, std::int64_t value, std::int64_t implied) {
    if (value != implied) j[key] = value;
  };
  counter("next_customer_id", s.next_customer_id, next_after(s.customers));
  counter("next_invitation_id", s.next_invitation_id, next_after(s.invitations));
  counter("next_ticket_id", s.next_ticket_id, next_after(s.tickets));
  counter("next_check_in_id", s.next_check_in_id, next_after(s.check_ins));
  return j;
}

core::Result<ProgramState> state_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return core::make_error(core::ErrorCode::invalid_json, "Not a program snapshot.");
  try {
    ProgramState s;
    s.id = j.value("id", std::int64_t{0});
    s.name = j.value("name", std::string{});
    s.currency = j.value("currency", std::string{});
    s.created_at = j.value("created_at", std::int64_t{0});
    s.version = j.value("version", std::int64_t{0});
    for (const auto& m : j.value("members", nlohmann::json::array())) { auto v = m.get<Member>(); s.members[v.person_id] = v; }
    for (const auto& a : j.value("agents", nlohmann::json::array())) { auto v = a.get<Agent>(); s.agents[v.person_id] = v; }
    for (const auto& c : j.value("customers", nlohmann::json::array())) {
      auto v = c.get<Customer>();
      s.customer_by_email[v.profile.email] = v.id;
      if (v.assigned_agent != 0) s.customers_by_agent[v.assigned_agent].insert(v.id);
      s.customers[v.id] = v;
    }
    for (const auto& i : j.value("invitations", nlohmann::json::array())) { auto v = i.get<Invitation>(); s.invitations[v.id] = v; }
    if (j.contains("support")) s.support_settings = j.at("support").get<SupportSettings>();
    if (j.contains("nps_answers")) s.nps_answers = j.at("nps_answers").get<std::vector<NpsAnswer>>(); // before index_tickets: the metrics count them
    if (j.contains("quality")) s.quality = j.at("quality").get<QualitySettings>();
    if (j.contains("red_flags")) s.red_flags = j.at("red_flags").get<std::vector<RedFlag>>();
    if (j.contains("mention_lists")) s.mention_lists = j.at("mention_lists").get<std::vector<MentionList>>(); // before index_tickets
    if (j.contains("retention")) s.retention = j.at("retention").get<RetentionState>(); // before index_tickets: the competitor list marks tickets
    if (j.contains("reports")) s.reports = j.at("reports").get<ReportsState>();
    if (j.contains("erasure")) s.erasure = j.at("erasure").get<ErasureState>();
    for (const auto& t : j.value("tickets", nlohmann::json::array())) {
      auto v = t.get<Ticket>();
      s.tickets[v.id] = std::move(v);
    }
    s.index_tickets();
    for (const auto& a : j.value("agent_support", nlohmann::json::array()))
      s.agent_support[a.at("person_id").get<PersonId>()] = a.at("value").get<AgentSupport>();
    for (const auto& a : j.value("inboxes", nlohmann::json::array())) s.inboxes[a.at("person_id").get<PersonId>()] = a.at("value").get<Inbox>();
    for (const auto& c : j.value("check_ins", nlohmann::json::array())) { auto v = c.get<CheckIn>(); s.check_ins[v.id] = v; }
    if (j.contains("certification")) s.certification = j.at("certification").get<CertificationState>();
    if (j.contains("commissions")) s.commissions = j.at("commissions").get<CommissionState>();
    if (j.contains("routing")) s.routing = j.at("routing").get<desk::RoutingSettings>();
    for (const auto& k : j.value("api_keys", nlohmann::json::array())) { auto v = k.get<ApiKey>(); s.api_keys[v.id] = v; }
    if (j.contains("knowledge")) s.knowledge = j.at("knowledge").get<KnowledgeState>();
    if (j.contains("responses")) s.responses = j.at("responses").get<desk::ResponseLibrary>();
    if (j.contains("security")) s.security = j.at("security").get<SecurityPolicy>();
    s.next_customer_id = j.value("next_customer_id", next_after(s.customers));
    s.next_invitation_id = j.value("next_invitation_id", next_after(s.invitations));
    s.next_ticket_id = j.value("next_ticket_id", next_after(s.tickets));
    s.next_check_in_id = j.value("next_check_in_id", next_after(s.check_ins));
    return s;
  } catch (const nlohmann::json::exception& e) {
    return core::make_error(core::ErrorCode::invalid_json, std::string("Malformed program snapshot: ") + e.what());
  }
}

} // namespace pd::domain
