// Serves the built browser client from the web root: right content types (application/wasm
// for .wasm), the cache rules of a content-hashed build, and pre-compressed bodies.
//
// Caching: a file whose name carries a content hash ("partnerdesk.3f2a9c01b7d4e5f6.wasm": a
// dot-separated part of 8 to 64 lowercase hex digits before the extension) never changes, so
// it is sent with "Cache-Control: public, max-age=31536000, immutable"; every other file
// (index.html, which names the hashed ones) with "no-cache" and an ETag (If-None-Match: 304).
//
// Compression: "x.br" and "x.gz" next to a served file "x" (written by the web build with
// brotli -q 11 and gzip -9) are not served under their own names; they are x's body when the
// request's Accept-Encoding allows br (preferred) or gzip, with Content-Encoding and x's own
// content type. A compressible file without a .gz sibling is gzipped here once per file
// version and kept in memory. Range requests always get the identity bytes (206). Bodies are
// handed to the HTTP library as they are, never compressed again per response.
//
// Only the files the web build produced are served: the root is resolved once and walked at
// start-up into an allow-list of request paths ("/index.html", "/fonts/x.ttf") mapped to
// canonical files inside the root. A request path is looked up in that list as it is; it is
// never joined onto a folder, so "//etc/passwd", "/%2F..", encoded dots, backslashes and
// symlinks that lead out of the root have nothing to resolve against.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pd::http {

class StaticFiles {
public:
  // At most this many files are listed, and request paths longer than max_path_bytes are
  // never looked up.
  static constexpr std::size_t max_files = 4096;
  static constexpr std::size_t max_path_bytes = 512;
  static constexpr int max_depth = 8;
  static constexpr const char* immutable_cache = "public, max-age=31536000, immutable";

  explicit StaticFiles(const std::filesystem::path& root);

  // Handles GET/HEAD of path; returns false if there is no such file (caller answers 404).
  bool serve(const httplib::Request& req, httplib::Response& res);

  // The request paths served, for start-up logs and tests.
  std::size_t file_count() const { return files_.size(); }
  bool serves(const std::string& request_path) const { return find(request_path) != nullptr; }

  static const char* content_type_for(const std::filesystem::path& file);
  // Whether a file name carries a content hash (and may be cached for a year).
  static bool content_hashed(const std::string& file_name);

private:
  struct Source {
    std::filesystem::path file;
    std::filesystem::path br; // empty when there is no .br sibling
    std::filesystem::path gz; // empty when there is no .gz sibling
    bool immutable = false;
  };
  struct Entry {
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
    std::string etag;
    std::shared_ptr<const std::string> raw;
    std::shared_ptr<const std::string> gzip; // in-memory gzip, only without a .gz sibling
  };
  const Source* find(const std::string& request_path) const;
  std::shared_ptr<const Entry> load(const std::filesystem::path& file, bool compress);
  // A sibling's bytes, or null when it is missing or older than the file it compresses.
  std::shared_ptr<const std::string> sibling(const std::filesystem::path& file, const Entry& of);

  std::map<std::string, Source> files_; // request path -> files; fixed after construction
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;
};

} // namespace pd::http
