// What route handlers may use: the settings, the log, the clock and the stores. One
// Services object is owned by the ServerApp; handlers get it by reference.
#pragma once

#include "server/app/metrics.hpp"
#include "server/auth/link_signer.hpp"
#include "server/auth/sign_in_throttle.hpp"
#include "server/execution/command_service.hpp"
#include "server/live/event_hub.hpp"
#include "server/config/options.hpp"
#include "server/log/logger.hpp"
#include "server/mail/mail_worker.hpp"
#include "server/storage/accounts.hpp"
#include "server/storage/database.hpp"
#include "server/storage/event_store.hpp"
#include "server/storage/file_store.hpp"
#include "server/storage/sessions.hpp"

#include <cstdint>
#include <functional>

namespace pd::app {

struct Services {
  const config::Options& options;
  log::Logger& log;
  std::function<std::int64_t()> now_ms; // the server's clock, milliseconds since the epoch
  storage::Database& db;
  storage::AccountStore& accounts;
  storage::SessionStore& sessions;
  auth::SignInThrottle& sign_in_throttle;
  storage::EventStore& events;
  live::EventHub& hub;
  execution::CommandService& commands;
  Metrics& metrics;
  storage::FileStore& files;
  mail::MailWorker& mail; // the outbox and its sender (wake() after queueing mail)
  auth::LinkSigner& links; // signs links and addresses in mail that carry no session
};

} // namespace pd::app
