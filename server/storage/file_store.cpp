#include "server/storage/file_store.hpp"

#include "server/auth/tokens.hpp"

#include <sodium.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <fstream>
#include <unordered_set>

namespace pd::storage {

using core::ErrorCode;
using core::make_error;

namespace {

struct TypeRule {
  std::string_view type;
  bool (*matches)(std::string_view head);
  bool shown_inline;
};

bool starts(std::string_view head, std::string_view magic) { return head.substr(0, magic.size()) == magic; }
bool any_bytes(std::string_view) { return true; }
bool is_text(std::string_view head) {
  for (unsigned char c : head)
    if (c == 0) return false; // binary
  return true;
}

const std::array<TypeRule, 12>& rules() {
  static const std::array<TypeRule, 12> all = {{
      {"image/png", [](std::string_view h) { return starts(h, "\x89PNG\r\n\x1a\n"); }, true},
      {"image/jpeg", [](std::string_view h) { return starts(h, "\xFF\xD8\xFF"); }, true},
      {"image/gif", [](std::string_view h) { return starts(h, "GIF87a") || starts(h, "GIF89a"); }, true},
      {"image/webp", [](std::string_view h) { return starts(h, "RIFF") && h.size() >= 12 && h.substr(8, 4) == "WEBP"; }, true},
      {"application/pdf", [](std::string_view h) { return starts(h, "%PDF-"); }, true},
      {"video/mp4", [](std::string_view h) { return h.size() >= 8 && h.substr(4, 4) == "ftyp"; }, true},
      {"video/webm", [](std::string_view h) { return starts(h, "\x1A\x45\xDF\xA3"); }, true},
      {"application/zip", [](std::string_view h) { return starts(h, "PK\x03\x04") || starts(h, "PK\x05\x06"); }, false},
      {"text/plain", is_text, true},
      {"text/csv", is_text, false},
      {"application/json", is_text, false},
      {"application/octet-stream", any_bytes, false},
  }};
  return all;
}

// Runs its function when the scope ends.
template <class F>
struct Finally {
  F f;
  ~Finally() { f(); }
};
template <class F>
Finally(F) -> Finally<F>;

std::string megabytes(std::int64_t bytes) {
  constexpr std::int64_t mib = std::int64_t{1024} * 1024;
  return std::to_string((bytes + mib - 1) / mib) + " MB";
}

core::Error upload_gone() { return make_error(ErrorCode::not_found, "No such upload; it may have expired. Begin it again.", "upload_id"); }

// Writes all of `bytes` at `offset` of the part file, after cutting off anything past `offset`
// (left by a piece whose count was never recorded).
bool write_piece(const std::filesystem::path& part, std::int64_t offset, std::string_view bytes) {
  const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = ::ftruncate(fd, static_cast<off_t>(offset)) == 0;
  std::size_t done = 0;
  while (ok && done < bytes.size()) {
    const auto n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset) + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else done += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0 && ok;
}

const TypeRule* rule_of(std::string_view type) {
  for (const auto& r : rules())
    if (r.type == type) return &r;
  return nullptr;
}

} // namespace

bool accepted_content_type(std::string_view t) { return rule_of(t) != nullptr && t != "application/octet-stream"; }
bool content_matches_type(std::string_view t, std::string_view head) {
  auto r = rule_of(t);
  return r && r->matches(head);
}
bool inline_content_type(std::string_view t) {
  auto r = rule_of(t);
  return r && r->shown_inline;
}

FileStore::FileStore(Database& db, std::filesystem::path data_dir, UploadLimits limits)
    : db_(db), files_dir_(data_dir / "files"), uploads_dir_(data_dir / "uploads"), limits_(limits) {
  std::filesystem::create_directories(files_dir_);
  std::filesystem::create_directories(uploads_dir_);
  // Part files without an upload (the server stopped between removing the row and the file).
  std::unordered_set<std::string> known;
  db_.read([&] {
    auto q = db_.prepare("SELECT id FROM uploads");
    while (q.step()) known.insert(q.text(0));
  });
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(uploads_dir_, ec)) {
    const auto& p = entry.path();
    if (p.extension() == ".part" && !known.contains(p.stem().string())) std::filesystem::remove(p, ec);
  }
}

