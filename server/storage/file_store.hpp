// Uploaded files: received in pieces of at most the request body limit (resumable: each piece
// says at which offset it starts), checked against the declared type by their first bytes,
// hashed (SHA-256) and stored once per content under DATA_DIR/files/ab/abcdef…; each program
// keeps a record of the files uploaded to it (name, type, size, first uploader) and of every
// person who uploaded each content (so a second person who uploads the same bytes owns them
// too).
//
// Limits: what a program holds (files and uploads in progress) and what one person holds in a
// program are bounded (UploadLimits); an upload that received no piece for expire_after_ms is
// removed with its part file, at the latest when the next upload begins. Pieces of one upload
// are taken one at a time: the offset check, the write and the new count happen under the
// upload's lock, so pieces sent at once never write past the declared size.
#pragma once

#include "server/storage/database.hpp"
#include "shared/core/error.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pd::storage {

struct StoredFile {
  std::int64_t program_id = 0;
  std::string sha256;
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
  std::int64_t uploaded_by = 0; // the first person who uploaded this content to the program
};

struct Upload {
  std::string id;
  std::int64_t program_id = 0;
  std::int64_t person_id = 0;
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
  std::int64_t received = 0;
  std::int64_t last_piece_at_ms = 0; // when it began or last received a piece
};

struct UploadLimits {
  std::int64_t program_bytes = 0;   // files and reserved uploads of one program; 0: no limit
  std::int64_t person_bytes = 0;    // files and reserved uploads of one person in one program; 0: no limit
  std::int64_t expire_after_ms = 24LL * 60 * 60 * 1000; // an upload without a piece for this long is removed
};

// The content types accepted, and whether the first bytes of a file fit its declared type.
bool accepted_content_type(std::string_view content_type);
bool content_matches_type(std::string_view content_type, std::string_view first_bytes);
// Shown inline in the browser (images, PDF, video, plain text); everything else downloads.
bool inline_content_type(std::string_view content_type);

class FileStore {
public:
  FileStore(Database& db, std::filesystem::path data_dir, UploadLimits limits = {});

  // Reserves `size` bytes for a new upload, within the program's limit and (when
  // counts_toward_person) the person's. payload_too_large naming "size" past a limit. Removes
  // expired uploads first.
  core::Result<Upload> begin(std::int64_t program, std::int64_t person, std::string name, std::string content_type, std::int64_t size,
                             std::int64_t now_ms, bool counts_toward_person = true);
  std::optional<Upload> find_upload(const std::string& id);
  // Appends a piece that starts at `offset` (must equal what was received so far). Returns
  // the bytes received after it; conflict (with the received count) for a wrong offset,
  // payload_too_large past the declared size, not_found for an upload that expired or is gone.
  core::Result<std::int64_t> append(const Upload& upload, std::int64_t offset, std::string_view bytes, std::int64_t now_ms);
  // All bytes received: checks the type, hashes, stores and records the file.
  core::Result<StoredFile> complete(const Upload& upload, std::int64_t now_ms);
  std::optional<StoredFile> find(std::int64_t program, const std::string& sha256);
  // Whether `person` uploaded this content to the program (first or later).
  bool uploaded_by(std::int64_t program, const std::string& sha256, std::int64_t person);
  std::filesystem::path path_of(const std::string& sha256) const;
  std::filesystem::path part_path(const std::string& id) const;

  // Removes uploads that received no piece for expire_after_ms (rows and part files); returns
  // how many. At most `max` per call.
  int sweep_expired(std::int64_t now_ms, int max = 100);
  // Bytes held in a program (files and unexpired uploads), in total and by one person.
  std::int64_t program_bytes(std::int64_t program, std::int64_t now_ms);
  std::int64_t person_bytes(std::int64_t program, std::int64_t person, std::int64_t now_ms);

  const UploadLimits& limits() const { return limits_; }

  // Removes a content no program refers to any more (an erased customer's attachment); kept if
  // a row names it again by now. Returns whether it was removed.
  bool remove_unreferenced(const std::string& sha256);

private:
  std::shared_ptr<std::mutex> lock_of(const std::string& id);
  void release_lock(const std::string& id, std::shared_ptr<std::mutex>& lock);
  bool expired(const Upload& u, std::int64_t now_ms) const;
  // Under the upload's lock: removes the row (if still expired) and its part file.
  bool remove_if_expired(const std::string& id, std::int64_t now_ms);

  Database& db_;
  std::filesystem::path files_dir_;
  std::filesystem::path uploads_dir_;
  UploadLimits limits_;
  std::mutex locks_mutex_;
  std::unordered_map<std::string, std::shared_ptr<std::mutex>> upload_locks_; // uploads with a piece or completion in progress
};

} // namespace pd::storage
