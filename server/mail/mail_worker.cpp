#include "server/mail/mail_worker.hpp"

#include <algorithm>
#include <chrono>

namespace pd::mail {

namespace {

// "desk.example.com" from "https://desk.example.com:8443/x".
std::string host_of(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of(":/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  return host.empty() ? "partnerdesk.invalid" : host;
}

} // namespace

MailWorker::MailWorker(storage::Database& db, const config::Options& options, log::Logger& log, std::function<std::int64_t()> now_ms)
    : outbox_(db),
      relay_{options.smtp_url, options.smtp_user, options.smtp_password, options.mail_from, options.smtp_plain},
      message_host_(host_of(options.public_url)), log_(log), now_ms_(std::move(now_ms)) {
  init_smtp();
  if (relay_configured()) outbox_.all_due_now(now_ms_()); // a restart tries every waiting message at once
  thread_ = std::thread([this] { run(); });
}

MailWorker::~MailWorker() { stop(); }

void MailWorker::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void MailWorker::set_periodic(std::function<std::int64_t(std::int64_t)> periodic) {
  {
    std::lock_guard lock(mutex_);
    periodic_ = std::move(periodic);
    woken_ = true;
  }
  wake_.notify_one();
}

void MailWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::int64_t MailWorker::retry_delay_ms(int attempts) {
  std::int64_t delay = retry_base_ms;
  for (int i = 1; i < attempts && delay < retry_max_ms; ++i) delay *= 2;
  return std::min(delay, retry_max_ms);
}

void MailWorker::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    auto periodic = periodic_;
    lock.unlock();
    std::int64_t next = 0;
    try {
      if (relay_configured()) {
        const std::int64_t periodic_next = periodic ? periodic(now_ms_()) : 0;
        send_due();
        next = outbox_.next_due_ms();
        if (periodic_next != 0 && (next == 0 || periodic_next < next)) next = periodic_next;
      } else {
        outbox_.note_unsendable(no_relay_error);
      }
    } catch (const std::exception& e) {
      log_.error("mail worker failed", {{"error", e.what()}});
      next = now_ms_() + retry_base_ms;
    }
    lock.lock();
    if (stopping_ || woken_) continue;
    if (next == 0) {
      wake_.wait(lock, [this] { return stopping_ || woken_; });
    } else {
      const auto wait = std::chrono::milliseconds(std::clamp<std::int64_t>(next - now_ms_(), 0, max_sleep_ms));
      wake_.wait_for(lock, wait, [this] { return stopping_ || woken_; });
    }
  }
}

void MailWorker::send_due() {
  for (;;) {
    auto batch = outbox_.due(now_ms_(), batch_size);
    if (batch.empty()) return;
    for (const auto& row : batch) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      auto result = send_message(relay_, row.mail.recipient, format_message(row.mail, relay_.from, now_ms_()));
      if (result.accepted) {
        outbox_.mark_sent(row.id, now_ms_());
        log_.info("mail sent", {{"message_id", row.mail.message_id}, {"kind", row.mail.kind}});
      } else {
        outbox_.mark_failed(row.id, result.error, now_ms_() + retry_delay_ms(row.attempts + 1));
        log_.warn("mail not sent", {{"message_id", row.mail.message_id}, {"kind", row.mail.kind}, {"attempt", row.attempts + 1},
                                    {"error", result.error}});
      }
    }
    if (static_cast<int>(batch.size()) < batch_size) return;
  }
}

} // namespace pd::mail
