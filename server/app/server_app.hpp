// The HTTP server: owns storage and the stores, sets the limits and security headers,
// registers every route, and serves the browser client.
#pragma once

#include "server/mail/reply_worker.hpp"
#include "server/scheduling/sla_scheduler.hpp"
#include "server/app/services.hpp"
#include "server/auth/link_signer.hpp"
#include "server/http/request_guard.hpp"
#include "server/http/thread_pool.hpp"
#include "server/http/static_files.hpp"

#include <httplib.h>

#include <memory>

namespace pd::app {

class ServerApp {
public:
  ServerApp(const config::Options& options, log::Logger& log);
  ~ServerApp();

  // Binds to the configured host and port (0: any free port); returns the bound port or -1.
  int bind();
  // Serves until stop() is called. Returns false if the server failed.
  bool listen();
  // Blocks until listen() accepts connections (or has failed).
  void wait_until_ready() { server_.wait_until_ready(); }
  // Thread-safe; makes listen() return after in-flight requests finish.
  void stop();

  // Starts firing SLA timers (after the demo program, if any, is loaded).
  void start_scheduler();
  // From here on, commands mail the notifications they make (server/mail/event_mail.hpp);
  // loading the demo program or a benchmark's tickets before it sends nothing.
  void start_event_mail();

  storage::Database& database() { return *db_; }
  Services& services() { return *services_; }

private:
  void configure();

  const config::Options& options_;
  log::Logger& log_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::AccountStore> accounts_;
  std::unique_ptr<storage::SessionStore> sessions_;
  std::unique_ptr<auth::SignInThrottle> throttle_;
  std::unique_ptr<storage::EventStore> event_store_;
  std::unique_ptr<live::EventHub> hub_;
  std::unique_ptr<execution::CommandService> commands_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<storage::FileStore> files_;
  std::unique_ptr<http::RateLimiter> rate_limiter_;
  std::unique_ptr<mail::MailWorker> mail_;
  std::unique_ptr<auth::LinkSigner> links_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<http::StaticFiles> static_files_;
  std::unique_ptr<scheduling::SlaScheduler> scheduler_;
  std::unique_ptr<mail::ReplyWorker> replies_; // replies by email (--imap-url); declared last, so stopped first
  httplib::Server server_;
};

} // namespace pd::app
