#include "shared/domain/support/decide_support.hpp"

#include "shared/core/number_format.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/check_ins.hpp"
#include "shared/domain/support/conduct_rules.hpp"
#include "shared/domain/support/satisfaction.hpp"
#include "shared/domain/certification/decide_certification.hpp"
#include "shared/domain/commissions/decide_commission.hpp"
#include "shared/domain/desk/decide_knowledge.hpp"
#include "shared/domain/desk/decide_responses.hpp"
#include "shared/domain/desk/decide_routing.hpp"
#include "shared/domain/desk/knowledge_hygiene.hpp"
#include "shared/domain/desk/triage.hpp"
#include "shared/domain/privacy/decide_privacy.hpp"
#include "shared/domain/retention/decide_retention.hpp"
#include "shared/domain/support/sla.hpp"
#include "shared/domain/support/decide_support_access.hpp"
#include "shared/domain/support/support_access.hpp"
#include "shared/domain/support/progress.hpp"
#include "shared/domain/support/ticket_actions.hpp"
#include "shared/domain/support/support_metrics.hpp"
#include "shared/domain/support/weekly_report.hpp"

#include <algorithm>
#include <set>

namespace pd::domain::support_rules {

using core::ErrorCode;
using core::make_error;
using core::forbidden;
using core::conflict;
using identity::Role;
using Events = std::vector<EventBody>;

namespace {

// The retention workflow a ticket's events start ("how do I cancel?", or a routing rule's
// retention_workflow action) opens a retention case when the customer has none open
// (retention/decide_retention.hpp).
void open_retention_case(const ProgramState& s, Events& out, CustomerId customer, TicketId id, PersonId actor, TimeMs now) {
  for (const auto& e : out) {
    std::optional<EventBody> opened;
    if (const auto* started = std::get_if<RetentionWorkflowStarted>(&e))
      opened = retention_rules::case_for_ticket(s, customer, id, CaseTrigger::cancel_question, "Asked: \"" + started->phrase + "\"", actor, now);
    else if (const auto* routed = std::get_if<TicketRouted>(&e);
             routed && std::find(routed->routing.flags.begin(), routed->routing.flags.end(), "retention_workflow") != routed->routing.flags.end())
      opened = retention_rules::case_for_ticket(s, customer, id, CaseTrigger::routing_rule, "Routing rule: " + routed->routing.because, actor, now);
    if (opened) {
      out.push_back(std::move(*opened));
      return;
    }
  }
}

core::Error no_ticket() { return make_error(ErrorCode::not_found, "No such ticket.", "data.ticket_id"); }

// The SLA clock once a third party's wait ends: no longer held, running again unless the ticket
// waits on the customer (progress.hpp).
SlaClock released_clock(const ProgramState& s, const Ticket& t, TimeMs now) {
  auto clock = t.sla;
  if (!clock.held) return clock;
  clock.held = false;
  return t.status == TicketStatus::waiting_on_customer ? clock : sla::resume(clock, s.support_settings, now);
}

// A merged ticket continues in the one it was merged into.
core::Error merged_elsewhere(const Ticket& t) {
  return conflict("This ticket was merged into #" + std::to_string(t.merged_into) + ": continue there.", "data.ticket_id", t.version);
}

bool may(const ProgramState& s, const Actor& a, Action action, Target t = {}) { return is_allowed(s, a.id, action, t); }

// The ticket, if the actor may see it (an invisible ticket is "no such ticket").
const Ticket* visible_ticket(const ProgramState& s, const Actor& a, TicketId id) {
  auto t = s.ticket(id);
  return t && may(s, a, Action::read_ticket, {.ticket = id}) ? t : nullptr;
}

std::optional<core::Error> check_tags(Category primary, const std::vector<Category>& tags) {
  if (tags.size() > max_secondary_tags) return make_error(ErrorCode::invalid_field, "A ticket has at most two secondary tags.", "data.tags");
  std::set<Category> seen;
  for (auto t : tags) {
    if (t == primary) return make_error(ErrorCode::invalid_field, "A secondary tag repeats the primary category.", "data.tags");
    if (!seen.insert(t).second) return make_error(ErrorCode::invalid_field, "A secondary tag appears twice.", "data.tags");
  }
  return std::nullopt;
}

std::optional<core::Error> check_attachments(const ProgramState& s, const std::vector<Attachment>& files) {
  for (std::size_t i = 0; i < files.size(); ++i)
    if (files[i].size > s.support_settings.max_attachment_bytes)
      return make_error(ErrorCode::payload_too_large,
                        "'" + files[i].name + "' is larger than this program allows (" +
                            std::to_string(s.support_settings.max_attachment_bytes / (std::int64_t{1024} * 1024)) + " MB per file).",
                        "data.attachments[" + std::to_string(i) + "]");
  return std::nullopt;
}

std::vector<std::string> topic_keys(const ProgramState& s, const std::string& text) {
  std::vector<std::string> keys;
  for (const auto& m : match_restricted_topics(s.support_settings.restricted_topics, text)) keys.push_back(m.key);
  return keys;
}

TicketMessage message_of(const ProgramState& s, const Ticket* t, const Actor& a, MessageKind kind, std::string text,
                         std::vector<Attachment> files, TimeMs now) {
  TicketMessage m;
  m.id = t ? static_cast<std::int64_t>(t->messages.size()) + 1 : 1;
  m.kind = kind;
  m.author = a.id;
  m.author_name = a.name;
  m.author_role = s.role_of(a.id);
  m.text = std::move(text);
  m.at = now;
  m.attachments = std::move(files);
  return m;
}

// A customer who asks in a ticket to delete its account or erase its data (the account_deletion
// restricted topic) starts an erasure request; it still confirms by the mailed link
// (privacy/erasure.hpp).
void detect_erasure(const ProgramState& s, Events& out, CustomerId customer, TicketId ticket, const std::vector<std::string>& topics, TimeMs now) {
  if (std::find(topics.begin(), topics.end(), "account_deletion") == topics.end()) return;
  if (auto requested = privacy_rules::detected_erasure(s, customer, ticket, now)) out.emplace_back(std::move(*requested));
}

} // namespace

Outcome decide(const ProgramState& s, const OpenTicket& c, const Actor& a, TimeMs now) {
  const Role role = s.role_of(a.id);
  CustomerId customer = c.customer_id;
  if (role == Role::customer) {
    auto own = s.customer_of_person(a.id);
    if (!own) return make_error(ErrorCode::conflict, "Your account is not linked to a customer record of this program.");
    if (customer != 0 && customer != own->id) return make_error(ErrorCode::not_found, "No such customer.", "data.customer_id");
    customer = own->id;
    if (auto e = customer_refusal(s, customer, nullptr, now)) return *e; // restricted after repeated abuse (conduct_rules.hpp)
  } else if (identity::is_business_role(role)) {
    if (customer == 0) return make_error(ErrorCode::missing_field, "Choose the customer the ticket is for.", "data.customer_id");
    if (!s.customer(customer)) return make_error(ErrorCode::not_found, "No such customer.", "data.customer_id");
  } else {
    return forbidden("Tickets are opened by customers, or by the business for a customer.");
  }
  if (!may(s, a, Action::open_ticket, {.customer = customer})) return forbidden();
  const Category category = c.category.value_or(Category::how_to);
  if (auto e = check_tags(category, c.tags)) return *e;
  if (auto e = check_attachments(s, c.attachments)) return *e;
  auto message = message_of(s, nullptr, a, MessageKind::reply, c.text, c.attachments, now);
  message.restricted_topics = topic_keys(s, c.subject + "\n" + c.text);
  // The routing rules (desk/routing.hpp): the priority and tags they set go into the opening.
  auto routed = desk_rules::route_ticket(s, nullptr, customer, s.next_ticket_id, category, c.tags, c.priority.value_or(Priority::p2),
                                         message.restricted_topics, s.handler_of(customer), now, now);
  const Priority priority = routed.priority;
  const auto topics = message.restricted_topics;
  TicketOpened e{s.next_ticket_id, customer, s.handler_of(customer), c.subject, priority, category, routed.tags, std::move(message),
                 sla::start_clock(s.support_settings, s.customer(customer), priority, now)};
  // The acknowledgement and a near-certain automatic answer (desk/decide_knowledge.hpp).
  auto automatic = desk_rules::auto_responses(s, e, c.utc_offset_minutes, now);
  // "How do I cancel?" starts the retention workflow first (desk/decide_responses.hpp).
  auto retention = desk_rules::retention_triggers(s, e.ticket_id, nullptr, c.subject + "\n" + c.text);
  Events out{std::move(e)};
  out.insert(out.end(), std::make_move_iterator(retention.begin()), std::make_move_iterator(retention.end()));
  out.insert(out.end(), std::make_move_iterator(automatic.begin()), std::make_move_iterator(automatic.end()));
  out.insert(out.end(), std::make_move_iterator(routed.after.begin()), std::make_move_iterator(routed.after.end()));
  open_retention_case(s, out, customer, s.next_ticket_id, a.id, now);
  if (role == Role::customer) detect_erasure(s, out, customer, s.next_ticket_id, topics, now);
  return out;
}

Outcome decide(const ProgramState& s, const ReplyToTicket& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = refuse_off_support(s, a.id)) return *e; // support_access.hpp
  const Role role = s.role_of(a.id);
  if (t->merged_into != 0) return merged_elsewhere(*t);
  if (t->status == TicketStatus::closed) return conflict("This ticket is closed. Open a new ticket to continue.", "data.ticket_id", t->version);
  if (auto e = check_attachments(s, c.attachments)) return *e;

