// Erasure (docs/requirements.md, Customer data rights): a request to erase a customer's personal
// data enters the business's queue (from the customer, from the business, or detected by the
// account-deletion restricted topic in the customer's ticket); the requester's identity is
// verified (the customer confirms by the link mailed to its verified address; a business member
// proves its second factor, step-up); an owner or admin approves or rejects it. Approval erases:
// the customer's personal data becomes unreadable everywhere while amounts, dates and counts stay
// for the ledgers and the metrics.
//
// How the event log forgets (server/storage/event_store.cpp): every event whose data subject is
// a customer (data_subject()) is stored twice, sealed whole with that customer's own key
// (libsodium secretbox) and in its erased form (erased_form()) in the clear. While the key
// exists, reads open the sealed form; erasure destroys the key, so every read, every replay and
// every backup taken afterwards has only the erased form. apply() of CustomerErased redacts the
// state the same way (erase_customer()), so the live state equals a replay after erasure.
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/privacy/data_retention.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pd::domain {

struct ProgramState;
struct Customer;

using ErasureId = std::int64_t;

enum class ErasureSource { customer, business, ticket };
NLOHMANN_JSON_SERIALIZE_ENUM(ErasureSource,
                             {{ErasureSource::customer, "customer"}, {ErasureSource::business, "business"}, {ErasureSource::ticket, "ticket"}})
// awaiting_confirmation: the customer has not opened the mailed link yet (customer and ticket
// sources); awaiting_approval: verified, an owner or admin decides; then erased or rejected.
enum class ErasureStatus { awaiting_confirmation, awaiting_approval, erased, rejected };
NLOHMANN_JSON_SERIALIZE_ENUM(ErasureStatus, {{ErasureStatus::awaiting_confirmation, "awaiting_confirmation"},
                                             {ErasureStatus::awaiting_approval, "awaiting_approval"},
                                             {ErasureStatus::erased, "erased"},
                                             {ErasureStatus::rejected, "rejected"}})

// What erasure made unreadable and what it kept, and why (the report the business and the
// customer are shown; written by erasure_report()).
struct ErasureReport {
  std::vector<std::string> erased; // "Name and email address", "The text of 14 messages on 5 tickets", ...
  std::vector<std::string> kept;   // "Amounts and dates of 3 referral commission lines: the ledger the law requires", ...
  bool operator==(const ErasureReport&) const = default;
};

struct ErasureRequest {
  ErasureId id = 0;
  CustomerId customer_id = 0;
  ErasureSource source = ErasureSource::customer;
  PersonId requested_by = 0; // 0: detected in a ticket
  TimeMs requested_at = 0;
  TicketId ticket_id = 0;    // source ticket: the ticket whose message asked
  std::string note;          // the requester's words (erased with the rest)
  ErasureStatus status = ErasureStatus::awaiting_confirmation;
  TimeMs confirmed_at = 0;   // the customer opened the mailed link
  PersonId decided_by = 0;
  TimeMs decided_at = 0;
  std::string reason;        // rejected: why (the customer is told)
  ErasureReport report;      // erased: what was erased and kept
  bool operator==(const ErasureRequest&) const = default;
};

// The program's erasure requests (ProgramState::erasure), oldest first, and its retention periods
// (data_retention.hpp).
struct ErasureState {
  std::map<ErasureId, ErasureRequest> requests;
  ErasureId next_id = 1;
  DataRetention retention;
  bool operator==(const ErasureState&) const = default;
};

// What erased personal text reads as, and the erased customer's name and address (unique per
// customer, so the program's email index stays a function).
inline constexpr const char* erased_text = "(erased)";
std::string erased_customer_name(CustomerId customer);  // "Erased customer #17"
std::string erased_customer_email(CustomerId customer); // "erased-17@erased.invalid"

// Requests in force for a customer: one not yet decided, if any.
const ErasureRequest* open_erasure_of(const ErasureState& e, CustomerId customer);

// Why `person` may not ask to erase `customer`'s data now: the customer its own, an owner or admin
// any customer's (others: forbidden; another customer's or none: not_found); conflict when the
// customer is erased already or a request is open.
std::optional<core::Error> why_not_request_erasure(const ProgramState& s, PersonId person, CustomerId customer);
// Why `person` may not approve or reject request `id` now: owners and admins, once the request is
// verified (awaiting_approval).
std::optional<core::Error> why_not_decide_erasure(const ProgramState& s, PersonId person, ErasureId id);

// Makes the customer's personal data in `s` unreadable: its profile's name and email, its
// account's name and email, the text of every message, subject, note, comment and reason on its
// tickets, check-ins, NPS answers, retention cases and restrictions, and its attachments' names;
// keeps ids, amounts, dates, statuses, scores and counts. Idempotent.
void erase_customer(ProgramState& s, CustomerId customer, TimeMs at);

// What erasing `customer` will erase and keep, computed from the state before erasure.
ErasureReport erasure_report(const ProgramState& s, CustomerId customer);

} // namespace pd::domain
