// Time-based one-time passwords (RFC 6238, HMAC-SHA-1, 30-second steps) for two-factor
// sign-in, and the recovery codes that stand in for a lost authenticator. Secrets come from
// libsodium's random source; codes are generated and checked by liboath. Server-only: nothing
// of two-factor is compiled into the browser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd::auth::totp {

inline constexpr std::size_t secret_bytes = 20;  // 160 bits, RFC 4226's recommended length
inline constexpr unsigned step_seconds = 30;
inline constexpr unsigned default_digits = 6;
inline constexpr std::size_t default_window = 1; // one step either side of now
inline constexpr int recovery_code_count = 10;
inline constexpr const char* issuer = "Partnerdesk";

// secret_bytes random bytes.
std::string new_secret();
// RFC 4648 base32 (upper case, no padding): what authenticator apps take.
std::string to_base32(std::string_view bytes);
// The bytes of base32 text (spaces and lower case accepted); nothing if it is not base32.
std::optional<std::string> from_base32(std::string_view text);
// otpauth://totp/Partnerdesk:<email>?secret=...&issuer=Partnerdesk&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view secret_base32, std::string_view account_email);

// The time step (seconds since the epoch / 30) of a time.
std::int64_t step_of(std::int64_t unix_seconds);
// The code for the step holding unix_seconds.
std::string code_at(std::string_view secret, std::int64_t unix_seconds, unsigned digits = default_digits);
// The time step whose code `code` is, looking `window` steps either side of now; nothing when
// it matches none (or is not `digits` digits).
std::optional<std::int64_t> matching_step(std::string_view secret, std::string_view code, std::int64_t now_seconds,
                                          unsigned digits = default_digits, std::size_t window = default_window);
// matching_step, with the replay guard: a step at or before last_accepted_step (the last one
// this person used) is refused, so a code once accepted is never accepted again.
std::optional<std::int64_t> accept(std::string_view secret, std::string_view code, std::int64_t now_seconds,
                                   std::int64_t last_accepted_step);
// Whether text has the shape of a code (digits digits), as opposed to a recovery code.
bool looks_like_code(std::string_view text, unsigned digits = default_digits);

// recovery_code_count random codes "xxxx-xxxx-xxxx" (lower-case base32, 60 bits each).
std::vector<std::string> new_recovery_codes();
// A typed recovery code in its canonical form (lower case, without spaces or dashes).
std::string normalize_recovery_code(std::string_view text);
// The stored form of a recovery code (argon2id, cheap: the code is random, not chosen).
std::string hash_recovery_code(std::string_view code);
bool recovery_code_matches(std::string_view stored_hash, std::string_view code);

} // namespace pd::auth::totp