  if (c.internal) {
    if (!may(s, a, Action::write_internal_note, {.ticket = t->id})) return forbidden("Customers cannot write internal notes.");
    auto m = message_of(s, t, a, MessageKind::internal_note, c.text, c.attachments, now);
    return Events{TicketReplied{t->id, std::move(m), t->status, t->sla, false}};
  }
  if (!may(s, a, Action::reply_ticket, {.ticket = t->id})) {
    if (role == Role::agent && t->taken_over_by != 0)
      return forbidden("The business has taken over this ticket. Add an internal note instead.");
    return forbidden();
  }
  if (auto e = desk::why_not_reply(s, a.id, *t)) return *e; // held for the business (desk/routing.hpp)

  auto m = message_of(s, t, a, MessageKind::reply, c.text, c.attachments, now);
  m.restricted_topics = topic_keys(s, c.text);
  TicketReplied out{t->id, {}, t->status, t->sla, false};

  if (role == Role::customer) {
    if (c.status) return make_error(ErrorCode::invalid_field, "Customers do not set a ticket's status.", "data.status");
    if (auto e = customer_refusal(s, t->customer_id, t, now)) return *e; // paused, or restricted (conduct_rules.hpp)
    if (t->status == TicketStatus::resolved) {
      if (now > t->sla.resolved_at + s.support_settings.reopen_window_hours * hour_ms)
        return conflict("This ticket was resolved too long ago to reopen. Open a new ticket.", "data.ticket_id", t->version);
      out.status = TicketStatus::reopened;
      out.sla = sla::resume(t->sla, s.support_settings, now);
    } else if (t->status == TicketStatus::waiting_on_customer) {
      out.status = TicketStatus::open;
      out.sla = sla::resume(t->sla, s.support_settings, now);
    }
    const auto topics = m.restricted_topics;
    out.message = std::move(m);
    Events events{std::move(out)};
    for (auto& r : desk_rules::retention_triggers(s, t->id, t, c.text)) events.push_back(std::move(r)); // desk/decide_responses.hpp
    open_retention_case(s, events, t->customer_id, t->id, a.id, now);
    detect_erasure(s, events, t->customer_id, t->id, topics, now);
    return events;
  }