std::filesystem::path FileStore::part_path(const std::string& id) const { return uploads_dir_ / (id + ".part"); }
std::filesystem::path FileStore::path_of(const std::string& sha) const { return files_dir_ / sha.substr(0, 2) / sha; }

bool FileStore::remove_unreferenced(const std::string& sha) {
  if (sha.size() != 64 || sha.find_first_not_of("0123456789abcdef") != std::string::npos) return false;
  return db_.write([&] {
    auto q = db_.prepare("SELECT COUNT(*) FROM files WHERE sha256 = ?");
    q.bind(1, sha);
    q.step();
    if (q.int64(0) != 0) return false;
    std::error_code ec;
    return std::filesystem::remove(path_of(sha), ec);
  });
}

std::shared_ptr<std::mutex> FileStore::lock_of(const std::string& id) {
  std::lock_guard g(locks_mutex_);
  auto& m = upload_locks_[id];
  if (!m) m = std::make_shared<std::mutex>();
  return m;
}

void FileStore::release_lock(const std::string& id, std::shared_ptr<std::mutex>& lock) {
  std::lock_guard g(locks_mutex_);
  lock.reset();
  auto it = upload_locks_.find(id);
  if (it != upload_locks_.end() && it->second.use_count() == 1) upload_locks_.erase(it);
}

bool FileStore::expired(const Upload& u, std::int64_t now_ms) const { return now_ms - u.last_piece_at_ms >= limits_.expire_after_ms; }

bool FileStore::remove_if_expired(const std::string& id, std::int64_t now_ms) {
  auto m = lock_of(id);
  Finally release{[&] { release_lock(id, m); }};
  std::lock_guard held(*m);
  const bool removed = db_.write([&] {
    db_.prepare("DELETE FROM uploads WHERE id = ? AND last_piece_at_ms <= ?").bind(1, id).bind(2, now_ms - limits_.expire_after_ms).run();
    return db_.changes() > 0;
  });
  std::error_code ec;
  if (removed) std::filesystem::remove(part_path(id), ec);
  return removed;
}

int FileStore::sweep_expired(std::int64_t now_ms, int max) {
  std::vector<std::string> ids;
  db_.read([&] {
    auto q = db_.prepare("SELECT id FROM uploads WHERE last_piece_at_ms <= ? ORDER BY last_piece_at_ms LIMIT ?");
    q.bind(1, now_ms - limits_.expire_after_ms).bind(2, static_cast<std::int64_t>(max));
    while (q.step()) ids.push_back(q.text(0));
  });
  int removed = 0;
  for (const auto& id : ids) removed += remove_if_expired(id, now_ms) ? 1 : 0;
  return removed;
}

std::int64_t FileStore::program_bytes(std::int64_t program, std::int64_t now_ms) {
  return db_.read([&] {
    auto q = db_.prepare("SELECT (SELECT COALESCE(SUM(size), 0) FROM files WHERE program_id = ?1) + "
                         "(SELECT COALESCE(SUM(size), 0) FROM uploads WHERE program_id = ?1 AND last_piece_at_ms > ?2)");
    q.bind(1, program).bind(2, now_ms - limits_.expire_after_ms);
    q.step();
    return q.int64(0);
  });
}

std::int64_t FileStore::person_bytes(std::int64_t program, std::int64_t person, std::int64_t now_ms) {
  return db_.read([&] {
    auto q = db_.prepare("SELECT (SELECT COALESCE(SUM(size), 0) FROM file_uploaders WHERE program_id = ?1 AND person_id = ?2) + "
                         "(SELECT COALESCE(SUM(size), 0) FROM uploads WHERE program_id = ?1 AND person_id = ?2 AND last_piece_at_ms > ?3)");
    q.bind(1, program).bind(2, person).bind(3, now_ms - limits_.expire_after_ms);
    q.step();
    return q.int64(0);
  });
}

