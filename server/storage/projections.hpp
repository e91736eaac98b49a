// The read-side tables (programs, memberships, agents, customers, invitations), kept equal
// to the domain state the event log produces. Written inside the same transaction as the
// events that changed them.
#pragma once

#include "server/storage/database.hpp"
#include "shared/domain/events.hpp"

#include <map>

namespace pd::storage {

class Projections {
public:
  explicit Projections(Database& db) : db_(db) {}

  // Inside a write transaction: rewrites the rows the event touched from `state` (the
  // program's state after the event was applied). The program's own row (name, currency,
  // version) is written by write_program, once per transaction for each program it changed.
  void write(const domain::ProgramState& state, const domain::EventBody& event);
  void write_program(const domain::ProgramState& s);
  // Rewrites every projection row from the given states (used after a replay).
  void rebuild(const std::map<domain::ProgramId, domain::ProgramState>& programs);

  // For the replay check: the projections read back as program states.
  std::map<domain::ProgramId, nlohmann::json> dump();

private:
  void write_member(const domain::ProgramState& s, domain::PersonId p);
  void write_customer(const domain::ProgramState& s, domain::CustomerId c);
  void write_invitation(const domain::ProgramState& s, domain::InvitationId i);
  Database& db_;
};

} // namespace pd::storage
