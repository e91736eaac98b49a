#include "server/privacy/erasure_purge.hpp"

#include "shared/domain/privacy/erasure.hpp"

#include <algorithm>
#include <set>

namespace pd::privacy {

using namespace domain;

ErasedCustomer before_erasure(const ProgramState& s, CustomerId customer) {
  ErasedCustomer out;
  out.program = s.id;
  out.customer = customer;
  const auto* c = s.customer(customer);
  if (!c) return out;
  out.person = c->person_id;
  out.name = c->profile.name;
  out.email = c->profile.email;
  std::set<std::string> files;
  if (auto list = s.tickets_by_customer.find(customer); list != s.tickets_by_customer.end())
    for (const auto id : list->second)
      if (const auto* t = s.ticket(id))
        for (const auto& m : t->messages)
          for (const auto& a : m.attachments)
            if (!a.sha256.empty()) files.insert(a.sha256);
  out.files.assign(files.begin(), files.end());
  return out;
}

namespace {

std::int64_t count(storage::Database& db, const char* sql, auto... args) {
  auto q = db.prepare(sql);
  int i = 1;
  (q.bind(i++, args), ...);
  q.step();
  return q.int64(0);
}

// Deletes the rows of `table` whose `columns` hold `needle` (a name or an address).
void delete_mentions(storage::Database& db, const std::string& table, const std::vector<std::string>& columns, const std::string& needle) {
  if (needle.size() < 3) return; // too short to say it is the customer
  std::string where;
  for (const auto& c : columns) where += (where.empty() ? "" : " OR ") + std::string("instr(") + c + ", ?1) > 0";
  db.prepare("DELETE FROM " + table + " WHERE " + where).bind(1, needle).run();
}

} // namespace

std::vector<std::string> purge(storage::Database& db, storage::CustomerKeys& keys, const ProgramState& after, const ErasedCustomer& erased) {
  keys.destroy(erased.program, erased.customer);
  db.prepare("DELETE FROM command_results WHERE program_id = ?").bind(1, erased.program).run();

  // Its account: the address it signs in with, and whether another program still knows it.
  std::string account_email;
  bool account_elsewhere = false;
  if (erased.person != 0) {
    auto q = db.prepare("SELECT email FROM persons WHERE id = ?");
    q.bind(1, erased.person);
    if (q.step()) account_email = q.text(0);
    account_elsewhere = count(db, "SELECT COUNT(*) FROM memberships WHERE person_id = ? AND program_id <> ?", erased.person, erased.program) > 0;
  }
  // Mail to or about the customer: by its address and name, in every column that holds text.
  for (const auto& needle : {erased.email, account_email, erased.name}) {
    delete_mentions(db, "outbox", {"recipient", "subject", "text_body", "html_body"}, needle);
    delete_mentions(db, "mail_digest", {"recipient", "line"}, needle);
    delete_mentions(db, "held_mail", {"sender", "subject", "text"}, needle);
  }
  if (erased.person != 0 && !account_elsewhere) {
    for (const char* sql : {"DELETE FROM sessions WHERE person_id = ?", "DELETE FROM two_factor WHERE person_id = ?",
                            "DELETE FROM recovery_codes WHERE person_id = ?", "DELETE FROM known_browsers WHERE person_id = ?",
                            "DELETE FROM email_verifications WHERE person_id = ?", "DELETE FROM email_changes WHERE person_id = ?",
                            "DELETE FROM password_resets WHERE person_id = ?", "DELETE FROM mail_preferences WHERE person_id = ?",
                            "DELETE FROM mail_digest WHERE person_id = ?", "DELETE FROM uploads WHERE person_id = ?"})
      db.prepare(sql).bind(1, erased.person).run();
    // The account stays as a row (the log's events name its id) that can never sign in again;
    // its address names the person, not the customer, which another program may number alike.
    db.prepare("UPDATE persons SET email = ?, name = ?, password_hash = '' WHERE id = ?")
        .bind(1, "erased-person-" + std::to_string(erased.person) + "@erased.invalid")
        .bind(2, erased_customer_name(erased.customer))
        .bind(3, erased.person)
        .run();
  }

  // Its tickets' files, unless another ticket, an article or a training module refers to them.
  return delete_unheld_files(db, erased.program, after, erased.files, erased.customer);
}

std::vector<std::string> delete_unheld_files(storage::Database& db, ProgramId program, const ProgramState& after,
                                             const std::vector<std::string>& files, CustomerId except) {
  std::set<std::string> held;
  for (const auto& [id, t] : after.tickets)
    if (except == 0 || t.customer_id != except)
      for (const auto& m : t.messages)
        for (const auto& a : m.attachments)
          if (!a.sha256.empty()) held.insert(a.sha256);
  const std::string library = nlohmann::json{{"knowledge", after.knowledge}, {"certification", after.certification}}.dump();
  std::vector<std::string> unreferenced;
  for (const auto& sha : files) {
    if (held.count(sha) || library.find(sha) != std::string::npos) continue;
    db.prepare("DELETE FROM files WHERE program_id = ? AND sha256 = ?").bind(1, program).bind(2, sha).run();
    db.prepare("DELETE FROM file_uploaders WHERE program_id = ? AND sha256 = ?").bind(1, program).bind(2, sha).run();
    if (count(db, "SELECT COUNT(*) FROM files WHERE sha256 = ?", sha) == 0) unreferenced.push_back(sha);
  }
  return unreferenced;
}

} // namespace pd::privacy
