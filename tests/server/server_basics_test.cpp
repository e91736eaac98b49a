// Health, static files, security headers, command-line flags.
#include "server_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <fstream>
#include <sstream>

namespace test_server_server_basics { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {
ServerProcess& server() {
  static ServerProcess s({}, /*demo=*/false);
  return s;
}

std::string gunzip(const std::string& in) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  std::string out;
  char buf[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string("<corrupt gzip>");
}

std::string file_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
} // namespace

TEST_CASE("/healthz names the version and that storage is writable") {
  auto r = server().client().Get("/healthz");
  REQUIRE(r);
  CHECK(r->status == 200);
  auto j = json::parse(r->body);
  CHECK(j["status"] == "ok");
  CHECK(j["version"] == "0.1.0");
  CHECK(j["storage"] == "writable");
}

TEST_CASE("the web shell and client files are served with the right content types") {
  auto c = server().client();
  auto index = c.Get("/");
  REQUIRE(index);
  CHECK(index->status == 200);
  CHECK(index->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(index->body.find("<canvas") != std::string::npos);
  auto wasm = c.Get("/partnerdesk.wasm");
  CHECK(wasm->get_header_value("Content-Type") == "application/wasm");
  CHECK(wasm->body == file_text(server().web_root() / "partnerdesk.wasm"));
  auto js = c.Get("/partnerdesk.js");
  CHECK(js->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
}

TEST_CASE("wasm and js are gzip-compressed when the browser accepts it") {
  httplib::Client c = server().client();
  c.set_decompress(false);
  for (std::string path : {"/partnerdesk.wasm", "/partnerdesk.js", "/index.html"}) {
    CAPTURE(path);
    auto gz = c.Get(path, {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(gz);
    CHECK(gz->get_header_value("Content-Encoding") == "gzip");
    auto original = file_text(server().web_root() / path.substr(1));
    CHECK(gz->body.size() < original.size());
    CHECK(gunzip(gz->body) == original);
    auto plain = c.Get(path, {{"Accept-Encoding", "identity"}});
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    CHECK(plain->body == original);
  }
}

TEST_CASE("an unchanged file is revalidated with 304") {
  auto c = server().client();
  auto first = c.Get("/partnerdesk.js");
  auto etag = first->get_header_value("ETag");
  REQUIRE_FALSE(etag.empty());
  auto again = c.Get("/partnerdesk.js", {{"If-None-Match", etag}});
  CHECK(again->status == 304);
}

TEST_CASE("paths outside the web root are not served") {
  auto c = server().client();
  for (std::string p : {"/../data/partnerdesk.db", "/%2e%2e/data/partnerdesk.db", "/.hidden", "/missing.js"}) {
    CAPTURE(p);
    auto r = c.Get(p);
    REQUIRE(r);
    CHECK(r->status == 404);
  }
}

TEST_CASE("every response carries the security headers") {
  auto c = server().client();
  for (std::string p : {"/", "/healthz", "/api/v1/me", "/api/v1/unknown"}) {
    CAPTURE(p);
    auto r = c.Get(p);
    REQUIRE(r);
    CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
    CHECK(r->get_header_value("Content-Security-Policy").find("'wasm-unsafe-eval'") != std::string::npos);
    CHECK_FALSE(r->get_header_value("X-Request-Id").empty());
  }
}

TEST_CASE("--help lists every flag and bad flags exit with an error") {
  auto [code, out] = run_server_command({"--help"});
  CHECK(code == 0);
  for (const char* flag : {"--host", "--port", "--data", "--web-root", "--demo", "--max-body-bytes", "--session-ttl-hours",
                           "--threads", "--read-timeout", "--cookie-secure", "--log-level", "PORT", "DATA_DIR"})
    CHECK(out.find(flag) != std::string::npos);
  auto [bad_code, bad_out] = run_server_command({"--port", "70000"});
  CHECK(bad_code == 2);
  CHECK(bad_out.find("--port must be an integer from 0 to 65535") != std::string::npos);
  auto [unknown_code, unknown_out] = run_server_command({"--frobnicate"});
  CHECK(unknown_code == 2);
  CHECK(unknown_out.find("unknown flag '--frobnicate'") != std::string::npos);
}

TEST_CASE("data survives a restart and the demo is loaded only into a new database") {
  auto dir = std::filesystem::temp_directory_path() / ("pd-restart-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::string cookie;
  {
    ServerProcess s({"--data", dir.string()}, /*demo=*/true);
    auto c = s.client();
    auto r = c.Post("/api/v1/session", api_headers(), R"({"email":"owner@acme.test","password":"demo-password"})", "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    cookie = session_cookie_of(r);
    CHECK(s.stop() == 0); // SIGTERM: graceful, exit code 0
  }
  {
    ServerProcess s({"--data", dir.string()}, /*demo=*/true);
    auto c = s.client();
    auto me = c.Get("/api/v1/me", api_headers(cookie));
    REQUIRE(me);
    CHECK(me->status == 200); // the session was persisted
    auto j = json::parse(me->body);
    CHECK(j["memberships"].size() == 1); // the demo was not loaded a second time
  }
  std::filesystem::remove_all(dir);
}

} // namespace test_server_server_basics