core::Result<Upload> FileStore::begin(std::int64_t program, std::int64_t person, std::string name, std::string content_type, std::int64_t size,
                                      std::int64_t now_ms, bool counts_toward_person) {
  sweep_expired(now_ms);
  Upload u{auth::new_token().substr(0, 32), program, person, std::move(name), std::move(content_type), size, 0, now_ms};
  // The limits are checked and the bytes reserved in one write transaction: uploads begun at
  // the same time cannot both take the last free bytes.
  auto refused = db_.write([&]() -> std::optional<core::Error> {
    if (limits_.program_bytes > 0) {
      const auto used = program_bytes(program, now_ms);
      if (used > limits_.program_bytes - size)
        return make_error(ErrorCode::payload_too_large,
                          "This program's files would pass its limit of " + megabytes(limits_.program_bytes) + " (" + megabytes(used) +
                              " in use, uploads in progress included).",
                          "size");
    }
    if (counts_toward_person && limits_.person_bytes > 0) {
      const auto used = person_bytes(program, person, now_ms);
      if (used > limits_.person_bytes - size)
        return make_error(ErrorCode::payload_too_large,
                          "Your files in this program would pass your limit of " + megabytes(limits_.person_bytes) + " (" + megabytes(used) +
                              " in use, uploads in progress included).",
                          "size");
    }
    db_.prepare("INSERT INTO uploads(id, program_id, person_id, name, content_type, size, received, created_at_ms, last_piece_at_ms) "
                "VALUES (?,?,?,?,?,?,0,?,?)")
        .bind(1, u.id).bind(2, program).bind(3, person).bind(4, u.name).bind(5, u.content_type).bind(6, size).bind(7, now_ms).bind(8, now_ms)
        .run();
    return std::nullopt;
  });
  if (refused) return *refused;
  write_piece(part_path(u.id), 0, {}); // the empty part file (a failure here is repeated, and answered, by the first piece)
  return u;
}