  // The agent or the business answers the customer; a reply from a template goes only once its
  // placeholders are filled in or removed (desk/templates.hpp).
  if (auto e = desk::check_template_reply(s, *t, a.id, c.template_id, c.text)) return *e;
  if (role == Role::agent && !m.restricted_topics.empty()) {
    if (!c.send_despite_warning) {
      std::string names;
      for (const auto& match : match_restricted_topics(s.support_settings.restricted_topics, c.text))
        names += (names.empty() ? "" : "; ") + match.name + " (" + match.escalation_path + ")";
      return make_error(ErrorCode::invalid_field,
                        "This reply touches a restricted topic: " + names + ". Escalate instead, or confirm to send it anyway.",
                        "data.send_despite_warning");
    }
    m.sent_despite_warning = true;
  }
  const bool business = identity::is_business_role(role);
  const bool escalation_pending = t->escalation.pending;
  TicketStatus next = c.status.value_or(TicketStatus::waiting_on_customer);
  if (next != TicketStatus::open && next != TicketStatus::waiting_on_customer && next != TicketStatus::resolved)
    return make_error(ErrorCode::invalid_field, "After a reply a ticket is open, waiting on the customer, or resolved.", "data.status");
  if (escalation_pending && !business) {
    if (next == TicketStatus::resolved)
      return conflict("This ticket is escalated and held open until the business responds.", "data.status", t->version);
    next = TicketStatus::escalated; // held open; the agent may still keep the customer informed
  }
  auto clock = sla::first_response(t->sla, now);
  if (next == TicketStatus::waiting_on_customer) clock = sla::pause(clock, s.support_settings, now);
  else if (next == TicketStatus::resolved) clock = sla::stop(clock, s.support_settings, now);
  else clock = sla::resume(clock, s.support_settings, now);
  out.status = next;
  out.sla = clock;
  out.escalation_answered = business && escalation_pending;
  out.message = std::move(m);
  return Events{std::move(out)};
}

Outcome decide(const ProgramState& s, const TriageTicket& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = refuse_off_support(s, a.id)) return *e; // support_access.hpp
  if (auto e = why_not(s, a.id, *t, TicketAction::triage)) return *e; // the ticket page's rule too
  if (auto e = check_tags(c.category, c.tags)) return *e;
  // The rest of the checklist (desk/triage.hpp); a ticket never triaged is marked triaged even
  // when the agent confirms what it had (it leaves the untriaged queue).
  TicketTriage entries;
  if (auto e = desk::merge_triage(s, *t, c, entries)) return *e;
  if (c.priority == t->priority && c.category == t->category && c.tags == t->tags && entries == t->triage && t->triage.triaged_at != 0)
    return Events{};
  // A new category or priority runs the routing rules again (desk/routing.hpp).
  desk_rules::Routed routed{c.priority, c.tags, {}};
  if (c.priority != t->priority || c.category != t->category)
    routed = desk_rules::route_ticket(s, t, t->customer_id, t->id, c.category, c.tags, c.priority, t->restricted_topics, t->agent_id,
                                      t->opened_at, now);
  auto clock = sla::retarget(t->sla, s.support_settings, s.customer(t->customer_id), routed.priority, t->opened_at, now);
  Events out{TicketTriaged{t->id, routed.priority, c.category, routed.tags, clock, std::move(entries)}};
  out.insert(out.end(), std::make_move_iterator(routed.after.begin()), std::make_move_iterator(routed.after.end()));
  open_retention_case(s, out, t->customer_id, t->id, a.id, now);
  return out;
}

