#include "shared/core/error.hpp"

#include <nlohmann/json.hpp>

namespace pd::core {

const char* to_string(ErrorCode code) {
  switch (code) {
  case ErrorCode::unknown: return "unknown";
  case ErrorCode::invalid_json: return "invalid_json";
  case ErrorCode::missing_field: return "missing_field";
  case ErrorCode::invalid_field: return "invalid_field";
  case ErrorCode::unknown_field: return "unknown_field";
  case ErrorCode::invalid_credentials: return "invalid_credentials";
  case ErrorCode::unauthenticated: return "unauthenticated";
  case ErrorCode::forbidden: return "forbidden";
  case ErrorCode::not_found: return "not_found";
  case ErrorCode::conflict: return "conflict";
  case ErrorCode::payload_too_large: return "payload_too_large";
  case ErrorCode::rate_limited: return "rate_limited";
  case ErrorCode::two_factor_required: return "two_factor_required";
  case ErrorCode::step_up_required: return "step_up_required";
  case ErrorCode::two_factor_enrolment_required: return "two_factor_enrolment_required";
  case ErrorCode::email_unverified: return "email_unverified";
  case ErrorCode::internal: return "internal";
  }
  return "unknown";
}

static ErrorCode code_from_string(const std::string& s) {
  for (int i = 0; i <= static_cast<int>(ErrorCode::internal); ++i) {
    auto c = static_cast<ErrorCode>(i);
    if (s == to_string(c)) return c;
  }
  return ErrorCode::unknown;
}

nlohmann::json to_json_body(const Error& error) {
  nlohmann::json e = {{"code", to_string(error.code)}, {"message", error.message}};
  if (!error.field.empty()) e["field"] = error.field;
  if (error.code == ErrorCode::conflict && error.current_version > 0) e["current_version"] = error.current_version;
  return {{"error", e}};
}

Error error_from_json_body(const nlohmann::json& body) {
  Error out{ErrorCode::unknown, "Unexpected response from the server.", {}};
  if (!body.is_object() || !body.contains("error") || !body.at("error").is_object()) return out;
  const auto& e = body.at("error");
  if (e.contains("code") && e.at("code").is_string()) out.code = code_from_string(e.at("code").get<std::string>());
  if (e.contains("message") && e.at("message").is_string()) out.message = e.at("message").get<std::string>();
  if (e.contains("field") && e.at("field").is_string()) out.field = e.at("field").get<std::string>();
  if (e.contains("current_version") && e.at("current_version").is_number_integer())
    out.current_version = e.at("current_version").get<std::int64_t>();
  return out;
}

} // namespace pd::core
