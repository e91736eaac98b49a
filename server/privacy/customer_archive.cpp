#include "server/privacy/customer_archive.hpp"

#include "shared/core/dates.hpp"

#include <sodium.h>
#include <zip.h>

#include <array>
#include <system_error>

namespace pd::privacy {

namespace {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

// Already compressed: deflating them again costs time and saves nothing.
bool stored_as_is(const std::string& content_type) {
  return content_type.rfind("image/", 0) == 0 || content_type.rfind("video/", 0) == 0 || content_type == "application/pdf" ||
         content_type == "application/zip";
}

// Owns the archive until it is closed: a failure discards it and removes the partial file.
class Archive {
public:
  explicit Archive(const std::filesystem::path& out) : out_(out) {
    int err = 0;
    z_ = zip_open(out.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;
  ~Archive() {
    if (z_) zip_discard(z_);
    if (!closed_) {
      std::error_code ec;
      std::filesystem::remove(out_, ec);
    }
  }
  bool open() const { return z_ != nullptr; }
  // The bytes must live until close() (libzip reads them then).
  bool add_bytes(const std::string& name, const std::string& bytes) {
    zip_source_t* src = zip_source_buffer(z_, bytes.data(), bytes.size(), 0);
    return src && add(name, src, false);
  }
  bool add_file(const std::string& name, const std::filesystem::path& path, bool as_is) {
    zip_source_t* src = zip_source_file(z_, path.c_str(), 0, -1);
    return src && add(name, src, as_is);
  }
  bool close() {
    if (zip_close(z_) != 0) return false;
    z_ = nullptr;
    closed_ = true;
    return true;
  }
  std::string error() const { return z_ ? zip_strerror(z_) : "cannot create the archive"; }

private:
  bool add(const std::string& name, zip_source_t* src, bool as_is) {
    const zip_int64_t index = zip_file_add(z_, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);
      return false;
    }
    return zip_set_file_compression(z_, static_cast<zip_uint64_t>(index), as_is ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) == 0;
  }

  std::filesystem::path out_;
  zip_t* z_ = nullptr;
  bool closed_ = false;
};

} // namespace

std::string archive_file_name(domain::CustomerId customer, domain::TimeMs now) {
  return "partnerdesk-customer-" + std::to_string(customer) + "-" + core::format_date(core::date_of_ms(now)) + ".zip";
}

core::Result<std::int64_t> write_customer_archive(const domain::CustomerExport& x, const storage::FileStore& files,
                                                  const std::filesystem::path& out) {
  const std::string document = x.document.dump(2);
  nlohmann::json entries = nlohmann::json::array();
  entries.push_back({{"path", "customer.json"},
                     {"what", "The customer's profile, account, tickets with their public messages, ratings, survey answers, "
                              "retention requests and ticketing restrictions"},
                     {"size", document.size()},
                     {"sha256", sha256_hex(document)}});
  nlohmann::json missing = nlohmann::json::array();
  std::vector<const domain::ExportFile*> present;
  for (const auto& f : x.files) {
    std::error_code ec;
    const auto path = files.path_of(f.sha256);
    if (f.sha256.size() != 64 || !std::filesystem::is_regular_file(path, ec)) {
      missing.push_back({{"path", f.path}, {"name", f.name}, {"ticket_id", f.ticket_id}, {"message_id", f.message_id}});
      continue;
    }
    present.push_back(&f);
    entries.push_back({{"path", f.path},
                       {"what", "Attached to ticket #" + std::to_string(f.ticket_id) + ", message " + std::to_string(f.message_id)},
                       {"name", f.name},
                       {"content_type", f.content_type},
                       {"size", f.size},
                       {"sha256", f.sha256}});
  }
  const nlohmann::json manifest_json = {{"format", domain::customer_export_format},
                                        {"generated_at", x.document.value("generated_at", "")},
                                        {"program", x.document.value("program", nlohmann::json::object())},
                                        {"customer_id", x.document.value("customer_id", 0)},
                                        {"counts", {{"tickets", x.tickets}, {"messages", x.messages}, {"ratings", x.ratings},
                                                    {"attachments", present.size()}}},
                                        {"entries", std::move(entries)},
                                        {"missing", std::move(missing)}};
  const std::string manifest = manifest_json.dump(2);

  std::error_code ec;
  std::filesystem::create_directories(out.parent_path(), ec);
  Archive zip(out);
  if (!zip.open()) return core::make_error(core::ErrorCode::internal, "The archive could not be created.");
  bool ok = zip.add_bytes("manifest.json", manifest) && zip.add_bytes("customer.json", document);
  for (const auto* f : present) {
    if (!ok) break;
    ok = zip.add_file(f->path, files.path_of(f->sha256), stored_as_is(f->content_type));
  }
  if (!ok || !zip.close()) return core::make_error(core::ErrorCode::internal, "The archive could not be written: " + zip.error());
  const auto size = std::filesystem::file_size(out, ec);
  if (ec) return core::make_error(core::ErrorCode::internal, "The archive could not be read back.");
  return static_cast<std::int64_t>(size);
}

} // namespace pd::privacy
