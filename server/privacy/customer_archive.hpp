// The customer data export as a ZIP (docs/api.md, "Customer data export"): manifest.json,
// customer.json (domain::customer_export()) and the attached files under files/, written with
// libzip to a file of its own (the files are read from the store while the archive is written,
// never held in memory). JSON is deflated; images, PDF, video and ZIP files are stored as they are.
#pragma once

#include "server/storage/file_store.hpp"
#include "shared/core/error.hpp"
#include "shared/domain/privacy/customer_export.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace pd::privacy {

// Writes the archive to `out` (replaced if it exists). The manifest lists every entry with its
// size and SHA-256, what it is, and the files that are no longer on the server (missing).
// internal_error when libzip fails (the partial file is removed).
core::Result<std::int64_t> write_customer_archive(const domain::CustomerExport& x, const storage::FileStore& files,
                                                  const std::filesystem::path& out);

// "partnerdesk-customer-17-2026-12-07.zip"
std::string archive_file_name(domain::CustomerId customer, domain::TimeMs now);

} // namespace pd::privacy
