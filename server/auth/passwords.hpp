// Password hashing with argon2id (libsodium crypto_pwhash_str_alg).
#pragma once

#include <string>
#include <string_view>

namespace pd::auth {

struct PasswordCost {
  unsigned long long ops;
  std::size_t mem_bytes;
};
// libsodium's INTERACTIVE limits (2 passes, 64 MiB): the default for sign-in.
PasswordCost interactive_cost();

// Must be called once before any other function here (initializes libsodium).
void init_crypto();

std::string hash_password(std::string_view password, PasswordCost cost = interactive_cost());
bool verify_password(std::string_view stored_hash, std::string_view password);

// Verifies against a fixed dummy hash so that a sign-in for an unknown email costs the same
// time as one for a known email.
void burn_verify_time(std::string_view password);

} // namespace pd::auth
