#include "server/storage/file_store.hpp"

#include "server/auth/tokens.hpp"

#include <sodium.h>

#include <array>
#include <fstream>

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

FileStore::FileStore(Database& db, std::filesystem::path data_dir)
    : db_(db), files_dir_(data_dir / "files"), uploads_dir_(data_dir / "uploads") {
  std::filesystem::create_directories(files_dir_);
  std::filesystem::create_directories(uploads_dir_);
}

std::filesystem::path FileStore::part_path(const std::string& id) const { return uploads_dir_ / (id + ".part"); }
std::filesystem::path FileStore::path_of(const std::string& sha) const { return files_dir_ / sha.substr(0, 2) / sha; }

Upload FileStore::begin(std::int64_t program, std::int64_t person, std::string name, std::string content_type, std::int64_t size,
                        std::int64_t now_ms) {
  Upload u{auth::new_token().substr(0, 32), program, person, std::move(name), std::move(content_type), size, 0};
  std::ofstream(part_path(u.id), std::ios::binary | std::ios::trunc).close();
  db_.write([&] {
    db_.prepare("INSERT INTO uploads(id, program_id, person_id, name, content_type, size, received, created_at_ms) VALUES (?,?,?,?,?,?,0,?)")
        .bind(1, u.id).bind(2, program).bind(3, person).bind(4, u.name).bind(5, u.content_type).bind(6, size).bind(7, now_ms).run();
  });
  return u;
}

std::optional<Upload> FileStore::find_upload(const std::string& id) {
  return db_.read([&]() -> std::optional<Upload> {
    auto q = db_.prepare("SELECT id, program_id, person_id, name, content_type, size, received FROM uploads WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return Upload{q.text(0), q.int64(1), q.int64(2), q.text(3), q.text(4), q.int64(5), q.int64(6)};
  });
}

core::Result<std::int64_t> FileStore::append(const Upload& u, std::int64_t offset, std::string_view bytes) {
  if (offset != u.received) {
    auto e = make_error(ErrorCode::conflict, "This piece starts at the wrong offset; continue from the bytes received.", "offset");
    e.current_version = u.received;
    return e;
  }
  if (u.received + static_cast<std::int64_t>(bytes.size()) > u.size)
    return make_error(ErrorCode::payload_too_large, "More bytes than the declared size.", "size");
  {
    std::ofstream out(part_path(u.id), std::ios::binary | std::ios::app);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return make_error(ErrorCode::internal, "The piece could not be stored. Try again.");
  }
  const auto received = u.received + static_cast<std::int64_t>(bytes.size());
  db_.write([&] { db_.prepare("UPDATE uploads SET received = ? WHERE id = ?").bind(1, received).bind(2, u.id).run(); });
  return received;
}

core::Result<StoredFile> FileStore::complete(const Upload& u, std::int64_t now_ms) {
  if (u.received != u.size) {
    auto e = make_error(ErrorCode::conflict, "The upload is not complete yet.", "offset");
    e.current_version = u.received;
    return e;
  }
  const auto part = part_path(u.id);
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

} // namespace pd::storage
