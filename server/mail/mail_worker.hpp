// The one background thread that sends the outbox: it takes a bounded batch of due messages,
// sends each through the relay (server/mail/smtp.hpp) and records the outcome. A message is
// marked sent only after the relay accepted it; a refused or failed attempt is tried again
// after a back-off that doubles from retry_base_ms up to retry_max_ms. wake() after a commit
// that queued mail makes it look at once; stop() ends it between messages. Without a relay
// configured it sends nothing, and every waiting message shows "no relay configured".
#pragma once

#include "server/config/options.hpp"
#include "server/log/logger.hpp"
#include "server/mail/smtp.hpp"
#include "server/storage/outbox.hpp"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace pd::mail {

inline constexpr const char* no_relay_error = "no relay configured";

class MailWorker {
public:
  static constexpr int batch_size = 20;
  static constexpr std::int64_t retry_base_ms = 30'000;
  static constexpr std::int64_t retry_max_ms = 60LL * 60 * 1000;
  // The longest sleep: a wall clock stepped forward is noticed within it.
  static constexpr std::int64_t max_sleep_ms = 30'000;

  MailWorker(storage::Database& db, const config::Options& options, log::Logger& log, std::function<std::int64_t()> now_ms);
  ~MailWorker();
  MailWorker(const MailWorker&) = delete;
  MailWorker& operator=(const MailWorker&) = delete;

  void wake();
  void stop();
  // Called by the worker before it sends: queues what is due at `now` (the daily digests,
  // server/mail/event_mail.hpp) and returns when it is next due (0: nothing waits).
  void set_periodic(std::function<std::int64_t(std::int64_t now_ms)> periodic);

  bool relay_configured() const { return !relay_.url.empty(); }
  storage::Outbox& outbox() { return outbox_; }
  // The host part of the message ids this server makes (from --public-url; else "partnerdesk.invalid").
  const std::string& message_host() const { return message_host_; }

  // The wait before attempt number attempts + 1, after `attempts` failed ones.
  static std::int64_t retry_delay_ms(int attempts);

private:
  void run();
  void send_due();

  storage::Outbox outbox_;
  RelaySettings relay_;
  std::string message_host_;
  log::Logger& log_;
  std::function<std::int64_t()> now_ms_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::function<std::int64_t(std::int64_t)> periodic_; // under mutex_
  bool woken_ = true;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace pd::mail
