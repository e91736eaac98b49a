// The triage facts the desk knows about a ticket and its customer (seed 002, section 1, Triage
// checklist): the customer's tenure, lifetime value, previous tickets and sentiment history, and
// whether the ticket is a first contact or a repeat issue. Pure functions of the program's state;
// the triage panel shows them and the routing rules test them (server and browser alike).
//
// A ticket not opened yet (routing a new ticket inside decide()) is described by the id it will
// get (ProgramState::next_ticket_id): ticket ids grow with opening time, so "before this ticket"
// is "a smaller id".
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"
#include "shared/domain/support/support_commands.hpp"

#include <optional>
#include <string_view>

namespace pd::domain::desk {

// How long the customer has been a customer: whole months and days since its start date
// (CustomerProfile::started_on) up to `now`. nullopt when the start date is missing or invalid;
// a start date after `now` counts as 0.
struct Tenure {
  std::int64_t months = 0; // whole calendar months (2025-01-31 -> 2025-02-28 is 0 months)
  std::int64_t days = 0;
  bool operator==(const Tenure&) const = default;
};
std::optional<Tenure> customer_tenure(const CustomerProfile& p, TimeMs now);

// What the customer has paid the business, from the payment records: payments minus refunds,
// in the program's currency (records in another currency are left out).
Money lifetime_value(const ProgramState& s, CustomerId c);

// The customer's tickets opened before `before` (a ticket id; see above).
int previous_tickets(const ProgramState& s, CustomerId c, TicketId before);
inline int previous_tickets(const ProgramState& s, const Ticket& t) { return previous_tickets(s, t.customer_id, t.id); }

// The customer's first ticket: none opened before it.
inline bool first_contact(const ProgramState& s, CustomerId c, TicketId before) { return previous_tickets(s, c, before) == 0; }
inline bool first_contact(const ProgramState& s, const Ticket& t) { return first_contact(s, t.customer_id, t.id); }

// A repeat issue: with this one, 3 or more of the customer's tickets opened within the 30 days
// up to `at` share its primary category or (when it has one) its product area.
inline constexpr int repeat_issue_tickets = 3;
inline constexpr std::int64_t repeat_issue_days = 30;
bool repeat_issue(const ProgramState& s, CustomerId c, TicketId before, TimeMs at, Category category, std::string_view product_area);
inline bool repeat_issue(const ProgramState& s, const Ticket& t) {
  return repeat_issue(s, t.customer_id, t.id, t.opened_at, t.category, t.triage.product_area);
}

// The customer's sentiment over all its tickets: customers' ratings (overall 4-5 positive, 3
// neutral, 1-2 negative) and escalation notes' sentiments (calm neutral; frustrated, angry,
// threatening negative). Positive and negative both: mixed; nothing either way: neutral.
enum class Sentiment { positive, neutral, negative, mixed };
NLOHMANN_JSON_SERIALIZE_ENUM(Sentiment, {{Sentiment::positive, "positive"},
                                         {Sentiment::neutral, "neutral"},
                                         {Sentiment::negative, "negative"},
                                         {Sentiment::mixed, "mixed"}})
const char* to_string(Sentiment s);
Sentiment sentiment_of_rating(int overall);
Sentiment sentiment_of_escalation(std::string_view customer_sentiment); // "" and unknown words: neutral
Sentiment sentiment_history(const ProgramState& s, CustomerId c);

// The ticket's triage entries after a TriageTicket: each field the command carries replaces the
// ticket's, the others stay. Refuses a product area not in the program's list (data.product_area).
// triaged_at and triaged_by are kept as they were (apply() sets them).
std::optional<core::Error> merge_triage(const ProgramState& s, const Ticket& t, const TriageTicket& c, TicketTriage& out);

// The open tickets nobody has triaged yet, oldest first, among those `reader` may see.
std::vector<const Ticket*> untriaged_tickets(const ProgramState& s, PersonId reader);

// Everything above for one ticket, as the triage panel shows it.
struct TriageFacts {
  std::optional<Tenure> tenure;
  Money lifetime_value;
  int previous_tickets = 0;
  Sentiment sentiment = Sentiment::neutral;
  bool first_contact = true;
  bool repeat_issue = false;
  bool operator==(const TriageFacts&) const = default;
};
TriageFacts triage_facts(const ProgramState& s, const Ticket& t, TimeMs now);

} // namespace pd::domain::desk
