// Every server setting, from flags or environment variables (a flag wins over its variable).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pd::config {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080; // 0: any free port
  std::filesystem::path data_dir = "data";
  std::filesystem::path web_root = "build/web/public";
  bool demo = false;
  bool demo_on_public_address = false; // --demo is refused on a non-loopback address without it
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
  std::int64_t max_training_file_mb = 500; // training videos and PDF guides, per file
  std::int64_t upload_quota_person_mb = 1024;   // files and uploads in progress of one customer or agent, per program
  std::int64_t upload_quota_program_mb = 20480; // files and uploads in progress of one program
  int upload_expiry_seconds = 24 * 60 * 60;     // an upload without a piece for this long is removed
  std::int64_t session_ttl_hours = std::int64_t{24} * 14;
  int step_up_minutes = 10; // how long a proven second factor allows sensitive changes
  int threads = 16;
  int max_threads = 2048; // live streams each hold a connection thread
  // Live streams (each holds a connection thread while open): at most max_streams, and never
  // more than max_threads - stream_reserve, so the reserve always serves ordinary requests.
  int max_streams = 1024;
  int stream_reserve = 64;
  int streams_per_session = 4;
  int streams_per_person = 8;
  int streams_per_address = 32;
  int read_timeout_seconds = 5;
  int write_timeout_seconds = 5;
  int keep_alive_seconds = 5;
  bool cookie_secure = false;
  int rate_limit_per_minute = 1200; // per client address; 0 turns the limit off
  int rate_burst = 300;
  int hash_concurrency = 0;         // password hashes at once; 0: half the cores, from 1 to 8 (auth/hash_gate.hpp)
  int hash_wait_ms = 2000;          // how long a sign-in may wait for a hashing slot before 503
  std::string trusted_proxy;        // address whose X-Forwarded-For is believed
  std::size_t max_header_count = 64;
  std::size_t max_header_bytes = 8192; // any one header value
  std::string log_level = "info";
  // Outgoing mail (server/mail): the relay (smtp://host:port with STARTTLS, smtps://host:port
  // with TLS; empty: none, nothing is sent), its account, the sender, and the base of links in mail.
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password;
  bool smtp_plain = false; // smtp:// without STARTTLS: a relay on this machine only
  std::string mail_from;
  std::string public_url;  // e.g. https://desk.example.com; empty: http://HOST:PORT
  int password_reset_minutes = 60; // how long a password reset link works (0: not at all, for tests)
  int digest_hour = 8;             // the hour (UTC) daily mail digests go out
  // Replies by email (server/mail/reply_address.hpp, server/mail/reply_worker.hpp): the support
  // mailbox's address that ticket mail carries as Reply-To, plus-addressed per ticket (empty:
  // replies by email are off), and the IMAP mailbox those replies are fetched from.
  std::string reply_address;
  std::string imap_url; // imaps://host[:port]/MAILBOX, or imap://host:port/MAILBOX with imap_plain; empty: not fetched
  std::string imap_user;
  std::string imap_password;
  bool imap_plain = false; // imap:// without STARTTLS: a mailbox on this machine only
  int imap_poll_seconds = 60;
};

struct ParseOutcome {
  std::optional<Options> options; // empty: exit with exit_code after printing message
  int exit_code = 0;
  std::string message; // help or version text (stdout), or an error (stderr)
};

using EnvLookup = std::function<const char*(const char*)>;

// Whether a listening address reaches this machine only (127.0.0.0/8, ::1, localhost).
bool is_loopback(const std::string& host);

// How many live streams may be open at once: max_streams, lowered to leave stream_reserve of
// the HTTP threads (the larger of threads and max_threads) to ordinary requests.
int stream_capacity(const Options& options);

ParseOutcome parse_options(const std::vector<std::string>& args, const EnvLookup& env);
std::string help_text();

} // namespace pd::config
