// partnerdesk-server: parses settings, opens storage, serves until SIGINT or SIGTERM.
#include "server/app/server_app.hpp"
#include "server/auth/passwords.hpp"
#include "server/config/options.hpp"
#include "server/demo/demo_program.hpp"
#include "server/version.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

int main(int argc, char** argv) {
  using namespace pd;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = config::parse_options(args, [](const char* name) { return std::getenv(name); });
  if (!parsed.options) {
    std::fprintf(parsed.exit_code == 0 ? stdout : stderr, "%s%s", parsed.message.c_str(),
                 parsed.message.empty() || parsed.message.back() == '\n' ? "" : "\n");
    return parsed.exit_code;
  }
  const auto& options = *parsed.options;
  log::Logger logger(options.log_level == "debug" ? log::Level::debug
                     : options.log_level == "warn" ? log::Level::warn
                     : options.log_level == "error" ? log::Level::error
                                                    : log::Level::info);

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
    if (server.database().was_created() && options.demo) demo::load_demo_program(server.services());

    int port = server.bind();
    if (port < 0) {
      logger.error("cannot listen", {{"host", options.host}, {"port", options.port}});
      return 1;
    }
    std::thread signal_thread([&] {
      int sig = 0;
      sigwait(&signals, &sig);
      logger.info("stopping", {{"signal", sig == SIGINT ? "SIGINT" : "SIGTERM"}});
      server.stop();
    });
    logger.info("started", {{"version", version}, {"data", options.data_dir.string()}, {"port", port},
                            {"schema_version", server.database().schema_version()}});
    std::printf("Partnerdesk listening on http://%s:%d\n", options.host.c_str(), port);
    std::fflush(stdout);
    bool ok = server.listen();
    // Wake the signal thread if listen() ended for another reason.
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
    logger.info("stopped");
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    logger.error("fatal", {{"error", e.what()}});
    return 1;
  }
}
