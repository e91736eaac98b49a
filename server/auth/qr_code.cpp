#include "server/auth/qr_code.hpp"

#include <qrencode.h>

#include <memory>

namespace pd::auth {

std::optional<QrCode> qr_code(std::string_view text) {
  const std::string zero_terminated(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString(zero_terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                      &QRcode_free);
  if (!code || code->width <= 0) return std::nullopt;
  QrCode out;
  out.size = code->width;
  out.rows.reserve(static_cast<std::size_t>(code->width));
  for (int y = 0; y < code->width; ++y) {
    std::string row(static_cast<std::size_t>(code->width), '0');
    for (int x = 0; x < code->width; ++x)
      if ((code->data[y * code->width + x] & 1) != 0) row[static_cast<std::size_t>(x)] = '1'; // bit 0: dark module
    out.rows.push_back(std::move(row));
  }
  return out;
}

} // namespace pd::auth
