// The commands of a customer's data rights (part of Command, see commands.hpp; the rules are in
// erasure.hpp, decide_privacy.cpp).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/privacy/erasure.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace pd::domain {

// The customer for itself (then confirmed by the link mailed to its verified address), or an
// owner or admin for any customer (step-up): erase the customer's personal data.
struct RequestErasure {
  static constexpr const char* type = "RequestErasure";
  CustomerId customer_id = 0;
  std::string note; // why, in the requester's words (optional)
  bool operator==(const RequestErasure&) const = default;
};
// Sent only by the server, as the customer, when it opens the confirmation link (never accepted
// from a request body).
struct ConfirmErasure {
  static constexpr const char* type = "ConfirmErasure";
  ErasureId erasure_id = 0;
  bool from_mailed_link = false; // set by the server's link route only: a request body cannot
  bool operator==(const ConfirmErasure&) const = default;
};
// An owner or admin approves (erases) or rejects (with a reason the customer is told) a verified
// request (step-up).
struct DecideErasure {
  static constexpr const char* type = "DecideErasure";
  ErasureId erasure_id = 0;
  bool approve = false;
  std::string reason; // rejecting: required
  bool operator==(const DecideErasure&) const = default;
};

// An owner or admin sets the retention periods of closed tickets' text and of their attachments
// (days after closing; 0 keeps them; data_retention.hpp), step-up.
struct SetDataRetention {
  static constexpr const char* type = "SetDataRetention";
  std::int64_t closed_ticket_days = 0;
  std::int64_t attachment_days = 0;
  bool operator==(const SetDataRetention&) const = default;
};

std::optional<core::Error> read_command(const nlohmann::json& data, RequestErasure& command);
nlohmann::json write_command(const RequestErasure& command);
std::optional<core::Error> read_command(const nlohmann::json& data, ConfirmErasure& command);
nlohmann::json write_command(const ConfirmErasure& command);
std::optional<core::Error> read_command(const nlohmann::json& data, DecideErasure& command);
nlohmann::json write_command(const DecideErasure& command);
std::optional<core::Error> read_command(const nlohmann::json& data, SetDataRetention& command);
nlohmann::json write_command(const SetDataRetention& command);

} // namespace pd::domain
