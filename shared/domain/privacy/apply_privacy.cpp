#include "shared/domain/privacy/apply_privacy.hpp"

namespace pd::domain::privacy_apply {

ApplyOutcome apply(ProgramState& s, const Event&, const ErasureRequested& b) {
  s.erasure.requests[b.request.id] = b.request;
  s.erasure.next_id = std::max(s.erasure.next_id, b.request.id + 1);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ErasureConfirmed& b) {
  auto it = s.erasure.requests.find(b.erasure_id);
  if (it == s.erasure.requests.end()) return {};
  it->second.status = ErasureStatus::awaiting_approval;
  it->second.confirmed_at = e.at;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const ErasureRejected& b) {
  auto it = s.erasure.requests.find(b.erasure_id);
  if (it == s.erasure.requests.end()) return {};
  it->second.status = ErasureStatus::rejected;
  it->second.reason = b.reason;
  it->second.decided_by = e.actor;
  it->second.decided_at = e.at;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const CustomerErased& b) {
  if (auto it = s.erasure.requests.find(b.erasure_id); it != s.erasure.requests.end()) {
    it->second.status = ErasureStatus::erased;
    it->second.report = b.report;
    it->second.decided_by = e.actor;
    it->second.decided_at = e.at;
  }
  erase_customer(s, b.customer_id, e.at);
  // A replica reloads its snapshot: what it derived from the customer's words before (its
  // notifications' texts) is read again from the erased log.
  ApplyOutcome out;
  out.needs_snapshot = true;
  return out;
}

ApplyOutcome apply(ProgramState& s, const Event& e, const DataRetentionSet& b) {
  s.erasure.retention = {b.closed_ticket_days, b.attachment_days, e.actor, e.at};
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TicketsExpired& b) {
  for (const auto id : b.text) expire_ticket_text(s, id, e.at);
  for (const auto id : b.attachments) expire_ticket_attachments(s, id, e.at);
  for (const auto& list : {b.text, b.attachments})
    for (const auto id : list)
      if (const auto* t = s.ticket(id)) s.track_ticket(*t);
  ApplyOutcome out;
  // Expired text: as after an erasure, a replica reloads what it derived from those tickets' words.
  out.needs_snapshot = !b.text.empty();
  return out;
}

} // namespace pd::domain::privacy_apply