std::optional<Upload> FileStore::find_upload(const std::string& id) {
  return db_.read([&]() -> std::optional<Upload> {
    auto q = db_.prepare("SELECT id, program_id, person_id, name, content_type, size, received, last_piece_at_ms FROM uploads WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return Upload{q.text(0), q.int64(1), q.int64(2), q.text(3), q.text(4), q.int64(5), q.int64(6), q.int64(7)};
  });
}

core::Result<std::int64_t> FileStore::append(const Upload& u, std::int64_t offset, std::string_view bytes, std::int64_t now_ms) {
  // One piece of an upload at a time: the offset is checked against the count recorded by the
  // previous piece, not against what the caller read before it waited.
  auto m = lock_of(u.id);
  Finally release{[&] { release_lock(u.id, m); }};
  std::lock_guard held(*m);
  auto current = find_upload(u.id);
  if (!current) return upload_gone();
  if (expired(*current, now_ms)) {
    db_.write([&] { db_.prepare("DELETE FROM uploads WHERE id = ?").bind(1, u.id).run(); });
    std::error_code ec;
    std::filesystem::remove(part_path(u.id), ec);
    return upload_gone();
  }
  if (offset != current->received) {
    auto e = make_error(ErrorCode::conflict, "This piece starts at the wrong offset; continue from the bytes received.", "offset");
    e.current_version = current->received;
    return e;
  }
  if (static_cast<std::int64_t>(bytes.size()) > current->size - current->received)
    return make_error(ErrorCode::payload_too_large, "More bytes than the declared size.", "size");
  if (!write_piece(part_path(u.id), offset, bytes)) return make_error(ErrorCode::internal, "The piece could not be stored. Try again.");
  const auto received = current->received + static_cast<std::int64_t>(bytes.size());
  db_.write([&] {
    db_.prepare("UPDATE uploads SET received = ?, last_piece_at_ms = ? WHERE id = ?").bind(1, received).bind(2, now_ms).bind(3, u.id).run();
  });
  return received;
}

core::Result<StoredFile> FileStore::complete(const Upload& request, std::int64_t now_ms) {
  auto m = lock_of(request.id);
  Finally release{[&] { release_lock(request.id, m); }};
  std::lock_guard held(*m);
  auto found = find_upload(request.id);
  if (!found) return upload_gone();
  const Upload& u = *found;
  const auto part = part_path(u.id);
  if (expired(u, now_ms)) {
    db_.write([&] { db_.prepare("DELETE FROM uploads WHERE id = ?").bind(1, u.id).run(); });
    std::error_code ec;
    std::filesystem::remove(part, ec);
    return upload_gone();
  }
  if (u.received != u.size) {
    auto e = make_error(ErrorCode::conflict, "The upload is not complete yet.", "offset");
    e.current_version = u.received;
    return e;
  }
  std::error_code size_ec;
  const auto on_disk = std::filesystem::file_size(part, size_ec);
  if (size_ec || on_disk != static_cast<std::uintmax_t>(u.size))
    return make_error(ErrorCode::internal, "The upload's bytes could not be read back. Begin it again.");
  std::ifstream in(part, std::ios::binary);
  std::string head(64, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (!content_matches_type(u.content_type, head))
    return make_error(ErrorCode::invalid_field, "The file's content is not " + u.content_type + ".", "content_type");
  in.clear();
  in.seekg(0);
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::array<char, 65536> buf{};
  while (in) {
    in.read(buf.data(), buf.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()), static_cast<unsigned long long>(in.gcount()));
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::string sha(digest.size() * 2, '\0');
  sodium_bin2hex(sha.data(), sha.size() + 1, digest.data(), digest.size());
  in.close();
  const auto target = path_of(sha);
  std::filesystem::create_directories(target.parent_path());
  std::error_code ec;
  if (std::filesystem::exists(target)) std::filesystem::remove(part, ec); // the same content is stored once
  else std::filesystem::rename(part, target, ec);
  if (ec) return make_error(ErrorCode::internal, "The file could not be stored. Try again.");
  StoredFile f{u.program_id, sha, u.name, u.content_type, u.size, u.person_id};
  db_.write([&] {
    db_.prepare("INSERT OR IGNORE INTO files(program_id, sha256, name, content_type, size, uploaded_by, created_at_ms) VALUES (?,?,?,?,?,?,?)")
        .bind(1, f.program_id).bind(2, sha).bind(3, f.name).bind(4, f.content_type).bind(5, f.size).bind(6, f.uploaded_by).bind(7, now_ms).run();
    db_.prepare("INSERT OR IGNORE INTO file_uploaders(program_id, sha256, person_id, size, created_at_ms) VALUES (?,?,?,?,?)")
        .bind(1, f.program_id).bind(2, sha).bind(3, u.person_id).bind(4, f.size).bind(5, now_ms).run();
    db_.prepare("DELETE FROM uploads WHERE id = ?").bind(1, u.id).run();
  });
  return f;
}

std::optional<StoredFile> FileStore::find(std::int64_t program, const std::string& sha) {
  return db_.read([&]() -> std::optional<StoredFile> {
    auto q = db_.prepare("SELECT program_id, sha256, name, content_type, size, uploaded_by FROM files WHERE program_id = ? AND sha256 = ?");
    q.bind(1, program).bind(2, sha);
    if (!q.step()) return std::nullopt;
    return StoredFile{q.int64(0), q.text(1), q.text(2), q.text(3), q.int64(4), q.int64(5)};
  });
}

bool FileStore::uploaded_by(std::int64_t program, const std::string& sha, std::int64_t person) {
  return db_.read([&] {
    auto q = db_.prepare("SELECT 1 FROM file_uploaders WHERE program_id = ? AND person_id = ? AND sha256 = ?");
    q.bind(1, program).bind(2, person).bind(3, sha);
    return q.step();
  });
}

} // namespace pd::storage
