// Who may work support now, and what happens to an agent's customers when it may not
// (issue 14): an agent works support only as an active partner holding the certification.
// While it may not (suspended, certification revoked or expired), its customers stay assigned
// to it but are "held": their new and open tickets are handled by the business's queue, and
// the agent reads them without answering. Removal and termination unassign the customers
// instead. When the agent may work again, the business chooses whether the customers come
// back (SetAgentStatus.customers_come_back on reinstatement, DecideHeldCustomers otherwise).
//
// A suspension that requires remediation (docs/requirements.md, Partner status) is reinstated
// only once the remediation is recorded as done: what, by whom, when (RecordRemediation).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pd::domain {

// ---- The shared rules (decide(), is_allowed() and the browser's views) -------------------

// Whether the agent may work support now: a member with the agent role, an active partner,
// Certified. The one rule behind ticket routing, ticket permissions and assignments.
bool may_work_support(const ProgramState& s, PersonId agent);
// Why the agent may not work support now, for people to read ("suspended", "certification
// expired", ...); empty when it may.
std::string why_no_support(const ProgramState& s, PersonId agent);
// What the agent itself is told while it may not work support (its overview, its support
// page, its tickets): why, and that its customers' tickets are handled by the business queue
// and shown to it read-only; empty when it may work support.
std::string off_support_notice_text(const ProgramState& s, PersonId agent);
// The customers assigned to the agent whose tickets are with the business's queue.
std::vector<CustomerId> held_customers(const ProgramState& s, PersonId agent);
// Who is responsible for the ticket now: its agent while that agent may work support, else
// the business's queue (0). Stored on SLA misses and escalations when they happen.
PersonId responsible_for(const ProgramState& s, const Ticket& t);
// Whether reinstating the agent now would be refused for want of a recorded remediation.
bool remediation_outstanding(const ProgramState& s, PersonId agent);

inline constexpr std::size_t max_remediation = 1000;

// ---- Events -------------------------------------------------------------------------------

// The customer's support moves between its assigned agent and the business's queue: held
// (the agent may not work support; its open tickets go to the queue) or back (they return to
// the agent). The assignment itself does not change.
struct CustomerSupportHeld {
  static constexpr const char* type = "CustomerSupportHeld";
  CustomerId customer_id = 0;
  PersonId agent_id = 0;
  bool held = true;
  bool operator==(const CustomerSupportHeld&) const = default;
};
// The remediation a suspension required was done (the event's actor recorded it, at its time).
struct RemediationRecorded {
  static constexpr const char* type = "RemediationRecorded";
  PersonId person_id = 0;
  std::string what;
  bool operator==(const RemediationRecorded&) const = default;
};
PD_JSON_TYPE(CustomerSupportHeld, customer_id, agent_id, held)
PD_JSON_TYPE(RemediationRecorded, person_id, what)

// ---- Commands -----------------------------------------------------------------------------

// The business's choice once an agent with held customers may work support again.
struct DecideHeldCustomers {
  static constexpr const char* type = "DecideHeldCustomers";
  PersonId person_id = 0;
  bool come_back = false; // true: back to the agent; false: moved to the business's own support
  bool operator==(const DecideHeldCustomers&) const = default;
};
struct RecordRemediation {
  static constexpr const char* type = "RecordRemediation";
  PersonId person_id = 0;
  std::string what; // what was done, e.g. "Retook the escalation module and passed the quiz"
  bool operator==(const RecordRemediation&) const = default;
};

std::optional<core::Error> read_command(const nlohmann::json& data, DecideHeldCustomers& command);
nlohmann::json write_command(const DecideHeldCustomers& command);
std::optional<core::Error> read_command(const nlohmann::json& data, RecordRemediation& command);
nlohmann::json write_command(const RecordRemediation& command);

} // namespace pd::domain