Outcome decide(const ProgramState& s, const EscalateTicket& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = refuse_off_support(s, a.id)) return *e; // support_access.hpp
  if (auto e = why_not(s, a.id, *t, TicketAction::escalate)) return *e; // the ticket page's rule too
  Escalation e;
  e.by = a.id;
  e.at = now;
  e.reason = c.reason;
  e.pending = true;
  e.agent_id = responsible_for(s, *t); // who was handling it then, kept with the escalation
  if (s.role_of(a.id) == Role::customer) {
    if (c.reason.empty()) return make_error(ErrorCode::missing_field, "Tell us why you want this escalated.", "data.reason");
    e.source = EscalationSource::customer;
  } else {
    if (c.note.summary.empty()) return make_error(ErrorCode::missing_field, "Summarise the issue in one sentence.", "data.note.summary");
    if (c.note.recommended_action.empty())
      return make_error(ErrorCode::missing_field, "Say what you think should happen next.", "data.note.recommended_action");
    e.source = EscalationSource::agent;
    e.note = c.note;
  }
  return Events{TicketEscalated{t->id, std::move(e)}};
}

Outcome decide(const ProgramState& s, const TakeOverTicket& c, const Actor& a, TimeMs) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = why_not(s, a.id, *t, TicketAction::take_over)) return *e; // the ticket page's rule too
  return Events{TicketTakenOver{t->id, a.id, a.name}};
}

Outcome decide(const ProgramState& s, const ResolveTicket& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = refuse_off_support(s, a.id)) return *e; // support_access.hpp
  if (auto e = why_not(s, a.id, *t, TicketAction::resolve)) return *e; // the ticket page's rule too
  Events out;
  if (!c.note.empty()) out.push_back(TicketReplied{t->id, message_of(s, t, a, MessageKind::internal_note, c.note, {}, now), t->status, t->sla, false});
  out.push_back(TicketStatusChanged{t->id, TicketStatus::resolved, sla::stop(t->sla, s.support_settings, now)});
  return out;
}

Outcome decide(const ProgramState& s, const CloseTicket& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = why_not(s, a.id, *t, TicketAction::close)) return *e; // the ticket page's rule too
  if (!c.note.empty() && !identity::is_business_role(s.role_of(a.id)))
    return make_error(ErrorCode::invalid_field, "Only the business adds a resolution note.", "data.note");
  Events out;
  if (!c.note.empty()) out.push_back(TicketReplied{t->id, message_of(s, t, a, MessageKind::internal_note, c.note, {}, now), t->status, t->sla, false});
  out.push_back(TicketStatusChanged{t->id, TicketStatus::closed, sla::stop(t->sla, s.support_settings, now)});
  return out;
}

Outcome decide(const ProgramState& s, const MergeTickets& c, const Actor& a, TimeMs) {
  auto kept = visible_ticket(s, a, c.ticket_id);
  if (!kept) return no_ticket();
  if (auto e = refuse_off_support(s, a.id)) return *e; // support_access.hpp
  if (auto e = why_not(s, a.id, *kept, TicketAction::merge)) return *e;
  // The clock and the opening of the earliest opened ticket apply to the merged one (seed 002:
  // the SLA clock of the earliest).
  const Ticket* earliest = kept;
  TimeMs responded = kept->sla.first_responded_at; // the first answer on any of them answers the customer
  std::vector<std::int64_t> first_ids;
  std::int64_t next_id = (kept->messages.empty() ? 0 : kept->messages.back().id) + 1;
  for (std::size_t i = 0; i < c.merged_ids.size(); ++i) {
    const auto field = "data.merged_ids[" + std::to_string(i) + "]";
    const TicketId id = c.merged_ids[i];
    auto t = visible_ticket(s, a, id);
    if (!t) return make_error(ErrorCode::not_found, "No such ticket: #" + std::to_string(id) + ".", field);
    if (id == kept->id) return make_error(ErrorCode::invalid_field, "A ticket is not merged into itself.", field);
    for (std::size_t j = 0; j < i; ++j)
      if (c.merged_ids[j] == id) return make_error(ErrorCode::invalid_field, "#" + std::to_string(id) + " is named twice.", field);
    if (t->customer_id != kept->customer_id)
      return make_error(ErrorCode::invalid_field, "Only tickets of one customer are merged: #" + std::to_string(id) + " is another customer's.", field);
    if (auto e = why_not(s, a.id, *t, TicketAction::merge)) {
      e->field = field;
      return *e;
    }
    if (t->opened_at < earliest->opened_at || (t->opened_at == earliest->opened_at && t->id < earliest->id)) earliest = t;
    if (t->sla.first_responded_at != 0 && (responded == 0 || t->sla.first_responded_at < responded)) responded = t->sla.first_responded_at;
    first_ids.push_back(next_id);
    next_id += t->messages.empty() ? 0 : t->messages.back().id;
  }
  SlaClock clock = earliest->sla;
  if (clock.first_responded_at == 0) clock.first_responded_at = responded;
  return Events{TicketsMerged{kept->id, c.merged_ids, std::move(first_ids), clock}};
}

