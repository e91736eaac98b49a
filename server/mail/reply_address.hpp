// The reply address of a ticket: the support mailbox's address with the program, the ticket and
// a signature in a "+" suffix of its local part (plus-addressing, so every reply lands in one
// mailbox). For the base "support@example.com", program 3 and ticket 41:
//   support+t3-41.<tag>@example.com   where tag = links.tag("reply", "3-41")
// The inbound worker (server/mail/reply_worker.hpp) reads the ticket back from the address a
// reply was sent to; the tag keeps anyone from writing into a ticket by guessing its number.
#pragma once

#include "server/auth/link_signer.hpp"
#include "shared/domain/support/support.hpp"
#include "shared/domain/types.hpp"

#include <optional>
#include <string>

namespace pd::mail {

// Empty when `base` is empty (replies by email are off) or is not an address (no '@').
std::string reply_address(const std::string& base, const auth::LinkSigner& links, domain::ProgramId program,
                          domain::TicketId ticket);

struct ReplyTarget {
  domain::ProgramId program = 0;
  domain::TicketId ticket = 0;
  bool operator==(const ReplyTarget&) const = default;
};

// The ticket `address` is the reply address of, when it is one with a good tag. Local part and
// domain are compared without regard to case (relays may change it); surrounding spaces and
// angle brackets are allowed. Anything else (another address, a bad or missing tag, ids that
// are not canonical positive numbers) gives nothing.
std::optional<ReplyTarget> parse_reply_address(const std::string& base, const auth::LinkSigner& links,
                                               const std::string& address);

} // namespace pd::mail
