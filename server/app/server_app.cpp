#include "server/app/server_app.hpp"

#include "server/auth/tokens.hpp"
#include "server/http/responses.hpp"
#include "server/log/redact.hpp"
#include "server/mail/event_mail.hpp"
#include "server/routes/routes.hpp"

#include <chrono>
#include <exception>

namespace pd::app {

namespace {

std::int64_t system_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The client is one same-origin wasm app: scripts and wasm from self only, no inline script.
constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

} // namespace

ServerApp::ServerApp(const config::Options& options, log::Logger& log) : options_(options), log_(log) {
  std::filesystem::create_directories(options_.data_dir);
  // The data folder holds every program's data: its owner only, also when made by an older
  // version or by hand (what is created inside it is 0600/0700 by the process's umask).
  std::filesystem::permissions(options_.data_dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
  db_ = std::make_unique<storage::Database>(options_.data_dir / "partnerdesk.db");
  accounts_ = std::make_unique<storage::AccountStore>(*db_);
  sessions_ = std::make_unique<storage::SessionStore>(*db_);
  throttle_ = std::make_unique<auth::SignInThrottle>();
  hub_ = std::make_unique<live::EventHub>();
  commands_ = std::make_unique<execution::CommandService>(*db_, *hub_);
  event_store_ = std::make_unique<storage::EventStore>(*db_, commands_->customer_keys()); // the live streams' reader of the log
  commands_->load();
  metrics_ = std::make_unique<Metrics>();
  files_ = std::make_unique<storage::FileStore>(
      *db_, options_.data_dir,
      storage::UploadLimits{options_.upload_quota_program_mb * 1024 * 1024, options_.upload_quota_person_mb * 1024 * 1024,
                            static_cast<std::int64_t>(options_.upload_expiry_seconds) * 1000});
  commands_->set_erasure_hook([this](const std::vector<std::string>& unreferenced) {
    for (const auto& sha : unreferenced) files_->remove_unreferenced(sha);
  });
  rate_limiter_ = std::make_unique<http::RateLimiter>(options_.rate_limit_per_minute, options_.rate_burst);
  mail_ = std::make_unique<mail::MailWorker>(*db_, options_, log_, system_now_ms);
  links_ = std::make_unique<auth::LinkSigner>(auth::LinkSigner::from_database(*db_));
  services_ = std::make_unique<Services>(Services{options_, log_, system_now_ms, *db_, *accounts_, *sessions_, *throttle_, *event_store_,
                                                  *hub_, *commands_, *metrics_, *files_, *mail_, *links_});
  static_files_ = std::make_unique<http::StaticFiles>(options_.web_root);
  if (!options_.imap_url.empty()) replies_ = std::make_unique<mail::ReplyWorker>(*services_); // server/mail/reply_worker.hpp
  if (static_files_->file_count() == 0)
    log_.warn("no browser client to serve: the web root is missing or empty", {{"web_root", options_.web_root.string()}});
  configure();
}

ServerApp::~ServerApp() = default;

void ServerApp::configure() {
  auto& s = server_;
  // A base pool for requests, grown on demand up to max_threads: every open live stream holds
  // one thread, and must not starve ordinary requests.
  const auto threads = static_cast<std::size_t>(options_.threads);
  const auto max_threads = static_cast<std::size_t>(std::max(options_.max_threads, options_.threads));
  s.new_task_queue = [threads, max_threads] { return new http::GrowingThreadPool(threads, max_threads); };
  s.set_payload_max_length(options_.max_body_bytes);
  s.set_read_timeout(options_.read_timeout_seconds, 0);
  s.set_write_timeout(options_.write_timeout_seconds, 0);
  s.set_keep_alive_timeout(options_.keep_alive_seconds);
  s.set_keep_alive_max_count(1000);

  s.set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Content-Security-Policy", content_security_policy},
  });

  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Request-Id", auth::new_request_id());
    if (http::refuse_oversized_headers(req, res, options_) || http::refuse_oversized_body(req, res, options_))
      return httplib::Server::HandlerResponse::Handled;
    if (auto wait = rate_limiter_->take(http::client_address(req, options_), system_now_ms()); wait > 0) {
      metrics_->rate_limited();
      res.set_header("Retry-After", std::to_string((wait + 999) / 1000));
      http::send_error(res, 429, core::ErrorCode::rate_limited, "Too many requests from your address. Slow down and retry.");
      return httplib::Server::HandlerResponse::Handled;
    }
    // CSRF: unsafe API requests carry X-Requested-With (except the billing system's API-key
    // route without a session cookie; see request_guard.hpp).
    if (http::refuse_cross_site_write(req, res)) return httplib::Server::HandlerResponse::Handled;
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Signed-in answers are personal and change with every command: no browser or proxy keeps
  // them. A route that sets its own Cache-Control (content-addressed files) keeps it.
  s.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/", 0) == 0 && !res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  });

  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    http::fill_error_body(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });

  s.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_.error("request failed", {{"path", log::redact_path(req.path)}, {"method", req.method}, {"error", what}});
    http::send_error(res, 500, core::ErrorCode::internal, "The server failed to handle the request.");
  });

  s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - req.start_time_).count();
    metrics_->observe(res.status, elapsed / 1000.0);
    if (!log_.enabled(log::Level::info)) return;
    log_.info("request", {{"request_id", res.get_header_value("X-Request-Id")},
                          {"method", req.method},
                          {"path", log::redact_path(req.path)}, // no invitation token or key in the log
                          {"status", res.status},
                          {"ms", static_cast<double>(static_cast<long long>(elapsed * 100)) / 100.0},
                          {"remote", http::client_address(req, options_)}});
  });

  routes::register_health_routes(s, *services_);
  routes::register_session_routes(s, *services_);
  routes::register_me_routes(s, *services_);
  routes::register_account_routes(s, *services_);
  routes::register_program_routes(s, *services_);
  routes::register_event_routes(s, *services_);
  routes::register_support_routes(s, *services_);
  routes::register_file_routes(s, *services_);
  routes::register_billing_routes(s, *services_);
  routes::register_commission_routes(s, *services_);
  routes::register_knowledge_routes(s, *services_);
  routes::register_routing_routes(s, *services_);
  routes::register_held_mail_routes(s, *services_);
  routes::register_mail_routes(s, *services_);
  routes::register_triage_routes(s, *services_);
  routes::register_two_factor_routes(s, *services_);
  routes::register_password_routes(s, *services_);
  routes::register_verification_routes(s, *services_);
  routes::register_email_change_routes(s, *services_);

  // Everything else under GET is the browser client (or a JSON 404 for unknown API paths).
  s.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/", 0) != 0 && static_files_->serve(req, res)) return;
    res.status = 404;
  });
}

