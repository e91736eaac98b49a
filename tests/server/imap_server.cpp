#include "imap_server.hpp"
#include "tests/test_paths.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace pd::testing {

namespace fs = std::filesystem;

ImapServer::ImapServer() {
  char tmpl[] = "/tmp/pd-imap-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  chmod(dir_.c_str(), 0755); // run as root, Dovecot serves the mailbox as nobody
  const std::string script = pd::testing::source_dir() + "/tests/mail/dovecot.py";
  const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<std::string> args = {python, script, "--port", "0", "--dir", (dir_ / "dovecot").string()};
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[512];
  while (std::fgets(line, sizeof line, f)) {
    std::string s(line);
    const std::string ready = "imap server ready on port ";
    if (auto at = s.find(ready); at != std::string::npos) {
      port_ = std::atoi(s.c_str() + at + ready.size());
      auto md = s.find(" maildir ");
      if (md != std::string::npos) maildir_ = s.substr(md + 9, s.find_last_not_of("\r\n") - md - 8);
      break;
    }
  }
  std::fclose(f);
  if (port_ == 0 || maildir_.empty()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("Dovecot did not start (is dovecot-imapd installed?)");
  }
}

ImapServer::~ImapServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::vector<std::string> ImapServer::flags() const {
  return {"--imap-url",       url(),          "--imap-user",         "support", "--imap-password",
          "support-password", "--imap-plain", "--imap-poll-seconds", "1"};
}

void ImapServer::deliver(const std::string& message) {
  const auto name =
      std::to_string(::time(nullptr)) + ".pd" + std::to_string(getpid()) + "_" + std::to_string(++delivered_) + ".test";
  const auto tmp = maildir_ / "tmp" / name;
  {
    std::ofstream out(tmp, std::ios::binary);
    out << message;
  }
  chmod(tmp.c_str(), 0644);
  fs::rename(tmp, maildir_ / "new" / name);
}

std::size_t ImapServer::unseen_count() const {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(maildir_ / "new"))
    n += e.is_regular_file() ? 1 : 0;
  for (const auto& e : fs::directory_iterator(maildir_ / "cur")) {
    const auto name = e.path().filename().string();
    const auto info = name.find(":2,");
    if (info == std::string::npos || name.find('S', info) == std::string::npos) ++n;
  }
  return n;
}

} // namespace pd::testing
