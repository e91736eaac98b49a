// The web build's files as a browser gets them: content-hashed names cached for a year,
// index.html revalidated every time, and the .br / .gz bodies the build wrote next to each
// file sent when (and only when) the request accepts them, always with the file's own type.
#include "raw_socket.hpp"
#include "server_process.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <vector>

namespace test_server_static_files { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
namespace fs = std::filesystem;

namespace {

const std::string js_name = "/app.0123456789abcdef.js";
const std::string wasm_name = "/partnerdesk.fedcba9876543210.wasm";
const std::string js_text = "console.log('hashed');" + std::string(3000, ' ') + "\n";
// The server never decodes a sibling, so recognisable bytes stand for the compressed bodies.
const std::string js_br = "BROTLI-BODY-OF-APP-JS";
const std::string js_gz = "GZIP-BODY-OF-APP-JS";
const std::string wasm_br = "BROTLI-BODY-OF-WASM";
const std::string index_br = "BROTLI-BODY-OF-INDEX";

void write(const fs::path& file, const std::string& bytes) { std::ofstream(file, std::ios::binary) << bytes; }

ServerProcess& server() {
  static ServerProcess s({}, false, [](const fs::path& web) {
    write(web / js_name.substr(1), js_text);
    write(web / (js_name.substr(1) + ".br"), js_br);
    write(web / (js_name.substr(1) + ".gz"), js_gz);
    std::string wasm("\0asm\1\0\0\0", 8);
    write(web / wasm_name.substr(1), wasm + std::string(2048, 'w'));
    write(web / (wasm_name.substr(1) + ".br"), wasm_br);
    write(web / "index.html.br", index_br);
    // A sibling older than its file is stale: never sent in its place.
    write(web / "stale.txt", "fresh text " + std::string(1000, 'x'));
    write(web / "stale.txt.br", "OLD-BROTLI");
    fs::last_write_time(web / "stale.txt.br", fs::last_write_time(web / "stale.txt") - std::chrono::hours(1));
    // A .br file with nothing beside it is a file of its own, of no known type.
    write(web / "orphan.txt.br", "ORPHAN");
  });
  return s;
}

httplib::Client raw_client() {
  auto c = server().client();
  c.set_decompress(false);
  return c;
}

std::string file_text(const std::string& request_path) {
  std::ifstream in(server().web_root() / request_path.substr(1), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST_CASE("a browser that accepts brotli gets the build's .br body with the file's own type") {
  auto c = raw_client();
  auto js = c.Get(js_name, {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
  REQUIRE(js);
  CHECK(js->status == 200);
  CHECK(js->get_header_value("Content-Encoding") == "br");
  CHECK(js->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(js->get_header_value("Vary") == "Accept-Encoding");
  CHECK(js->body == js_br);
  auto wasm = c.Get(wasm_name, {{"Accept-Encoding", "br"}});
  REQUIRE(wasm);
  CHECK(wasm->get_header_value("Content-Encoding") == "br");
  CHECK(wasm->get_header_value("Content-Type") == "application/wasm");
  CHECK(wasm->body == wasm_br);
}

TEST_CASE("a browser that accepts only gzip gets the build's .gz body") {
  auto c = raw_client();
  for (std::string accept : {"gzip", "gzip, deflate", "br;q=0, gzip;q=0.8"}) {
    CAPTURE(accept);
    auto js = c.Get(js_name, {{"Accept-Encoding", accept}});
    REQUIRE(js);
    CHECK(js->get_header_value("Content-Encoding") == "gzip");
    CHECK(js->body == js_gz);
  }
}

TEST_CASE("without an accepted encoding the file's own bytes are sent") {
  auto c = raw_client();
  // (The HTTP library's client asks for gzip unless told otherwise: each case names its codings.)
  for (std::string accept : {"identity", "deflate", "br;q=0, gzip;q=0", "*;q=0", "compress"}) {
    CAPTURE(accept);
    auto js = c.Get(js_name, {{"Accept-Encoding", accept}});
    REQUIRE(js);
    CHECK(js->status == 200);
    CHECK_FALSE(js->has_header("Content-Encoding"));
    CHECK(js->body == js_text);
    CHECK(js->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  }
}

TEST_CASE("files named by their content are cached for a year; index.html is revalidated") {
  auto c = raw_client();
  for (const auto& name : {js_name, wasm_name}) {
    CAPTURE(name);
    auto r = c.Get(name, {{"Accept-Encoding", "br"}});
    REQUIRE(r);
    CHECK(r->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
  }
  for (std::string path : {"/", "/index.html"}) {
    CAPTURE(path);
    auto index = c.Get(path, {{"Accept-Encoding", "br"}});
    REQUIRE(index);
    CHECK(index->get_header_value("Cache-Control") == "no-cache");
    CHECK(index->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(index->get_header_value("Content-Encoding") == "br");
    CHECK(index->body == index_br);
    auto etag = index->get_header_value("ETag");
    REQUIRE_FALSE(etag.empty());
    auto again = c.Get(path, {{"Accept-Encoding", "br"}, {"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    // Each encoding is its own representation: the brotli tag does not validate the plain page.
    auto plain = c.Get(path, {{"Accept-Encoding", "identity"}, {"If-None-Match", etag}});
    REQUIRE(plain);
    CHECK(plain->status == 200);
    CHECK(plain->body == file_text("/index.html"));
    CHECK(plain->get_header_value("ETag") != etag);
  }
  // A file whose name carries no content hash may change under the same name.
  auto stale = c.Get("/stale.txt");
  REQUIRE(stale);
  CHECK(stale->get_header_value("Cache-Control") == "no-cache");
}

TEST_CASE("a compressed sibling is never served under its own name or as another type") {
  auto c = raw_client();
  for (const std::string& path : std::vector<std::string>{js_name + ".br", js_name + ".gz", wasm_name + ".br", "/index.html.br"}) {
    CAPTURE(path);
    auto r = c.Get(path, {{"Accept-Encoding", "br, gzip"}});
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(r->body.find("BROTLI-BODY") == std::string::npos);
    CHECK(r->body.find("GZIP-BODY") == std::string::npos);
  }
  auto orphan = c.Get("/orphan.txt.br", {{"Accept-Encoding", "br"}});
  REQUIRE(orphan);
  CHECK(orphan->status == 200);
  CHECK(orphan->get_header_value("Content-Type") == "application/octet-stream");
  CHECK_FALSE(orphan->has_header("Content-Encoding"));
  // A stale sibling (older than its file) is ignored; the file's own bytes go out.
  auto stale = c.Get("/stale.txt", {{"Accept-Encoding", "br"}});
  REQUIRE(stale);
  CHECK(stale->get_header_value("Content-Encoding") != "br");
  CHECK(stale->body.find("OLD-BROTLI") == std::string::npos);
}

TEST_CASE("a range is cut from the file's own bytes, and HEAD sends the headers of a GET") {
  auto c = raw_client();
  auto part = c.Get(js_name, {{"Accept-Encoding", "br, gzip"}, {"Range", "bytes=0-6"}});
  REQUIRE(part);
  CHECK(part->status == 206);
  CHECK_FALSE(part->has_header("Content-Encoding"));
  CHECK(part->body == js_text.substr(0, 7));
  CHECK(part->get_header_value("Content-Range") == "bytes 0-6/" + std::to_string(js_text.size()));
  auto beyond = c.Get(js_name, {{"Range", "bytes=999999-"}});
  REQUIRE(beyond);
  CHECK(beyond->status == 416);

  auto head = c.Head(js_name, {{"Accept-Encoding", "br"}});
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(head->get_header_value("Content-Encoding") == "br");
  CHECK(head->get_header_value("Content-Length") == std::to_string(js_br.size()));
  CHECK(head->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
  auto head_plain = c.Head(js_name, {{"Accept-Encoding", "identity"}});
  REQUIRE(head_plain);
  CHECK(head_plain->get_header_value("Content-Length") == std::to_string(js_text.size()));
}

TEST_CASE("hostile paths around the compressed siblings are refused") {
  for (const std::string& path : std::vector<std::string>{js_name + ".br/../index.html", "/..%2f" + js_name.substr(1) + ".br", js_name + "%00.br",
                           "/index.html.gz/../../etc/passwd", "//index.html.br"}) {
    CAPTURE(path);
    RawSocket s(server().port());
    s.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n");
    auto response = s.receive();
    auto status = RawSocket::status_of(response);
    CHECK(status >= 400);
    CHECK(status < 500);
    CHECK(response.find("root:") == std::string::npos);
  }
}

} // namespace test_server_static_files
