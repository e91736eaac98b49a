#include "shared/domain/support/conduct_rules.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/program/authorization.hpp"

#include <algorithm>

namespace pd::domain {

using core::ErrorCode;
using core::conflict;
using core::forbidden;
using core::make_error;

bool marked_abusive(const Ticket& t, std::int64_t message_id) {
  return std::find(t.conduct.abusive.begin(), t.conduct.abusive.end(), message_id) != t.conduct.abusive.end();
}

std::optional<core::Error> why_not_abuse_step(const ProgramState& s, PersonId person, const Ticket& t, AbuseStep step,
                                              std::int64_t message_id) {
  const Target target{.ticket = t.id};
  const bool customer = s.role_of(person) == identity::Role::customer;
  const auto& c = t.conduct;
  switch (step) {
  case AbuseStep::mark: {
    if (customer || !is_allowed(s, person, Action::write_internal_note, target)) return forbidden("Only the agent or the business documents abuse.");
    if (message_id < 1 || message_id > static_cast<std::int64_t>(t.messages.size()))
      return make_error(ErrorCode::not_found, "No such message on this ticket.", "data.message_id");
    const auto& m = t.messages[static_cast<std::size_t>(message_id - 1)];
    if (m.kind != MessageKind::reply || m.author_role != identity::Role::customer)
      return make_error(ErrorCode::invalid_field, "Only a message the customer wrote can be marked abusive.", "data.message_id");
    if (marked_abusive(t, message_id)) return conflict("This message is already marked abusive.", "data.message_id", t.version);
    return std::nullopt;
  }
  case AbuseStep::warn:
  case AbuseStep::pause:
    if (customer || !is_allowed(s, person, Action::reply_ticket, target)) return forbidden("Only the agent or the business answers abuse.");
    if (!is_open(t.status)) return conflict("This ticket is resolved or closed.", "data.ticket_id", t.version);
    if (c.paused_at != 0) return conflict("This conversation is already paused.", "data.ticket_id", t.version);
    if (step == AbuseStep::warn) {
      if (c.abusive.empty()) return conflict("Mark the customer's abusive message first: the warning answers it.", "data.ticket_id", t.version);
      if (c.warning != 0) return conflict("The customer has already had its one warning on this ticket.", "data.ticket_id", t.version);
      return std::nullopt;
    }
    if (c.warning == 0) return conflict("Warn the customer once before pausing the conversation.", "data.ticket_id", t.version);
    if (std::none_of(c.abusive.begin(), c.abusive.end(), [&](std::int64_t id) { return id > c.warning; }))
      return conflict("Pause only if the abuse continues after the warning: mark the message that continues it.", "data.ticket_id", t.version);
    return std::nullopt;
  case AbuseStep::resume:
    if (!is_allowed(s, person, Action::take_over_ticket, target)) return forbidden("Only the business resumes a paused conversation.");
    if (c.paused_at == 0) return conflict("This conversation is not paused.", "data.ticket_id", t.version);
    return std::nullopt;
  }
  return forbidden();
}

const TicketingRestriction* active_restriction(const Customer& c, TimeMs now) {
  if (c.restrictions.empty()) return nullptr;
  const auto& r = c.restrictions.back();
  return r.lifted_at == 0 && now < r.until ? &r : nullptr;
}

std::optional<core::Error> customer_refusal(const ProgramState& s, CustomerId customer, const Ticket* t, TimeMs now) {
  if (t && t->conduct.paused_at != 0)
    return conflict("A manager paused this conversation on " + core::format_utc_minute(t->conduct.paused_at) + " and will follow up by " +
                        core::format_utc_minute(t->conduct.follow_up_by) + ". Replies are closed until then.",
                    "data.ticket_id", t->version);
  const auto* c = s.customer(customer);
  if (const auto* r = c ? active_restriction(*c, now) : nullptr)
    return make_error(ErrorCode::forbidden,
                      "Your tickets are restricted until " + core::format_utc_minute(r->until) + (r->reason.empty() ? "" : ": " + r->reason) +
                          ". Contact the business another way if it is urgent.",
                      t ? "data.ticket_id" : "data");
  return std::nullopt;
}

int abuse_marks_of(const ProgramState& s, CustomerId customer) {
  int n = 0;
  if (auto it = s.tickets_by_customer.find(customer); it != s.tickets_by_customer.end())
    for (auto id : it->second)
      if (const auto* t = s.ticket(id)) n += static_cast<int>(t->conduct.abusive.size());
  return n;
}

std::optional<core::Error> why_not_restrict(const ProgramState& s, PersonId person, CustomerId customer, bool lift, TimeMs now) {
  if (!identity::is_business_role(s.role_of(person)) || !is_allowed(s, person, Action::write_customer, {.customer = customer}))
    return forbidden("Only the business restricts a customer's tickets.");
  const auto* c = s.customer(customer);
  if (!c) return core::not_found("No such customer.", "data.customer_id");
  if (lift) {
    if (!active_restriction(*c, now)) return conflict("This customer's tickets are not restricted.", "data.customer_id", c->version);
    return std::nullopt;
  }
  if (abuse_marks_of(s, customer) < repeated_abuse_marks)
    return conflict("Restrict only after repeated abuse: at least " + std::to_string(repeated_abuse_marks) +
                        " of the customer's messages marked abusive.",
                    "data.customer_id", c->version);
  return std::nullopt;
}

std::vector<RestrictedCustomer> restricted_customers(const ProgramState& s, TimeMs now) {
  // (until, customer) pairs sorted with the default order: the sort the rest of the client
  // already links (docs/performance.md, the module's size).
  std::vector<std::pair<std::int64_t, std::int64_t>> order;
  for (const auto& [id, c] : s.customers)
    if (const auto* r = active_restriction(c, now)) order.emplace_back(r->until, id);
  std::sort(order.begin(), order.end());
  std::vector<RestrictedCustomer> out;
  out.reserve(order.size());
  for (const auto& p : order) out.push_back({p.second, s.customers.at(p.second).restrictions.back(), abuse_marks_of(s, p.second)});
  return out;
}

} // namespace pd::domain
