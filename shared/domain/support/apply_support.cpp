#include "shared/domain/support/apply_support.hpp"

#include "shared/core/dates.hpp"

#include "shared/domain/support/decide_support_access.hpp"
#include "shared/domain/support/progress.hpp"
#include "shared/domain/support/sla.hpp"
#include "shared/domain/support/support_metrics.hpp"

#include <algorithm>

namespace pd::domain::support_apply {

using identity::Role;

void notify(ProgramState& s, PersonId person, const Event& e, const char* kind, std::string text, TicketId ticket,
            CustomerId customer) {
  if (person == 0 || person == e.actor) return; // nobody is told of their own action
  auto& inbox = s.inboxes[person];
  inbox.items.push_back(Notification{inbox.next_id++, e.at, kind, std::move(text), ticket, customer});
  if (s.fresh_notifications.collecting) s.fresh_notifications.items.push_back({person, inbox.items.back()});
  while (inbox.items.size() > max_notifications) inbox.items.pop_front();
}

void notify_business(ProgramState& s, const Event& e, const char* kind, const std::string& text, TicketId ticket,
                     CustomerId customer) {
  std::vector<PersonId> business;
  for (const auto& [id, m] : s.members)
    if (identity::is_business_role(m.role)) business.push_back(id);
  for (auto p : business) notify(s, p, e, kind, text, ticket, customer);
}

namespace {

std::string customer_name(const ProgramState& s, CustomerId c) {
  auto cust = s.customer(c);
  return cust ? cust->profile.name : "a customer";
}

std::string person_name(const ProgramState& s, PersonId p) {
  auto m = s.member(p);
  return m ? m->name : "the business";
}

// The agent handling the ticket, or (for the business's queue) everyone in the business.
void notify_handler(ProgramState& s, const Event& e, const Ticket& t, const char* kind, const std::string& text) {
  if (t.taken_over_by != 0) notify(s, t.taken_over_by, e, kind, text, t.id, t.customer_id);
  if (t.agent_id != 0) notify(s, t.agent_id, e, kind, text, t.id, t.customer_id);
  else if (t.taken_over_by == 0) notify_business(s, e, kind, text, t.id, t.customer_id);
}

void notify_customer(ProgramState& s, const Event& e, const Ticket& t, const char* kind, const std::string& text) {
  if (auto c = s.customer(t.customer_id)) notify(s, c->person_id, e, kind, text, t.id, t.customer_id);
}

void record(ProgramState& s, PersonId agent, TimeMs at, const char* kind, TicketId ticket, std::string detail) {
  if (agent == 0) return;
  auto& h = s.agent_support[agent].history;
  h.push_back(HistoryEntry{at, kind, ticket, std::move(detail)});
  while (h.size() > max_history) h.pop_front();
}

Ticket* find(ProgramState& s, TicketId id) {
  auto it = s.tickets.find(id);
  return it == s.tickets.end() ? nullptr : &it->second;
}

void track(ProgramState& s, const Ticket& t) { s.track_ticket(t); }

std::string quoted(const Ticket& t) { return "\"" + t.subject + "\""; }

} // namespace

ApplyOutcome apply(ProgramState& s, const Event&, const SupportSettingsChanged& b) {
  s.support_settings = b.settings;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketOpened& b) {
  Ticket t;
  t.id = b.ticket_id;
  t.customer_id = b.customer_id;
  t.opened_by = e.actor;
  t.subject = b.subject;
  t.status = TicketStatus::new_ticket;
  t.priority = b.priority;
  t.category = b.category;
  t.tags = b.tags;
  t.agent_id = b.agent_id;
  t.opened_at = e.at;
  t.updated_at = e.at;
  t.last_customer_activity = s.role_of(e.actor) == Role::customer ? e.at : 0;
  t.messages.push_back(b.message);
  t.restricted_topics = b.message.restricted_topics;
  t.sla = b.sla;
  t.version = e.seq;
  t.outreach = b.outreach;
  if (b.outreach) t.status = TicketStatus::waiting_on_customer; // the desk wrote first
  auto& stored = s.tickets[t.id] = std::move(t);
  s.tickets_by_customer[b.customer_id].push_back(b.ticket_id);
  track(s, stored);
  s.next_ticket_id = std::max(s.next_ticket_id, b.ticket_id + 1);
  if (b.outreach) {
    notify_customer(s, e, stored, "reply", person_name(s, e.actor) + " wrote to you: " + quoted(stored));
    if (stored.agent_id != 0 && stored.agent_id != e.actor)
      notify(s, stored.agent_id, e, "ticket_opened", person_name(s, e.actor) + " reached out to " + customer_name(s, b.customer_id) + ": " + quoted(stored),
             stored.id, stored.customer_id);
    return {};
  }
  std::string text = "New ticket from " + customer_name(s, b.customer_id) + ": " + quoted(stored);
  if (!stored.restricted_topics.empty()) text += " (restricted topic: escalation path shown on the ticket)";
  notify_handler(s, e, stored, "ticket_opened", text);
  if (s.role_of(e.actor) != Role::customer) notify_customer(s, e, stored, "ticket_opened", "A ticket was opened for you: " + quoted(stored));
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketReplied& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  const TicketStatus before = t->status;
  const bool was_unanswered = t->sla.first_responded_at == 0;
  t->messages.push_back(b.message);
  t->status = b.status;
  t->sla = b.sla;
  t->updated_at = e.at;
  t->version = e.seq;
  if (b.escalation_answered) t->escalation.pending = false;
  track(s, *t);
  const Role role = b.message.author_role;
  if (b.message.kind == MessageKind::internal_note) {
    if (identity::is_business_role(role) && t->agent_id != 0)
      notify(s, t->agent_id, e, "internal_note", person_name(s, e.actor) + " added an internal note on " + quoted(*t), t->id, t->customer_id);
    return {};
  }
  if (role == Role::customer) {
    t->last_customer_activity = e.at;
    // The customer answered what the desk waited for: the next update is owed a whole interval on
    // (progress.hpp; none was owed while the ticket waited).
    if (before == TicketStatus::waiting_on_customer && t->progress.update_due != 0) {
      const auto next = next_update(s.support_settings, t->priority, e.at);
      t->progress.update_due = next.due;
      t->progress.update_warn_at = next.warn_at;
      t->progress.update_warned_at = t->progress.update_missed_at = 0;
    }
    // Reopened while the customer's agent may not work support: the business's queue has it.
    if (auto c = s.customer(t->customer_id); c && c->support_held && b.status == TicketStatus::reopened && t->agent_id != 0) {
      t->agent_id = 0;
      track(s, *t);
    }
    notify_handler(s, e, *t, b.status == TicketStatus::reopened ? "ticket_reopened" : "customer_reply",
                   customer_name(s, t->customer_id) + (b.status == TicketStatus::reopened ? " reopened " : " replied on ") + quoted(*t));
    return {};
  }
  // The agent's or the business's public reply is the ticket's update (progress.hpp).
  if (is_open(b.status)) progress_after_update(s.support_settings, *t, e.at);
  else progress_after_close(*t);
  if (was_unanswered && t->sla.first_responded_at != 0) {
    const bool in_time = e.at <= t->sla.first_response_due;
    auto& rec = s.agent_support[t->agent_id];
    rec.responses.push_back(ResponseSample{e.at, e.at - t->opened_at, in_time});
    if (t->sla.first_response_overdue_at == 0) rec.outcomes.push_back(SlaOutcome{e.at, in_time});
  }
  if (b.message.sent_despite_warning)
    record(s, e.actor, e.at, "restricted_topic_sent", t->id, "Replied on a restricted topic after the warning");
  if (b.status == TicketStatus::resolved) notify_customer(s, e, *t, "resolved", quoted(*t) + " was resolved. Rate the support you got.");
  else if (b.message.automatic != "acknowledgement") notify_customer(s, e, *t, "reply", "New reply on " + quoted(*t)); // the customer sees the acknowledgement as it opens the ticket
  if (identity::is_business_role(role) && t->agent_id != 0 && t->agent_id != e.actor)
    notify(s, t->agent_id, e, "business_reply", person_name(s, e.actor) + " replied on " + quoted(*t), t->id, t->customer_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketTriaged& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  t->priority = b.priority;
  t->category = b.category;
  t->tags = b.tags;
  t->sla = b.sla;
  // The agent's entries (older logs carry none: the ticket keeps its own), and that it was triaged.
  if (!(b.triage == TicketTriage{})) t->triage = b.triage;
  t->triage.triaged_at = e.at;
  t->triage.triaged_by = e.actor;
  t->updated_at = e.at;
  t->version = e.seq;
  track(s, *t);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketEscalated& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  // A customer's copy of someone else's escalation (customer_facing()): only the ticket's audit
  // trail records that it happened; the status and escalation the customer sees stay as they were.
  if (b.escalation.source == EscalationSource::none) return {};
  t->escalation = b.escalation;
  t->status = TicketStatus::escalated;
  track(s, *t);
  if (b.escalation.source == EscalationSource::sla) t->sla.auto_escalated_at = e.at;
  t->updated_at = e.at;
  t->version = e.seq;
  const char* who = b.escalation.source == EscalationSource::customer ? "The customer asked to escalate "
                    : b.escalation.source == EscalationSource::sla    ? "SLA rules escalated "
                    : b.escalation.source == EscalationSource::rule   ? "Routing rules escalated "
                                                                      : "The agent escalated ";
  const std::string text = who + quoted(*t);
  record(s, t->agent_id, e.at, "escalated", t->id, text);
  if (t->agent_id != 0) notify(s, t->agent_id, e, "escalated", text, t->id, t->customer_id);
  notify_business(s, e, "escalated", text + " (" + customer_name(s, t->customer_id) + ")", t->id, t->customer_id);
  return {};
}

// The abuse procedure (support/conduct.hpp): the reply of a warning or a pause is its own
// TicketReplied; this records the step.
ApplyOutcome apply(ProgramState& s, const Event& e, const AbuseHandled& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  auto& c = t->conduct;
  switch (b.step) {
  case AbuseStep::mark: c.abusive.push_back(b.message_id); break;
  case AbuseStep::warn: c.warning = b.message_id; break;
  case AbuseStep::pause:
    c.paused_at = e.at;
    c.follow_up_by = b.follow_up_by;
    break;
  case AbuseStep::resume:
    c.paused_at = c.follow_up_by = 0;
    notify_customer(s, e, *t, "resumed", quoted(*t) + " is open for your replies again.");
    if (t->agent_id != 0) notify(s, t->agent_id, e, "resumed", person_name(s, e.actor) + " resumed the conversation on " + quoted(*t), t->id, t->customer_id);
    break;
  }
  t->updated_at = e.at;
  t->version = e.seq;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketingRestricted& b) {
  auto it = s.customers.find(b.customer_id);
  if (it == s.customers.end()) return {true};
  auto& c = it->second;
  if (b.until == 0) {
    if (c.restrictions.empty()) return {};
    c.restrictions.back().lifted_at = e.at;
    c.restrictions.back().lifted_by = e.actor;
    notify(s, c.person_id, e, "restriction_lifted", "You can open and answer tickets again.", 0, c.id);
    return {};
  }
  c.restrictions.push_back(TicketingRestriction{e.at, e.actor, b.until, b.reason, 0, 0});
  notify(s, c.person_id, e, "restricted", "Your tickets are restricted for a while: " + b.reason, 0, c.id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketTakenOver& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  t->taken_over_by = b.by;
  t->updated_at = e.at;
  t->version = e.seq;
  record(s, t->agent_id, e.at, "taken_over", t->id, b.by_name + " took over " + quoted(*t));
  if (t->agent_id != 0) notify(s, t->agent_id, e, "taken_over", b.by_name + " took over " + quoted(*t), t->id, t->customer_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketStatusChanged& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  t->status = b.status;
  t->sla = b.sla;
  t->escalation.pending = false;
  t->updated_at = e.at;
  if (!is_open(b.status)) progress_after_close(*t);
  track(s, *t);
  if (b.status == TicketStatus::closed) t->closed_at = e.at;
  t->version = e.seq;
  if (b.status == TicketStatus::resolved) notify_customer(s, e, *t, "resolved", quoted(*t) + " was resolved. Rate the support you got.");
  if (b.status == TicketStatus::closed && e.actor == 0) notify_customer(s, e, *t, "closed", quoted(*t) + " was closed.");
  if (b.status == TicketStatus::closed && s.role_of(e.actor) == Role::customer)
    notify_handler(s, e, *t, "closed", customer_name(s, t->customer_id) + " closed " + quoted(*t));
  return {};
}

// A merge (MergeTickets): each merged ticket's messages are copied onto the kept ticket's thread
// after its own, numbered on and marked with the ticket they came from; the merged tickets are
// closed with a pointer (merged_into) and keep their own thread. A replica that holds the kept
// ticket but not every merged one asks for a snapshot.
ApplyOutcome apply(ProgramState& s, const Event& e, const TicketsMerged& b) {
  auto kept = find(s, b.ticket_id);
  if (!kept) return {true};
  bool missing = false;
  std::string numbers;
  for (std::size_t i = 0; i < b.merged_ids.size(); ++i) {
    const TicketId id = b.merged_ids[i];
    auto t = find(s, id);
    if (!t || i >= b.first_ids.size()) {
      missing = true;
      continue;
    }
    for (const auto& m : t->messages) {
      TicketMessage copy = m;
      copy.id = b.first_ids[i] + m.id - 1;
      copy.merged_from = id;
      kept->messages.push_back(std::move(copy));
    }
    kept->merged.push_back(id);
    numbers += (numbers.empty() ? "#" : ", #") + std::to_string(id);
    t->status = TicketStatus::closed;
    t->sla = sla::stop(t->sla, s.support_settings, e.at);
    t->escalation.pending = false;
    t->merged_into = kept->id;
    progress_after_close(*t);
    t->closed_at = e.at;
    t->updated_at = e.at;
    t->version = e.seq;
    track(s, *t);
  }
  kept->sla = b.sla;
  kept->updated_at = e.at;
  kept->version = e.seq;
  track(s, *kept);
  notify_customer(s, e, *kept, "merged", "Your tickets " + numbers + " continue in " + quoted(*kept) + ".");
  notify_handler(s, e, *kept, "merged", numbers + " merged into " + quoted(*kept));
  return {missing};
}

// The ticket's progress (progress.hpp).
ApplyOutcome apply(ProgramState& s, const Event& e, const ResolutionEstimated& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  auto& p = t->progress;
  p.estimate = b.estimate;
  p.estimate_note = b.note;
  p.estimated_at = b.estimate == 0 ? 0 : e.at;
  p.estimated_by = b.estimate == 0 ? 0 : e.actor;
  p.last_update_at = b.estimate == 0 ? 0 : e.at;
  p.update_due = b.update_due;
  p.update_warn_at = b.update_warn_at;
  p.update_warned_at = p.update_missed_at = 0;
  t->updated_at = e.at;
  t->version = e.seq;
  if (b.estimate != 0) notify_customer(s, e, *t, "estimate", "An estimated resolution for " + quoted(*t) + ": " + core::format_utc_minute(b.estimate) + ".");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketUpdateWarned& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  t->progress.update_warned_at = e.at;
  t->version = e.seq;
  notify_handler(s, e, *t, "update_due", "An update to the customer on " + quoted(*t) + " is due by " + core::format_utc_minute(b.due) + ".");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketUpdateMissed& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  t->progress.update_missed_at = e.at;
  t->version = e.seq;
  record(s, b.agent_id, e.at, "update_missed", t->id, "No update to the customer by " + core::format_utc_minute(b.due));
  notify_handler(s, e, *t, "update_missed", "The update to the customer on " + quoted(*t) + " was due at " + core::format_utc_minute(b.due) + ".");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ThirdPartyWaitStarted& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  auto& p = t->progress;
  if (p.third_party != b.party) p.third_party_since = e.at;
  p.third_party = b.party;
  p.third_party_reference = b.reference;
  p.follow_up_at = b.follow_up_at;
  p.follow_up_reminded = false;
  p.wait_accepted = b.accepted;
  t->updated_at = e.at;
  t->version = e.seq;
  notify_customer(s, e, *t, "third_party", quoted(*t) + " waits on " + b.party + "; we follow up with them.");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ThirdPartyWaitAccepted& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  t->progress.wait_accepted = true;
  t->sla = b.sla;
  t->updated_at = e.at;
  t->version = e.seq;
  track(s, *t);
  if (t->agent_id != e.actor)
    notify(s, t->agent_id, e, "wait_accepted", person_name(s, e.actor) + " accepted the wait on " + t->progress.third_party + " for " + quoted(*t), t->id,
           t->customer_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ThirdPartyWaitEnded& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  auto& p = t->progress;
  p.third_party.clear();
  p.third_party_reference.clear();
  p.third_party_since = p.follow_up_at = 0;
  p.follow_up_reminded = false;
  p.wait_accepted = false;
  t->sla = b.sla;
  t->updated_at = e.at;
  t->version = e.seq;
  track(s, *t);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ThirdPartyFollowUpDue& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  t->progress.follow_up_reminded = true;
  t->version = e.seq;
  notify_handler(s, e, *t, "third_party_follow_up",
                 "Follow up with " + t->progress.third_party + " on " + quoted(*t) +
                     (t->progress.third_party_reference.empty() ? std::string() : " (their reference " + t->progress.third_party_reference + ")") + ".");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketSlaMissed& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  const bool first = b.target == "first_response";
  // Who was responsible when the deadline passed stays with the flag (support_access.hpp).
  if (first) t->sla.first_response_overdue_at = e.at, t->sla.first_response_overdue_agent = b.agent_id;
  else t->sla.resolution_overdue_at = e.at, t->sla.resolution_overdue_agent = b.agent_id;
  t->version = e.seq;
  track(s, *t);
  auto& rec = s.agent_support[b.agent_id];
  if (first) rec.outcomes.push_back(SlaOutcome{b.due, false});
  if (b.agent_id != 0) ++rec.overdue_flags;
  const std::string text = std::string("Overdue: ") + (first ? "no first response on " : "not resolved in time: ") + quoted(*t);
  record(s, b.agent_id, e.at, first ? "overdue_first_response" : "overdue_resolution", t->id, text);
  if (b.agent_id != 0) notify(s, b.agent_id, e, "overdue", text, t->id, t->customer_id);
  notify_business(s, e, "overdue", text + " (" + (b.agent_id ? person_name(s, b.agent_id) : std::string("business queue")) + ")", t->id,
                  t->customer_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketRated& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  t->customer_rating = b.rating;
  t->version = e.seq;
  s.rated_tickets.push_back(t->id);
  if (t->agent_id != 0) {
    auto& rec = s.agent_support[t->agent_id];
    ++rec.customer_ratings;
    rec.customer_rating_sum += b.rating.overall;
    rec.ratings.push_back(RatingSample{e.at, t->id, false, b.rating.overall});
    record(s, t->agent_id, e.at, "customer_rating", t->id,
           customer_name(s, t->customer_id) + " rated " + quoted(*t) + " " + std::to_string(b.rating.overall) + "/5");
    notify(s, t->agent_id, e, "rating", customer_name(s, t->customer_id) + " rated " + quoted(*t) + " " + std::to_string(b.rating.overall) + "/5",
           t->id, t->customer_id);
  }
  notify_business(s, e, "rating", customer_name(s, t->customer_id) + " rated " + quoted(*t) + " " + std::to_string(b.rating.overall) + "/5",
                  t->id, t->customer_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketHandlingRated& b) {
  auto t = find(s, b.ticket_id);
  if (!t) return {true};
  t->business_rating = b.rating;
  t->version = e.seq;
  auto& rec = s.agent_support[t->agent_id];
  ++rec.business_ratings;
  rec.business_rating_sum += b.rating.score;
  rec.ratings.push_back(RatingSample{e.at, t->id, true, b.rating.score});
  record(s, t->agent_id, e.at, "business_rating", t->id,
         person_name(s, e.actor) + " rated the handling of " + quoted(*t) + " " + std::to_string(b.rating.score) + "/5");
  notify(s, t->agent_id, e, "business_rating", "The business rated your handling of " + quoted(*t) + " " + std::to_string(b.rating.score) + "/5",
         t->id, t->customer_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const RatingAnswered& b) {
  auto t = find(s, b.ticket_id);
  if (!t || !t->customer_rating) return {true};
  t->customer_rating->business_response = b.text;
  t->version = e.seq;
  notify_customer(s, e, *t, "rating_answered", "The business answered your rating of " + quoted(*t));
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const AgentWarned& b) {
  auto& rec = s.agent_support[b.person_id];
  rec.warnings.push_back(AgentWarning{e.at, b.reason, b.monitor_until, e.actor});
  record(s, b.person_id, e.at, "warning", 0, b.reason);
  notify(s, b.person_id, e, "warning", "Formal warning: " + b.reason + ". Your support is monitored for " + std::to_string(warning_monitor_days) + " days.");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const NotificationsRead& b) {
  auto& inbox = s.inboxes[b.person_id];
  inbox.read_up_to = std::max(inbox.read_up_to, b.up_to);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const CheckInScheduled& b) {
  s.check_ins[b.check_in.id] = b.check_in;
  s.next_check_in_id = std::max(s.next_check_in_id, b.check_in.id + 1);
  if (b.check_in.agent_id != e.actor)
    notify(s, b.check_in.agent_id, e, "check_in", "Check-in scheduled with " + customer_name(s, b.check_in.customer_id), 0,
           b.check_in.customer_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const NpsAnswered& b) {
  s.nps_answers.push_back(b.answer);
  s.metrics.count_nps(b.answer.at, b.answer.agent_id, b.answer.segment, b.answer.score, +1);
  if (b.answer.score >= 0)
    notify_business(s, e, "nps", customer_name(s, b.answer.customer_id) + " answered " + std::to_string(b.answer.score) +
                                     " of 10 to \"How likely are you to recommend us?\"", 0, b.answer.customer_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const RedFlagRaised& b) {
  auto flag = b.flag;
  flag.raised_at = e.at;
  flag.cleared_at = 0;
  s.red_flags.push_back(flag);
  // The history is bounded: the oldest cleared flags go first.
  while (s.red_flags.size() > max_red_flags) {
    auto old = std::find_if(s.red_flags.begin(), s.red_flags.end(), [](const RedFlag& f) { return f.cleared_at != 0; });
    s.red_flags.erase(old == s.red_flags.end() ? s.red_flags.begin() : old);
  }
  notify_business(s, e, "red_flag", "Red flag: " + flag.evidence + " " + flag.action, flag.tickets.size() == 1 ? flag.tickets[0] : 0,
                  flag.customer_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const RedFlagCleared& b) {
  for (auto& f : s.red_flags)
    if (f.key == b.key && f.cleared_at == 0) f.cleared_at = e.at;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const QualitySettingsChanged& b) {
  s.quality = b.settings;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const WeeklyReportWritten& b) {
  auto& weekly = s.reports.weekly;
  weekly[b.report.week] = b.report;
  while (weekly.size() > max_reports_kept) weekly.erase(weekly.begin());
  // The business hears of last week's report (not of older ones a catch-up writes).
  if (b.report.week >= week_of(e.at) - 1) {
    std::string text = "Weekly support report for the week of " + b.report.week_of;
    if (!b.report.sections.empty() && !b.report.sections.front().lines.empty()) text += ": " + b.report.sections.front().lines.front();
    notify_business(s, e, "weekly_report", text, 0, 0);
  }
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const ReportActionAdded& b) {
  auto it = s.reports.weekly.find(b.week);
  if (it == s.reports.weekly.end()) return {true};
  it->second.actions.push_back(b.action);
  s.reports.next_action_id = std::max(s.reports.next_action_id, b.action.id + 1);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ReportActionDone& b) {
  auto it = s.reports.weekly.find(b.week);
  if (it == s.reports.weekly.end()) return {true};
  for (auto& a : it->second.actions)
    if (a.id == b.action_id) {
      a.done = true;
      a.done_at = e.at;
    }
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const MentionWordsChanged& b) {
  s.mention_lists = b.lists;
  s.mention_words = mention_words_of(s.mention_lists);
  for (const auto& [id, t] : s.tickets) s.track_ticket(t); // every ticket's mentions counted again
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const SupportCostSet& b) {
  if (b.amount_minor == 0) s.reports.support_costs.erase(b.quarter);
  else s.reports.support_costs[b.quarter] = b.amount_minor;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const CheckInCompleted& b) {
  auto it = s.check_ins.find(b.check_in_id);
  if (it == s.check_ins.end()) return {true};
  it->second.done = true;
  it->second.done_at = e.at;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const CheckInRescheduled& b) {
  auto it = s.check_ins.find(b.check_in_id);
  if (it == s.check_ins.end()) return {true};
  it->second.due_at = b.due_at;
  it->second.note = b.note;
  if (it->second.agent_id != e.actor)
    notify(s, it->second.agent_id, e, "check_in", "Check-in with " + customer_name(s, it->second.customer_id) + " was moved", 0,
           it->second.customer_id);
  return {};
}

void after_customer_assigned(ProgramState& s, const Event& e, const CustomerAssigned& b, PersonId previous_agent) {
  const auto name = customer_name(s, b.customer_id);
  if (auto it = s.tickets_by_customer.find(b.customer_id); it != s.tickets_by_customer.end()) {
    for (auto id : it->second) {
      auto t = find(s, id);
      if (!t) continue;
      t->agent_id = b.agent_id; // the new agent sees the whole history
      if (t->escalation.pending) {
        // Reassigning the customer or moving it to internal support answers its escalation.
        t->escalation.pending = false;
        if (t->status == TicketStatus::escalated) t->status = TicketStatus::open;
      }
      t->version = e.seq;
      track(s, *t);
    }
  }
  if (b.agent_id != 0) notify(s, b.agent_id, e, "assigned", "You were assigned " + name + ", with their whole ticket history.", 0, b.customer_id);
  if (previous_agent != 0) {
    record(s, previous_agent, e.at, "customer_unassigned", 0, name + (b.agent_id ? " was reassigned" : " moved to internal support"));
    notify(s, previous_agent, e, "unassigned", name + " is no longer assigned to you.", 0, b.customer_id);
  }
}

void after_agent_status_changed(ProgramState& s, const Event& e, const AgentStatusChanged& b) {
  auto& rec = s.agent_support[b.person_id];
  // A required remediation lasts until reinstatement (through a removal too); a new suspension
  // that requires one starts without any recorded.
  if (b.status == PartnerStatus::suspended) {
    rec.remediation_required = b.remediation_required;
    if (b.remediation_required) rec.remediation = {};
  } else if (b.status == PartnerStatus::active) {
    rec.remediation_required = false;
  }
  const char* kind = b.status == PartnerStatus::active      ? "reinstated"
                     : b.status == PartnerStatus::suspended ? "suspended"
                     : b.status == PartnerStatus::removed   ? "removed"
                                                            : "terminated";
  record(s, b.person_id, e.at, kind, 0, b.reason);
  std::string text = std::string("Your support access is now ") + to_string(b.status) + (b.reason.empty() ? "" : ": " + b.reason);
  if (rec.remediation_required) text += " (remediation required before reinstatement)";
  if (b.status == PartnerStatus::suspended) text += ". Your customers' tickets are handled by the business meanwhile.";
  notify(s, b.person_id, e, "status", text);
  if (b.status == PartnerStatus::suspended) notify_support_stopped(s, e, b.person_id);
}

} // namespace pd::domain::support_apply
