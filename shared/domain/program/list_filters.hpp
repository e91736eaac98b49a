// The list filters the server's list routes and the browser's lists both apply, so a tab, a
// search or a filter shows the same rows on either side: GET /tickets?view=&agent=&customer=&
// priority=&q= and the ticket list's tabs; GET /customers?q=&subscription=&segment=&agent= and
// the customer list.
#pragma once

#include "shared/domain/state.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pd::domain {

// The ticket list's views. open: not resolved or closed; overdue: open and past an SLA
// deadline (a closed ticket keeps its missed first response in its history, not in this list);
// escalated: an escalation still awaiting the business (answered, taken over or reassigned
// ones are not); closed: resolved or closed; all: every ticket; untriaged: open and never
// triaged (desk/ticket_triage.hpp; staff only, customers' copies hold no triage).
enum class TicketView { open, overdue, escalated, closed, all, untriaged };
inline constexpr TicketView all_ticket_views[] = {TicketView::open, TicketView::overdue, TicketView::escalated, TicketView::closed,
                                                  TicketView::all, TicketView::untriaged};
const char* to_string(TicketView v); // "open", "overdue", ...
std::optional<TicketView> ticket_view_from(std::string_view word);
bool in_ticket_view(const Ticket& t, TicketView v);
std::optional<Priority> ticket_priority_from(std::string_view word); // "P0".."P3"

struct TicketFilter {
  TicketView view = TicketView::all;
  PersonId agent = -1;     // -1: any; 0: the business's queue
  CustomerId customer = 0; // 0: any
  std::optional<Priority> priority;
  std::string q; // in the subject or the customer's name, case-insensitively (ASCII)
  std::string team; // "": any; else the team whose queue the routing rules put it in (desk/routing.hpp)
};
// Whether ticket t (as its reader sees it) is a row of the filtered list.
bool ticket_matches(const ProgramState& s, const Ticket& t, const TicketFilter& f);
// The text search alone: subject or customer name.
bool ticket_matches_search(const ProgramState& s, const Ticket& t, std::string_view q);

struct CustomerFilter {
  std::string q;            // in the name or the email, case-insensitively (ASCII)
  std::string subscription; // "": any; else trialing | active | past_due | cancelled
  std::string segment;      // "": any; else exactly
  PersonId agent = -1;      // -1: any; 0: the business's queue
};
bool customer_matches(const Customer& c, const CustomerFilter& f);

} // namespace pd::domain
