#include "shared/domain/state.hpp"

#include "shared/domain/support/support_access.hpp"
#include "shared/domain/support/support_metrics.hpp"

#include <algorithm>

namespace pd::domain {

const char* to_string(PartnerStatus s) {
  switch (s) {
  case PartnerStatus::active: return "active";
  case PartnerStatus::suspended: return "suspended";
  case PartnerStatus::removed: return "removed";
  case PartnerStatus::terminated: return "terminated";
  case PartnerStatus::unknown: break;
  }
  return "unknown";
}

const char* to_string(SubscriptionStatus s) {
  switch (s) {
  case SubscriptionStatus::trialing: return "trialing";
  case SubscriptionStatus::active: return "active";
  case SubscriptionStatus::past_due: return "past_due";
  case SubscriptionStatus::cancelled: return "cancelled";
  case SubscriptionStatus::unknown: break;
  }
  return "unknown";
}

bool can_change_status(PartnerStatus from, PartnerStatus to) {
  if (from == PartnerStatus::terminated || from == to || to == PartnerStatus::unknown) return false;
  // Suspension pauses active support; a removed agent has none left to pause.
  return !(from == PartnerStatus::removed && to == PartnerStatus::suspended);
}

const Member* ProgramState::member(PersonId p) const {
  auto it = members.find(p);
  return it == members.end() ? nullptr : &it->second;
}

identity::Role ProgramState::role_of(PersonId p) const {
  auto m = member(p);
  return m ? m->role : identity::Role::unknown;
}

const Customer* ProgramState::customer(CustomerId c) const {
  auto it = customers.find(c);
  return it == customers.end() ? nullptr : &it->second;
}

const Customer* ProgramState::customer_of_person(PersonId p) const {
  if (p == 0) return nullptr;
  for (const auto& [cid, c] : customers)
    if (c.person_id == p) return &c;
  return nullptr;
}

CustomerId ProgramState::customer_with_email(const std::string& email) const {
  auto it = customer_by_email.find(email);
  return it == customer_by_email.end() ? 0 : it->second;
}

int ProgramState::owner_count() const {
  int n = 0;
  for (const auto& [pid, m] : members) n += m.role == identity::Role::owner ? 1 : 0;
  return n;
}

} // namespace pd::domain

