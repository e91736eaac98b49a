// Access and portability (docs/requirements.md, Customer data rights): everything the program
// holds about one customer, as the customer may read it, in one JSON document plus the files
// attached to its tickets. The server packs them in a ZIP with a manifest
// (server/privacy/customer_archive.hpp); the browser asks why_not_export_customer() to offer
// the download.
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pd::domain {

// The document's format, written into the manifest and the document.
inline constexpr const char* customer_export_format = "partnerdesk-customer-export/1";

// Why `person` may not export customer `customer`'s data: an owner or admin of the program
// exports any customer's, a customer its own. Another customer, or an id that does not exist:
// not_found (nothing tells it apart); an agent or staff member: forbidden.
std::optional<core::Error> why_not_export_customer(const ProgramState& s, PersonId person, CustomerId customer);
inline bool may_export_customer(const ProgramState& s, PersonId person, CustomerId customer) {
  return !why_not_export_customer(s, person, customer);
}

// A file attached to one of the customer's tickets, and where it goes in the archive.
struct ExportFile {
  std::string path; // "files/<ticket>-<message>-<n>-<name>": unique, never leaves "files/"
  std::string name; // the name it was uploaded under
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256; // the content's address on the server
  TicketId ticket_id = 0;
  std::int64_t message_id = 0;
};

// The sign-in account of the customer, as the server holds it (the domain does not).
struct ExportAccount {
  std::string email;
  std::string name;
  bool email_verified = false;
};

struct CustomerExport {
  nlohmann::json document;         // customer.json
  std::vector<ExportFile> files;   // the attachments, in ticket and message order
  int tickets = 0, messages = 0, ratings = 0;
};

// The export of an existing customer: profile, account, tickets with the messages the customer
// is shown (customer_view(): no internal notes), ratings and survey answers with the business's
// answer, the retention requests it made or was offered, ticketing restrictions, and the list of
// attachments. Instants as milliseconds and as ISO 8601 UTC text.
CustomerExport customer_export(const ProgramState& s, CustomerId customer, const std::optional<ExportAccount>& account, TimeMs now);

// A name safe as the last part of a path inside the archive: no directories, no "..", no control
// or reserved characters, at most 100 bytes; "file" when nothing is left.
std::string archive_safe_name(std::string_view name);
// "2026-12-07T14:05:09Z".
std::string iso_utc(TimeMs at);

} // namespace pd::domain
