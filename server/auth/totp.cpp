#include "server/auth/totp.hpp"

#include "server/auth/passwords.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace pd::auth::totp {

namespace {

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); } // liboath allocates with malloc
};
using OathText = std::unique_ptr<char, FreeDeleter>;

// Percent-encoding of a URI path or query component (RFC 3986 unreserved characters kept).
std::string uri_component(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4U];
      out += hex[c & 15U];
    }
  }
  return out;
}

// liboath's comparison callback: constant time, 0 when equal (as strcmp).
int same_code(void* handle, const char* test_otp) {
  const auto* typed = static_cast<const std::string*>(handle);
  if (std::string_view(test_otp).size() != typed->size()) return 1;
  return sodium_memcmp(typed->data(), test_otp, typed->size()) == 0 ? 0 : 1;
}

// liboath is initialized once, on first use, whichever thread comes first.
void ensure_oath() {
  static const bool ready = [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath failed to initialize");
    return true;
  }();
  (void)ready;
}

} // namespace

std::string new_secret() {
  std::string secret(secret_bytes, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string to_base32(std::string_view bytes) {
  ensure_oath();
  char* out = nullptr;
  std::size_t out_len = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &out_len) != OATH_OK) throw std::runtime_error("base32 encoding failed");
  OathText owned(out);
  std::string text(out, out_len);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::optional<std::string> from_base32(std::string_view text) {
  std::string cleaned;
  for (unsigned char c : text) {
    if (c == ' ' || c == '=') continue;
    cleaned += static_cast<char>(std::toupper(c));
  }
  while (cleaned.size() % 8 != 0) cleaned += '='; // liboath wants whole 8-character groups
  char* out = nullptr;
  std::size_t out_len = 0;
  if (oath_base32_decode(cleaned.data(), cleaned.size(), &out, &out_len) != OATH_OK) return std::nullopt;
  OathText owned(out);
  return std::string(out, out_len);
}

std::string otpauth_uri(std::string_view secret_base32, std::string_view account_email) {
  return "otpauth://totp/" + uri_component(issuer) + ":" + uri_component(account_email) + "?secret=" + std::string(secret_base32) +
         "&issuer=" + uri_component(issuer) + "&algorithm=SHA1&digits=" + std::to_string(default_digits) +
         "&period=" + std::to_string(step_seconds);
}

std::int64_t step_of(std::int64_t unix_seconds) { return unix_seconds / step_seconds; }

std::string code_at(std::string_view secret, std::int64_t unix_seconds, unsigned digits) {
  ensure_oath();
  std::string out(digits + 1, '\0');
  if (oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(unix_seconds), step_seconds, OATH_TOTP_DEFAULT_START_TIME,
                         digits, out.data()) != OATH_OK)
    throw std::runtime_error("TOTP generation failed");
  out.resize(digits);
  return out;
}

bool looks_like_code(std::string_view text, unsigned digits) {
  if (text.size() != digits) return false;
  for (unsigned char c : text)
    if (std::isdigit(c) == 0) return false;
  return true;
}

std::optional<std::int64_t> matching_step(std::string_view secret, std::string_view code, std::int64_t now_seconds,
                                          unsigned digits, std::size_t window) {
  if (!looks_like_code(code, digits) || secret.empty()) return std::nullopt;
  ensure_oath();
  const std::string typed(code);
  int position = 0;
  std::uint64_t counter = 0;
  const int found = oath_totp_validate3_callback(secret.data(), secret.size(), static_cast<time_t>(now_seconds), step_seconds,
                                                 OATH_TOTP_DEFAULT_START_TIME, digits, window, &position, &counter, same_code,
                                                 const_cast<std::string*>(&typed)); // a C callback handle
  if (found < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

std::optional<std::int64_t> accept(std::string_view secret, std::string_view code, std::int64_t now_seconds,
                                   std::int64_t last_accepted_step) {
  auto step = matching_step(secret, code, now_seconds);
  if (!step || *step <= last_accepted_step) return std::nullopt;
  return step;
}

std::vector<std::string> new_recovery_codes() {
  static const char* alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  std::vector<std::string> codes;
  for (int i = 0; i < recovery_code_count; ++i) {
    std::string code;
    for (int c = 0; c < 12; ++c) {
      if (c > 0 && c % 4 == 0) code += '-';
      code += alphabet[randombytes_uniform(32)];
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == ' ' || c == '-') continue;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

std::string hash_recovery_code(std::string_view code) {
  // 60 random bits need no memory-hard cost against guessing; this keeps checking all ten quick.
  return hash_password(normalize_recovery_code(code), PasswordCost{crypto_pwhash_OPSLIMIT_MIN, std::size_t{8} * 1024 * 1024});
}

bool recovery_code_matches(std::string_view stored_hash, std::string_view code) {
  return verify_password(stored_hash, normalize_recovery_code(code));
}

} // namespace pd::auth::totp
