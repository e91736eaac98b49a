// A real IMAP server for the tests: Dovecot (Debian dovecot-imapd) started by
// tests/mail/dovecot.py with a throw-away configuration on a free loopback port, one account
// (support / support-password) and its Maildir. Started by the constructor (which returns once
// Dovecot accepts connections) and stopped by the destructor. deliver() puts a message into the
// mailbox as a local delivery agent does (written to tmp/, renamed into new/).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pd::testing {

class ImapServer {
public:
  ImapServer();
  ~ImapServer();
  ImapServer(const ImapServer&) = delete;
  ImapServer& operator=(const ImapServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "imap://127.0.0.1:" + std::to_string(port_) + "/INBOX"; }
  // --imap-url, --imap-user, --imap-password, --imap-plain and a one-second poll.
  std::vector<std::string> flags() const;
  void deliver(const std::string& message);
  // Messages not yet seen by an IMAP client (new/) plus those without the S flag in cur/.
  std::size_t unseen_count() const;

private:
  std::filesystem::path dir_, maildir_;
  int pid_ = -1;
  int port_ = 0;
  int delivered_ = 0;
};

} // namespace pd::testing
