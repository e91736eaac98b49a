#include "shared/domain/desk/triage.hpp"

#include "shared/core/dates.hpp"
#include "shared/domain/program/authorization.hpp"

#include <algorithm>

namespace pd::domain::desk {

std::optional<Tenure> customer_tenure(const CustomerProfile& p, TimeMs now) {
  const auto start = core::parse_date(p.started_on);
  if (!start) return std::nullopt;
  const auto today = core::date_of_ms(now);
  if (today <= *start) return Tenure{};
  std::int64_t months = (std::int64_t{today.year} - start->year) * 12 + (today.month - start->month);
  // The month is complete once today's day reaches the start's day (or the month's last day
  // when the start's day does not exist in it: 01-31 -> 02-28 is one month).
  const int anniversary = std::min(start->day, core::days_in_month(today.year, today.month));
  if (today.day < anniversary) --months;
  return Tenure{std::max<std::int64_t>(months, 0), core::days_from_civil(today) - core::days_from_civil(*start)};
}

Money lifetime_value(const ProgramState& s, CustomerId c) {
  Money total{0, s.currency};
  for (const auto& [id, p] : s.commissions.payments) {
    if (p.customer_id != c || p.amount.currency != s.currency) continue;
    total.minor += p.kind == PaymentKind::refund ? -p.amount.minor : p.amount.minor;
  }
  return total;
}

int previous_tickets(const ProgramState& s, CustomerId c, TicketId before) {
  const auto it = s.tickets_by_customer.find(c);
  if (it == s.tickets_by_customer.end()) return 0;
  return static_cast<int>(std::count_if(it->second.begin(), it->second.end(), [&](TicketId id) { return id < before; }));
}

bool repeat_issue(const ProgramState& s, CustomerId c, TicketId before, TimeMs at, Category category, std::string_view product_area) {
  const auto it = s.tickets_by_customer.find(c);
  if (it == s.tickets_by_customer.end()) return false;
  const TimeMs since = at - repeat_issue_days * day_ms;
  int same = 1; // this ticket
  for (TicketId id : it->second) {
    if (id >= before) continue;
    const Ticket* t = s.ticket(id);
    if (!t || t->opened_at <= since || t->opened_at > at) continue;
    if (t->category == category || (!product_area.empty() && t->triage.product_area == product_area)) ++same;
  }
  return same >= repeat_issue_tickets;
}

const char* to_string(Sentiment s) {
  switch (s) {
  case Sentiment::positive: return "positive";
  case Sentiment::neutral: return "neutral";
  case Sentiment::negative: return "negative";
  case Sentiment::mixed: return "mixed";
  }
  return "neutral";
}

Sentiment sentiment_of_rating(int overall) {
  if (overall >= 4) return Sentiment::positive;
  if (overall == 3 || overall <= 0) return Sentiment::neutral;
  return Sentiment::negative;
}

Sentiment sentiment_of_escalation(std::string_view customer_sentiment) {
  if (customer_sentiment == "frustrated" || customer_sentiment == "angry" || customer_sentiment == "threatening") return Sentiment::negative;
  return Sentiment::neutral;
}

Sentiment sentiment_history(const ProgramState& s, CustomerId c) {
  const auto it = s.tickets_by_customer.find(c);
  if (it == s.tickets_by_customer.end()) return Sentiment::neutral;
  bool positive = false, negative = false;
  const auto count = [&](Sentiment x) {
    positive = positive || x == Sentiment::positive;
    negative = negative || x == Sentiment::negative;
  };
  for (TicketId id : it->second) {
    const Ticket* t = s.ticket(id);
    if (!t) continue;
    if (t->customer_rating) count(sentiment_of_rating(t->customer_rating->overall));
    for (const auto& ch : t->changes)
      if (ch.kind == TicketChangeKind::escalated) count(sentiment_of_escalation(ch.escalation.note.customer_sentiment));
  }
  if (positive && negative) return Sentiment::mixed;
  if (positive) return Sentiment::positive;
  if (negative) return Sentiment::negative;
  return Sentiment::neutral;
}

std::optional<core::Error> merge_triage(const ProgramState& s, const Ticket& t, const TriageTicket& c, TicketTriage& out) {
  out = t.triage;
  if (c.product_area && !c.product_area->empty() && *c.product_area != t.triage.product_area) { // a removed area may stay where it is
    const auto& areas = s.responses.product_areas;
    if (std::find(areas.begin(), areas.end(), *c.product_area) == areas.end())
      return core::invalid("'" + *c.product_area + "' is not one of the program's product areas.", "data.product_area");
  }
  if (c.summary) out.summary = *c.summary;
  if (c.product_area) out.product_area = *c.product_area;
  if (c.steps_to_reproduce) out.steps_to_reproduce = *c.steps_to_reproduce;
  if (c.error_messages) out.error_messages = *c.error_messages;
  if (c.screenshots) out.screenshots = *c.screenshots;
  if (c.environment) out.environment = *c.environment;
  return std::nullopt;
}

std::vector<const Ticket*> untriaged_tickets(const ProgramState& s, PersonId reader) {
  std::vector<const Ticket*> out;
  for (const auto& [id, entry] : s.open_tickets) {
    const Ticket* t = s.ticket(id);
    if (!t || t->triage.triaged_at != 0) continue;
    if (!is_allowed(s, reader, Action::triage_ticket, {.ticket = id})) continue;
    out.push_back(t);
  }
  return out;
}

TriageFacts triage_facts(const ProgramState& s, const Ticket& t, TimeMs now) {
  TriageFacts f;
  if (const Customer* c = s.customer(t.customer_id)) f.tenure = customer_tenure(c->profile, now);
  f.lifetime_value = lifetime_value(s, t.customer_id);
  f.previous_tickets = previous_tickets(s, t);
  f.sentiment = sentiment_history(s, t.customer_id);
  f.first_contact = f.previous_tickets == 0;
  f.repeat_issue = repeat_issue(s, t);
  return f;
}

} // namespace pd::domain::desk
