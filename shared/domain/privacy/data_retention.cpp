#include "shared/domain/privacy/data_retention.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/privacy/sealing.hpp"
#include "shared/domain/state.hpp"

#include <algorithm>

namespace pd::domain {

namespace {

std::optional<core::Error> period_problem(std::int64_t days, const char* field, const char* what) {
  if (days == 0 || (days >= min_retention_days && days <= max_retention_days)) return std::nullopt;
  return core::make_error(core::ErrorCode::invalid_field,
                          std::string("Keep ") + what + " for " + std::to_string(min_retention_days) + " to " +
                              std::to_string(max_retention_days) + " days, or 0 to keep them.",
                          field);
}

bool closed(const Ticket& t) { return t.status == TicketStatus::closed && t.closed_at != 0; }

// The period runs out `days` after closing; the expiry takes effect at the next midnight UTC, so
// one scheduler pass a day expires every ticket whose period ran out that day.
TimeMs expiry_day(TimeMs closed_at, std::int64_t days) {
  const TimeMs end = closed_at + days * core::ms_per_day;
  return (end + core::ms_per_day - 1) / core::ms_per_day * core::ms_per_day;
}

bool has_files(const Ticket& t) {
  for (const auto& m : t.messages)
    for (const auto& a : m.attachments)
      if (!a.sha256.empty()) return true;
  return false;
}

} // namespace

std::optional<core::Error> retention_problem(std::int64_t closed_ticket_days, std::int64_t attachment_days) {
  if (auto e = period_problem(closed_ticket_days, "data.closed_ticket_days", "closed tickets")) return e;
  return period_problem(attachment_days, "data.attachment_days", "attachments");
}

// A merged ticket's messages live on in the ticket it was merged into: it expires with that one
// (expiry_due), never on its own.
TimeMs text_expires_at(const DataRetention& r, const Ticket& t) {
  if (r.closed_ticket_days == 0 || !closed(t) || t.text_expired_at != 0 || t.merged_into != 0) return 0;
  return expiry_day(t.closed_at, r.closed_ticket_days);
}

TimeMs attachments_expire_at(const DataRetention& r, const Ticket& t) {
  if (r.attachment_days == 0 || !closed(t) || t.attachments_expired_at != 0 || !has_files(t) || t.merged_into != 0) return 0;
  return expiry_day(t.closed_at, r.attachment_days);
}

ExpiryDue expiry_due(const ProgramState& s, TimeMs now) {
  ExpiryDue out;
  const auto& r = s.erasure.retention;
  if (r.closed_ticket_days == 0 && r.attachment_days == 0) return out;
  // Oldest closing first, so a pass cut at the bound leaves the youngest for the next one.
  std::vector<std::pair<TimeMs, TicketId>> text, files;
  for (const auto& [id, t] : s.tickets) {
    if (!closed(t)) continue;
    if (t.merged_into != 0) { // it goes with the ticket it was merged into, which holds its messages
      const auto* kept = s.ticket(t.merged_into);
      if (kept == nullptr) continue;
      const auto kept_text_at = text_expires_at(r, *kept), kept_files_at = attachments_expire_at(r, *kept);
      const bool text_gone = kept->text_expired_at != 0 || (kept_text_at != 0 && kept_text_at <= now);
      const bool files_gone = text_gone || kept->attachments_expired_at != 0 || (kept_files_at != 0 && kept_files_at <= now);
      if (text_gone && t.text_expired_at == 0) text.emplace_back(kept->closed_at, id);
      else if (files_gone && t.attachments_expired_at == 0 && has_files(t)) files.emplace_back(kept->closed_at, id);
      continue;
    }
    if (const auto at = text_expires_at(r, t); at != 0 && at <= now) {
      text.emplace_back(t.closed_at, id);
      continue;
    }
    if (const auto at = attachments_expire_at(r, t); at != 0 && at <= now) files.emplace_back(t.closed_at, id);
  }
  std::sort(text.begin(), text.end());
  std::sort(files.begin(), files.end());
  for (const auto& [at, id] : text) {
    if (out.text.size() >= max_expired_per_pass) break;
    out.text.push_back(id);
  }
  for (const auto& [at, id] : files) {
    if (out.text.size() + out.attachments.size() >= max_expired_per_pass) break;
    out.attachments.push_back(id);
  }
  return out;
}

void expire_ticket_text(ProgramState& s, TicketId id, TimeMs at) {
  auto it = s.tickets.find(id);
  if (it == s.tickets.end()) return;
  auto& t = it->second;
  erase_ticket_text(t);
  // The customer is still a customer: its own messages keep its name.
  if (const auto* c = s.customer(t.customer_id); c && c->erased_at == 0)
    for (auto& m : t.messages)
      if (m.author_role == identity::Role::customer) m.author_name = c->profile.name;
  if (t.text_expired_at == 0) t.text_expired_at = at;
  // Its files go with its text.
  if (has_files(t)) expire_ticket_attachments(s, id, at);
  erase_ticket_mentions(s, {id});
}

void expire_ticket_attachments(ProgramState& s, TicketId id, TimeMs at) {
  auto it = s.tickets.find(id);
  if (it == s.tickets.end()) return;
  auto& t = it->second;
  for (auto& m : t.messages)
    for (auto& a : m.attachments) a.sha256.clear();
  if (t.attachments_expired_at == 0) t.attachments_expired_at = at;
}

} // namespace pd::domain