// A call or chat: its record as an internal note, then its written summary as a reply under the
// reply's rules (who may answer, restricted topics, the status after it, the SLA's first
// response), both marked with the channel.
Outcome decide(const ProgramState& s, const LogConversation& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = refuse_off_support(s, a.id)) return *e; // support_access.hpp
  if (auto e = why_not(s, a.id, *t, TicketAction::log_conversation)) return *e; // the ticket page's rule too
  auto reply = decide(s, ReplyToTicket{c.ticket_id, c.summary, false, c.status, {}, c.send_despite_warning, 0}, a, now);
  if (!reply) {
    auto e = reply.error();
    if (e.field == "data.text") e.field = "data.summary";
    return e;
  }
  auto events = std::move(reply.value());
  auto* summary = events.empty() ? nullptr : std::get_if<TicketReplied>(&events.front());
  if (!summary) return make_error(ErrorCode::invalid_field, "This ticket takes no reply now.", "data.ticket_id");
  auto record = message_of(s, t, a, MessageKind::internal_note, c.record, {}, now);
  record.channel = c.channel;
  record.duration_minutes = c.duration_minutes;
  summary->message.id = record.id + 1;
  summary->message.channel = c.channel;
  summary->message.duration_minutes = c.duration_minutes;
  summary->message.summary_of = record.id;
  events.insert(events.begin(), TicketReplied{t->id, std::move(record), t->status, t->sla, false});
  return events;
}

// The ticket's progress (progress.hpp): the estimate, a third party, the business's acceptance.
Outcome decide(const ProgramState& s, const SetResolutionEstimate& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = why_not(s, a.id, *t, TicketAction::progress)) return *e; // the ticket page's rule too
  if (auto e = estimate_problem(c.estimate, now)) return *e;
  if (c.estimate == 0) {
    if (t->progress.estimate == 0) return Events{};
    return Events{ResolutionEstimated{t->id, 0, "", 0, 0}};
  }
  if (c.estimate == t->progress.estimate && c.note == t->progress.estimate_note) return Events{};
  const auto next = next_update(s.support_settings, t->priority, now);
  return Events{ResolutionEstimated{t->id, c.estimate, c.note, next.due, next.warn_at}};
}

Outcome decide(const ProgramState& s, const WaitOnThirdParty& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = why_not(s, a.id, *t, TicketAction::progress)) return *e;
  if (c.party.find_first_not_of(" \t\r\n") == std::string::npos) return make_error(ErrorCode::missing_field, "Name the third party the ticket waits on.", "data.party");
  if (auto e = follow_up_problem(c.follow_up_at, now)) return *e;
  const auto& p = t->progress;
  if (c.party == p.third_party && c.reference == p.third_party_reference && c.follow_up_at == p.follow_up_at) return Events{};
  Events out;
  // Another party: the business accepts the new wait again (the clock runs meanwhile).
  const bool same = c.party == p.third_party;
  if (p.wait_accepted && !same) out.push_back(ThirdPartyWaitEnded{t->id, released_clock(s, *t, now)});
  out.push_back(ThirdPartyWaitStarted{t->id, c.party, c.reference, c.follow_up_at, p.wait_accepted && same});
  return out;
}

Outcome decide(const ProgramState& s, const AcceptThirdPartyWait& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = why_not(s, a.id, *t, TicketAction::accept_wait)) return *e;
  auto clock = sla::pause(t->sla, s.support_settings, now);
  clock.held = true;
  return Events{ThirdPartyWaitAccepted{t->id, clock}};
}

Outcome decide(const ProgramState& s, const EndThirdPartyWait& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (auto e = why_not(s, a.id, *t, TicketAction::progress)) return *e;
  if (t->progress.third_party.empty()) return conflict("This ticket is not waiting on a third party.", "data.ticket_id", t->version);
  return Events{ThirdPartyWaitEnded{t->id, released_clock(s, *t, now)}};
}

namespace {

// A ticket whose text the retention period erased takes no new text (privacy/data_retention.hpp).
std::optional<core::Error> expired_text(const Ticket& t) {
  if (t.text_expired_at == 0) return std::nullopt;
  return conflict("This ticket's text was removed under the program's retention period.", "data.ticket_id", t.version);
}

} // namespace