int ServerApp::bind() {
  if (options_.port == 0) return server_.bind_to_any_port(options_.host);
  return server_.bind_to_port(options_.host, options_.port) ? options_.port : -1;
}

bool ServerApp::listen() { return server_.listen_after_bind(); }

void ServerApp::start_event_mail() {
  const mail::EventMailSettings settings{options_, *links_, mail_->message_host()};
  commands_->set_mail_hook(
      [this, settings](const domain::ProgramState& after, const domain::Event& event, std::span<const domain::FreshNotification> fresh,
                       const std::string& invitation_link) {
        return mail::queue_event_mail(*db_, settings, after, event, fresh, invitation_link, system_now_ms());
      },
      [this] { mail_->wake(); });
  mail_->set_periodic([this, settings](std::int64_t now) {
    mail::queue_due_digests(*db_, settings, now);
    return mail::next_digest_ms(*db_, options_.digest_hour);
  });
}

void ServerApp::start_scheduler() {
  if (!scheduler_) scheduler_ = std::make_unique<scheduling::SlaScheduler>(*commands_, log_, services_->now_ms);
}

void ServerApp::stop() {
  if (scheduler_) scheduler_->stop();
  if (replies_) replies_->stop();
  mail_->stop();
  hub_->close(); // live streams end, so their threads are free for shutdown
  server_.stop();
}

} // namespace pd::app
