// Events of a customer's data rights (part of EventBody, see events.hpp).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/privacy/erasure.hpp"

namespace pd::domain {

PD_JSON_TYPE(ErasureReport, erased, kept)
PD_JSON_TYPE(DataRetention, closed_ticket_days, attachment_days, changed_by, changed_at)
PD_JSON_TYPE(ErasureRequest, id, customer_id, source, requested_by, requested_at, ticket_id, note, status, confirmed_at, decided_by,
             decided_at, reason, report)
// The snapshot's "erasure": {"requests": [request...], "next_id": n}.
inline void to_json(nlohmann::json& j, const ErasureState& e) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [id, r] : e.requests) list.push_back(r);
  j = {{"requests", std::move(list)}, {"next_id", e.next_id}};
  if (e.retention != DataRetention{}) j["retention"] = e.retention;
}
inline void from_json(const nlohmann::json& j, ErasureState& e) {
  e = {};
  for (const auto& r : j.value("requests", nlohmann::json::array())) {
    auto v = r.get<ErasureRequest>();
    e.requests[v.id] = v;
  }
  e.next_id = j.value("next_id", std::int64_t{1});
  if (j.contains("retention")) e.retention = j.at("retention").get<DataRetention>();
}

// A request entered the queue (status awaiting_confirmation or awaiting_approval).
struct ErasureRequested {
  static constexpr const char* type = "ErasureRequested";
  ErasureRequest request;
  bool operator==(const ErasureRequested&) const = default;
};
// The customer opened the mailed link: the request waits for the business's decision.
struct ErasureConfirmed {
  static constexpr const char* type = "ErasureConfirmed";
  ErasureId erasure_id = 0;
  bool operator==(const ErasureConfirmed&) const = default;
};
// Rejected, with the reason the customer is told.
struct ErasureRejected {
  static constexpr const char* type = "ErasureRejected";
  ErasureId erasure_id = 0;
  std::string reason;
  bool operator==(const ErasureRejected&) const = default;
};
// Approved: the customer's personal data is erased (erase_customer()); the server destroys its
// key in the same transaction. `report`: what was erased and kept.
struct CustomerErased {
  static constexpr const char* type = "CustomerErased";
  ErasureId erasure_id = 0;
  CustomerId customer_id = 0;
  ErasureReport report;
  bool operator==(const CustomerErased&) const = default;
};
// An owner or admin set the retention periods (changed_by and changed_at are the event's).
struct DataRetentionSet {
  static constexpr const char* type = "DataRetentionSet";
  std::int64_t closed_ticket_days = 0;
  std::int64_t attachment_days = 0;
  bool operator==(const DataRetentionSet&) const = default;
};
// The scheduler expired closed tickets' text (and with it their files) and other closed
// tickets' attachments under the retention periods; the server destroys the text's tickets' keys
// and deletes the files no ticket holds any more in the same transaction.
struct TicketsExpired {
  static constexpr const char* type = "TicketsExpired";
  std::vector<TicketId> text;
  std::vector<TicketId> attachments;
  bool operator==(const TicketsExpired&) const = default;
};
PD_JSON_TYPE(ErasureRequested, request)
PD_JSON_TYPE(DataRetentionSet, closed_ticket_days, attachment_days)
PD_JSON_TYPE(TicketsExpired, text, attachments)
PD_JSON_TYPE(ErasureConfirmed, erasure_id)
PD_JSON_TYPE(ErasureRejected, erasure_id, reason)
PD_JSON_TYPE(CustomerErased, erasure_id, customer_id, report)

} // namespace pd::domain
