// Replies by email: the background thread that reads the support mailbox (--imap-url) every
// --imap-poll-seconds and turns each unseen message into a reply on its ticket or into held
// mail. Started by the ServerApp only when --imap-url is set; stop() ends it between messages.
//
// A message sent to a ticket's reply address (server/mail/reply_address.hpp) by the email of
// that ticket's customer is added to the ticket as the customer (the shared ReplyToTicket,
// through the CommandService), with the quoted history cut off (server/mail/inbound.hpp).
// Anything else (another sender, a bad tag, no such ticket, an automatic reply, a refused
// reply, a message over max_message_bytes) is held for the business (server/storage/held_mail.hpp).
// A message is marked \Seen only after it was handled; handling twice changes nothing, because
// the reply's command id and the held row's key both come from the Message-ID.
#pragma once

#include "server/mail/imap.hpp"
#include "server/storage/held_mail.hpp"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace pd::app {
struct Services;
}

namespace pd::mail {

// What became of one received message.
struct ReplyHandled {
  bool appended = false;   // added to the ticket (also when it had been before)
  std::string held_reason; // otherwise: why it was held
};

// Handles one message as fetched (exposed for tests).
ReplyHandled receive_reply(app::Services& services, storage::HeldMailStore& held, const FetchedMessage& message);

class ReplyWorker {
public:
  static constexpr int batch_size = 20;                                      // messages per poll
  static constexpr std::size_t max_message_bytes = std::size_t{1024} * 1024; // read of each message
  static constexpr std::size_t max_text_chars = 20'000;                      // of a reply's text

  explicit ReplyWorker(app::Services& services);
  ~ReplyWorker();
  ReplyWorker(const ReplyWorker&) = delete;
  ReplyWorker& operator=(const ReplyWorker&) = delete;

  void wake();
  void stop();

private:
  void run();
  void poll();

  app::Services& services_;
  storage::HeldMailStore held_;
  ImapSettings settings_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = true;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace pd::mail
