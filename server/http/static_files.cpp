#include "server/http/static_files.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

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

bool StaticFiles::content_hashed(const std::string& file_name) {
  // name.HASH.ext: the part before the extension, after the dot before it.
  auto ext = file_name.rfind('.');
  if (ext == std::string::npos || ext == 0) return false;
  auto start = file_name.rfind('.', ext - 1);
  if (start == std::string::npos || start == 0) return false;
  auto hash = std::string_view(file_name).substr(start + 1, ext - start - 1);
  if (hash.size() < 8 || hash.size() > 64) return false;
  for (char c : hash)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Whether compressing pays: the wasm binary, fonts and text types.
static bool compressible(const fs::path& file) {
  static const char* const exts[] = {".wasm", ".ttf", ".html", ".js", ".css", ".json", ".svg", ".txt"};
  auto ext = file.extension().string();
  for (const char* e : exts)
    if (ext == e) return true;
  return false;
}

static std::shared_ptr<const std::string> gzip(const std::string& in) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return nullptr;
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

std::shared_ptr<const StaticFiles::Entry> StaticFiles::load(const fs::path& file, bool compress) {
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
  if (compress && compressible(file) && entry->raw->size() > 512) {
    entry->gzip = gzip(*entry->raw);
    if (entry->gzip && entry->gzip->size() >= entry->raw->size()) entry->gzip = nullptr;
  }
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
  std::map<std::string, fs::path> listed; // request path -> canonical file
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
    if (key.size() > max_path_bytes || listed.size() >= max_files) continue;
    listed.emplace(std::move(key), std::move(target));
  }
  // "x.br" and "x.gz" next to a listed "x" are x's compressed bodies, not files of their own.
  auto is_sibling = [&listed](const std::string& key) {
    for (std::string_view suffix : {".br", ".gz"})
      if (key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0 &&
          listed.count(key.substr(0, key.size() - suffix.size())))
        return true;
    return false;
  };
  for (const auto& [key, target] : listed) {
    if (is_sibling(key)) continue;
    Source source;
    source.file = target;
    if (auto br = listed.find(key + ".br"); br != listed.end()) source.br = br->second;
    if (auto gz = listed.find(key + ".gz"); gz != listed.end()) source.gz = gz->second;
    source.immutable = content_hashed(fs::path(key).filename().string());
    files_.emplace(key, std::move(source));
  }
}

const StaticFiles::Source* StaticFiles::find(const std::string& request_path) const {
  if (request_path.size() > max_path_bytes) return nullptr;
  auto it = files_.find(request_path.empty() || request_path == "/" ? std::string("/index.html") : request_path);
  return it == files_.end() ? nullptr : &it->second;
}

std::shared_ptr<const std::string> StaticFiles::sibling(const fs::path& file, const Entry& of) {
  if (file.empty()) return nullptr;
  auto entry = load(file, false);
  if (!entry || entry->mtime < of.mtime) return nullptr; // stale: written before the file it compresses
  return entry->raw;
}

namespace {

// Whether Accept-Encoding allows `coding` (a q-value of 0 refuses it; "*" stands for any
// coding not named).
bool accepts(const std::string& header, std::string_view coding) {
  bool listed = false, star = false;
  std::size_t at = 0;
  while (at <= header.size()) {
    auto comma = header.find(',', at);
    if (comma == std::string::npos) comma = header.size();
    std::string_view item(header.data() + at, comma - at);
    at = comma + 1;
    auto semi = item.find(';');
    auto name = item.substr(0, semi);
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    double q = 1.0;
    if (semi != std::string_view::npos) {
      auto params = std::string(item.substr(semi + 1));
      auto qpos = params.find("q=");
      if (qpos != std::string::npos) q = std::strtod(params.c_str() + qpos + 2, nullptr);
    }
    bool is_star = name == "*";
    bool same = name.size() == coding.size() &&
                std::equal(name.begin(), name.end(), coding.begin(),
                           [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    if (same) {
      if (q <= 0) return false;
      listed = true;
    } else if (is_star && q > 0) {
      star = true;
    }
  }
  return listed || star;
}

// If-None-Match holds `etag` (a list, weak or strong, or "*").
bool matches(const std::string& header, const std::string& etag) {
  if (header.empty()) return false;
  std::size_t at = 0;
  while (at <= header.size()) {
    auto comma = header.find(',', at);
    if (comma == std::string::npos) comma = header.size();
    std::string_view tag(header.data() + at, comma - at);
    at = comma + 1;
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

} // namespace

bool StaticFiles::serve(const httplib::Request& req, httplib::Response& res) {
  const Source* found = find(req.path);
  if (!found) return false;
  const Source& source = *found;
  auto entry = load(source.file, source.gz.empty());
  if (!entry) return false;

  // The representation: identity for a range (its offsets are the file's), else br, then gzip.
  std::shared_ptr<const std::string> body = entry->raw;
  const char* coding = nullptr;
  std::string etag = entry->etag;
  if (!req.has_header("Range")) {
    const auto& accept = req.get_header_value("Accept-Encoding");
    std::shared_ptr<const std::string> packed;
    if (accepts(accept, "br") && (packed = sibling(source.br, *entry))) {
      coding = "br";
    } else if (accepts(accept, "gzip") && ((packed = sibling(source.gz, *entry)) || (packed = entry->gzip))) {
      coding = "gzip";
    }
    if (coding) {
      body = std::move(packed);
      etag.insert(etag.size() - 1, std::string("-") + coding);
    }
  }

  res.set_header("ETag", etag);
  res.set_header("Cache-Control", source.immutable ? immutable_cache : "no-cache");
  res.set_header("Vary", "Accept-Encoding");
  if (matches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return true;
  }
  if (coding) res.set_header("Content-Encoding", coding);
  else res.set_header("Accept-Ranges", "bytes");
  if (body->empty()) {
    res.status = 200;
    res.set_content(std::string(), content_type_for(source.file));
    return true;
  }
  // A content provider: the HTTP library sends the bytes as they are (it would compress a
  // text body again) and answers a Range with 206 and Content-Range itself.
  res.set_content_provider(body->size(), content_type_for(source.file),
                           [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             return sink.write(body->data() + offset, length);
                           });
  return true;
}

} // namespace pd::http
