#include "shared/domain/program/list_filters.hpp"

#include "shared/core/text_search.hpp"

namespace pd::domain {

using core::contains_folded;

const char* to_string(TicketView v) {
  switch (v) {
  case TicketView::open: return "open";
  case TicketView::overdue: return "overdue";
  case TicketView::escalated: return "escalated";
  case TicketView::closed: return "closed";
  case TicketView::all: return "all";
  case TicketView::untriaged: return "untriaged";
  }
  return "all";
}

std::optional<TicketView> ticket_view_from(std::string_view word) {
  for (auto v : all_ticket_views)
    if (word == to_string(v)) return v;
  return std::nullopt;
}

std::optional<Priority> ticket_priority_from(std::string_view word) {
  for (auto p : {Priority::p0, Priority::p1, Priority::p2, Priority::p3})
    if (word == to_string(p)) return p;
  return std::nullopt;
}

bool in_ticket_view(const Ticket& t, TicketView v) {
  switch (v) {
  case TicketView::open: return is_open(t.status);
  case TicketView::overdue: return is_open(t.status) && t.overdue();
  case TicketView::escalated: return t.escalation.pending;
  case TicketView::closed: return !is_open(t.status);
  case TicketView::all: return true;
  case TicketView::untriaged: return is_open(t.status) && t.triage.triaged_at == 0;
  }
  return false;
}

bool ticket_matches_search(const ProgramState& s, const Ticket& t, std::string_view q) {
  if (q.empty() || contains_folded(t.subject, q)) return true;
  const auto* c = s.customer(t.customer_id);
  return c && contains_folded(c->profile.name, q);
}

bool ticket_matches(const ProgramState& s, const Ticket& t, const TicketFilter& f) {
  if (!in_ticket_view(t, f.view)) return false;
  if (f.agent >= 0 && t.agent_id != f.agent) return false;
  if (f.customer && t.customer_id != f.customer) return false;
  if (f.priority && t.priority != *f.priority) return false;
  if (!f.team.empty() && t.routing.team != f.team) return false;
  return ticket_matches_search(s, t, f.q);
}

bool customer_matches(const Customer& c, const CustomerFilter& f) {
  if (!f.q.empty() && !contains_folded(c.profile.name, f.q) && !contains_folded(c.profile.email, f.q)) return false;
  if (!f.subscription.empty() && f.subscription != to_string(c.profile.subscription)) return false;
  if (!f.segment.empty() && f.segment != c.profile.segment) return false;
  return f.agent < 0 || c.assigned_agent == f.agent;
}

} // namespace pd::domain
