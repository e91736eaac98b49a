// What protects data on its way and at rest: the session cookie over TLS (Secure, __Host-),
// no caching of signed-in answers, files only the server's user can read, backups that never
// write through a link, and a demo that does not start on a public address by accident.
#include "api_client.hpp"
#include "tests/test_paths.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace test_server_transport_security { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const char* kJson = "application/json";
const char* kOwner = R"({"email":"owner@acme.test","password":"demo-password"})";

// The server believes X-Forwarded-Proto only from this proxy, which is where the tests connect from.
ServerProcess& behind_proxy() {
  static ServerProcess s({"--trusted-proxy", "127.0.0.1"});
  return s;
}

// The Set-Cookie value whose cookie name ends with `name` ("pd_session", "pd_device"); a sign-in
// may set both.
std::string set_cookie_of(const httplib::Result& r, const std::string& name) {
  for (auto [it, end] = r->headers.equal_range("Set-Cookie"); it != end; ++it) {
    const auto cookie_name = it->second.substr(0, it->second.find('='));
    if (cookie_name == name || cookie_name == "__Host-" + name) return it->second;
  }
  return {};
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0) return 0xFFFF;
  return st.st_mode & 07777;
}

// Runs the server binary with a time limit (a server that starts instead of refusing ends the
// test instead of hanging it); returns (exit code, output).
std::pair<int, std::string> run_briefly(const std::string& args) {
  std::string cmd = "timeout 20 " + pd::testing::server_bin() + " " + args + " 2>&1";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("pd-transport-" + std::to_string(::getpid()) + "-" + name)).string();
}

} // namespace

TEST_CASE("over TLS (the trusted proxy says https) the session cookie is Secure and __Host- prefixed") {
  auto c = behind_proxy().client();
  auto headers = api_headers();
  headers.emplace("X-Forwarded-Proto", "https");
  auto r = c.Post("/api/v1/session", headers, kOwner, kJson);
  REQUIRE(r);
  REQUIRE(r->status == 200);
  const auto set_cookie = set_cookie_of(r, "pd_session");
  CHECK(set_cookie.rfind("__Host-pd_session=", 0) == 0);
  CHECK(set_cookie.find("; Secure") != std::string::npos);
  // The device cookie too (it tells a known browser's sign-in from a new one's).
  CHECK(set_cookie_of(r, "pd_device").rfind("__Host-pd_device=", 0) == 0);
  CHECK(set_cookie_of(r, "pd_device").find("; Secure") != std::string::npos);
  CHECK(set_cookie.find("Domain=") == std::string::npos);
  CHECK(set_cookie.find("Path=/;") != std::string::npos);
  const auto cookie = set_cookie.substr(0, set_cookie.find(';'));

  auto secure_headers = api_headers(cookie);
  secure_headers.emplace("X-Forwarded-Proto", "https");
  auto me = c.Get("/api/v1/me", secure_headers);
  REQUIRE(me);
  CHECK(me->status == 200);
  // The same token under the plain name is not a session over https, and the prefixed cookie
  // is not one over plain http.
  auto renamed = api_headers("pd_session=" + cookie.substr(cookie.find('=') + 1));
  renamed.emplace("X-Forwarded-Proto", "https");
  CHECK(c.Get("/api/v1/me", renamed)->status == 401);
  CHECK(c.Get("/api/v1/me", api_headers(cookie))->status == 401);
}

TEST_CASE("over plain http the cookie keeps its plain name and is not Secure; a forwarded header from elsewhere is not believed") {
  auto c = behind_proxy().client();
  auto r = c.Post("/api/v1/session", api_headers(), kOwner, kJson);
  REQUIRE(r);
  REQUIRE(r->status == 200);
  const auto set_cookie = set_cookie_of(r, "pd_session");
  CHECK(set_cookie.rfind("pd_session=", 0) == 0);
  CHECK(set_cookie.find("Secure") == std::string::npos);
  CHECK(set_cookie_of(r, "pd_device").find("Secure") == std::string::npos);

  // Without --trusted-proxy, X-Forwarded-Proto is anyone's header.
  ServerProcess direct;
  auto d = direct.client();
  auto headers = api_headers();
  headers.emplace("X-Forwarded-Proto", "https");
  auto plain = d.Post("/api/v1/session", headers, kOwner, kJson);
  REQUIRE(plain);
  CHECK(set_cookie_of(plain, "pd_session").rfind("pd_session=", 0) == 0);
}

