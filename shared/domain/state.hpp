// The state of one program, built only by apply() from the program's events. The server
// keeps the full state; a browser keeps the part its reader may see (see visibility.hpp).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/certification/certification.hpp"
#include "shared/domain/commissions/commission.hpp"
#include "shared/domain/desk/knowledge.hpp"
#include "shared/domain/desk/routing.hpp"
#include "shared/domain/desk/templates.hpp"
#include "shared/domain/privacy/erasure.hpp"
#include "shared/domain/retention/retention.hpp"
#include "shared/domain/security/security.hpp"
#include "shared/domain/support/report.hpp"
#include "shared/domain/support/support.hpp"
#include "shared/domain/types.hpp"
#include "shared/identity/role.hpp"

#include <map>
#include <set>
#include <string>

namespace pd::domain {

struct Member {
  PersonId person_id = 0;
  std::string name;
  std::string email;
  identity::Role role = identity::Role::unknown;
  TimeMs joined_at = 0;
  Sequence version = 0;
  bool operator==(const Member&) const = default;
};

struct Agent {
  PersonId person_id = 0;
  PartnerStatus status = PartnerStatus::active;
  std::string status_reason;
  TimeMs status_since = 0;
  Sequence version = 0;
  bool operator==(const Agent&) const = default;
};

// Partner-status rules, shared by decide() and the views that offer the changes:
// a terminated partnership is final, a removed agent is reinstated or terminated (not
// suspended), and only active agents take customers.
bool can_change_status(PartnerStatus from, PartnerStatus to);
inline bool can_take_customers(const Agent& a) { return a.status == PartnerStatus::active; }

struct CustomerProfile {
  std::string name;
  std::string email;
  std::string segment; // plan or segment; SLA tiers are assigned per segment
  SubscriptionStatus subscription = SubscriptionStatus::active;
  std::string started_on; // YYYY-MM-DD
  Money mrr;              // monthly recurring revenue
  PersonId referring_agent = 0;
  std::string renews_on;  // YYYY-MM-DD, the contract's renewal (empty: none); a churn signal
  bool operator==(const CustomerProfile&) const = default;
};

struct Customer {
  CustomerId id = 0;
  CustomerProfile profile;
  PersonId assigned_agent = 0; // 0: the business's own queue (internal support)
  PersonId person_id = 0;      // the customer's own account, once an invitation is accepted
  Sequence version = 0;
  bool support_held = false;   // the assigned agent may not work support: its tickets are with the business's queue (support_access.hpp)
  std::vector<TicketingRestriction> restrictions{}; // after repeated abuse, newest last (support/conduct_rules.hpp)
  TimeMs erased_at = 0; // its personal data was erased (privacy/erasure.hpp): read-only from then on
  bool operator==(const Customer&) const = default;
};

struct Invitation {
  InvitationId id = 0;
  std::string email;
  identity::Role role = identity::Role::unknown;
  std::string token_hash; // never leaves the server
  TimeMs expires_at = 0;
  PersonId invited_by = 0;
  CustomerId customer_id = 0; // for customer invitations: the record the account links to
  InvitationStatus status = InvitationStatus::pending;
  PersonId accepted_by = 0;
  Sequence version = 0;
  bool operator==(const Invitation&) const = default;
};

struct ProgramState {
  ProgramId id = 0;
  std::string name;
  std::string currency;
  TimeMs created_at = 0;
  Sequence version = 0; // sequence of the last event applied
  std::map<PersonId, Member> members;
  std::map<PersonId, Agent> agents;
  std::map<CustomerId, Customer> customers;
  std::map<InvitationId, Invitation> invitations;
  CustomerId next_customer_id = 1;
  InvitationId next_invitation_id = 1;
  std::map<std::string, CustomerId> customer_by_email; // derived by apply(): emails are unique per program
  std::map<PersonId, std::set<CustomerId>> customers_by_agent; // derived: who is assigned to each agent

