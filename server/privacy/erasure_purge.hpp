// What the server holds about a customer outside the event log, forgotten when the customer is
// erased (shared/domain/privacy/erasure.hpp). Runs inside the write transaction of the
// CustomerErased event, after apply(): the customer's key is destroyed (its sealed events read in
// their erased form from then on), and the rows that quote the customer are deleted or blanked.
#pragma once

#include "server/storage/customer_keys.hpp"
#include "server/storage/database.hpp"
#include "shared/domain/state.hpp"

#include <string>
#include <vector>

namespace pd::privacy {

// The customer as it was before apply() erased it from the state.
struct ErasedCustomer {
  domain::ProgramId program = 0;
  domain::CustomerId customer = 0;
  domain::PersonId person = 0; // its account, 0 when it had none
  std::string name;             // the record's name
  std::string email;            // the record's address
  std::vector<std::string> files; // the content addresses (sha256) of its tickets' attachments
};

// Reads what purge() needs from the state before the erasure is applied.
ErasedCustomer before_erasure(const domain::ProgramState& s, domain::CustomerId customer);

// Inside the write transaction, after apply(): destroys the customer's key; deletes the program's
// stored command answers (they may quote the customer: a retry of a command answered before the
// erasure runs once more), mail to or about the customer (the outbox, the digest, held replies),
// and, when the account belongs to no other program, its sign-in (sessions, second factor,
// recovery codes, known browsers, pending links) with its name and address on the account
// replaced. Returns the content addresses no program refers to any more: the caller removes
// those files after COMMIT.
std::vector<std::string> purge(storage::Database& db, storage::CustomerKeys& keys, const domain::ProgramState& after,
                               const ErasedCustomer& erased);

// Inside a write transaction: of `files` (content addresses), deletes the program's rows of those
// no ticket (but `except`'s tickets, when not 0), article or training module of `after` holds,
// and returns those no program holds any more (their content is removed after COMMIT).
std::vector<std::string> delete_unheld_files(storage::Database& db, domain::ProgramId program, const domain::ProgramState& after,
                                             const std::vector<std::string>& files, domain::CustomerId except = 0);

} // namespace pd::privacy
