// Random session tokens (256 bits) and their stored form (BLAKE2b-256 hash).
#pragma once

#include <string>
#include <string_view>

namespace pd::auth {

// 32 random bytes as 64 lower-case hex characters.
std::string new_token();
// A billing API key: "pdk_" + 64 lower-case hex characters (32 random bytes). Stored only as
// token_hash(key); its first 12 characters are its visible prefix.
std::string new_api_key();
// Whether text looks like a key new_api_key() makes.
bool is_api_key(std::string_view text);
// Hex of BLAKE2b-256(token): what the database keeps.
std::string token_hash(std::string_view token);
// 8 random bytes as hex: request ids in logs.
std::string new_request_id();

} // namespace pd::auth
