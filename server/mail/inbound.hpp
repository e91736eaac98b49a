// Reading a received message (RFC 5322 and MIME) for replies by email: the headers that matter
// (From, To, Cc, Delivered-To, X-Original-To, Subject, Message-ID, Auto-Submitted, with RFC 2047
// encoded words decoded), the text/plain part (in multipart/alternative and mixed, quoted-printable
// or base64, UTF-8, US-ASCII or Latin-1; when there is only HTML, its tags crudely stripped), and
// the customer's own words with the quoted history cut off (strip_quoted_history).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pd::mail {

struct InboundMail {
  std::string from;                    // the sender's address, lower-case; empty when none
  std::string from_name;               // the display name, decoded
  std::vector<std::string> recipients; // every address of To, Cc, Delivered-To and X-Original-To, lower-case
  std::string subject;                 // decoded
  std::string message_id;              // without angle brackets; empty when none
  std::string text;                    // the body as text, UTF-8, LF line ends
  bool automatic = false;              // Auto-Submitted other than "no", or Precedence bulk/junk/auto_reply
};

InboundMail parse_inbound(std::string_view raw);

// The reply without what it quotes: everything from the first attribution line ("On ... wrote:",
// also wrapped over up to three lines), an "-----Original Message-----" line or an Outlook
// header block ("From: ..." followed by "Sent: ...") on, then a block of "> " lines and blank
// lines at the end. Trailing and leading blank lines go too.
std::string strip_quoted_history(std::string_view text);

// Decodes RFC 2047 encoded words ("=?UTF-8?B?...?=", "=?utf-8?Q?...?=") in a header value.
std::string decode_encoded_words(std::string_view value);

// The parts used above, exposed for tests.
std::string decode_quoted_printable(std::string_view body);
std::string decode_base64(std::string_view body);
std::string html_to_text(std::string_view html);

} // namespace pd::mail