Outcome decide(const ProgramState& s, const RateTicket& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (!may(s, a, Action::rate_ticket, {.ticket = t->id})) return forbidden("Only the customer rates their support.");
  if (t->merged_into != 0) return merged_elsewhere(*t);
  if (is_open(t->status)) return conflict("Rate the support once the ticket is resolved or closed.", "data.ticket_id", t->version);
  if (t->customer_rating) return conflict("You have already rated this ticket.", "data.ticket_id", t->version);
  if (auto e = expired_text(*t)) return *e;
  return Events{TicketRated{t->id, CustomerRating{c.responsiveness, c.knowledge, c.professionalism, c.overall, c.comment, now, {}}}};
}

Outcome decide(const ProgramState& s, const RateTicketHandling& c, const Actor& a, TimeMs now) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (!may(s, a, Action::rate_handling, {.ticket = t->id})) return forbidden("Only the business rates an agent's handling.");
  if (is_open(t->status)) return conflict("Rate the handling once the ticket is resolved or closed.", "data.ticket_id", t->version);
  if (t->agent_id == 0) return conflict("No agent handled this ticket.", "data.ticket_id", t->version);
  if (t->business_rating) return conflict("This ticket's handling has already been rated.", "data.ticket_id", t->version);
  if (auto e = expired_text(*t)) return *e;
  return Events{TicketHandlingRated{t->id, BusinessRating{c.score, c.checklist, c.comment, a.id, now}}};
}

Outcome decide(const ProgramState& s, const AnswerRating& c, const Actor& a, TimeMs) {
  auto t = visible_ticket(s, a, c.ticket_id);
  if (!t) return no_ticket();
  if (!may(s, a, Action::rate_handling, {.ticket = t->id})) return forbidden("Only the business answers a rating.");
  if (!t->customer_rating) return conflict("The customer has not rated this ticket.", "data.ticket_id", t->version);
  if (!t->customer_rating->business_response.empty()) return conflict("This rating has already been answered.", "data.ticket_id", t->version);
  if (auto e = expired_text(*t)) return *e;
  return Events{RatingAnswered{t->id, c.text}};
}

Outcome decide(const ProgramState& s, const ChangeSupportSettings& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_support_settings)) return forbidden("Only an owner or admin changes the support settings.");
  const auto& st = c.settings;
  if (st.tiers.empty()) return make_error(ErrorCode::invalid_field, "Keep at least one SLA tier.", "data.settings.tiers");
  std::set<std::string> keys;
  for (std::size_t i = 0; i < st.tiers.size(); ++i) {
    const auto& t = st.tiers[i];
    const auto at = "data.settings.tiers[" + std::to_string(i) + "]";
    if (!keys.insert(t.key).second) return make_error(ErrorCode::invalid_field, "Two tiers share the key '" + t.key + "'.", at + ".key");
    if (t.first_response_minutes <= 0)
      return make_error(ErrorCode::invalid_field, "An SLA window must be longer than zero.", at + ".first_response_minutes");
    if (t.resolution_minutes <= 0) return make_error(ErrorCode::invalid_field, "An SLA window must be longer than zero.", at + ".resolution_minutes");
    if (auto e = sla::validate(t.calendar)) {
      auto err = *e;
      err.field = at + ".calendar." + err.field;
      return err;
    }
    if (t.calendar.time_zone != "UTC" && t.calendar.offsets.empty())
      return make_error(ErrorCode::invalid_field, "Unknown time zone '" + t.calendar.time_zone + "'.", at + ".calendar.time_zone");
  }
  if (!keys.count(st.default_tier)) return make_error(ErrorCode::invalid_field, "The default tier must be one of the tiers.", "data.settings.default_tier");
  for (const auto& [segment, tier] : st.segment_tiers)
    if (!keys.count(tier))
      return make_error(ErrorCode::invalid_field, "Segment '" + segment + "' points at no tier.", "data.settings.segment_tiers");
  for (std::size_t i = 0; i < st.priority_targets.size(); ++i)
    if (st.priority_targets[i].first_response_minutes <= 0 || st.priority_targets[i].resolution_minutes <= 0)
      return make_error(ErrorCode::invalid_field, "An SLA window must be longer than zero.",
                        "data.settings.priority_targets[" + std::to_string(i) + "]");
  if (auto e = validate_topics(st.restricted_topics)) {
    // validate_topics names the list "topics" and its items "topics[i]…"; on the wire they are
    // data.settings.restricted_topics and data.settings.restricted_topics[i]…, as the reader names them.
    auto err = *e;
    const std::string_view list = "topics";
    err.field = "data.settings.restricted_topics" + (err.field.rfind(list, 0) == 0 ? err.field.substr(list.size()) : std::string{});
    return err;
  }
  if (st == s.support_settings) return Events{};
  return Events{SupportSettingsChanged{st}};
}

