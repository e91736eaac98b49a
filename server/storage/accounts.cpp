#include "server/storage/accounts.hpp"

#include <mutex>

namespace pd::storage {

std::int64_t AccountStore::create_person(const std::string& email, const std::string& name,
                                         const std::string& password_hash, std::int64_t now_ms) {
  return db_.write([&] {
    db_.prepare("INSERT INTO persons(email, name, password_hash, created_at_ms) VALUES (?, ?, ?, ?)")
        .bind(1, email).bind(2, name).bind(3, password_hash).bind(4, now_ms).run();
    return db_.last_insert_id();
  });
}

static PersonRecord read_person(const Statement& q) {
  return PersonRecord{q.int64(0), q.text(1), q.text(2), q.text(3)};
}

std::optional<PersonRecord> AccountStore::find_by_email(const std::string& email) {
  return db_.read([&]() -> std::optional<PersonRecord> {
    auto q = db_.prepare("SELECT id, email, name, password_hash FROM persons WHERE email = ?");
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
    auto q = db_.prepare("SELECT id, email, name, password_hash FROM persons WHERE id = ?");
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
  return api::Me{api::Person{person->id, person->email, person->name}, memberships_of(person_id)};
}

} // namespace pd::storage
