// QR codes for two-factor enrolment (the otpauth:// URI an authenticator app scans), made by
// libqrencode. The server sends the modules; the browser draws them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd::auth {

struct QrCode {
  int size = 0;                   // modules per side
  std::vector<std::string> rows;  // `size` rows of `size` characters: '1' dark, '0' light
};

// Error correction M, the smallest version that fits; nothing when the text does not fit.
std::optional<QrCode> qr_code(std::string_view text);

} // namespace pd::auth
