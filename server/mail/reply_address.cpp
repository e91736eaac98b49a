#include "server/mail/reply_address.hpp"

#include <cctype>
#include <cstdint>
#include <limits>

namespace pd::mail {

namespace {

std::string lower_ascii_reply(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A positive number in canonical form (no sign, no leading zero), within int64.
std::optional<std::int64_t> parse_reply_id(const std::string& s) {
  if (s.empty() || s.size() > 18 || s[0] == '0') return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string trim_address(const std::string& in) {
  std::size_t b = 0, e = in.size();
  while (b < e && std::isspace(static_cast<unsigned char>(in[b])))
    ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(in[e - 1])))
    --e;
  if (e - b >= 2 && in[b] == '<' && in[e - 1] == '>') ++b, --e;
  return in.substr(b, e - b);
}

} // namespace

std::string reply_address(const std::string& base, const auth::LinkSigner& links, domain::ProgramId program,
                          domain::TicketId ticket) {
  const auto at = base.rfind('@');
  if (base.empty() || at == std::string::npos || at == 0 || at + 1 == base.size()) return {};
  const auto value = std::to_string(program) + "-" + std::to_string(ticket);
  return base.substr(0, at) + "+t" + value + "." + links.tag("reply", value) + base.substr(at);
}

std::optional<ReplyTarget> parse_reply_address(const std::string& base, const auth::LinkSigner& links,
                                               const std::string& address) {
  const auto base_at = base.rfind('@');
  if (base.empty() || base_at == std::string::npos || base_at == 0) return std::nullopt;
  const auto addr = lower_ascii_reply(trim_address(address));
  const auto at = addr.rfind('@');
  if (at == std::string::npos) return std::nullopt;
  const auto base_local = lower_ascii_reply(base.substr(0, base_at));
  const auto base_domain = lower_ascii_reply(base.substr(base_at + 1));
  if (addr.substr(at + 1) != base_domain) return std::nullopt;
  const auto local = addr.substr(0, at);
  const auto prefix = base_local + "+t";
  if (local.size() <= prefix.size() || local.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  const auto signed_value = local.substr(prefix.size()); // "<program>-<ticket>.<tag>"
  const auto value = links.verify("reply", signed_value);
  if (!value) return std::nullopt;
  const auto dash = value->find('-');
  if (dash == std::string::npos) return std::nullopt;
  const auto program = parse_reply_id(value->substr(0, dash));
  const auto ticket = parse_reply_id(value->substr(dash + 1));
  if (!program || !ticket) return std::nullopt;
  return ReplyTarget{*program, *ticket};
}

} // namespace pd::mail
