#include "server/auth/link_signer.hpp"

#include <sodium.h>

#include <stdexcept>

namespace pd::auth {

LinkSigner LinkSigner::from_database(storage::Database& db) {
  std::array<unsigned char, key_bytes> key{};
  db.write([&] {
    auto q = db.prepare("SELECT key FROM server_keys WHERE name = 'links'");
    if (q.step()) {
      const auto stored = q.text(0); // hex
      std::size_t length = 0;
      if (sodium_hex2bin(key.data(), key.size(), stored.data(), stored.size(), nullptr, &length, nullptr) != 0 || length != key_bytes)
        throw std::runtime_error("server_keys: the links key is damaged");
      return;
    }
    randombytes_buf(key.data(), key.size());
    char hex[key_bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, key.data(), key.size());
    db.prepare("INSERT INTO server_keys(name, key) VALUES ('links', ?)").bind(1, std::string(hex)).run();
  });
  return LinkSigner(key);
}

std::string LinkSigner::tag(std::string_view purpose, std::string_view value) const {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size());
  const unsigned char separator = 0;
  crypto_auth_hmacsha256_update(&state, &separator, 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(value.data()), value.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string(hex, tag_hex_digits);
}

std::string LinkSigner::sign(std::string_view purpose, std::string_view value) const {
  std::string out(value);
  out += '.';
  out += tag(purpose, value);
  return out;
}

std::optional<std::string> LinkSigner::verify(std::string_view purpose, std::string_view signed_value) const {
  const auto dot = signed_value.rfind('.');
  if (dot == std::string_view::npos || signed_value.size() - dot - 1 != tag_hex_digits) return std::nullopt;
  const auto value = signed_value.substr(0, dot);
  const auto expected = tag(purpose, value);
  if (sodium_memcmp(expected.data(), signed_value.data() + dot + 1, tag_hex_digits) != 0) return std::nullopt;
  return std::string(value);
}

} // namespace pd::auth
