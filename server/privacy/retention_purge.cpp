#include "server/privacy/retention_purge.hpp"

#include "server/privacy/erasure_purge.hpp"
#include "shared/core/dates.hpp"

#include <set>

namespace pd::privacy {

using namespace domain;

ExpiredTickets before_expiry(const ProgramState& s, const TicketsExpired& e) {
  ExpiredTickets out;
  out.program = s.id;
  std::set<std::string> files;
  auto add_files = [&](const Ticket& t) {
    for (const auto& m : t.messages)
      for (const auto& a : m.attachments)
        if (!a.sha256.empty()) files.insert(a.sha256);
  };
  for (const auto id : e.text)
    if (const auto* t = s.ticket(id)) {
      out.text.emplace_back(t->customer_id, id);
      add_files(*t);
    }
  for (const auto id : e.attachments)
    if (const auto* t = s.ticket(id)) add_files(*t);
  out.files.assign(files.begin(), files.end());
  return out;
}

std::vector<std::string> purge_expired(storage::Database& db, storage::CustomerKeys& keys, const ProgramState& after,
                                       const ExpiredTickets& expired, TimeMs now) {
  for (const auto& [customer, ticket] : expired.text) {
    keys.destroy_ticket(expired.program, customer, ticket);
    db.prepare("DELETE FROM held_mail WHERE program_id = ? AND ticket_id = ?").bind(1, expired.program).bind(2, ticket).run();
  }
  if (!expired.text.empty() && after.erasure.retention.closed_ticket_days > 0) {
    const TimeMs cutoff = now - after.erasure.retention.closed_ticket_days * core::ms_per_day;
    // Notification mail is numbered "n{program}-{person}-{notification}@host".
    db.prepare("DELETE FROM outbox WHERE message_id LIKE ? AND sent_at_ms > 0 AND created_at_ms < ?")
        .bind(1, "n" + std::to_string(expired.program) + "-%")
        .bind(2, cutoff)
        .run();
    db.prepare("DELETE FROM command_results WHERE program_id = ? AND at_ms < ?").bind(1, expired.program).bind(2, cutoff).run();
  }
  return delete_unheld_files(db, expired.program, after, expired.files);
}

} // namespace pd::privacy
