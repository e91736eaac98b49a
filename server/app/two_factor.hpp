// Proving the second factor: a TOTP code (with the replay guard) or, where allowed, one of
// the person's recovery codes (used up when it matches). One home for the sign-in and the
// two-factor settings routes.
#pragma once

#include "server/storage/accounts.hpp"

#include <cstdint>
#include <string_view>

namespace pd::app {

enum class SecondFactor {
  refused,       // wrong, already used, or two-factor is not on
  code,          // a TOTP code for a time step later than the last accepted one
  recovery_code, // an unused recovery code (now used up)
};

// For a person whose two-factor sign-in is on (`record`). A recovery code is accepted only
// when recovery_allowed. Recovery codes are hashed: the caller holds a slot of the password
// hashing gate while this runs when recovery_allowed.
SecondFactor prove_second_factor(storage::AccountStore& accounts, std::int64_t person_id, const storage::TwoFactorRecord& record,
                                 std::string_view typed, std::int64_t now_ms, bool recovery_allowed);

} // namespace pd::app
