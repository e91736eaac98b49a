// Serves the built browser client from the web root: right content types (application/wasm
// for .wasm), ETag revalidation, and gzip when the browser accepts it (the wasm binary is
// compressed once per file version and kept in memory; text types by the HTTP library).
//
// Only the files the web build produced are served: the root is resolved once and walked at
// start-up into an allow-list of request paths ("/index.html", "/fonts/x.woff2") mapped to
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

  explicit StaticFiles(const std::filesystem::path& root);

  // Handles GET/HEAD of path; returns false if there is no such file (caller answers 404).
  bool serve(const httplib::Request& req, httplib::Response& res);

  // The request paths served, for start-up logs and tests.
  std::size_t file_count() const { return files_.size(); }
  bool serves(const std::string& request_path) const { return find(request_path) != nullptr; }

  static const char* content_type_for(const std::filesystem::path& file);

private:
  struct Entry {
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
    std::string etag;
    std::shared_ptr<const std::string> raw;
    std::shared_ptr<const std::string> gzip; // null when not worth compressing
  };
  const std::filesystem::path* find(const std::string& request_path) const;
  std::shared_ptr<const Entry> load(const std::filesystem::path& file);

  std::map<std::string, std::filesystem::path> files_; // request path -> canonical file; fixed after construction
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;
};

} // namespace pd::http