TEST_CASE("signed-in JSON reads are never cached; the web client's files revalidate") {
  Session owner(behind_proxy(), "owner@acme.test");
  for (std::string path : {"/api/v1/me", "/api/v1/programs/1/snapshot", "/api/v1/programs/1/tickets", "/api/v1/programs/1/customers",
                           "/api/v1/programs/1/members", "/api/v1/programs/1/notifications", "/api/v1/programs/1/support/overview",
                           "/api/v1/programs/1/events?after=0&limit=5", "/api/v1/programs/999/snapshot"}) {
    CAPTURE(path);
    auto r = owner.get(path);
    REQUIRE(r);
    CHECK(r->get_header_value("Cache-Control") == "no-store");
  }
  auto index = behind_proxy().client().Get("/");
  REQUIRE(index);
  CHECK(index->get_header_value("Cache-Control") == "no-cache");
}

TEST_CASE("the data folder, the database and its log are for the server's user only") {
  auto& s = behind_proxy();
  Session owner(s, "owner@acme.test"); // the server has written
  CHECK(mode_of(s.data_dir()) == 0700);
  CHECK(mode_of(s.data_dir() / "partnerdesk.db") == 0600);
  CHECK(mode_of(s.data_dir() / "partnerdesk.db-wal") == 0600);
  for (const auto& entry : fs::recursive_directory_iterator(s.data_dir())) {
    CAPTURE(entry.path().string());
    CHECK((mode_of(entry.path()) & 077) == 0);
  }
}

TEST_CASE("backup creates a new owner-only file and refuses an existing file or a symlink") {
  auto& s = behind_proxy();
  const auto target = temp_path("backup.db");
  fs::remove(target);
  auto [code, out] = run_briefly("backup --data '" + s.data_dir().string() + "' --to '" + target + "'");
  CHECK(code == 0);
  CHECK(out.find("backup of") != std::string::npos);
  CHECK(mode_of(target) == 0600);

  // A symlink to a file elsewhere (even to one that does not exist yet) is never written through.
  const auto victim = temp_path("victim.txt");
  const auto link = temp_path("link.db");
  fs::remove(victim);
  fs::remove(link);
  fs::create_symlink(victim, link);
  auto [dangling, dangling_out] = run_briefly("backup --data '" + s.data_dir().string() + "' --to '" + link + "'");
  CHECK(dangling == 2);
  CHECK_FALSE(fs::exists(victim));
  std::ofstream(victim) << "keep me\n";
  auto [linked, linked_out] = run_briefly("backup --data '" + s.data_dir().string() + "' --to '" + link + "'");
  CHECK(linked == 2);
  std::ifstream in(victim);
  std::string line;
  std::getline(in, line);
  CHECK(line == "keep me");
  auto [again, again_out] = run_briefly("backup --data '" + s.data_dir().string() + "' --to '" + target + "'");
  CHECK(again == 2);
  fs::remove(target);
  fs::remove(link);
  fs::remove(victim);
}

TEST_CASE("the demo is refused on a public address unless asked for by its own flag") {
  const auto data = temp_path("demo-data");
  auto [code, out] = run_briefly("--demo --host 0.0.0.0 --port 0 --data '" + data + "'");
  CHECK(code == 2);
  CHECK(out.find("loopback") != std::string::npos);
  CHECK(out.find("--demo-on-public-address") != std::string::npos);
  CHECK_FALSE(fs::exists(fs::path(data) / "partnerdesk.db"));

  // With the flag it starts and loads the demo (and its log warns of the published password).
  ServerProcess loud({"--host", "0.0.0.0", "--demo-on-public-address", "--log-level", "info"});
  Session owner(loud, "owner@acme.test");
  CHECK(owner.person_id() > 0);
  fs::remove_all(data);
}

} // namespace test_server_transport_security
