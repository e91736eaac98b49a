// Text made safe to place in HTML (element content or a quoted attribute): & < > " ' escaped.
// The one escaper of the server's mail and the printable weekly report.
#pragma once

#include <string>
#include <string_view>

namespace pd::core {

inline std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

} // namespace pd::core
