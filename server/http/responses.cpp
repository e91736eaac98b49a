#include "server/http/responses.hpp"

namespace pd::http {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, int status, const core::Error& error) {
  send_json(res, status, core::to_json_body(error));
}

void send_error(httplib::Response& res, int status, core::ErrorCode code, std::string message, std::string field) {
  send_error(res, status, core::make_error(code, std::move(message), std::move(field)));
}

int status_for(core::ErrorCode code) {
  using core::ErrorCode;
  switch (code) {
  case ErrorCode::invalid_json:
  case ErrorCode::missing_field:
  case ErrorCode::invalid_field:
  case ErrorCode::unknown_field: return 400;
  case ErrorCode::invalid_credentials:
  case ErrorCode::two_factor_required:
  case ErrorCode::unauthenticated: return 401;
  case ErrorCode::forbidden:
  case ErrorCode::step_up_required:
  case ErrorCode::two_factor_enrolment_required:
  case ErrorCode::email_unverified: return 403;
  case ErrorCode::not_found: return 404;
  case ErrorCode::conflict: return 409;
  case ErrorCode::payload_too_large: return 413;
  case ErrorCode::rate_limited: return 429;
  case ErrorCode::unknown:
  case ErrorCode::internal: return 500;
  }
  return 500;
}

void fill_error_body(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty() || res.content_length_ > 0 || res.status < 400) return;
  using core::ErrorCode;
  switch (res.status) {
  case 404:
    send_error(res, 404, ErrorCode::not_found, "No such route: " + req.method + " " + req.path + ".");
    break;
  case 405:
    send_error(res, 405, ErrorCode::not_found, "Method " + req.method + " is not allowed here.");
    break;
  case 413:
    send_error(res, 413, ErrorCode::payload_too_large, "The request body is larger than the server accepts.");
    break;
  case 414:
    send_error(res, 414, ErrorCode::invalid_field, "The request URI is too long.");
    break;
  case 415:
    send_error(res, 415, ErrorCode::invalid_field, "Unsupported content encoding.", "Content-Encoding");
    break;
  case 416:
    send_error(res, 416, ErrorCode::invalid_field, "The requested range cannot be satisfied.", "Range");
    break;
  case 431:
    send_error(res, 431, ErrorCode::invalid_field, "The request headers are too large.");
    break;
  default:
    if (res.status >= 500) send_error(res, res.status, ErrorCode::internal, "The server failed to handle the request.");
    else send_error(res, res.status, ErrorCode::invalid_field, "The request could not be read.");
  }
}

} // namespace pd::http
