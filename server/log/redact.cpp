#include "server/log/redact.hpp"

namespace pd::log {

std::string redact_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  bool after_invitations = false; // every segment after "invitations" may be a token
  std::size_t start = 0;
  while (true) {
    const auto end = path.find('/', start);
    const auto segment = path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    const bool secret = !segment.empty() && ((after_invitations && segment != "accept") || segment.substr(0, 4) == "pdk_");
    out += secret ? std::string_view("[redacted]") : segment;
    if (segment == "invitations") after_invitations = true;
    if (end == std::string_view::npos) break;
    out += '/';
    start = end + 1;
  }
  return out;
}

} // namespace pd::log
