// Sending one message to the relay with libcurl's SMTP support: smtp:// with STARTTLS required
// (unless the relay is configured as plain), smtps:// with TLS from the start, and
// authentication when a user is set. The message as sent (RFC 5322, multipart/alternative
// text and HTML, base64 bodies) is made by format_message from the outbox row.
#pragma once

#include "server/storage/outbox.hpp"

#include <cstdint>
#include <string>

namespace pd::mail {

struct RelaySettings {
  std::string url;      // smtp://host:port or smtps://host:port; empty: no relay
  std::string user;     // empty: no authentication
  std::string password;
  std::string from;     // the envelope and From address
  bool plain = false;   // smtp:// without STARTTLS (a relay on this machine only)
};

// The whole message, CRLF line ends. Date is `now_ms`; Message-ID is the row's id, so every
// attempt of one message carries the same one.
std::string format_message(const storage::OutgoingMail& mail, const std::string& from, std::int64_t now_ms);

struct SendResult {
  bool accepted = false;
  std::string error; // curl's reason and the relay's last answer, when not accepted
};

// Must be called once before any thread sends (curl_global_init).
void init_smtp();
SendResult send_message(const RelaySettings& relay, const std::string& recipient, const std::string& message);

} // namespace pd::mail
