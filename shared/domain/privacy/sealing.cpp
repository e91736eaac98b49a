#include "shared/domain/privacy/sealing.hpp"

namespace pd::domain {

namespace {

using Out = std::optional<DataSubject>;

Out of_customer(CustomerId c) { return c != 0 ? Out{DataSubject{c, 0}} : std::nullopt; }

Out of_ticket(const ProgramState& s, TicketId id) {
  if (const auto* t = s.ticket(id)) return DataSubject{t->customer_id, id};
  return std::nullopt;
}

Out of_case(const ProgramState& s, RetentionCaseId id) {
  if (auto k = s.retention.cases.find(id); k != s.retention.cases.end()) return of_customer(k->second.customer_id);
  return std::nullopt;
}

Out of_person(const ProgramState& s, PersonId p) {
  if (s.role_of(p) != identity::Role::customer) return std::nullopt;
  if (const auto* c = s.customer_of_person(p)) return of_customer(c->id);
  return std::nullopt;
}

struct Subject {
  const ProgramState& s;
  const Event& e;
  Out operator()(const CustomerAdded& b) const { return of_customer(b.customer_id); }
  Out operator()(const CustomerUpdated& b) const { return of_customer(b.customer_id); }
  Out operator()(const InvitationCreated& b) const { return of_customer(b.customer_id); }
  Out operator()(const InvitationAccepted& b) const {
    auto inv = s.invitations.find(b.invitation_id);
    return inv != s.invitations.end() ? of_customer(inv->second.customer_id) : std::nullopt;
  }
  Out operator()(const MemberEmailChanged& b) const { return of_person(s, b.person_id); }
  Out operator()(const TicketOpened& b) const { return DataSubject{b.customer_id, b.ticket_id}; }
  Out operator()(const TicketReplied& b) const { return of_ticket(s, b.ticket_id); }
  Out operator()(const TicketTriaged& b) const { return of_ticket(s, b.ticket_id); }
  Out operator()(const TicketEscalated& b) const { return of_ticket(s, b.ticket_id); }
  Out operator()(const TicketRated& b) const { return of_ticket(s, b.ticket_id); }
  Out operator()(const TicketHandlingRated& b) const { return of_ticket(s, b.ticket_id); }
  Out operator()(const RatingAnswered& b) const { return of_ticket(s, b.ticket_id); }
  Out operator()(const AbuseHandled& b) const { return of_ticket(s, b.ticket_id); }
  // A ticket's progress (support/progress.hpp): the estimate's note, the third party's reference.
  Out operator()(const ResolutionEstimated& b) const { return of_ticket(s, b.ticket_id); }
  Out operator()(const ThirdPartyWaitStarted& b) const { return of_ticket(s, b.ticket_id); }
  Out operator()(const TicketingRestricted& b) const { return of_customer(b.customer_id); }
  Out operator()(const CheckInScheduled& b) const { return of_customer(b.check_in.customer_id); }
  Out operator()(const CheckInRescheduled& b) const {
    if (auto k = s.check_ins.find(b.check_in_id); k != s.check_ins.end()) return of_customer(k->second.customer_id);
    return std::nullopt;
  }
  Out operator()(const NpsAnswered& b) const { return of_customer(b.answer.customer_id); }
  Out operator()(const RetentionCaseOpened& b) const { return of_customer(b.retention_case.customer_id); }
  Out operator()(const RetentionRequestRecorded& b) const { return of_case(s, b.case_id); }
  Out operator()(const RetentionReasonRecorded& b) const { return of_case(s, b.case_id); }
  Out operator()(const RetentionOfferMade& b) const { return of_case(s, b.case_id); }
  Out operator()(const RetentionCaseClosed& b) const { return of_case(s, b.case_id); }
  Out operator()(const ErasureRequested& b) const { return of_customer(b.request.customer_id); }
  // A repeat customer's or an NPS detractor's red flag quotes the customer.
  Out operator()(const RedFlagRaised& b) const { return of_customer(b.flag.customer_id); }
  // A customer's own search that found nothing: its words.
  Out operator()(const KnowledgeSearchMissed&) const { return of_person(s, e.actor); }
  template <class B>
  Out operator()(const B&) const {
    return std::nullopt;
  }
};

struct Eraser {
  CustomerId c;
  EventBody operator()(CustomerAdded b) const {
    b.profile.name = erased_customer_name(c);
    b.profile.email = erased_customer_email(c);
    return b;
  }
  EventBody operator()(CustomerUpdated b) const {
    b.profile.name = erased_customer_name(c);
    b.profile.email = erased_customer_email(c);
    return b;
  }
  EventBody operator()(InvitationCreated b) const {
    b.email = erased_customer_email(c);
    return b;
  }
  EventBody operator()(InvitationAccepted b) const {
    b.name = erased_customer_name(c);
    b.email = erased_customer_email(c);
    return b;
  }
  EventBody operator()(MemberEmailChanged b) const {
    b.email = erased_customer_email(c);
    return b;
  }
  EventBody operator()(TicketOpened b) const {
    erase_text(b.subject);
    erase_message(b.message, c);
    return b;
  }
  EventBody operator()(TicketReplied b) const {
    erase_message(b.message, c);
    return b;
  }
  EventBody operator()(TicketTriaged b) const {
    erase_text(b.triage.summary);
    erase_text(b.triage.steps_to_reproduce);
    erase_text(b.triage.error_messages);
    erase_text(b.triage.environment);
    return b;
  }
  EventBody operator()(TicketEscalated b) const {
    erase_escalation(b.escalation);
    return b;
  }
  EventBody operator()(TicketRated b) const {
    erase_text(b.rating.comment);
    erase_text(b.rating.business_response);
    return b;
  }
  EventBody operator()(TicketHandlingRated b) const {
    erase_text(b.rating.comment);
    return b;
  }
  EventBody operator()(RatingAnswered b) const {
    erase_text(b.text);
    return b;
  }
  EventBody operator()(AbuseHandled b) const {
    erase_text(b.note);
    return b;
  }
  EventBody operator()(ResolutionEstimated b) const {
    erase_text(b.note);
    return b;
  }
  EventBody operator()(ThirdPartyWaitStarted b) const {
    erase_text(b.reference);
    return b;
  }
  EventBody operator()(TicketingRestricted b) const {
    erase_text(b.reason);
    return b;
  }
  EventBody operator()(CheckInScheduled b) const {
    erase_text(b.check_in.note);
    return b;
  }
  EventBody operator()(CheckInRescheduled b) const {
    erase_text(b.note);
    return b;
  }
  EventBody operator()(NpsAnswered b) const {
    erase_text(b.answer.comment);
    return b;
  }
  EventBody operator()(RetentionCaseOpened b) const {
    erase_text(b.retention_case.note);
    erase_text(b.retention_case.understanding);
    erase_text(b.retention_case.exit_feedback);
    for (auto& o : b.retention_case.offers) erase_text(o.note);
    return b;
  }
  EventBody operator()(RetentionRequestRecorded b) const {
    erase_text(b.note);
    return b;
  }
  EventBody operator()(RetentionReasonRecorded b) const {
    erase_text(b.understanding);
    return b;
  }
  EventBody operator()(RetentionOfferMade b) const {
    erase_text(b.offer.note);
    return b;
  }
  EventBody operator()(RetentionCaseClosed b) const {
    erase_text(b.exit_feedback);
    return b;
  }
  EventBody operator()(ErasureRequested b) const {
    erase_text(b.request.note);
    return b;
  }
  EventBody operator()(RedFlagRaised b) const {
    erase_text(b.flag.evidence);
    erase_text(b.flag.action);
    return b;
  }
  EventBody operator()(KnowledgeSearchMissed b) const {
    erase_text(b.query);
    return b;
  }
  template <class B>
  EventBody operator()(B b) const {
    return b;
  }
};

} // namespace

std::optional<DataSubject> data_subject(const ProgramState& s, const Event& e) { return std::visit(Subject{s, e}, e.body); }

EventBody erased_form(const EventBody& body, CustomerId customer) { return std::visit(Eraser{customer}, body); }

void erase_text(std::string& text) {
  if (!text.empty()) text = erased_text;
}

void erase_message(TicketMessage& m, CustomerId customer) {
  erase_text(m.text);
  if (m.author_role == identity::Role::customer) m.author_name = erased_customer_name(customer);
  for (auto& a : m.attachments) erase_text(a.name);
}

void erase_escalation(Escalation& e) {
  erase_text(e.reason);
  erase_text(e.note.summary);
  erase_text(e.note.attempts_so_far);
  erase_text(e.note.business_impact);
  erase_text(e.note.recommended_action);
}

void erase_ticket_text(Ticket& t) {
  erase_text(t.subject);
  for (auto& m : t.messages) erase_message(m, t.customer_id);
  erase_escalation(t.escalation);
  erase_escalation(t.customer_shown.escalation);
  for (auto& ch : t.changes) {
    erase_escalation(ch.escalation);
    erase_text(ch.detail);
  }
  if (t.customer_rating) {
    erase_text(t.customer_rating->comment);
    erase_text(t.customer_rating->business_response);
  }
  if (t.business_rating) erase_text(t.business_rating->comment);
  erase_text(t.triage.summary);
  erase_text(t.triage.steps_to_reproduce);
  erase_text(t.triage.error_messages);
  erase_text(t.triage.environment);
  erase_text(t.progress.estimate_note);
  erase_text(t.progress.third_party_reference);
}

void erase_ticket_mentions(ProgramState& s, const std::set<TicketId>& tickets) {
  if (tickets.empty()) return;
  for (auto& [person, inbox] : s.inboxes)
    for (auto& n : inbox.items)
      if (n.ticket_id != 0 && tickets.count(n.ticket_id)) erase_text(n.text);
  for (auto& [person, record] : s.agent_support)
    for (auto& h : record.history)
      if (h.ticket_id != 0 && tickets.count(h.ticket_id)) erase_text(h.detail);
}

} // namespace pd::domain