Outcome decide(const ProgramState& s, const WarnAgent& c, const Actor& a, TimeMs now) {
  if (!may(s, a, Action::manage_agents)) return forbidden();
  auto it = s.agents.find(c.person_id);
  if (it == s.agents.end()) return make_error(ErrorCode::not_found, "No such agent.", "data.person_id");
  if (it->second.status == PartnerStatus::terminated) return conflict("A terminated partnership cannot be changed.", "data.person_id", it->second.version);
  if (c.reason.empty()) return make_error(ErrorCode::missing_field, "Give a reason: the agent will see it.", "data.reason");
  return Events{AgentWarned{c.person_id, c.reason, now + warning_monitor_days * day_ms}};
}

Outcome decide(const ProgramState& s, const MarkNotificationsRead& c, const Actor& a, TimeMs) {
  auto it = s.inboxes.find(a.id);
  if (it == s.inboxes.end() || c.up_to <= it->second.read_up_to) return Events{};
  return Events{NotificationsRead{a.id, std::min(c.up_to, it->second.next_id - 1)}};
}

Outcome decide(const ProgramState& s, const ScheduleCheckIn& c, const Actor& a, TimeMs now) {
  auto cust = s.customer(c.customer_id);
  if (!cust || !may(s, a, Action::read_customer, {.customer = c.customer_id}))
    return make_error(ErrorCode::not_found, "No such customer.", "data.customer_id");
  if (auto e = check_in_refusal(s, a.id)) return *e; // check_ins.hpp
  if (!may_schedule_check_in(s, a.id, c.customer_id)) return forbidden();
  if (auto e = check_in_time_error(c.due_at, now)) return *e;
  const PersonId agent = s.role_of(a.id) == Role::agent ? a.id : cust->assigned_agent;
  return Events{CheckInScheduled{CheckIn{s.next_check_in_id, c.customer_id, agent, c.due_at, c.note, false, 0}}};
}

namespace {
// The check-in, if the actor may change it (anyone else is told there is no such check-in).
const CheckIn* changeable_check_in(const ProgramState& s, const Actor& a, std::int64_t id) {
  auto it = s.check_ins.find(id);
  return it != s.check_ins.end() && may_change_check_in(s, a.id, it->second) ? &it->second : nullptr;
}
core::Error no_check_in() { return make_error(ErrorCode::not_found, "No such check-in.", "data.check_in_id"); }
} // namespace

Outcome decide(const ProgramState& s, const CompleteCheckIn& c, const Actor& a, TimeMs) {
  if (auto e = check_in_refusal(s, a.id)) return *e; // check_ins.hpp
  auto ci = changeable_check_in(s, a, c.check_in_id);
  if (!ci) return no_check_in();
  if (ci->done) return make_error(ErrorCode::conflict, "This check-in is already done.", "data.check_in_id");
  return Events{CheckInCompleted{c.check_in_id}};
}

Outcome decide(const ProgramState& s, const RescheduleCheckIn& c, const Actor& a, TimeMs now) {
  if (auto e = check_in_refusal(s, a.id)) return *e; // check_ins.hpp
  auto ci = changeable_check_in(s, a, c.check_in_id);
  if (!ci) return no_check_in();
  if (ci->done) return make_error(ErrorCode::conflict, "This check-in is already done: schedule a new one.", "data.check_in_id");
  if (auto e = check_in_time_error(c.due_at, now)) return *e;
  const std::string note = c.note.value_or(ci->note);
  if (c.due_at == ci->due_at && note == ci->note) return Events{};
  return Events{CheckInRescheduled{c.check_in_id, c.due_at, note}};
}

Outcome decide(const ProgramState& s, const RunTimers&, const Actor& a, TimeMs now) {
  if (a.id != system_actor) return forbidden("Only the server's scheduler runs SLA timers.");
  Events out;
  for (const auto& due : sla::due_at(s, now)) {
    const auto& t = s.tickets.at(due.ticket_id);
    switch (due.kind) {
    case sla::TimerKind::first_response_overdue: out.push_back(TicketSlaMissed{t.id, "first_response", responsible_for(s, t), due.due}); break;
    case sla::TimerKind::resolution_overdue: out.push_back(TicketSlaMissed{t.id, "resolution", responsible_for(s, t), due.due}); break;
    case sla::TimerKind::auto_escalate: {
      Escalation e;
      e.source = EscalationSource::sla;
      e.at = now;
      e.agent_id = responsible_for(s, t);
      e.reason = "No first response at " + core::multiplier_text(s.support_settings.auto_escalate_factor_percent) + " the SLA window.";
      e.pending = true;
      out.push_back(TicketEscalated{t.id, std::move(e)});
      break;
    }
    case sla::TimerKind::auto_close: out.push_back(TicketStatusChanged{t.id, TicketStatus::closed, t.sla}); break;
    case sla::TimerKind::update_warning: out.push_back(TicketUpdateWarned{t.id, responsible_for(s, t), due.due}); break;
    case sla::TimerKind::update_missed: out.push_back(TicketUpdateMissed{t.id, responsible_for(s, t), due.due}); break;
    case sla::TimerKind::third_party_follow_up: out.push_back(ThirdPartyFollowUpDue{t.id, responsible_for(s, t)}); break;
    }
  }
  // The certification's timers: attempts past their deadline, certifications past expiry.
  for (auto& e : certification_rules::run_timers(s, now)) out.push_back(std::move(e));
  // The commissions' timers: months to close, lines past their holding period.
  for (auto& e : commission_rules::run_timers(s, now)) out.push_back(std::move(e));
  // The knowledge base's weekly hygiene review.
  for (auto& e : run_hygiene(s, now)) out.push_back(std::move(e));
  // Red flags raised and cleared (satisfaction.hpp).
  for (auto& e : red_flag_events(s, now)) out.push_back(std::move(e));
  // Retention cases for customers whose churn score reached At Risk (retention/churn.hpp).
  for (auto& e : retention_rules::run_timers(s, now)) out.push_back(std::move(e));
  // Monday's report of the week before (weekly_report.hpp).
  for (auto& e : report_events(s, now)) out.push_back(std::move(e));
  // Closed tickets past the retention periods (privacy/data_retention.hpp).
  for (auto& e : privacy_rules::run_timers(s, now)) out.push_back(std::move(e));
  return out;
}

