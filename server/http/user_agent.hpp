// A short name for a browser's User-Agent ("Chrome on Linux"), for a person's list of sessions.
#pragma once

#include <string>
#include <string_view>

namespace pd::http {

// "Firefox on Windows", "Safari on iPhone", ...; "Unknown browser" for an empty one; the first
// 60 characters of one it does not recognise.
std::string describe_user_agent(std::string_view user_agent);

} // namespace pd::http
