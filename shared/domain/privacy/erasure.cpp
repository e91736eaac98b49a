#include "shared/domain/privacy/erasure.hpp"

#include "shared/domain/privacy/sealing.hpp"
#include "shared/domain/state.hpp"

#include <set>

namespace pd::domain {

std::string erased_customer_name(CustomerId customer) { return "Erased customer #" + std::to_string(customer); }
std::string erased_customer_email(CustomerId customer) { return "erased-" + std::to_string(customer) + "@erased.invalid"; }

const ErasureRequest* open_erasure_of(const ErasureState& e, CustomerId customer) {
  for (const auto& [id, r] : e.requests)
    if (r.customer_id == customer && (r.status == ErasureStatus::awaiting_confirmation || r.status == ErasureStatus::awaiting_approval))
      return &r;
  return nullptr;
}

namespace {

bool owner_or_admin(identity::Role role) { return role == identity::Role::owner || role == identity::Role::admin; }

} // namespace

std::optional<core::Error> why_not_request_erasure(const ProgramState& s, PersonId person, CustomerId customer) {
  const auto role = s.role_of(person);
  const auto* c = s.customer(customer);
  if (role == identity::Role::customer) {
    if (!c || c->person_id != person) return core::not_found("No such customer.", "data.customer_id");
  } else if (role == identity::Role::unknown || !c) {
    return core::not_found("No such customer.", "data.customer_id");
  } else if (!owner_or_admin(role)) {
    return core::forbidden("Only an owner or admin asks to erase a customer's data (or the customer its own).");
  }
  if (c->erased_at != 0) return core::conflict("This customer's data was erased already.", "data.customer_id", c->version);
  if (const auto* open = open_erasure_of(s.erasure, customer))
    return core::conflict("An erasure request for this customer is open already (#" + std::to_string(open->id) + ").", "data.customer_id",
                          c->version);
  return std::nullopt;
}

std::optional<core::Error> why_not_decide_erasure(const ProgramState& s, PersonId person, ErasureId id) {
  if (!owner_or_admin(s.role_of(person))) return core::forbidden("Only an owner or admin approves or rejects an erasure.");
  auto it = s.erasure.requests.find(id);
  if (it == s.erasure.requests.end()) return core::not_found("No such erasure request.", "data.erasure_id");
  switch (it->second.status) {
  case ErasureStatus::awaiting_confirmation:
    return core::conflict("The customer has not confirmed the request yet: it waits for the link mailed to its address.", "data.erasure_id");
  case ErasureStatus::erased:
  case ErasureStatus::rejected: return core::conflict("This request was decided already.", "data.erasure_id");
  case ErasureStatus::awaiting_approval: break;
  }
  return std::nullopt;
}

void erase_customer(ProgramState& s, CustomerId customer, TimeMs at) {
  auto cit = s.customers.find(customer);
  if (cit == s.customers.end()) return;
  auto& c = cit->second;
  s.customer_by_email.erase(c.profile.email);
  c.profile.name = erased_customer_name(customer);
  c.profile.email = erased_customer_email(customer);
  s.customer_by_email[c.profile.email] = customer;
  for (auto& r : c.restrictions) erase_text(r.reason);
  if (c.erased_at == 0) c.erased_at = at;
  // Its account's membership: name and address.
  if (auto m = s.members.find(c.person_id); m != s.members.end()) {
    m->second.name = erased_customer_name(customer);
    m->second.email = erased_customer_email(customer);
  }
  for (auto& [id, inv] : s.invitations)
    if (inv.customer_id == customer) inv.email = erased_customer_email(customer);
  // Its tickets: every text on them (the team's replies quote the customer too).
  std::set<TicketId> own;
  if (auto list = s.tickets_by_customer.find(customer); list != s.tickets_by_customer.end()) own.insert(list->second.begin(), list->second.end());
  for (const auto id : own)
    if (auto t = s.tickets.find(id); t != s.tickets.end()) erase_ticket_text(t->second);
  for (auto& [id, k] : s.check_ins)
    if (k.customer_id == customer) erase_text(k.note);
  for (auto& a : s.nps_answers)
    if (a.customer_id == customer) erase_text(a.comment);
  for (auto& [id, k] : s.retention.cases) {
    if (k.customer_id != customer) continue;
    erase_text(k.note);
    erase_text(k.understanding);
    erase_text(k.exit_feedback);
    for (auto& o : k.offers) erase_text(o.note);
  }
  for (auto& [id, r] : s.erasure.requests)
    if (r.customer_id == customer) erase_text(r.note);
  for (auto& f : s.red_flags)
    if (f.customer_id == customer) {
      erase_text(f.evidence);
      erase_text(f.action);
    }
  // What the team was told about the customer and its tickets.
  for (auto& [person, inbox] : s.inboxes)
    for (auto& n : inbox.items)
      if (n.customer_id == customer) erase_text(n.text);
  erase_ticket_mentions(s, own);
}

ErasureReport erasure_report(const ProgramState& s, CustomerId customer) {
  ErasureReport r;
  const auto* c = s.customer(customer);
  if (!c) return r;
  int tickets = 0, messages = 0, files = 0, ratings = 0;
  if (auto list = s.tickets_by_customer.find(customer); list != s.tickets_by_customer.end()) {
    for (const auto id : list->second) {
      const auto* t = s.ticket(id);
      if (!t) continue;
      ++tickets;
      messages += static_cast<int>(t->messages.size());
      for (const auto& m : t->messages) files += static_cast<int>(m.attachments.size());
      if (t->customer_rating) ++ratings;
    }
  }
  auto n = [](int k, const char* one, const char* many) { return std::to_string(k) + " " + (k == 1 ? one : many); };
  r.erased.push_back("Name and email address, on the customer record and on its account, which can no longer sign in");
  if (tickets > 0)
    r.erased.push_back("The subjects and text of " + n(messages, "message", "messages") + " on " + n(tickets, "ticket", "tickets") +
                       ", with notes, escalation notes and triage entries");
  if (files > 0) r.erased.push_back(n(files, "attached file", "attached files") + ", removed from the server");
  if (ratings > 0) r.erased.push_back("The comments of " + n(ratings, "rating", "ratings") + " and the business's answers");
  r.erased.push_back("Survey comments, check-in notes, retention notes and restriction reasons about the customer");
  r.erased.push_back("Mail to and from the customer's address, and its sign-in sessions");
  r.kept.push_back("The customer's number, plan, dates, subscription and monthly revenue: the billing and commission records "
                   "the business must keep");
  r.kept.push_back("Ticket numbers, dates, priorities, categories, statuses and rating scores: the support metrics and the "
                   "agents' performance records");
  r.kept.push_back("Referral and support commission lines with their amounts, under the customer's number: the ledgers the law "
                   "requires to keep");
  return r;
}

} // namespace pd::domain
