#include "server/config/options.hpp"

#include "server/version.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace pd::config {

namespace {

struct Flag {
  const char* name;     // --name
  const char* env;      // environment variable
  const char* value;    // value placeholder, nullptr for a switch
  const char* help;
  std::function<std::optional<std::string>(Options&, const std::string&)> set; // error text or nothing
};

std::optional<std::string> set_int(int& out, const std::string& v, int lo, int hi, const char* what) {
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi)
    return std::string(what) + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got '" + v + "'";
  out = n;
  return std::nullopt;
}

std::optional<std::string> set_bool(bool& out, const std::string& v, const char* what) {
  if (v == "1" || v == "true" || v == "yes" || v.empty()) out = true;
  else if (v == "0" || v == "false" || v == "no") out = false;
  else return std::string(what) + " must be true or false, got '" + v + "'";
  return std::nullopt;
}

const std::vector<Flag>& flags() {
  static const std::vector<Flag> all = {
      {"host", "PD_HOST", "ADDR", "address to listen on (default 127.0.0.1)",
       [](Options& o, const std::string& v) -> std::optional<std::string> { o.host = v; return std::nullopt; }},
      {"port", "PORT", "N", "TCP port (default 8080; 0 picks a free port)",
       [](Options& o, const std::string& v) { return set_int(o.port, v, 0, 65535, "--port"); }},
      {"data", "DATA_DIR", "DIR", "data directory holding the SQLite database (default ./data)",
       [](Options& o, const std::string& v) -> std::optional<std::string> { o.data_dir = v; return std::nullopt; }},
      {"web-root", "PD_WEB_ROOT", "DIR", "folder with the built browser client (default build/web/public)",
       [](Options& o, const std::string& v) -> std::optional<std::string> { o.web_root = v; return std::nullopt; }},
      {"demo", "PD_DEMO", nullptr, "load the demo program when the database is new",
       [](Options& o, const std::string& v) { return set_bool(o.demo, v, "--demo"); }},
      {"demo-on-public-address", "PD_DEMO_ON_PUBLIC_ADDRESS", nullptr,
       "allow --demo on a non-loopback --host (its accounts share a published password; logged loudly)",
       [](Options& o, const std::string& v) { return set_bool(o.demo_on_public_address, v, "--demo-on-public-address"); }},
      {"max-body-bytes", "PD_MAX_BODY_BYTES", "N", "largest accepted request body (default 1048576)",
       [](Options& o, const std::string& v) {
         int n = 0;
         auto e = set_int(n, v, 1024, 1 << 30, "--max-body-bytes");
         if (!e) o.max_body_bytes = static_cast<std::size_t>(n);
         return e;
       }},
      {"max-training-file-mb", "PD_MAX_TRAINING_FILE_MB", "N", "largest training video or PDF guide in MiB (default 500)",
       [](Options& o, const std::string& v) {
         int n = 0;
         auto e = set_int(n, v, 1, 100'000, "--max-training-file-mb");
         if (!e) o.max_training_file_mb = n;
         return e;
       }},
      {"upload-quota-person-mb", "PD_UPLOAD_QUOTA_PERSON_MB", "N",
       "MiB of files and uploads in progress one customer or agent may hold in a program (default 1024)",
       [](Options& o, const std::string& v) {
         int n = 0;
         auto e = set_int(n, v, 1, 100'000'000, "--upload-quota-person-mb");
         if (!e) o.upload_quota_person_mb = n;
         return e;
       }},
      {"upload-quota-program-mb", "PD_UPLOAD_QUOTA_PROGRAM_MB", "N", "MiB of files and uploads in progress one program may hold (default 20480)",
       [](Options& o, const std::string& v) {
         int n = 0;
         auto e = set_int(n, v, 1, 100'000'000, "--upload-quota-program-mb");
         if (!e) o.upload_quota_program_mb = n;
         return e;
       }},
      {"upload-expiry-seconds", "PD_UPLOAD_EXPIRY_SECONDS", "N", "an unfinished upload without a new piece for this long is removed (default 86400)",
       [](Options& o, const std::string& v) { return set_int(o.upload_expiry_seconds, v, 1, 30 * 24 * 60 * 60, "--upload-expiry-seconds"); }},
      {"session-ttl-hours", "PD_SESSION_TTL_HOURS", "N", "how long a sign-in lasts (default 336 = 14 days)",
       [](Options& o, const std::string& v) {
         int n = 0;
         auto e = set_int(n, v, 1, 24 * 365, "--session-ttl-hours");
         if (!e) o.session_ttl_hours = n;
         return e;
       }},
      {"step-up-minutes", "PD_STEP_UP_MINUTES", "N", "how long a proven two-factor code allows sensitive changes (default 10)",
       [](Options& o, const std::string& v) { return set_int(o.step_up_minutes, v, 1, 24 * 60, "--step-up-minutes"); }},
      {"threads", "PD_THREADS", "N", "HTTP worker threads (default 16)",
       [](Options& o, const std::string& v) { return set_int(o.threads, v, 1, 1024, "--threads"); }},
      {"max-threads", "PD_MAX_THREADS", "N", "upper bound of HTTP threads, grown on demand for live streams (default 2048)",
       [](Options& o, const std::string& v) { return set_int(o.max_threads, v, 1, 65536, "--max-threads"); }},
      {"max-streams", "PD_MAX_STREAMS", "N", "live streams open at once, at most --max-threads minus --stream-reserve (default 1024)",
       [](Options& o, const std::string& v) { return set_int(o.max_streams, v, 1, 65536, "--max-streams"); }},
      {"stream-reserve", "PD_STREAM_RESERVE", "N", "HTTP threads live streams never take, kept for other requests (default 64)",
       [](Options& o, const std::string& v) { return set_int(o.stream_reserve, v, 1, 65535, "--stream-reserve"); }},
      {"streams-per-session", "PD_STREAMS_PER_SESSION", "N", "live streams one sign-in may hold open (default 4)",
       [](Options& o, const std::string& v) { return set_int(o.streams_per_session, v, 1, 65536, "--streams-per-session"); }},
      {"streams-per-person", "PD_STREAMS_PER_PERSON", "N", "live streams one person may hold open over all sign-ins (default 8)",
       [](Options& o, const std::string& v) { return set_int(o.streams_per_person, v, 1, 65536, "--streams-per-person"); }},
      {"streams-per-address", "PD_STREAMS_PER_ADDRESS", "N", "live streams one client address may hold open (default 32)",
       [](Options& o, const std::string& v) { return set_int(o.streams_per_address, v, 1, 65536, "--streams-per-address"); }},
      {"read-timeout", "PD_READ_TIMEOUT", "SECONDS", "time a client may take to send a request (default 5)",
       [](Options& o, const std::string& v) { return set_int(o.read_timeout_seconds, v, 1, 300, "--read-timeout"); }},
      {"write-timeout", "PD_WRITE_TIMEOUT", "SECONDS", "time a client may take to read a response (default 5)",
       [](Options& o, const std::string& v) { return set_int(o.write_timeout_seconds, v, 1, 300, "--write-timeout"); }},
      {"keep-alive", "PD_KEEP_ALIVE", "SECONDS", "idle keep-alive connection lifetime (default 5)",
       [](Options& o, const std::string& v) { return set_int(o.keep_alive_seconds, v, 1, 300, "--keep-alive"); }},
      {"cookie-secure", "PD_COOKIE_SECURE", nullptr, "mark the session cookie Secure (set when served over HTTPS)",
       [](Options& o, const std::string& v) { return set_bool(o.cookie_secure, v, "--cookie-secure"); }},
      {"rate-limit", "PD_RATE_LIMIT", "N", "requests per minute per client address, 0 for no limit (default 1200)",
       [](Options& o, const std::string& v) { return set_int(o.rate_limit_per_minute, v, 0, 10'000'000, "--rate-limit"); }},
      {"rate-burst", "PD_RATE_BURST", "N", "requests a client address may send at once before the limit applies (default 300)",
       [](Options& o, const std::string& v) { return set_int(o.rate_burst, v, 1, 10'000'000, "--rate-burst"); }},
      {"hash-concurrency", "PD_HASH_CONCURRENCY", "N", "password hashes (64 MiB each) run at once (default 0: half the cores, from 1 to 8)",
       [](Options& o, const std::string& v) { return set_int(o.hash_concurrency, v, 0, 256, "--hash-concurrency"); }},
      {"hash-wait-ms", "PD_HASH_WAIT_MS", "N", "how long a request may wait for a hashing slot before 503 (default 2000)",
       [](Options& o, const std::string& v) { return set_int(o.hash_wait_ms, v, 0, 60'000, "--hash-wait-ms"); }},
      {"trusted-proxy", "PD_TRUSTED_PROXY", "ADDR", "reverse proxy whose X-Forwarded-For names the client (default: none, header ignored)",
       [](Options& o, const std::string& v) -> std::optional<std::string> { o.trusted_proxy = v; return std::nullopt; }},
      {"smtp-url", "PD_SMTP_URL", "URL", "mail relay: smtp://HOST:PORT (STARTTLS required) or smtps://HOST:PORT (TLS); default none, nothing sent",
       [](Options& o, const std::string& v) -> std::optional<std::string> {
         if (v.rfind("smtp://", 0) != 0 && v.rfind("smtps://", 0) != 0) return "--smtp-url must start with smtp:// or smtps://, got '" + v + "'";
         o.smtp_url = v;
         return std::nullopt;
       }},
      {"smtp-user", "PD_SMTP_USER", "NAME", "account at the mail relay (default none: no authentication)",
       [](Options& o, const std::string& v) -> std::optional<std::string> { o.smtp_user = v; return std::nullopt; }},
      {"smtp-password", "PD_SMTP_PASSWORD", "SECRET", "password at the mail relay (prefer the environment variable: flags show in ps)",
       [](Options& o, const std::string& v) -> std::optional<std::string> { o.smtp_password = v; return std::nullopt; }},
      {"smtp-plain", "PD_SMTP_PLAIN", nullptr, "talk to an smtp:// relay without STARTTLS (only a relay on this machine)",
       [](Options& o, const std::string& v) { return set_bool(o.smtp_plain, v, "--smtp-plain"); }},
      {"mail-from", "PD_MAIL_FROM", "ADDR", "sender address of outgoing mail (required with --smtp-url)",
       [](Options& o, const std::string& v) -> std::optional<std::string> { o.mail_from = v; return std::nullopt; }},
      {"public-url", "PD_PUBLIC_URL", "URL", "address people open Partnerdesk at, the base of links in mail (e.g. https://desk.example.com)",
       [](Options& o, const std::string& v) -> std::optional<std::string> {
         if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) return "--public-url must start with http:// or https://, got '" + v + "'";
         o.public_url = v;
         while (!o.public_url.empty() && o.public_url.back() == '/') o.public_url.pop_back();
         return std::nullopt;
       }},
      {"password-reset-minutes", "PD_PASSWORD_RESET_MINUTES", "N", "how long a password reset link works (default 60)",
       [](Options& o, const std::string& v) { return set_int(o.password_reset_minutes, v, 0, 24 * 60, "--password-reset-minutes"); }},
      {"digest-hour", "PD_DIGEST_HOUR", "H", "hour of the day (UTC, 0-23) daily mail digests go out (default 8)",
       [](Options& o, const std::string& v) { return set_int(o.digest_hour, v, 0, 23, "--digest-hour"); }},
      {"reply-address", "PD_REPLY_ADDRESS", "ADDR", "support mailbox replies to ticket mail go to, plus-addressed per ticket (e.g. support@example.com); default none: replies by email off",
       [](Options& o, const std::string& v) -> std::optional<std::string> {
         const auto at = v.rfind('@');
         if (!v.empty() && (at == std::string::npos || at == 0 || at + 1 == v.size() || v.find_first_of(" <>+\"") != std::string::npos))
           return "--reply-address must be a plain address without '+' like support@example.com, got '" + v + "'";
         o.reply_address = v;
         return std::nullopt;
       }},
      {"imap-url", "PD_IMAP_URL", "URL", "mailbox replies are fetched from: imaps://HOST[:PORT]/MAILBOX or imap://HOST:PORT/MAILBOX (STARTTLS required); default none",
       [](Options& o, const std::string& v) -> std::optional<std::string> {
         if (v.rfind("imap://", 0) != 0 && v.rfind("imaps://", 0) != 0) return "--imap-url must start with imap:// or imaps://, got '" + v + "'";
         o.imap_url = v;
         return std::nullopt;
       }},
      {"imap-user", "PD_IMAP_USER", "NAME", "account at the IMAP server",
       [](Options& o, const std::string& v) -> std::optional<std::string> { o.imap_user = v; return std::nullopt; }},
      {"imap-password", "PD_IMAP_PASSWORD", "SECRET", "password at the IMAP server (prefer the environment variable: flags show in ps)",
       [](Options& o, const std::string& v) -> std::optional<std::string> { o.imap_password = v; return std::nullopt; }},
      {"imap-plain", "PD_IMAP_PLAIN", nullptr, "talk to an imap:// server without STARTTLS (only a server on this machine)",
       [](Options& o, const std::string& v) { return set_bool(o.imap_plain, v, "--imap-plain"); }},
      {"imap-poll-seconds", "PD_IMAP_POLL_SECONDS", "N", "how often the mailbox is looked at for replies (default 60)",
       [](Options& o, const std::string& v) { return set_int(o.imap_poll_seconds, v, 1, 24 * 60 * 60, "--imap-poll-seconds"); }},
      {"log-level", "PD_LOG_LEVEL", "LEVEL", "debug, info, warn or error (default info)",
       [](Options& o, const std::string& v) -> std::optional<std::string> {
         if (v != "debug" && v != "info" && v != "warn" && v != "error") return "--log-level must be debug, info, warn or error";
         o.log_level = v;
         return std::nullopt;
       }},
  };
  return all;
}

} // namespace

std::string help_text() {
  std::ostringstream out;
  out << "Partnerdesk server " << version << "\n\n"
      << "Usage: partnerdesk-server [FLAGS]\n"
      << "       partnerdesk-server backup --to FILE [--data DIR]   online backup of the live database\n"
      << "       partnerdesk-server check [--data DIR]              replay the event log and compare the projections\n\n"
      << "Serves the Partnerdesk API and browser client from one SQLite database.\n\n"
      << "Flags (each also read from the environment variable shown; a flag wins):\n";
  for (const auto& f : flags()) {
    std::string left = std::string("  --") + f.name + (f.value ? std::string(" ") + f.value : "");
    out << left << std::string(left.size() < 28 ? 28 - left.size() : 1, ' ') << f.help << "  [" << f.env << "]\n";
  }
  out << "  --help                    print this help and exit\n"
      << "  --version                 print the version and exit\n";
  return out.str();
}

ParseOutcome parse_options(const std::vector<std::string>& args, const EnvLookup& env) {
  Options o;
  for (const auto& f : flags()) {
    if (const char* v = env(f.env); v && *v) {
      if (auto e = f.set(o, v)) return {std::nullopt, 2, std::string(f.env) + ": " + *e};
    }
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--help" || a == "-h") return {std::nullopt, 0, help_text()};
    if (a == "--version") return {std::nullopt, 0, std::string("partnerdesk-server ") + version + "\n"};
    if (a.rfind("--", 0) != 0) return {std::nullopt, 2, "unexpected argument '" + a + "' (see --help)"};
    std::string name = a.substr(2), value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    const Flag* flag = nullptr;
    for (const auto& f : flags())
      if (name == f.name) flag = &f;
    if (!flag) return {std::nullopt, 2, "unknown flag '--" + name + "' (see --help)"};
    if (flag->value && !has_value) {
      if (i + 1 >= args.size()) return {std::nullopt, 2, "--" + name + " needs a value"};
      value = args[++i];
    }
    if (auto e = flag->set(o, value)) return {std::nullopt, 2, *e};
  }
  if (o.demo && !o.demo_on_public_address && !is_loopback(o.host))
    return {std::nullopt, 2,
            "--demo loads accounts whose password is published in the README, so it runs only on a loopback address "
            "(--host 127.0.0.1). To start a real deployment leave --demo out (see docs/operations.md); to show the demo "
            "on another address anyway, add --demo-on-public-address"};
  if (!o.smtp_url.empty() && o.mail_from.empty())
    return {std::nullopt, 2, "--smtp-url needs --mail-from, the sender address of outgoing mail"};
  if (!o.smtp_url.empty() && o.public_url.empty())
    return {std::nullopt, 2, "--smtp-url needs --public-url, the address links in mail lead to (e.g. https://desk.example.com)"};
  if (o.smtp_plain && !o.smtp_url.empty()) {
    // smtp://HOST:PORT: a relay reached without TLS must be on this machine.
    std::string relay_host = o.smtp_url.substr(o.smtp_url.find("://") + 3);
    relay_host = relay_host.substr(0, relay_host.rfind(':') == std::string::npos ? relay_host.size() : relay_host.rfind(':'));
    if (o.smtp_url.rfind("smtps://", 0) == 0 || !is_loopback(relay_host))
      return {std::nullopt, 2, "--smtp-plain is only for an smtp:// relay on this machine (127.0.0.1, ::1, localhost): credentials and mail would cross the network in clear"};
  }
  if (!o.imap_url.empty() && o.reply_address.empty())
    return {std::nullopt, 2, "--imap-url needs --reply-address, the address replies are sent to (e.g. support@example.com)"};
  if (o.imap_plain && !o.imap_url.empty()) {
    // imap://HOST:PORT/MAILBOX: a mailbox reached without TLS must be on this machine.
    std::string imap_host = o.imap_url.substr(o.imap_url.find("://") + 3);
    imap_host = imap_host.substr(0, imap_host.find('/'));
    if (auto at = imap_host.rfind('@'); at != std::string::npos) imap_host = imap_host.substr(at + 1);
    if (imap_host.rfind(':') != std::string::npos && imap_host.back() != ']') imap_host = imap_host.substr(0, imap_host.rfind(':'));
    if (o.imap_url.rfind("imaps://", 0) == 0 || !is_loopback(imap_host))
      return {std::nullopt, 2, "--imap-plain is only for an imap:// server on this machine (127.0.0.1, ::1, localhost): credentials and mail would cross the network in clear"};
  }
  if (stream_capacity(o) < 1)
    return {std::nullopt, 2,
            "--max-threads (" + std::to_string(std::max(o.max_threads, o.threads)) + ") must be larger than --stream-reserve (" +
                std::to_string(o.stream_reserve) + "): live streams use only the threads above the reserve"};
  return {o, 0, {}};
}

int stream_capacity(const Options& options) {
  return std::min(options.max_streams, std::max(options.max_threads, options.threads) - options.stream_reserve);
}

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  // 127.0.0.0/8 in dotted form.
  if (host.rfind("127.", 0) != 0) return false;
  int dots = 1;
  for (std::size_t i = 4; i < host.size(); ++i) {
    if (host[i] == '.') ++dots;
    else if (host[i] < '0' || host[i] > '9') return false;
  }
  return dots == 3 && host.back() != '.';
}

} // namespace pd::config
