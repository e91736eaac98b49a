#include "smtp_sink.hpp"
#include "tests/test_paths.hpp"

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace pd::testing {

namespace fs = std::filesystem;

SmtpSink::SmtpSink() {
  char tmpl[] = "/tmp/pd-smtp-sink-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  const std::string script = pd::testing::source_dir() + "/tests/mail/smtp_sink.py";
  // Debian's python3, where python3-aiosmtpd is installed (another python3 may come first on PATH).
  const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<std::string> args = {python, script, "--port", "0", "--dir", dir_.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[256];
  while (std::fgets(line, sizeof line, f)) {
    std::string s(line);
    if (s.find("smtp sink ready on port ") != std::string::npos) {
      port_ = std::atoi(s.c_str() + s.rfind(' ') + 1);
      break;
    }
  }
  std::fclose(f);
  if (port_ == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("the SMTP sink did not start (is python3-aiosmtpd installed?)");
  }
}

SmtpSink::~SmtpSink() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::vector<std::string> SmtpSink::messages() const {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir_))
    if (e.path().extension() == ".eml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    out.push_back(s.str());
  }
  return out;
}

bool SmtpSink::wait_for(std::size_t n, std::chrono::milliseconds limit) const {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (messages().size() < n) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::string mail_header(const std::string& message, const std::string& name) {
  const std::string key = "\n" + name + ": ";
  auto at = ("\n" + message).find(key);
  if (at == std::string::npos) return {};
  auto start = at + key.size() - 1;
  auto end = message.find_first_of("\r\n", start);
  return message.substr(start, end - start);
}

std::string mail_text(const std::string& message) {
  std::string out;
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message.compare(i, 3, "=\r\n") == 0) {
      i += 2;
      continue;
    }
    if (message[i] == '=' && i + 2 < message.size() && std::isxdigit(static_cast<unsigned char>(message[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(message[i + 2]))) {
      out += static_cast<char>(std::stoi(message.substr(i + 1, 2), nullptr, 16));
      i += 2;
      continue;
    }
    out += message[i];
  }
  return out;
}

std::string reset_token_of(const std::string& message) {
  const std::string text = mail_text(message);
  const std::string key = "/#/reset/";
  auto at = text.find(key);
  if (at == std::string::npos) return {};
  auto start = at + key.size();
  auto end = start;
  while (end < text.size() && std::isxdigit(static_cast<unsigned char>(text[end]))) ++end;
  return text.substr(start, end - start);
}

} // namespace pd::testing
