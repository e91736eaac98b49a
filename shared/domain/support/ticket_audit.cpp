#include "shared/domain/support/ticket_audit.hpp"

#include "shared/core/dates.hpp"

#include <algorithm>

namespace pd::domain {

using identity::Role;

namespace {

// The status a ticket's trail last recorded (new until the first change). Status changes are
// recorded as the customer is shown them, from events every reader of the ticket gets, so the
// server's trail and a customer's replica agree on it.
TicketStatus recorded_status(const Ticket& t) {
  for (auto it = t.changes.rbegin(); it != t.changes.rend(); ++it)
    if (it->kind == TicketChangeKind::status_changed) return it->status;
  return TicketStatus::new_ticket;
}

std::optional<TicketChange> status_change(const Ticket& t, const Event& e, TicketStatus next) {
  const auto shown = customer_status(next);
  if (shown == recorded_status(t)) return std::nullopt;
  TicketChange c;
  c.kind = TicketChangeKind::status_changed;
  c.at = e.at;
  c.by = e.actor;
  c.status = shown;
  return c;
}

struct ChangeOf {
  const ProgramState& s;
  const Event& e;
  std::vector<PendingTicketChange>& out;

  const Ticket* ticket(TicketId id) const { return s.ticket(id); }
  void add(TicketId id, TicketChange c) const { out.push_back(PendingTicketChange{id, std::move(c)}); }

  template <class B>
  void operator()(const B&) const {}

