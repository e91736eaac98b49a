// decide() for the abuse procedure (support/conduct_rules.hpp): HandleAbuse and
// RestrictTicketing.
#include "shared/domain/support/decide_support.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/program/authorization.hpp"
#include "shared/domain/support/conduct_rules.hpp"
#include "shared/domain/support/decide_support_access.hpp"
#include "shared/domain/support/sla.hpp"
#include "shared/domain/support/support_access.hpp"

namespace pd::domain::support_rules {

using core::ErrorCode;
using core::make_error;
using Events = std::vector<EventBody>;

namespace {

// The warning or the pause, sent to the customer in the thread: it counts as an answer (the
// first response's clock stops) and keeps the ticket open, or held for the business.
TicketReplied abuse_reply(const ProgramState& s, const Ticket& t, const Actor& a, const std::string& text, TicketStatus status, TimeMs now) {
  TicketMessage m;
  m.id = static_cast<std::int64_t>(t.messages.size()) + 1;
  m.author = a.id;
  m.author_name = a.name;
  m.author_role = s.role_of(a.id);
  m.text = text;
  m.at = now;
  return TicketReplied{t.id, std::move(m), status, sla::resume(sla::first_response(t.sla, now), s.support_settings, now), false};
}

} // namespace

Outcome decide(const ProgramState& s, const HandleAbuse& c, const Actor& a, TimeMs now) {
  const auto* t = s.ticket(c.ticket_id);
  if (!t || !is_allowed(s, a.id, Action::read_ticket, {.ticket = c.ticket_id}))
    return make_error(ErrorCode::not_found, "No such ticket.", "data.ticket_id");
  if (c.step == AbuseStep::warn || c.step == AbuseStep::pause)
    if (auto e = refuse_off_support(s, a.id)) return *e; // support_access.hpp
  if (auto e = why_not_abuse_step(s, a.id, *t, c.step, c.message_id)) return *e;
  const bool business = identity::is_business_role(s.role_of(a.id));
  switch (c.step) {
  case AbuseStep::mark: return Events{AbuseHandled{t->id, AbuseStep::mark, c.message_id, c.text, 0}};
  case AbuseStep::resume: return Events{AbuseHandled{t->id, AbuseStep::resume, 0, {}, 0}};
  case AbuseStep::warn: {
    const auto status = t->escalation.pending && !business ? TicketStatus::escalated : TicketStatus::open;
    auto reply = abuse_reply(s, *t, a, c.text.empty() ? std::string(abuse_warning_text) : c.text, status, now);
    const auto id = reply.message.id;
    return Events{std::move(reply), AbuseHandled{t->id, AbuseStep::warn, id, {}, 0}};
  }
  case AbuseStep::pause: break;
  }
  // The pause: the reply, the hand-off to a manager (the business's escalation queue, when an
  // agent pauses), and the date a manager follows up by.
  const TimeMs follow_up_by = now + pause_follow_up_days * day_ms;
  auto reply = abuse_reply(s, *t, a, c.text.empty() ? std::string(abuse_pause_text) : c.text,
                           business ? TicketStatus::open : TicketStatus::escalated, now);
  const auto id = reply.message.id;
  Events out{std::move(reply)};
  if (!business && !t->escalation.pending) {
    Escalation e;
    e.source = EscalationSource::agent;
    e.by = a.id;
    e.at = now;
    e.reason = "Conversation paused: abusive communication continued after a warning";
    e.note.summary = "The customer continued abusive communication after one warning; the conversation is paused.";
    e.note.attempts_so_far = "Documented the messages, warned the customer once.";
    e.note.customer_sentiment = "angry";
    e.note.recommended_action = "A manager follows up with the customer by " + core::format_utc_minute(follow_up_by) + ".";
    e.pending = true;
    e.agent_id = responsible_for(s, *t);
    out.emplace_back(TicketEscalated{t->id, std::move(e)});
  }
  out.emplace_back(AbuseHandled{t->id, AbuseStep::pause, id, {}, follow_up_by});
  return out;
}

Outcome decide(const ProgramState& s, const RestrictTicketing& c, const Actor& a, TimeMs now) {
  const bool lift = c.days == 0;
  if (auto e = why_not_restrict(s, a.id, c.customer_id, lift, now)) return *e;
  if (!lift && c.reason.empty()) return make_error(ErrorCode::missing_field, "Say why: the customer is shown the reason.", "data.reason");
  return Events{TicketingRestricted{c.customer_id, lift ? 0 : now + c.days * day_ms, lift ? std::string() : c.reason}};
}

} // namespace pd::domain::support_rules
