// Who may do what: a pure function of the actor, their role in the program, the object and
// the action. Deny by default. The server enforces it on every read and command; the client
// uses it only to hide what would be refused.
#pragma once

#include "shared/domain/state.hpp"

#include <string_view>

namespace pd::domain {

enum class Action {
  read_program,      // see the program exists, its name
  rename_program,
  read_member,       // target.person
  manage_member,     // change role / remove target.person
  invite,            // target.role: the role being invited
  read_invitations,
  read_agent,        // target.person
  manage_agents,     // change partner status
  read_customer,     // target.customer
  write_customer,    // add or edit customer profiles
  assign_customer,
  // Support desk (target.ticket; open_ticket: target.customer).
  read_ticket,
  open_ticket,
  reply_ticket,        // a public reply
  write_internal_note, // agent and business only; never shown to customers
  triage_ticket,       // priority and category
  escalate_ticket,
  take_over_ticket,
  resolve_ticket,
  close_ticket,
  rate_ticket,         // the customer's rating
  rate_handling,       // the business's rating and its answer to the customer's
  manage_support_settings,
  read_support_record, // target.person: an agent's warnings, history and scores
  read_support_overview, // the business's support overview (SLA health, overdue by agent, escalations)
  // Support certification.
  manage_training,       // access mode, modules, the assessment's rules and question bank
  grade_certification,   // grade, approve or decline, exceptions, revocation
  read_certification,    // target.person: an agent's certification record
  // Commissions.
  manage_commission_plans, // owners and admins: plan versions and the adjustment approval threshold
  record_payment,          // payments and refunds entered by the business (the billing system uses the system actor)
  adjust_commission,       // a line with a reason on an agent's ledger
  approve_commission,      // approve pending lines before their holding period ends
  approve_large_adjustment, // owners and admins: an adjustment above the threshold (never their own)
  pay_out_commission,      // owners and admins: payout batches
  read_commissions,        // target.person: an agent's ledger (0: every agent's, payments and batches)
  manage_api_keys,         // owners and admins: create and revoke the billing system's API keys
  read_api_keys,           // business staff: the list of keys (never their secret or hash)
  stop_referral_commission, // owners and admins: after a termination for fraud (docs/requirements.md, Referral attribution)
  manage_security,          // owners and admins: which members must sign in with two-factor
};

struct Target {
  PersonId person = 0;
  CustomerId customer = 0;
  identity::Role role = identity::Role::unknown;
  TicketId ticket = 0;
};

bool is_allowed(const ProgramState& state, PersonId actor, Action action, const Target& target = {});

// Whether `reader` may fetch a file of the program by its content address: the business
// always; others when they uploaded that content themselves (reader_uploaded_it) or can read a
// ticket that has it attached (customers: not on an internal note); agents with training access
// the files of the training modules. The same rule decides which files a person may attach to
// a message or a training module, so attaching never widens who may read a file.
bool may_read_file(const ProgramState& state, PersonId reader, std::string_view sha256, bool reader_uploaded_it);

} // namespace pd::domain
