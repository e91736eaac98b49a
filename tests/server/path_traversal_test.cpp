// Path traversal: the static-file handler serves only the files of the web build. Every path
// here is sent byte for byte (no client library normalises it), and none may reach a file
// outside the web root: not /etc/passwd, not the server's command line, not its database.
#include "raw_socket.hpp"
#include "server_process.hpp"

#include <doctest/doctest.h>

#include <fstream>

namespace test_server_path_traversal { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
namespace fs = std::filesystem;

namespace {

ServerProcess& server() {
  static ServerProcess s({}, false, [](const fs::path& web) {
    fs::create_directories(web / "fonts");
    std::ofstream(web / "fonts" / "inside.txt") << "a file in a sub-folder of the web build\n";
    std::ofstream(web / ".hidden") << "never served\n";
    // A link to a file inside the root is served; links that lead out of it are not.
    fs::create_symlink("partnerdesk.js", web / "alias.js");
    fs::create_symlink("/etc/passwd", web / "passwd.txt");
    fs::create_symlink("/etc", web / "etc");
    fs::create_symlink("..", web / "up");
  });
  return s;
}

std::string get_raw(const std::string& path) {
  RawSocket s(server().port());
  s.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  return s.receive();
}

// Nothing of a file outside the root appears in the answer.
void check_refused(const std::string& path) {
  CAPTURE(path);
  auto response = get_raw(path);
  const int status = RawSocket::status_of(response);
  CHECK(status >= 400);
  CHECK(status < 500);
  CHECK(response.find("root:") == std::string::npos);          // /etc/passwd
  CHECK(response.find("SQLite format 3") == std::string::npos); // the database
  CHECK(response.find("partnerdesk-server") == std::string::npos); // /proc/self/cmdline
}

} // namespace

TEST_CASE("a path beginning with // does not escape the web root") {
  check_refused("//etc/passwd");
  check_refused("//proc/self/cmdline");
  check_refused("///etc/passwd");
  // The data folder by its absolute name.
  check_refused("/" + (server().data_dir() / "partnerdesk.db").string());
  check_refused("/" + (server().data_dir() / "partnerdesk.db-wal").string());
}

TEST_CASE("encoded slashes, dots and backslashes do not escape the web root") {
  for (std::string p : {"/%2Fetc/passwd", "/%2fetc%2fpasswd", "/%2F%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                        "/..%2f..%2f..%2fetc%2fpasswd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/.%2e/.%2e/.%2e/etc/passwd",
                        "/../../../etc/passwd", "/partnerdesk.js/../../../../etc/passwd", "/\\etc\\passwd",
                        "/..\\..\\..\\etc\\passwd", "/%5c..%5c..%5c..%5cetc%5cpasswd", "/%5Cetc%5Cpasswd",
                        "/index.html%00.js", "/%00/etc/passwd", "/./index.html/../../etc/passwd"})
    check_refused(p);
  // The data folder as a relative path from the web root (both live in one test folder).
  check_refused("/../data/partnerdesk.db");
  check_refused("/%2e%2e/data/partnerdesk.db");
}

TEST_CASE("symlinks that lead out of the web root are not followed") {
  check_refused("/passwd.txt");
  check_refused("/etc/passwd");
  check_refused("/up/data/partnerdesk.db");
  check_refused("/up/web/index.html");
}

TEST_CASE("hidden files and very long paths are refused without harm") {
  check_refused("/.hidden");
  check_refused("/" + std::string(600, 'a'));
  check_refused("/" + std::string(7000, 'a') + "/../../etc/passwd");
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += "/..";
  check_refused(deep + "/etc/passwd");
  auto health = get_raw("/healthz");
  CHECK(RawSocket::status_of(health) == 200);
}

TEST_CASE("the files of the web build are still served, in sub-folders and through links inside the root") {
  auto index = get_raw("/");
  CHECK(RawSocket::status_of(index) == 200);
  CHECK(index.find("<canvas") != std::string::npos);
  auto inside = get_raw("/fonts/inside.txt");
  CHECK(RawSocket::status_of(inside) == 200);
  CHECK(inside.find("a file in a sub-folder") != std::string::npos);
  auto alias = get_raw("/alias.js");
  CHECK(RawSocket::status_of(alias) == 200);
  CHECK(alias.find("console.log('partnerdesk')") != std::string::npos);
  // A file added after start-up is not in the build's list.
  std::ofstream(server().web_root() / "later.txt") << "written after start\n";
  CHECK(RawSocket::status_of(get_raw("/later.txt")) == 404);
}

} // namespace test_server_path_traversal
