// Starts a real partnerdesk-server process on a free port with its own temporary data
// directory and web root, and stops it at the end. Tests talk to it over HTTP.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace pd::testing {

class ServerProcess {
public:
  // extra: additional flags. demo: load the demo program. prepare: called with the web root
  // (already holding index.html, partnerdesk.js and partnerdesk.wasm) before the server starts.
  // env: NAME=value entries added to the server's environment.
  explicit ServerProcess(std::vector<std::string> extra = {}, bool demo = true,
                         const std::function<void(const std::filesystem::path&)>& prepare = {}, std::vector<std::string> env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  int pid() const { return pid_; } // the server process (its /proc entry), -1 once stopped
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  const std::filesystem::path& web_root() const { return web_root_; }
  httplib::Client client() const;

  // Sends SIGTERM and waits; returns the exit status.
  int stop();
  // SIGKILL: no chance to finish anything.
  void kill_hard();

private:
  std::filesystem::path dir_, data_dir_, web_root_;
  int pid_ = -1;
  int port_ = 0;
};

// A server whose wall clock a test moves (libfaketime, Debian package faketime): the clock
// reads its offset from a file at every call, so shift("+11m") takes effect at once.
class ShiftableClock {
public:
  ShiftableClock();
  ~ShiftableClock();
  ShiftableClock(const ShiftableClock&) = delete;
  ShiftableClock& operator=(const ShiftableClock&) = delete;
  std::vector<std::string> env() const; // for ServerProcess
  void shift(const std::string& offset);  // "+11m", "+2d": from now on, relative to the real clock
private:
  std::filesystem::path file_;
};

// A client request helper: JSON body with the CSRF header set.
httplib::Headers api_headers(const std::string& cookie = {});
// "pd_session=..." from a Set-Cookie header, or empty.
std::string session_cookie_of(const httplib::Result& res);

// Runs the server binary with args and returns (exit code, stdout+stderr).
std::pair<int, std::string> run_server_command(const std::vector<std::string>& args);

} // namespace pd::testing