  // Support desk.
  SupportSettings support_settings = default_support_settings();
  std::map<TicketId, Ticket> tickets; // ids grow with opening time: map order is age order
  TicketId next_ticket_id = 1;
  std::map<CustomerId, std::vector<TicketId>> tickets_by_customer; // derived by apply()
  std::map<TicketId, OpenTicketEntry> open_tickets; // derived: tickets not resolved or closed (oldest first)
  std::vector<TicketId> rated_tickets; // derived: tickets in the order customers rated them
  std::map<PersonId, AgentSupport> agent_support; // key 0: the business's own queue
  SupportAggregates metrics; // derived: the weekly sums behind the support metrics (support/metric_facts.hpp)
  std::map<PersonId, Inbox> inboxes;
  std::map<std::int64_t, CheckIn> check_ins;
  std::int64_t next_check_in_id = 1;
  // The quality loop (support/quality.hpp, satisfaction.hpp): NPS answers in the order given,
  // the business's thresholds, and the red flags raised (and cleared), oldest first.
  std::vector<NpsAnswer> nps_answers;
  QualitySettings quality;
  std::vector<RedFlag> red_flags;
  // The mention rule's word lists per language, and (derived) all their words together.
  std::vector<MentionList> mention_lists = default_mention_lists();
  MentionWords mention_words = mention_words_of(mention_lists);
  // Churn prevention (retention/retention.hpp): the signals' records, competitor list and
  // retention cases; and, derived from the tickets, what the churn score reads of them.
  RetentionState retention;
  std::map<CustomerId, ChurnTicketFacts> retention_tickets;
  // The weekly reports as written, their action items, and the support cost per quarter
  // (support/report.hpp): the business only.
  ReportsState reports;

  // Customers' data rights: the erasure requests (privacy/erasure.hpp).
  ErasureState erasure;

  // Support certification.
  CertificationState certification = default_certification();

  // Commissions: plans, payments, the agents' ledgers, payout batches, support spans.
  CommissionState commissions;
  // The billing system's API keys (business only; revoked keys stay, marked revoked).
  std::map<ApiKeyId, ApiKey> api_keys;
  // The knowledge base (desk/knowledge.hpp).
  KnowledgeState knowledge;
  // Teams and routing rules (desk/routing.hpp): the business only.
  desk::RoutingSettings routing;
  // Product areas, response templates and canned-response triggers (desk/templates.hpp): not customers.
  desk::ResponseLibrary responses;
  // Which members must sign in with two-factor (security/security.hpp).
  SecurityPolicy security;
  // Notifications made while `collecting` (the server turns it on around the events of one
  // command, to mail them in the same transaction): not program data, never compared.
  FreshNotifications fresh_notifications;

  bool exists() const { return !name.empty(); }
  const Member* member(PersonId p) const;
  identity::Role role_of(PersonId p) const; // Role::unknown when not a member
  const Customer* customer(CustomerId c) const;
  const Customer* customer_of_person(PersonId p) const;
  CustomerId customer_with_email(const std::string& email) const; // 0 when none
  int owner_count() const;
  const Ticket* ticket(TicketId t) const;
  // Rebuilds the derived ticket indexes from `tickets` (after decoding a snapshot).
  void index_tickets();
  // Keeps open_tickets and the metrics' aggregates in step with a ticket (apply() calls it
  // after every ticket change).
  void track_ticket(const Ticket& t);
  // Counts the customer's tickets again (after a change the metrics depend on, e.g. its segment).
  void retrack_customer(CustomerId c);
  // Looks for the competitors' names in every ticket again (after the list changed).
  void retrack_competitors();
  void track_churn_facts(TicketId ticket_id, CustomerId customer, TimeMs opened_at, const MetricFacts& before, const MetricFacts& after);
  // Who handles a customer's tickets now: its agent, or 0 for the business's queue (also while
  // the agent may not work support, see support_access.hpp).
  PersonId handler_of(CustomerId c) const;
  bool operator==(const ProgramState&) const = default;
};

// Whether customers may be assigned to the agent: an active partner holding the support
// certification (docs/requirements.md, Assignment); the same rule as may_work_support()
// (support_access.hpp).
bool can_be_assigned_customers(const ProgramState& s, PersonId agent);

// JSON codecs of the state's parts (snapshots and event payloads). Invitation token hashes
// are deliberately not part of the wire form.
PD_JSON_TYPE(Member, person_id, name, email, role, joined_at, version)
PD_JSON_TYPE(Agent, person_id, status, status_reason, status_since, version)
PD_JSON_TYPE(CustomerProfile, name, email, segment, subscription, started_on, mrr, referring_agent, renews_on)
PD_JSON_TYPE(Customer, id, profile, assigned_agent, person_id, support_held, version, restrictions, erased_at)
PD_JSON_TYPE(Invitation, id, email, role, expires_at, invited_by, customer_id, status, accepted_by, version)

} // namespace pd::domain
