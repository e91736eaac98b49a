// partnerdesk-server: serves Partnerdesk, or runs one maintenance command.
//   partnerdesk-server [FLAGS]                       serve until SIGINT or SIGTERM
//   partnerdesk-server backup --to FILE [--data DIR] online backup of the live database
//   partnerdesk-server check [--data DIR]            replay the log, compare the projections
#include "server/app/server_app.hpp"
#include "server/auth/passwords.hpp"
#include "server/config/options.hpp"
#include "server/demo/demo_program.hpp"
#include "server/version.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <thread>

namespace {

using namespace pd;

int print_outcome(const config::ParseOutcome& parsed) {
  std::fprintf(parsed.exit_code == 0 ? stdout : stderr, "%s%s", parsed.message.c_str(),
               parsed.message.empty() || parsed.message.back() == '\n' ? "" : "\n");
  return parsed.exit_code;
}

config::ParseOutcome parse(const std::vector<std::string>& args) {
  return config::parse_options(args, [](const char* name) { return std::getenv(name); });
}

// Each live stream holds a socket: allow as many open files as the system lets us.
void raise_open_file_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

int backup_command(std::vector<std::string> args) {
  std::string to;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--to" && i + 1 < args.size()) {
      to = args[i + 1];
      args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
      break;
    }
    if (args[i].rfind("--to=", 0) == 0) {
      to = args[i].substr(5);
      args.erase(args.begin() + static_cast<long>(i));
      break;
    }
  }
  if (to.empty()) {
    std::fprintf(stderr, "usage: partnerdesk-server backup --to FILE [--data DIR]\n");
    return 2;
  }
  auto parsed = parse(args);
  if (!parsed.options) return print_outcome(parsed);
  // The backup holds every program's data: it is created here, new, as a plain file readable
  // by the owner only. An existing file or a symlink (even a dangling one) is refused, so the
  // command never writes through a link to somewhere else.
  const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    std::fprintf(stderr, "%s exists or cannot be created (%s): choose a new file for the backup\n", to.c_str(), std::strerror(errno));
    return 2;
  }
  struct stat created {};
  ::fstat(fd, &created);
  try {
    auto file = parsed.options->data_dir / "partnerdesk.db";
    if (!std::filesystem::exists(file)) {
      ::close(fd);
      ::unlink(to.c_str());
      std::fprintf(stderr, "no database at %s\n", file.c_str());
      return 1;
    }
    storage::Database db(file);
    db.backup_to(to);
    // The file written must still be the one created above (not replaced in between).
    struct stat written {};
    if (::lstat(to.c_str(), &written) != 0 || written.st_ino != created.st_ino || written.st_dev != created.st_dev) {
      ::close(fd);
      std::fprintf(stderr, "backup failed: %s was replaced while the backup was written\n", to.c_str());
      return 1;
    }
    ::close(fd);
    std::printf("backup of %s written to %s\n", file.c_str(), to.c_str());
    return 0;
  } catch (const std::exception& e) {
    ::close(fd);
    ::unlink(to.c_str());
    std::fprintf(stderr, "backup failed: %s\n", e.what());
    return 1;
  }
}

int check_command(const std::vector<std::string>& args) {
  auto parsed = parse(args);
  if (!parsed.options) return print_outcome(parsed);
  try {
    auto file = parsed.options->data_dir / "partnerdesk.db";
    if (!std::filesystem::exists(file)) {
      std::fprintf(stderr, "no database at %s\n", file.c_str());
      return 1;
    }
    storage::Database db(file);
    live::EventHub hub;
    execution::CommandService service(db, hub);
    // Replay into memory only: verify() compares without writing.
    auto differ = service.verify_after_replay();
    std::printf("%zu events replayed; projections %s\n", service.event_count(),
                differ.empty() ? "agree with the log" : "DIFFER from the log");
    for (auto id : differ) std::printf("  program %lld differs\n", static_cast<long long>(id));
    return differ.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "check failed: %s\n", e.what());
    return 1;
  }
}

int serve(const config::Options& options) {
  log::Logger logger(options.log_level == "debug" ? log::Level::debug
                     : options.log_level == "warn" ? log::Level::warn
                     : options.log_level == "error" ? log::Level::error
                                                    : log::Level::info);
  raise_open_file_limit();
  // Signals are handled by one thread with sigwait, never inside a signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  try {
    auth::init_crypto();
    app::ServerApp server(options, logger);
    if (server.database().was_created() && options.demo) {
      if (!config::is_loopback(options.host))
        logger.warn("DEMO ACCOUNTS ON A PUBLIC ADDRESS: the demo program's owner accounts share a published password",
                    {{"host", options.host}, {"flag", "--demo-on-public-address"}});
      demo::load_demo_program(server.services());
    }
    server.start_event_mail();
    server.start_scheduler();

    int port = server.bind();
    if (port < 0) {
      logger.error("cannot listen", {{"host", options.host}, {"port", options.port}});
      return 1;
    }
    // Serve on a thread of its own; announce only once the server accepts connections, so a
    // signal right after the announcement is never lost.
    std::atomic<bool> finished{false};
    bool ok = true;
    std::thread http([&] {
      ok = server.listen();
      finished = true;
    });
    server.wait_until_ready();
    if (!config::is_loopback(options.host) && !options.cookie_secure && options.trusted_proxy.empty())
      logger.warn("serving a non-loopback address without TLS: sign-ins and session cookies cross the network in clear. "
                  "Put a TLS-terminating proxy in front and start with --trusted-proxy ADDR (it must send X-Forwarded-Proto: https) "
                  "or --cookie-secure",
                  {{"host", options.host}});
    logger.info("started", {{"version", version}, {"data", options.data_dir.string()}, {"port", port},
                            {"schema_version", server.database().schema_version()}});
    std::printf("Partnerdesk listening on http://%s:%d\n", options.host.c_str(), port);
    std::fflush(stdout);
    const timespec tick{0, 200'000'000};
    while (!finished) {
      int sig = sigtimedwait(&signals, nullptr, &tick);
      if (sig == SIGINT || sig == SIGTERM) {
        logger.info("stopping", {{"signal", sig == SIGINT ? "SIGINT" : "SIGTERM"}});
        server.stop();
        break;
      }
    }
    http.join();
    logger.info("stopped");
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    logger.error("fatal", {{"error", e.what()}});
    return 1;
  }
}

} // namespace

int main(int argc, char** argv) {
  // Everything the server creates (database, its log, uploaded files, backups) is for its own
  // user only: files 0600, folders 0700.
  ::umask(077);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "backup") return backup_command({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "check") return check_command({args.begin() + 1, args.end()});
  auto parsed = parse(args);
  if (!parsed.options) return print_outcome(parsed);
  return serve(*parsed.options);
}
