#include "server/storage/accounts.hpp"

#include <mutex>

namespace pd::storage {

std::int64_t AccountStore::create_person(const std::string& email, const std::string& name,
                                         const std::string& password_hash, std::int64_t now_ms, bool email_verified) {
  return db_.write([&] {
    db_.prepare("INSERT INTO persons(email, name, password_hash, created_at_ms, email_verified_at_ms) VALUES (?, ?, ?, ?, ?)")
        .bind(1, email).bind(2, name).bind(3, password_hash).bind(4, now_ms).bind(5, email_verified ? now_ms : std::int64_t{0}).run();
    return db_.last_insert_id();
  });
}

static PersonRecord read_person(const Statement& q) {
  return PersonRecord{q.int64(0), q.text(1), q.text(2), q.text(3), q.int64(4) != 0};
}

std::optional<PersonRecord> AccountStore::find_by_email(const std::string& email) {
  return db_.read([&]() -> std::optional<PersonRecord> {
    auto q = db_.prepare("SELECT id, email, name, password_hash, email_verified_at_ms FROM persons WHERE email = ?");
    q.bind(1, email);
    if (!q.step()) return std::nullopt;
    return read_person(q);
  });
}

std::optional<PersonRecord> AccountStore::find_by_id(std::int64_t id) {
  {
    std::shared_lock lock(cache_mutex_);
    if (auto it = by_id_.find(id); it != by_id_.end()) return it->second;
  }
  auto found = db_.read([&]() -> std::optional<PersonRecord> {
    auto q = db_.prepare("SELECT id, email, name, password_hash, email_verified_at_ms FROM persons WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return read_person(q);
  });
  if (found) {
    std::unique_lock lock(cache_mutex_);
    by_id_[id] = *found;
  }
  return found;
}

void AccountStore::forget_cached(std::int64_t id) {
  std::unique_lock lock(cache_mutex_);
  by_id_.erase(id);
}

std::vector<api::Membership> AccountStore::memberships_of(std::int64_t person_id) {
  return db_.read([&] {
    std::vector<api::Membership> out;
    auto q = db_.prepare(
        "SELECT m.program_id, p.name, m.role FROM memberships m JOIN programs p ON p.id = m.program_id "
        "WHERE m.person_id = ? ORDER BY p.name, m.program_id");
    q.bind(1, person_id);
    while (q.step())
      out.push_back(api::Membership{q.int64(0), q.text(1), identity::role_from_string(q.text(2)).value_or(identity::Role::unknown)});
    return out;
  });
}

std::optional<api::Me> AccountStore::me(std::int64_t person_id) {
  auto person = find_by_id(person_id);
  if (!person) return std::nullopt;
  return api::Me{api::Person{person->id, person->email, person->name}, memberships_of(person_id), two_factor_enabled(person_id), {},
                 person->email_verified};
}

std::optional<TwoFactorRecord> AccountStore::two_factor(std::int64_t person_id) {
  return db_.read([&]() -> std::optional<TwoFactorRecord> {
    auto q = db_.prepare("SELECT secret, pending_secret, enabled, last_step FROM two_factor WHERE person_id = ?");
    q.bind(1, person_id);
    if (!q.step()) return std::nullopt;
    return TwoFactorRecord{q.text(0), q.text(1), q.int64(2) != 0, q.int64(3)};
  });
}

bool AccountStore::two_factor_enabled(std::int64_t person_id) {
  auto record = two_factor(person_id);
  return record && record->enabled;
}

void AccountStore::set_pending_two_factor(std::int64_t person_id, const std::string& secret_base32, std::int64_t now_ms) {
  db_.write([&] {
    db_.prepare("INSERT INTO two_factor(person_id, pending_secret, updated_at_ms) VALUES (?, ?, ?) "
                "ON CONFLICT(person_id) DO UPDATE SET pending_secret = excluded.pending_secret, updated_at_ms = excluded.updated_at_ms")
        .bind(1, person_id).bind(2, secret_base32).bind(3, now_ms).run();
  });
}

static void insert_recovery_codes(Database& db, std::int64_t person_id, const std::vector<std::string>& hashes) {
  db.prepare("DELETE FROM recovery_codes WHERE person_id = ?").bind(1, person_id).run();
  for (const auto& h : hashes)
    db.prepare("INSERT INTO recovery_codes(person_id, code_hash) VALUES (?, ?)").bind(1, person_id).bind(2, h).run();
}

bool AccountStore::enable_two_factor(std::int64_t person_id, const std::string& secret_base32, std::int64_t step,
                                     const std::vector<std::string>& recovery_hashes, std::int64_t now_ms) {
  return db_.write([&] {
    db_.prepare("UPDATE two_factor SET secret = pending_secret, pending_secret = '', enabled = 1, last_step = ?, updated_at_ms = ? "
                "WHERE person_id = ? AND enabled = 0 AND pending_secret = ? AND pending_secret != ''")
        .bind(1, step).bind(2, now_ms).bind(3, person_id).bind(4, secret_base32).run();
    if (db_.changes() != 1) return false;
    insert_recovery_codes(db_, person_id, recovery_hashes);
    return true;
  });
}

bool AccountStore::accept_two_factor_step(std::int64_t person_id, std::int64_t step, std::int64_t now_ms) {
  return db_.write([&] {
    db_.prepare("UPDATE two_factor SET last_step = ?, updated_at_ms = ? WHERE person_id = ? AND enabled = 1 AND last_step < ?")
        .bind(1, step).bind(2, now_ms).bind(3, person_id).bind(4, step).run();
    return db_.changes() == 1;
  });
}

void AccountStore::disable_two_factor(std::int64_t person_id) {
  db_.write([&] {
    db_.prepare("DELETE FROM two_factor WHERE person_id = ?").bind(1, person_id).run();
    db_.prepare("DELETE FROM recovery_codes WHERE person_id = ?").bind(1, person_id).run();
  });
}

std::vector<RecoveryCodeRecord> AccountStore::recovery_codes(std::int64_t person_id) {
  return db_.read([&] {
    std::vector<RecoveryCodeRecord> out;
    auto q = db_.prepare("SELECT id, code_hash FROM recovery_codes WHERE person_id = ? ORDER BY id");
    q.bind(1, person_id);
    while (q.step()) out.push_back(RecoveryCodeRecord{q.int64(0), q.text(1)});
    return out;
  });
}

void AccountStore::replace_recovery_codes(std::int64_t person_id, const std::vector<std::string>& hashes) {
  db_.write([&] { insert_recovery_codes(db_, person_id, hashes); });
}

bool AccountStore::use_recovery_code(std::int64_t person_id, std::int64_t code_id) {
  return db_.write([&] {
    db_.prepare("DELETE FROM recovery_codes WHERE id = ? AND person_id = ?").bind(1, code_id).bind(2, person_id).run();
    return db_.changes() == 1;
  });
}

} // namespace pd::storage
