// A real SMTP server for the tests: tests/mail/smtp_sink.py (aiosmtpd, Debian
// python3-aiosmtpd) on a free loopback port, writing each message it receives to a folder.
// Started by the constructor (which returns once the sink printed its ready line) and stopped
// by the destructor.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace pd::testing {

class SmtpSink {
public:
  SmtpSink();
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Every message received so far, oldest first, as received (headers and body).
  std::vector<std::string> messages() const;
  // Waits until at least n messages arrived (false when `limit` passed first).
  bool wait_for(std::size_t n, std::chrono::milliseconds limit = std::chrono::seconds(20)) const;

private:
  std::filesystem::path dir_;
  int pid_ = -1;
  int port_ = 0;
};

// The message's header value (first occurrence), without the name; empty when absent.
std::string mail_header(const std::string& message, const std::string& name);
// The quoted-printable body parts of a message with soft line breaks undone.
std::string mail_text(const std::string& message);
// The password reset token in a reset mail's link ("/#/reset/<token>"); empty when none.
std::string reset_token_of(const std::string& message);

} // namespace pd::testing
