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

namespace {

// Whether `inner` (canonical) lies inside `root` (canonical), as a path, not a string prefix.
bool inside(const fs::path& root, const fs::path& inner) {
  auto r = root.begin(), i = inner.begin();
  for (; r != root.end(); ++r, ++i)
    if (i == inner.end() || *r != *i) return false;
  return i != inner.end();
}

bool hidden(const fs::path& relative) {
  for (const auto& part : relative)
    if (!part.empty() && part.string().front() == '.') return true;
  return false;
}

} // namespace

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code ec;
  const auto base = fs::canonical(root, ec);
  if (ec || !fs::is_directory(base, ec)) return; // nothing to serve (API-only server)
  // Symlinks are listed only when what they point to is a regular file inside the root;
  // folders are never followed through a link.
  fs::recursive_directory_iterator it(base, fs::directory_options::none, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (it.depth() >= max_depth) {
      it.disable_recursion_pending();
      continue;
    }
    const auto& entry = *it;
    auto relative = entry.path().lexically_relative(base);
    if (hidden(relative)) {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_symlink(ec) && entry.is_directory(ec)) {
      it.disable_recursion_pending();
      continue;
    }
    if (!entry.is_regular_file(ec)) continue; // follows a file symlink to its target
    auto target = fs::canonical(entry.path(), ec);
    if (ec || !inside(base, target) || !fs::is_regular_file(target, ec)) continue;
    auto key = "/" + relative.generic_string();
    if (key.size() > max_path_bytes || files_.size() >= max_files) continue;
    files_.emplace(std::move(key), std::move(target));
  }
}

const fs::path* StaticFiles::find(const std::string& request_path) const {
  if (request_path.size() > max_path_bytes) return nullptr;
  auto it = files_.find(request_path.empty() || request_path == "/" ? std::string("/index.html") : request_path);
  return it == files_.end() ? nullptr : &it->second;
}

bool StaticFiles::serve(const httplib::Request& req, httplib::Response& res) {
  const fs::path* found = find(req.path);
  if (!found) return false;
  const fs::path& file = *found;
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
