#include "server/http/static_files.hpp"

#include <zlib.h>

#include <fstream>
#include <sstream>

namespace pd::http {

namespace fs = std::filesystem;

const char* StaticFiles::content_type_for(const fs::path& file) {
  auto ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// Text types are compressed per response by the HTTP library; the wasm binary (which it does
// not compress) is compressed here once per file version.
static bool precompressed(const fs::path& file) { return file.extension() == ".wasm"; }

static std::shared_ptr<const std::string> gzip(const std::string& in) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return nullptr;
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(in.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return nullptr;
  out.resize(z.total_out);
  return std::make_shared<const std::string>(std::move(out));
}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::load(const fs::path& file) {
  std::error_code ec;
  auto mtime = fs::last_write_time(file, ec);
  if (ec) return nullptr;
  auto size = fs::file_size(file, ec);
  if (ec) return nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(file.string());
    if (it != cache_.end() && it->second->mtime == mtime && it->second->size == size) return it->second;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream buf;
  buf << in.rdbuf();
  auto entry = std::make_shared<Entry>();
  entry->mtime = mtime;
  entry->size = size;
  entry->raw = std::make_shared<const std::string>(buf.str());
  entry->etag = "\"" + std::to_string(size) + "-" + std::to_string(mtime.time_since_epoch().count()) + "\"";
  if (precompressed(file) && entry->raw->size() > 512) entry->gzip = gzip(*entry->raw);
  std::lock_guard lock(mutex_);
  cache_[file.string()] = entry;
  return entry;
}

bool StaticFiles::serve(const httplib::Request& req, httplib::Response& res) {
  std::string rel = req.path;
  if (rel.empty() || rel == "/") rel = "/index.html";
  // Only plain relative paths inside the root: no "..", no hidden files, no backslashes.
  if (rel.find("..") != std::string::npos || rel.find('\\') != std::string::npos || rel.find("/.") != std::string::npos ||
      rel.find('\0') != std::string::npos)
    return false;
  fs::path file = root_ / rel.substr(1);
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return false;
  auto entry = load(file);
  if (!entry) return false;

  res.set_header("ETag", entry->etag);
  res.set_header("Cache-Control", "no-cache");
  res.set_header("Vary", "Accept-Encoding");
  if (req.get_header_value("If-None-Match") == entry->etag) {
    res.status = 304;
    return true;
  }
  const char* type = content_type_for(file);
  bool accepts_gzip = req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
  res.status = 200;
  if (entry->gzip && accepts_gzip && !req.has_header("Range")) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(*entry->gzip, type);
  } else {
    res.set_content(*entry->raw, type);
  }
  return true;
}

} // namespace pd::http
