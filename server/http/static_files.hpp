// Serves the built browser client from the web root: right content types (application/wasm
// for .wasm), ETag revalidation, and gzip when the browser accepts it (the wasm binary is
// compressed once per file version and kept in memory; text types by the HTTP library).
#pragma once

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pd::http {

class StaticFiles {
public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // Handles GET/HEAD of path; returns false if there is no such file (caller answers 404).
  bool serve(const httplib::Request& req, httplib::Response& res);

  static const char* content_type_for(const std::filesystem::path& file);

private:
  struct Entry {
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
    std::string etag;
    std::shared_ptr<const std::string> raw;
    std::shared_ptr<const std::string> gzip; // null when not worth compressing
  };
  std::shared_ptr<const Entry> load(const std::filesystem::path& file);

  std::filesystem::path root_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;
};

} // namespace pd::http