  void operator()(const TicketEscalated& b) const {
    auto t = ticket(b.ticket_id);
    if (!t) return;
    TicketChange c;
    c.kind = TicketChangeKind::escalated;
    c.at = e.at;
    c.by = b.escalation.by;
    c.agent_id = b.escalation.source == EscalationSource::none ? 0 : t->agent_id;
    c.escalation = b.escalation;
    c.escalation.pending = false; // the trail records the event; whether it still waits is the ticket's
    add(t->id, std::move(c));
  }
  void operator()(const TicketTakenOver& b) const {
    auto t = ticket(b.ticket_id);
    if (!t) return;
    TicketChange c;
    c.kind = TicketChangeKind::taken_over;
    c.at = e.at;
    c.by = b.by;
    c.agent_id = t->agent_id;
    add(t->id, std::move(c));
  }
  void operator()(const TicketSlaMissed& b) const {
    auto t = ticket(b.ticket_id);
    if (!t) return;
    TicketChange c;
    c.kind = TicketChangeKind::sla_missed;
    c.at = e.at;
    c.agent_id = b.agent_id;
    c.target = b.target;
    c.due = b.due;
    add(t->id, std::move(c));
  }
  void operator()(const TicketStatusChanged& b) const {
    auto t = ticket(b.ticket_id);
    if (!t) return;
    if (auto c = status_change(*t, e, b.status)) add(t->id, std::move(*c));
  }
  void operator()(const TicketReplied& b) const {
    auto t = ticket(b.ticket_id);
    if (!t || b.message.kind == MessageKind::internal_note) return;
    if (auto c = status_change(*t, e, b.status)) add(t->id, std::move(*c));
  }
  void operator()(const TicketTriaged& b) const {
    auto t = ticket(b.ticket_id);
    if (!t || (b.priority == t->priority && b.category == t->category)) return;
    TicketChange c;
    c.kind = TicketChangeKind::triaged;
    c.at = e.at;
    c.by = e.actor;
    c.priority = b.priority;
    c.previous_priority = t->priority;
    c.category = b.category;
    c.previous_category = t->category;
    add(t->id, std::move(c));
  }
  // Each routing rule that fired: which rule, and what it did (desk/routing.hpp).
  void operator()(const TicketRouted& b) const {
    auto t = ticket(b.ticket_id);
    if (!t) return;
    for (const auto& f : b.routing.fired) {
      TicketChange c;
      c.kind = TicketChangeKind::routed;
      c.at = e.at;
      c.agent_id = t->agent_id;
      c.rule = f.rule_name;
      for (const auto& a : f.actions) c.detail += (c.detail.empty() ? "" : "; ") + a;
      add(t->id, std::move(c));
    }
  }
  // A canned-response trigger started the retention workflow (desk/templates.hpp): which phrase.
  void operator()(const RetentionWorkflowStarted& b) const {
    auto t = ticket(b.ticket_id);
    if (!t) return;
    TicketChange c;
    c.kind = TicketChangeKind::retention_started;
    c.at = e.at;
    c.agent_id = t->agent_id;
    c.detail = b.phrase;
    add(t->id, std::move(c));
  }
  // A step of the abuse procedure (support/conduct.hpp): which, the marked message and its note,
  // the manager's follow-up date.
  void operator()(const AbuseHandled& b) const {
    auto t = ticket(b.ticket_id);
    if (!t) return;
    TicketChange c;
    c.kind = TicketChangeKind::conduct;
    c.at = e.at;
    c.by = e.actor;
    c.agent_id = t->agent_id;
    c.target = nlohmann::json(b.step).get<std::string>();
    if (b.step == AbuseStep::mark) c.detail = "Marked message " + std::to_string(b.message_id) + " as abusive" + (b.note.empty() ? "" : ": " + b.note);
    c.due = b.follow_up_by;
    add(t->id, std::move(c));
  }
  // A merge: on the kept ticket which tickets joined it, on each merged one where it went.
  void operator()(const TicketsMerged& b) const {
    auto kept = ticket(b.ticket_id);
    if (!kept) return;
    std::string joined;
    for (auto id : b.merged_ids) {
      if (!ticket(id)) continue;
      joined += (joined.empty() ? "#" : ", #") + std::to_string(id);
      TicketChange c;
      c.kind = TicketChangeKind::merged;
      c.at = e.at;
      c.by = e.actor;
      c.agent_id = kept->agent_id;
      c.detail = "Merged into #" + std::to_string(kept->id) + ", where its messages continue.";
      add(id, std::move(c));
    }
    TicketChange c;
    c.kind = TicketChangeKind::merged;
    c.at = e.at;
    c.by = e.actor;
    c.agent_id = kept->agent_id;
    c.detail = "Merged " + joined + " into this ticket, with their messages; the SLA clock of the earliest applies.";
    add(kept->id, std::move(c));
  }
  // The ticket's progress (progress.hpp): the estimate, the third party, the business's
  // acceptance, the end of the wait (the customer's events too), and a missed update (the desk's).
  void progress(TicketId id, const char* target, std::string detail, TimeMs due, PersonId by) const {
    auto t = ticket(id);
    if (!t) return;
    TicketChange c;
    c.kind = TicketChangeKind::progress;
    c.at = e.at;
    c.by = by;
    c.agent_id = t->agent_id;
    c.target = target;
    c.detail = std::move(detail);
    c.due = due;
    add(id, std::move(c));
  }
  void operator()(const ResolutionEstimated& b) const { progress(b.ticket_id, "estimate", b.note, b.estimate, e.actor); }
  void operator()(const ThirdPartyWaitStarted& b) const {
    progress(b.ticket_id, "third_party", b.party + (b.reference.empty() ? std::string() : " (reference " + b.reference + ")"), b.follow_up_at, e.actor);
  }
  void operator()(const ThirdPartyWaitAccepted& b) const {
    if (auto t = ticket(b.ticket_id)) progress(b.ticket_id, "accepted", t->progress.third_party, 0, e.actor);
  }
  void operator()(const ThirdPartyWaitEnded& b) const {
    if (auto t = ticket(b.ticket_id)) progress(b.ticket_id, "ended", t->progress.third_party, 0, e.actor);
  }
  void operator()(const TicketUpdateMissed& b) const { progress(b.ticket_id, "update_missed", "", b.due, 0); }
  // Reassigning the customer moves its open tickets (the new agent is read once applied).
  void operator()(const CustomerAssigned& b) const { moved_tickets_of(b.customer_id); }
  // So does holding the customer with the business queue while its agent may not work support,
  // and giving it back (only the tickets that actually moved are recorded).
  void operator()(const CustomerSupportHeld& b) const { moved_tickets_of(b.customer_id); }
  void moved_tickets_of(CustomerId customer) const {
    auto it = s.tickets_by_customer.find(customer);
    if (it == s.tickets_by_customer.end()) return;
    for (auto id : it->second) {
      auto t = ticket(id);
      if (!t || !is_open(t->status)) continue;
      TicketChange c;
      c.kind = TicketChangeKind::reassigned;
      c.at = e.at;
      c.by = e.actor;
      c.previous_agent = t->agent_id;
      add(id, std::move(c));
    }
  }
};

std::string name_of(const ProgramState& s, PersonId p, PersonId reader, bool customer_reader) {
  if (customer_reader && p == reader) return "You";
  if (auto m = s.member(p)) return m->name;
  return s.name.empty() ? std::string("The business") : s.name;
}

std::string agent_or_queue(const ProgramState& s, PersonId agent) {
  if (agent == 0) return "the business queue";
  if (auto m = s.member(agent)) return m->name;
  return "a former agent";
}

} // namespace

TicketStatus customer_status(TicketStatus s) { return s == TicketStatus::escalated ? TicketStatus::open : s; }

std::vector<PendingTicketChange> ticket_changes_of(const ProgramState& before, const Event& e) {
  std::vector<PendingTicketChange> out;
  std::visit(ChangeOf{before, e, out}, e.body);
  return out;
}

void record_ticket_changes(ProgramState& s, std::vector<PendingTicketChange> changes) {
  for (auto& p : changes) {
    auto it = s.tickets.find(p.ticket_id);
    if (it == s.tickets.end()) continue;
    auto& t = it->second;
    if (p.change.kind == TicketChangeKind::reassigned) {
      if (t.agent_id == p.change.previous_agent) continue;
      p.change.agent_id = t.agent_id;
    }
    t.changes.push_back(std::move(p.change));
  }
}

Escalation escalation_told_to_customer(const Escalation& e) {
  if (e.source == EscalationSource::customer) return e;
  Escalation told;
  told.source = EscalationSource::none;
  told.at = e.at;
  return told;
}

std::vector<TicketChange> customer_changes(const std::vector<TicketChange>& changes) {
  std::vector<TicketChange> out;
  for (const auto& c : changes) {
    switch (c.kind) {
    case TicketChangeKind::taken_over:
    case TicketChangeKind::sla_missed:
    case TicketChangeKind::routed:
    case TicketChangeKind::retention_started:
    case TicketChangeKind::unknown: continue;
    case TicketChangeKind::escalated: {
      if (c.escalation.source == EscalationSource::customer) {
        out.push_back(c);
        continue;
      }
      TicketChange told;
      told.kind = c.kind;
      told.at = c.at;
      told.escalation = escalation_told_to_customer(c.escalation);
      out.push_back(std::move(told));
      continue;
    }
    // Status and triage changes, and reassignments, come from events the customer gets too
    // (the customer is shown only the status changes: audit_trail()).
    case TicketChangeKind::status_changed:
    case TicketChangeKind::triaged:
    case TicketChangeKind::reassigned:
    case TicketChangeKind::merged: out.push_back(c); continue;
    case TicketChangeKind::progress: // all but a missed update, from the events the customer gets
      if (c.target != "update_missed") out.push_back(c);
      continue;
    case TicketChangeKind::auto_responded: continue; // never stored: audit_trail() reads them from the automatic messages
    case TicketChangeKind::conduct: // the pause and the resumption, from the events the customer gets
      if (c.target == "pause" || c.target == "resume") out.push_back(c);
      continue;
    }
  }
  return out;
}

const char* escalation_source_label(EscalationSource source) {
  switch (source) {
  case EscalationSource::customer: return "the customer";
  case EscalationSource::agent: return "the agent";
  case EscalationSource::sla: return "the SLA rules";
  case EscalationSource::rule: return "the routing rules";
  case EscalationSource::none: break;
  }
  return "the support team";
}

std::vector<AuditEntry> audit_trail(const ProgramState& s, const Ticket& t, PersonId reader) {
  const bool customer = s.role_of(reader) == Role::customer;
  std::vector<AuditEntry> out;
  if (s.role_of(reader) == Role::unknown) return out;
  const auto changes = customer ? customer_changes(t.changes) : t.changes;
  const std::string team = (s.name.empty() ? std::string("support") : s.name) + " team";
  for (const auto& c : changes) {
    AuditEntry a;
    a.at = c.at;
    a.kind = c.kind;
    a.by = c.by;
    a.who = c.by ? name_of(s, c.by, reader, customer) : std::string("SLA rules");
    switch (c.kind) {
    case TicketChangeKind::escalated:
      switch (c.escalation.source) {
      case EscalationSource::customer:
        a.text = (customer ? "You asked to escalate this ticket" : std::string("The customer asked to escalate this ticket")) +
                 (c.escalation.reason.empty() ? std::string(".") : ": " + c.escalation.reason);
        break;
      case EscalationSource::agent:
        a.internal = true;
        a.text = "Escalated to the business: " + c.escalation.note.summary;
        a.note = c.escalation.note;
        break;
      case EscalationSource::sla:
        a.internal = true;
        a.text = "Escalated automatically: " + c.escalation.reason;
        break;
      case EscalationSource::rule:
        a.internal = true;
        a.who = "Routing rules";
        a.text = "Escalated to the business at once by the " + c.escalation.reason + ".";
        break;
      case EscalationSource::none:
        a.who = s.name.empty() ? std::string("Support") : s.name;
        a.by = 0;
        a.text = "Your ticket was escalated to the " + team + ".";
        break;
      }
      break;
    case TicketChangeKind::taken_over:
      a.internal = true;
      a.text = "Took over the ticket from " + agent_or_queue(s, c.agent_id) + ".";
      break;
    case TicketChangeKind::reassigned:
      a.internal = true;
      a.text = "Reassigned the customer from " + agent_or_queue(s, c.previous_agent) + " to " + agent_or_queue(s, c.agent_id) + ".";
      break;
    case TicketChangeKind::sla_missed: {
      a.internal = true;
      const bool first = c.target == "first_response";
      a.text = std::string(first ? "First response overdue" : "Resolution overdue") + "; responsible: " + agent_or_queue(s, c.agent_id) + ".";
      break;
    }
    case TicketChangeKind::status_changed:
      if (c.by == 0) a.who = "Partnerdesk";
      a.text = c.status == TicketStatus::reopened ? std::string("Reopened the ticket.")
                                                  : std::string("Status changed to ") + label_of(c.status) + ".";
      break;
    case TicketChangeKind::triaged: {
      a.internal = true;
      std::string text;
      if (c.priority != c.previous_priority)
        text = std::string("Priority changed from ") + label_of(c.previous_priority) + " to " + label_of(c.priority);
      if (c.category != c.previous_category)
        text += (text.empty() ? "Category changed from " : "; category from ") + std::string(to_string(c.previous_category)) + " to " +
                to_string(c.category);
      a.text = text + ".";
      break;
    }
    case TicketChangeKind::routed:
      a.internal = true;
      a.who = "Routing rule \"" + c.rule + "\"";
      a.text = (c.detail.empty() ? std::string("Fired") : c.detail) + ".";
      break;
    case TicketChangeKind::auto_responded: continue; // added below from the messages
    case TicketChangeKind::retention_started:
      a.internal = true;
      a.who = "Canned response trigger";
      a.text = "Started the retention workflow: the customer asked \"" + c.detail + "\" (understand the reason before offering anything).";
      break;
    case TicketChangeKind::conduct:
      a.internal = c.target != "pause" && c.target != "resume";
      a.text = c.target == "mark_abusive" ? c.detail + "."
               : c.target == "warn"       ? std::string("Warned the customer once: respectful communication.")
               : c.target == "pause"      ? "Paused the conversation; a manager follows up by " + core::format_utc_minute(c.due) + "."
                                          : std::string("Resumed the conversation.");
      break;
    case TicketChangeKind::merged: a.text = c.detail; break;
    case TicketChangeKind::progress:
      if (c.target == "estimate") {
        a.text = c.due == 0 ? std::string("Withdrew the estimated resolution.")
                            : "Estimated the resolution for " + core::format_utc_minute(c.due) + (c.detail.empty() ? std::string(".") : ": " + c.detail);
      } else if (c.target == "third_party") {
        a.text = "Waiting on " + c.detail + "; following up with them by " + core::format_utc_minute(c.due) + ".";
      } else if (c.target == "accepted") {
        a.text = "Accepted the wait on " + c.detail + ": the resolution time does not run while it lasts.";
      } else if (c.target == "ended") {
        a.text = "The wait on " + c.detail + " ended.";
      } else {
        a.internal = true;
        a.who = "SLA rules";
        a.text = "The update to the customer due at " + core::format_utc_minute(c.due) + " was not sent.";
      }
      break;
    case TicketChangeKind::unknown: continue;
    }
    if (customer && a.internal) continue;
    out.push_back(std::move(a));
  }
  // The automatic replies (desk/decide_knowledge.hpp), for the business and the agent: which one
  // and when, read from the messages themselves (the customer reads the messages).
  if (!customer) {
    for (const auto& m : t.messages) {
      if (m.automatic.empty()) continue;
      AuditEntry a;
      a.at = m.at;
      a.kind = TicketChangeKind::auto_responded;
      a.who = "Automatic reply";
      a.internal = true;
      a.text = m.automatic == "acknowledgement" ? "Acknowledged the ticket with its reference, the reply time and suggested articles."
               : m.automatic == "article"       ? "Answered automatically: the question matched a published article exactly."
                                                : "Answered automatically from the account's records (plan, next billing date).";
      out.push_back(std::move(a));
    }
    std::stable_sort(out.begin(), out.end(), [](const AuditEntry& x, const AuditEntry& y) { return x.at < y.at; });
  }
  return out;
}

void to_json(nlohmann::json& j, const AuditEntry& e) {
  j = {{"at", e.at}, {"kind", e.kind}, {"by", e.by}, {"who", e.who}, {"text", e.text}, {"internal", e.internal}};
  if (e.note) j["note"] = *e.note;
}

std::string escalation_summary(const ProgramState& s, const Escalation& e) {
  switch (e.source) {
  case EscalationSource::agent: {
    auto m = s.member(e.by);
    std::string line = (m ? m->name : std::string("The agent")) + ": " + e.note.summary;
    if (!e.note.customer_sentiment.empty()) line += " \xC2\xB7 customer " + e.note.customer_sentiment;
    if (!e.note.recommended_action.empty()) line += " \xC2\xB7 recommends: " + e.note.recommended_action;
    return line;
  }
  case EscalationSource::customer: return "Customer: " + (e.reason.empty() ? std::string("asked to escalate") : e.reason);
  case EscalationSource::sla: return "SLA rules: " + e.reason;
  case EscalationSource::rule: return "Routing rules: " + e.reason;
  case EscalationSource::none: break;
  }
  return "Escalated";
}

std::vector<AgentEscalation> escalations_of_agent(const ProgramState& s, PersonId agent) {
  std::vector<AgentEscalation> out;
  if (agent == 0) return out;
  for (const auto& [id, t] : s.tickets) {
    const TicketChange* latest = nullptr;
    for (const auto& c : t.changes)
      if (c.kind == TicketChangeKind::escalated) latest = &c;
    for (const auto& c : t.changes)
      if (c.kind == TicketChangeKind::escalated && c.agent_id == agent && c.escalation.source != EscalationSource::none)
        out.push_back(AgentEscalation{t.id, t.customer_id, t.subject, c.escalation, &c == latest && t.escalation.pending});
  }
  std::stable_sort(out.begin(), out.end(), [](const AgentEscalation& a, const AgentEscalation& b) { return a.escalation.at > b.escalation.at; });
  return out;
}

} // namespace pd::domain
