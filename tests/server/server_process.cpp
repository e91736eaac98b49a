#include "server_process.hpp"
#include "tests/test_paths.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace pd::testing {

namespace fs = std::filesystem;

ServerProcess::ServerProcess(std::vector<std::string> extra, bool demo,
                             const std::function<void(const std::filesystem::path&)>& prepare, std::vector<std::string> env) {
  char tmpl[] = "/tmp/pd-server-test-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  data_dir_ = dir_ / "data";
  web_root_ = dir_ / "web";
  fs::create_directories(web_root_);
  std::ofstream(web_root_ / "index.html") << "<!doctype html><title>Partnerdesk</title><canvas id=canvas></canvas>"
                                          << std::string(2000, ' ') << "\n";
  std::string wasm("\0asm\1\0\0\0", 8);
  wasm += std::string(4096, 'x');
  std::ofstream(web_root_ / "partnerdesk.wasm", std::ios::binary) << wasm;
  std::ofstream(web_root_ / "partnerdesk.js") << "console.log('partnerdesk');" << std::string(3000, '/') << "\n";
  if (prepare) prepare(web_root_);

  std::vector<std::string> args = {pd::testing::server_bin(), "--port", "0", "--host", "127.0.0.1", "--data", data_dir_.string(),
                                   "--web-root", web_root_.string(), "--log-level", "warn", "--rate-limit", "0"};
  if (demo) args.push_back("--demo");
  args.insert(args.end(), extra.begin(), extra.end());

  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive a crashed test
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    for (auto& e : env) putenv(e.data()); // the child's own copy of `env` lives until exec
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  // The server prints "Partnerdesk listening on http://HOST:PORT" when ready.
  FILE* f = fdopen(out[0], "r");
  char line[512];
  while (std::fgets(line, sizeof line, f)) {
    std::string s(line);
    auto at = s.find("listening on http://");
    if (at != std::string::npos) {
      port_ = std::atoi(s.c_str() + s.rfind(':') + 1);
      break;
    }
  }
  std::fclose(f);
  if (port_ == 0) {
    stop();
    throw std::runtime_error("the server did not start");
  }
}

ShiftableClock::ShiftableClock() {
  char tmpl[] = "/tmp/pd-clock-XXXXXX";
  const int fd = mkstemp(tmpl);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  file_ = tmpl;
  shift("+0");
}

ShiftableClock::~ShiftableClock() {
  std::error_code ec;
  fs::remove(file_, ec);
}

std::vector<std::string> ShiftableClock::env() const {
  const char* lib = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
  if (!fs::exists(lib)) throw std::runtime_error(std::string(lib) + " not found: install the faketime package (scripts/setup.sh)");
  std::string asan = "ASAN_OPTIONS=verify_asan_link_order=0";
  if (const char* given = std::getenv("ASAN_OPTIONS")) asan += std::string(":") + given;
  return {std::string("LD_PRELOAD=") + lib, "FAKETIME_TIMESTAMP_FILE=" + file_.string(), "FAKETIME_NO_CACHE=1",
          "FAKETIME_DONT_FAKE_MONOTONIC=1", asan};
}

void ShiftableClock::shift(const std::string& offset) {
  // Replaced whole (rename): no clock call reads it half written.
  const auto next = file_.string() + ".next";
  std::ofstream(next) << offset << "\n";
  fs::rename(next, file_);
}

ServerProcess::~ServerProcess() {
  stop();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

httplib::Client ServerProcess::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_connection_timeout(5);
  c.set_read_timeout(10);
  return c;
}

httplib::Headers api_headers(const std::string& cookie) {
  httplib::Headers h = {{"X-Requested-With", "partnerdesk"}};
  if (!cookie.empty()) h.emplace("Cookie", cookie);
  return h;
}

std::string session_cookie_of(const httplib::Result& res) {
  if (!res) return {};
  // A sign-in may also set the device cookie: the session's is looked for among them.
  const auto [begin, end] = res->headers.equal_range("Set-Cookie");
  for (auto it = begin; it != end; ++it) {
    auto first = it->second.substr(0, it->second.find(';'));
    if (first.rfind("pd_session=", 0) == 0 && first.size() > 11) return first;
  }
  return {};
}

std::pair<int, std::string> run_server_command(const std::vector<std::string>& args) {
  std::string cmd = pd::testing::server_bin();
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

} // namespace pd::testing
