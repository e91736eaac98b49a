// Retention periods (docs/requirements.md, Customer data rights: Retention): an owner or admin
// sets how long the program keeps what its customers wrote on closed tickets. The scheduler
// (RunTimers) expires what is older with the erasure's own mechanism:
// - a closed ticket's text (subject, messages, notes, ratings' comments, escalation reasons,
//   triage notes, attachments' names) `closed_ticket_days` after it closed: the server destroys
//   the ticket's own key, so the sealed events of that ticket read in their erased form
//   (privacy/sealing.hpp) in every later read, replay and backup; the state is redacted the same
//   way (expire_ticket_text());
// - a closed ticket's attachments `attachment_days` after it closed: their files are deleted, the
//   thread keeps each one's name and size, marked removed.
// Ids, statuses, dates, priorities, scores and counts stay, so metrics and ledgers do not change.
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/types.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace pd::domain {

struct ProgramState;
struct Ticket;
using TicketId = std::int64_t; // as in support/support.hpp

// 0: kept for as long as the program exists.
struct DataRetention {
  std::int64_t closed_ticket_days = 0;
  std::int64_t attachment_days = 0;
  PersonId changed_by = 0;
  TimeMs changed_at = 0;
  bool operator==(const DataRetention&) const = default;
};

// A period, when set, lies between these (a month at least: a customer may still come back to a
// ticket it closed; ten years at most).
inline constexpr std::int64_t min_retention_days = 30;
inline constexpr std::int64_t max_retention_days = 3650;
// One scheduler pass expires at most this many tickets (the rest on the next pass).
inline constexpr std::size_t max_expired_per_pass = 200;

// What is wrong with the periods, naming the field (data.closed_ticket_days, data.attachment_days).
std::optional<core::Error> retention_problem(std::int64_t closed_ticket_days, std::int64_t attachment_days);

// When the ticket's text and its attachments expire under `r`: the midnight (UTC) after the
// period ran out, so one pass a day expires every ticket whose period ran out that day; 0 when
// never (open, no period, expired already, nothing to expire).
TimeMs text_expires_at(const DataRetention& r, const Ticket& t);
TimeMs attachments_expire_at(const DataRetention& r, const Ticket& t);

// The closed tickets whose text or attachments are due at `now`, oldest first, at most
// max_expired_per_pass in all (a ticket whose text expires is not listed for its attachments).
struct ExpiryDue {
  std::vector<TicketId> text;
  std::vector<TicketId> attachments;
  bool empty() const { return text.empty() && attachments.empty(); }
};
ExpiryDue expiry_due(const ProgramState& s, TimeMs now);

// The state side of an expiry (apply() of TicketsExpired): the ticket's text reads erased_text
// everywhere it is held (the ticket, the inboxes' notifications about it, the agents' history
// entries that quote it); its customer's messages keep the customer's current name.
void expire_ticket_text(ProgramState& s, TicketId ticket, TimeMs at);
// Every attachment on the ticket loses its content address (its file is deleted), keeping its name
// and size for the thread.
void expire_ticket_attachments(ProgramState& s, TicketId ticket, TimeMs at);

} // namespace pd::domain
