#include "server/storage/projections.hpp"

namespace pd::storage {

using namespace domain;

void Projections::write_program(const ProgramState& s) {
  db_.prepare("INSERT INTO programs(id, name, created_at_ms, currency, version) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT(id) DO UPDATE SET name = excluded.name, currency = excluded.currency, version = excluded.version")
      .bind(1, s.id).bind(2, s.name).bind(3, s.created_at).bind(4, s.currency).bind(5, s.version).run();
}

void Projections::write_member(const ProgramState& s, PersonId p) {
  auto m = s.members.find(p);
  if (m == s.members.end()) {
    db_.prepare("DELETE FROM memberships WHERE program_id = ? AND person_id = ?").bind(1, s.id).bind(2, p).run();
  } else {
    db_.prepare("INSERT INTO memberships(program_id, person_id, role, joined_at_ms, version) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(program_id, person_id) DO UPDATE SET role = excluded.role, version = excluded.version")
        .bind(1, s.id).bind(2, p).bind(3, identity::to_string(m->second.role)).bind(4, m->second.joined_at).bind(5, m->second.version).run();
  }
  auto a = s.agents.find(p);
  if (a == s.agents.end()) {
    db_.prepare("DELETE FROM agents WHERE program_id = ? AND person_id = ?").bind(1, s.id).bind(2, p).run();
  } else {
    db_.prepare("INSERT INTO agents(program_id, person_id, status, status_reason, status_since, version) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(program_id, person_id) DO UPDATE SET status = excluded.status, status_reason = excluded.status_reason, "
                "status_since = excluded.status_since, version = excluded.version")
        .bind(1, s.id).bind(2, p).bind(3, to_string(a->second.status)).bind(4, a->second.status_reason)
        .bind(5, a->second.status_since).bind(6, a->second.version).run();
  }
}

void Projections::write_customer(const ProgramState& s, CustomerId id) {
  auto it = s.customers.find(id);
  if (it == s.customers.end()) {
    db_.prepare("DELETE FROM customers WHERE program_id = ? AND id = ?").bind(1, s.id).bind(2, id).run();
    return;
  }
  const auto& c = it->second;
  db_.prepare("INSERT OR REPLACE INTO customers(program_id, id, name, email, segment, subscription, started_on, mrr_minor, "
              "mrr_currency, referring_agent, assigned_agent, person_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, s.id).bind(2, id).bind(3, c.profile.name).bind(4, c.profile.email).bind(5, c.profile.segment)
      .bind(6, to_string(c.profile.subscription)).bind(7, c.profile.started_on).bind(8, c.profile.mrr.minor)
      .bind(9, c.profile.mrr.currency).bind(10, c.profile.referring_agent).bind(11, c.assigned_agent).bind(12, c.person_id)
      .bind(13, c.version).run();
}

void Projections::write_invitation(const ProgramState& s, InvitationId id) {
  auto it = s.invitations.find(id);
  if (it == s.invitations.end()) return;
  const auto& i = it->second;
  db_.prepare("INSERT OR REPLACE INTO invitations(program_id, id, email, role, token_hash, expires_at, invited_by, customer_id, "
              "status, accepted_by, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, s.id).bind(2, id).bind(3, i.email).bind(4, identity::to_string(i.role)).bind(5, i.token_hash).bind(6, i.expires_at)
      .bind(7, i.invited_by).bind(8, i.customer_id).bind(9, nlohmann::json(i.status).get<std::string>()).bind(10, i.accepted_by)
      .bind(11, i.version).run();
}

void Projections::write(const ProgramState& s, const EventBody& event) {
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, ProgramCreated>) {
          write_program(s); // before the owner's membership, which refers to it
          write_member(s, e.owner_id);
        }
        else if constexpr (std::is_same_v<T, InvitationCreated> || std::is_same_v<T, InvitationRevoked>) write_invitation(s, e.invitation_id);
        else if constexpr (std::is_same_v<T, InvitationAccepted>) {
          write_invitation(s, e.invitation_id);
          write_member(s, e.person_id);
          if (auto c = s.customer_of_person(e.person_id)) write_customer(s, c->id);
        } else if constexpr (std::is_same_v<T, MemberRoleChanged> || std::is_same_v<T, AgentStatusChanged>) write_member(s, e.person_id);
        else if constexpr (std::is_same_v<T, MemberRemoved>) {
          write_member(s, e.person_id);
          for (const auto& [cid, c] : s.customers) // customer records unlinked by this event
            if (c.version == s.version) write_customer(s, cid);
        } else if constexpr (std::is_same_v<T, CustomerErased>) { // its name and address on every row that held them
          write_customer(s, e.customer_id);
          for (const auto& [id, inv] : s.invitations)
            if (inv.customer_id == e.customer_id) write_invitation(s, id);
        } else if constexpr (std::is_same_v<T, CustomerAdded> || std::is_same_v<T, CustomerUpdated> || std::is_same_v<T, CustomerAssigned> ||
                             std::is_same_v<T, CustomerSupportHeld>) // held with the business queue: the record's version moves
          write_customer(s, e.customer_id);
      },
      event);
}

void Projections::rebuild(const std::map<ProgramId, ProgramState>& programs) {
  for (const char* t : {"DELETE FROM memberships", "DELETE FROM agents", "DELETE FROM customers", "DELETE FROM invitations", "DELETE FROM programs"})
    db_.exec(t);
  for (const auto& [id, s] : programs) {
    write_program(s);
    for (const auto& [p, m] : s.members) write_member(s, p);
    for (const auto& [c, cust] : s.customers) write_customer(s, c);
    for (const auto& [i, inv] : s.invitations) write_invitation(s, i);
  }
}

std::map<ProgramId, nlohmann::json> Projections::dump() {
  return db_.read([&] {
    std::map<ProgramId, nlohmann::json> out;
    auto rows = [&](const char* sql, const char* key) {
      auto q = db_.prepare(sql);
      int n = 0;
      while (q.step()) {
        nlohmann::json row = nlohmann::json::array();
        // Column count varies per table; read as text (SQLite converts).
        for (int c = 1; c < 16; ++c) {
          if (q.is_null(c)) break;
          row.push_back(q.text(c));
        }
        out[q.int64(0)][key].push_back(row);
        ++n;
      }
    };
    rows("SELECT id, name, currency, version, NULL FROM programs ORDER BY id", "program");
    rows("SELECT program_id, person_id, role, version, NULL FROM memberships ORDER BY program_id, person_id", "members");
    rows("SELECT program_id, person_id, status, status_reason, status_since, version, NULL FROM agents ORDER BY program_id, person_id", "agents");
    rows("SELECT program_id, id, name, email, segment, subscription, started_on, mrr_minor, mrr_currency, referring_agent, assigned_agent, "
         "person_id, version, NULL FROM customers ORDER BY program_id, id", "customers");
    rows("SELECT program_id, id, email, role, token_hash, expires_at, customer_id, status, accepted_by, version, NULL FROM invitations "
         "ORDER BY program_id, id", "invitations");
    return out;
  });
}

} // namespace pd::storage
