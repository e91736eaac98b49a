// Writing JSON responses and the API's one error shape:
//   {"error":{"code":"...","message":"...","field":"..."}}
#pragma once

#include "shared/core/error.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace pd::http {

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_error(httplib::Response& res, int status, const core::Error& error);
void send_error(httplib::Response& res, int status, core::ErrorCode code, std::string message, std::string field = {});

// The HTTP status that goes with a domain error code.
int status_for(core::ErrorCode code);

// Fills in a JSON error body for a response that has an error status but no body yet
// (unknown routes, bodies over the limit, library-level refusals).
void fill_error_body(const httplib::Request& req, httplib::Response& res);

} // namespace pd::http
