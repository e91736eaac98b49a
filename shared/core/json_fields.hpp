// Strict decoding of request bodies: parse without exceptions, reject unknown fields, check
// types and lengths, and name the offending field in the error. Every command decoder and
// wire decoder in shared/ is built from these.
#pragma once

#include "shared/core/error.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace pd::core {

// Parses text as a JSON object (no exceptions; invalid UTF-8 is refused).
Result<nlohmann::json> parse_object(std::string_view text);

// Refuses any key of `object` not in `allowed`.
std::optional<Error> reject_unknown_fields(const nlohmann::json& object,
                                           std::initializer_list<std::string_view> allowed);

struct StringRule {
  std::size_t min_length = 0;    // in bytes, after trimming when trim is set
  std::size_t max_length = 200;
  bool trim = true;
};

Result<std::string> required_string(const nlohmann::json& object, const char* field, StringRule rule = {});
Result<std::int64_t> required_integer(const nlohmann::json& object, const char* field,
                                      std::int64_t min, std::int64_t max);

// True if text is well-formed UTF-8 without control characters other than tab and newlines.
bool is_clean_utf8(std::string_view text);

} // namespace pd::core
