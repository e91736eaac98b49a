// Domain errors and the result type every shared/ API returns. No exception crosses the
// shared/ API: a function that can fail returns Result<T> (a value or an Error).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace pd::core {

// Stable, machine-readable codes. Clients switch on these; messages are for people.
enum class ErrorCode {
  unknown,
  invalid_json,        // the body is not JSON, or not the expected JSON type
  missing_field,       // a required field is absent
  invalid_field,       // a field has the wrong type, length, format or range
  unknown_field,       // a field the command does not know
  invalid_credentials, // wrong email or password (same for unknown accounts)
  unauthenticated,     // no valid session
  forbidden,           // signed in but not allowed
  not_found,           // no such object (or not visible to the actor)
  conflict,            // a concurrent change won
  payload_too_large,
  rate_limited,
  two_factor_required, // right password, and the account also needs its two-factor code (field "code")
  step_up_required,    // a sensitive change needs a freshly proven second factor (field "code")
  two_factor_enrolment_required, // a program requires two-factor sign-in of this person, who has not turned it on
  email_unverified,    // the person's email address is not confirmed yet (accepting an invitation)
  internal,
};

const char* to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::unknown;
  std::string message; // one sentence a person can act on
  std::string field;   // the offending field, empty when the error is not about one
  std::int64_t current_version = 0; // for conflicts: the version the loser must start from
};

inline Error make_error(ErrorCode code, std::string message, std::string field = {}) {
  return Error{code, std::move(message), std::move(field)};
}

// One helper per code, one signature each, for decide() and the decoders of every capability.
// field names the offending field as the client sent it ("data.ticket_id").
inline Error forbidden(std::string message = "You are not allowed to do that in this program.") {
  return make_error(ErrorCode::forbidden, std::move(message));
}
inline Error invalid(std::string message, std::string field) { return make_error(ErrorCode::invalid_field, std::move(message), std::move(field)); }
inline Error missing(std::string message, std::string field) { return make_error(ErrorCode::missing_field, std::move(message), std::move(field)); }
inline Error not_found(std::string message, std::string field) { return make_error(ErrorCode::not_found, std::move(message), std::move(field)); }
// current_version: the version the loser must start from (0 when the conflict is not about one).
inline Error conflict(std::string message, std::string field = {}, std::int64_t current_version = 0) {
  auto e = make_error(ErrorCode::conflict, std::move(message), std::move(field));
  e.current_version = current_version;
  return e;
}

// {"error":{"code":"...","message":"...","field":"..."}}: the one error shape of the API.
nlohmann::json to_json_body(const Error& error);
// Reads that shape back (the client uses it); a body of another shape gives code unknown.
Error error_from_json_body(const nlohmann::json& body);

template <class T>
class Result {
public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T* operator->() const { return &std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }

private:
  std::variant<T, Error> v_;
};

} // namespace pd::core
