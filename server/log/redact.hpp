// What the log may keep of a request path. A path can carry a bearer secret: the token of an
// invitation link (/api/v1/invitations/{token}) or a billing API key ("pdk_..."). Such segments
// are replaced by "[redacted]" before any log line is written.
#pragma once

#include <string>
#include <string_view>

namespace pd::log {

std::string redact_path(std::string_view path);

} // namespace pd::log