Outcome decide(const ProgramState& s, const AnswerNps& c, const Actor& a, TimeMs now) {
  const auto* cust = s.role_of(a.id) == Role::customer ? s.customer_of_person(a.id) : nullptr;
  if (!cust) return forbidden("Only a customer answers the recommendation question.");
  if (auto e = nps_refusal(s, cust->id, now)) return *e;
  NpsAnswer answer{cust->id, a.id, c.score, c.score < 0 ? std::string() : c.comment, now, s.handler_of(cust->id), cust->profile.segment, 0};
  Events out;
  if (c.score >= 0 && nps_group(c.score) == NpsGroup::detractor) {
    // A detractor: a follow-up for the customer's agent (or the business) within 24 hours.
    answer.check_in_id = s.next_check_in_id;
    std::string note = "NPS detractor: " + cust->profile.name + " answered " + std::to_string(c.score) + " of 10";
    note += c.comment.empty() ? std::string(".") : ": \"" + c.comment.substr(0, 300) + "\"";
    note += " Follow up within 24 hours.";
    out.push_back(NpsAnswered{answer});
    out.push_back(CheckInScheduled{CheckIn{answer.check_in_id, cust->id, answer.agent_id, now + detractor_follow_up_ms, note, false, 0}});
    return out;
  }
  out.push_back(NpsAnswered{answer});
  return out;
}

Outcome decide(const ProgramState& s, const AddReportAction& c, const Actor& a, TimeMs now) {
  if (!identity::is_business_role(s.role_of(a.id))) return forbidden("Only the business adds action items to its reports.");
  auto it = s.reports.weekly.find(c.week);
  if (it == s.reports.weekly.end()) return make_error(ErrorCode::not_found, "No report was written for that week.", "data.week");
  if (it->second.actions.size() >= max_report_actions) return make_error(ErrorCode::invalid_field, "A report holds at most 50 action items.", "data.action");
  return Events{ReportActionAdded{c.week, ReportAction{s.reports.next_action_id, c.action, c.owner, c.due_on, a.id, now, false, 0}}};
}

Outcome decide(const ProgramState& s, const CompleteReportAction& c, const Actor& a, TimeMs) {
  if (!identity::is_business_role(s.role_of(a.id))) return forbidden("Only the business completes its reports' action items.");
  auto it = s.reports.weekly.find(c.week);
  if (it == s.reports.weekly.end()) return make_error(ErrorCode::not_found, "No report was written for that week.", "data.week");
  for (const auto& x : it->second.actions)
    if (x.id == c.action_id) return x.done ? Events{} : Events{ReportActionDone{c.week, c.action_id}};
  return make_error(ErrorCode::not_found, "No such action item on that report.", "data.action_id");
}

Outcome decide(const ProgramState& s, const SetSupportCost& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_support_settings)) return forbidden("Only an owner or admin sets the support cost.");
  auto it = s.reports.support_costs.find(c.quarter);
  if ((it == s.reports.support_costs.end() && c.amount_minor == 0) || (it != s.reports.support_costs.end() && it->second == c.amount_minor)) return Events{};
  return Events{SupportCostSet{c.quarter, c.amount_minor}};
}

Outcome decide(const ProgramState& s, const ChangeQualitySettings& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_support_settings)) return forbidden("Only an owner or admin changes the red flags' thresholds.");
  if (auto e = quality_settings_problem(c.settings)) return *e;
  if (c.settings == s.quality) return Events{};
  return Events{QualitySettingsChanged{c.settings}};
}

Outcome decide(const ProgramState& s, const ChangeMentionWords& c, const Actor& a, TimeMs) {
  if (!may(s, a, Action::manage_support_settings)) return forbidden("Only an owner or admin changes the mention words.");
  auto lists = c.lists;
  if (auto e = mention_lists_problem(lists, "data.lists")) return *e;
  if (lists == s.mention_lists) return Events{};
  return Events{MentionWordsChanged{std::move(lists)}};
}

} // namespace pd::domain::support_rules
