#include "server/auth/tokens.hpp"

#include <sodium.h>

namespace pd::auth {

static std::string hex(const unsigned char* bytes, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

std::string new_token() {
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  return hex(buf, sizeof buf);
}

std::string new_api_key() { return "pdk_" + new_token(); }

bool is_api_key(std::string_view text) {
  if (text.size() != 68 || text.substr(0, 4) != "pdk_") return false;
  for (char c : text.substr(4))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string token_hash(std::string_view token) {
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return hex(out, sizeof out);
}

std::string new_request_id() {
  unsigned char buf[8];
  randombytes_buf(buf, sizeof buf);
  return hex(buf, sizeof buf);
}

} // namespace pd::auth