namespace pd::domain {

const Ticket* ProgramState::ticket(TicketId t) const {
  auto it = tickets.find(t);
  return it == tickets.end() ? nullptr : &it->second;
}

namespace {
// What open_tickets holds of an open ticket.
OpenTicketEntry open_ticket_entry(const Ticket& t) {
  OpenTicketEntry o;
  o.agent_id = t.agent_id;
  o.escalation_pending = t.escalation.pending;
  o.first_response_overdue = t.first_response_overdue();
  if (o.first_response_overdue) o.overdue_since = t.sla.first_response_due;
  else if (t.sla.resolution_overdue_at != 0) o.overdue_since = t.sla.resolution_due ? t.sla.resolution_due : t.sla.resolution_overdue_at;
  return o;
}
} // namespace

void ProgramState::index_tickets() {
  mention_words = mention_words_of(mention_lists);
  tickets_by_customer.clear();
  open_tickets.clear();
  metrics = {};
  retention_tickets.clear();
  rated_tickets.clear();
  for (const auto& a : nps_answers) metrics.count_nps(a.at, a.agent_id, a.segment, a.score, +1);
  // Every ticket once, in id order (the order they sit in memory): its facts and the weekly
  // sums (lists appended, settled once at the end). What belongs to each customer is gathered
  // in a flat list and filled in customer order, and each customer's segment is found in a flat
  // copy: no tree is searched per ticket. The result equals tracking the tickets one by one
  // (track_ticket).
  std::vector<std::string> segments;                          // distinct, in order of first use
  std::vector<std::pair<CustomerId, std::uint32_t>> segment_of; // by customer id
  segment_of.reserve(customers.size());
  for (const auto& [cid, c] : customers) {
    auto seg = std::find(segments.begin(), segments.end(), c.profile.segment);
    if (seg == segments.end()) seg = segments.insert(segments.end(), c.profile.segment);
    segment_of.emplace_back(cid, static_cast<std::uint32_t>(seg - segments.begin()));
  }
  struct CustomerPart {
    TicketId ticket;
    TimeMs opened, negative, competitor;
  };
  std::vector<CustomerPart> parts; // in id order
  std::vector<std::pair<CustomerId, std::int64_t>> by_customer; // (customer, index into parts)
  parts.reserve(tickets.size());
  by_customer.reserve(tickets.size());
  std::vector<std::pair<TicketId, const Ticket*>> open;
  std::vector<std::pair<TimeMs, TicketId>> rated;
  metrics.begin_bulk();
  for (auto& [tid, t] : tickets) {
    auto seg = std::lower_bound(segment_of.begin(), segment_of.end(), t.customer_id, [](const auto& p, CustomerId c) { return p.first < c; });
    const std::string* segment = seg != segment_of.end() && seg->first == t.customer_id ? &segments[seg->second] : nullptr;
    t.metric_facts = metric_facts(*this, t, segment);
    metrics.count(t.metric_facts, +1);
    // Outreach is not the customer's engagement (retention/churn.hpp).
    by_customer.emplace_back(t.customer_id, static_cast<std::int64_t>(parts.size()));
    parts.push_back({tid, t.outreach ? 0 : t.opened_at, t.metric_facts.negative_at, t.metric_facts.competitor_at});
    if (is_open(t.status)) open.emplace_back(tid, &t);
    if (t.customer_rating) rated.emplace_back(t.customer_rating->at, tid);
  }
  metrics.end_bulk();
  std::sort(by_customer.begin(), by_customer.end()); // each customer's tickets stay in id order
  for (std::size_t i = 0; i < by_customer.size();) {
    const CustomerId c = by_customer[i].first;
    std::size_t end = i;
    while (end < by_customer.size() && by_customer[end].first == c) ++end;
    auto& ids = tickets_by_customer.emplace_hint(tickets_by_customer.end(), c, std::vector<TicketId>{})->second;
    ids.reserve(end - i);
    auto& churn = retention_tickets.emplace_hint(retention_tickets.end(), c, ChurnTicketFacts{})->second;
    for (; i < end; ++i) {
      const auto& p = parts[static_cast<std::size_t>(by_customer[i].second)];
      ids.push_back(p.ticket);
      churn.last_opened = std::max(churn.last_opened, p.opened);
      if (p.negative != 0) churn.negative.emplace_back(p.ticket, p.negative);
      if (p.competitor != 0) churn.competitor.emplace_back(p.ticket, p.competitor);
    }
  }
  for (const auto& [tid, t] : open) open_tickets.emplace_hint(open_tickets.end(), tid, open_ticket_entry(*t));
  std::sort(rated.begin(), rated.end());
  rated_tickets.reserve(rated.size());
  for (const auto& [at, tid] : rated) rated_tickets.push_back(tid);
}

void ProgramState::track_ticket(const Ticket& t) {
  if (auto it = tickets.find(t.id); it != tickets.end()) {
    auto& facts = it->second.metric_facts;
    metrics.count(facts, -1);
    const auto before = facts;
    facts = metric_facts(*this, it->second);
    metrics.count(facts, +1);
    // Outreach is not the customer's engagement (retention/churn.hpp).
    track_churn_facts(t.id, t.customer_id, t.outreach ? 0 : t.opened_at, before, facts);
  }
  if (!is_open(t.status)) {
    open_tickets.erase(t.id);
    return;
  }
  open_tickets[t.id] = open_ticket_entry(t);
}

// The customer's part of what the churn score reads of tickets: the ticket's previous entries
// out, its new ones in.
void ProgramState::track_churn_facts(TicketId ticket_id, CustomerId customer, TimeMs opened_at, const MetricFacts& before, const MetricFacts& after) {
  if (before.negative_at == after.negative_at && before.competitor_at == after.competitor_at && before.counted) return;
  auto& f = retention_tickets[customer];
  f.last_opened = std::max(f.last_opened, opened_at);
  auto put = [&](std::vector<std::pair<std::int64_t, TimeMs>>& list, TimeMs old_at, TimeMs new_at) {
    if (old_at == new_at) return;
    if (old_at != 0) std::erase_if(list, [&](const auto& p) { return p.first == ticket_id; });
    if (new_at != 0) list.emplace_back(ticket_id, new_at);
  };
  put(f.negative, before.negative_at, after.negative_at);
  put(f.competitor, before.competitor_at, after.competitor_at);
}

void ProgramState::retrack_competitors() {
  for (auto& [tid, t] : tickets) {
    auto& facts = t.metric_facts;
    const auto before = facts;
    facts.competitor_at = competitor_first_named(*this, t);
    track_churn_facts(tid, t.customer_id, t.outreach ? 0 : t.opened_at, before, facts);
  }
}

void ProgramState::retrack_customer(CustomerId c) {
  auto it = tickets_by_customer.find(c);
  if (it == tickets_by_customer.end()) return;
  for (auto tid : it->second)
    if (auto t = ticket(tid)) track_ticket(*t);
}

PersonId ProgramState::handler_of(CustomerId c) const {
  auto cust = customer(c);
  if (!cust || cust->assigned_agent == 0 || cust->support_held) return 0;
  return may_work_support(*this, cust->assigned_agent) ? cust->assigned_agent : 0;
}

bool can_be_assigned_customers(const ProgramState& s, PersonId agent) { return may_work_support(s, agent); }

} // namespace pd::domain
