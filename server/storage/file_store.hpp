// Uploaded files: received in pieces of at most the request body limit (resumable: each piece
// says at which offset it starts), checked against the declared type by their first bytes,
// hashed (SHA-256) and stored once per content under DATA_DIR/files/ab/abcdef…; each program
// keeps a record of the files uploaded to it (name, type, size, who).
#pragma once

#include "server/storage/database.hpp"
#include "shared/core/error.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace pd::storage {

struct StoredFile {
  std::int64_t program_id = 0;
  std::string sha256;
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
  std::int64_t uploaded_by = 0;
};

struct Upload {
  std::string id;
  std::int64_t program_id = 0;
  std::int64_t person_id = 0;
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
  std::int64_t received = 0;
};

// The content types accepted, and whether the first bytes of a file fit its declared type.
bool accepted_content_type(std::string_view content_type);
bool content_matches_type(std::string_view content_type, std::string_view first_bytes);
// Shown inline in the browser (images, PDF, video, plain text); everything else downloads.
bool inline_content_type(std::string_view content_type);

class FileStore {
public:
  FileStore(Database& db, std::filesystem::path data_dir);

  Upload begin(std::int64_t program, std::int64_t person, std::string name, std::string content_type, std::int64_t size, std::int64_t now_ms);
  std::optional<Upload> find_upload(const std::string& id);
  // Appends a piece that starts at `offset` (must equal what was received so far). Returns
  // the bytes received after it; conflict (with the received count) for a wrong offset,
  // payload_too_large past the declared size.
  core::Result<std::int64_t> append(const Upload& upload, std::int64_t offset, std::string_view bytes);
  // All bytes received: checks the type, hashes, stores and records the file.
  core::Result<StoredFile> complete(const Upload& upload, std::int64_t now_ms);
  std::optional<StoredFile> find(std::int64_t program, const std::string& sha256);
  std::filesystem::path path_of(const std::string& sha256) const;

private:
  std::filesystem::path part_path(const std::string& id) const;
  Database& db_;
  std::filesystem::path files_dir_;
  std::filesystem::path uploads_dir_;
};

} // namespace pd::storage
