// Query-string parameters, validated, with the API's error shape on failure.
#pragma once

#include "shared/core/error.hpp"

#include <httplib.h>

#include <cstdint>
#include <optional>
#include <string>

namespace pd::http {

core::Result<std::int64_t> int_param(const httplib::Request& req, const char* name, std::int64_t min, std::int64_t max,
                                     std::int64_t fallback);
core::Result<std::string> text_param(const httplib::Request& req, const char* name, std::size_t max_length);
// The numeric path segment captured by the route's n-th group.
std::int64_t path_id(const httplib::Request& req, int group);

} // namespace pd::http
