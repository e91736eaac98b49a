#include "shared/domain/privacy/decide_privacy.hpp"

namespace pd::domain::privacy_rules {

Outcome decide(const ProgramState& s, const RequestErasure& c, const Actor& actor, TimeMs now) {
  if (auto why = why_not_request_erasure(s, actor.id, c.customer_id)) return *why;
  const bool by_customer = s.role_of(actor.id) == identity::Role::customer;
  ErasureRequest r;
  r.id = s.erasure.next_id;
  r.customer_id = c.customer_id;
  r.source = by_customer ? ErasureSource::customer : ErasureSource::business;
  r.requested_by = actor.id;
  r.requested_at = now;
  r.note = c.note;
  // The business proved its second factor for this command (step-up); the customer still confirms
  // by the link mailed to its verified address.
  r.status = by_customer ? ErasureStatus::awaiting_confirmation : ErasureStatus::awaiting_approval;
  return std::vector<EventBody>{ErasureRequested{r}};
}

Outcome decide(const ProgramState& s, const ConfirmErasure& c, const Actor& actor, TimeMs) {
  if (!c.from_mailed_link) return core::forbidden("Confirm from the link mailed to your address.");
  auto it = s.erasure.requests.find(c.erasure_id);
  const auto* customer = it == s.erasure.requests.end() ? nullptr : s.customer(it->second.customer_id);
  if (!customer || customer->person_id != actor.id) return core::not_found("No such erasure request.", "data.erasure_id");
  if (it->second.status != ErasureStatus::awaiting_confirmation)
    return core::conflict("This request is confirmed already.", "data.erasure_id");
  return std::vector<EventBody>{ErasureConfirmed{c.erasure_id}};
}

Outcome decide(const ProgramState& s, const DecideErasure& c, const Actor& actor, TimeMs) {
  if (auto why = why_not_decide_erasure(s, actor.id, c.erasure_id)) return *why;
  const auto& r = s.erasure.requests.at(c.erasure_id);
  if (!c.approve) return std::vector<EventBody>{ErasureRejected{c.erasure_id, c.reason}};
  return std::vector<EventBody>{CustomerErased{c.erasure_id, r.customer_id, erasure_report(s, r.customer_id)}};
}

Outcome decide(const ProgramState& s, const SetDataRetention& c, const Actor& actor, TimeMs) {
  const auto role = s.role_of(actor.id);
  if (role != identity::Role::owner && role != identity::Role::admin) return core::forbidden("Only an owner or admin sets the retention periods.");
  if (auto e = retention_problem(c.closed_ticket_days, c.attachment_days)) return *e;
  const auto& r = s.erasure.retention;
  if (r.closed_ticket_days == c.closed_ticket_days && r.attachment_days == c.attachment_days) return std::vector<EventBody>{};
  return std::vector<EventBody>{DataRetentionSet{c.closed_ticket_days, c.attachment_days}};
}

std::vector<EventBody> run_timers(const ProgramState& s, TimeMs now) {
  auto due = expiry_due(s, now);
  if (due.empty()) return {};
  return {TicketsExpired{std::move(due.text), std::move(due.attachments)}};
}

std::optional<ErasureRequested> detected_erasure(const ProgramState& s, CustomerId customer, TicketId ticket, TimeMs now) {
  const auto* c = s.customer(customer);
  if (!c || c->erased_at != 0 || open_erasure_of(s.erasure, customer)) return std::nullopt;
  ErasureRequest r;
  r.id = s.erasure.next_id;
  r.customer_id = customer;
  r.source = ErasureSource::ticket;
  r.requested_at = now;
  r.ticket_id = ticket;
  r.status = ErasureStatus::awaiting_confirmation;
  return ErasureRequested{r};
}

} // namespace pd::domain::privacy_rules
