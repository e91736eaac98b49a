// Signed values for links and addresses in mail that carry no session: a one-click
// unsubscribe link, the reply address of a ticket. The key is 32 random bytes made on the
// server's first start and kept in the database (table server_keys, as hex), so links stay valid
// across restarts. A signature is HMAC-SHA-256 over the purpose and the value, cut to
// 16 lowercase hex digits (64 bits: enough against guessing through a rate-limited server, and
// safe in an email address's local part, which some relays lower-case).
#pragma once

#include "server/storage/database.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace pd::auth {

class LinkSigner {
public:
  static constexpr std::size_t key_bytes = 32;
  static constexpr std::size_t tag_hex_digits = 16;

  explicit LinkSigner(const std::array<unsigned char, key_bytes>& key) : key_(key) {}
  // The key named "links" of this database, made (and stored) when there is none.
  static LinkSigner from_database(storage::Database& db);

  // The tag of `value` for `purpose` ("unsubscribe", "reply"): 16 lowercase hex digits.
  std::string tag(std::string_view purpose, std::string_view value) const;
  // "value.tag"; value must not contain '.' for verify to split it (ids and categories don't).
  std::string sign(std::string_view purpose, std::string_view value) const;
  // The value when `signed_value` is "value.tag" with the right tag (compared in constant time).
  std::optional<std::string> verify(std::string_view purpose, std::string_view signed_value) const;

private:
  std::array<unsigned char, key_bytes> key_;
};

} // namespace pd::auth
