#include "server/app/two_factor.hpp"

#include "server/auth/totp.hpp"

namespace pd::app {

SecondFactor prove_second_factor(storage::AccountStore& accounts, std::int64_t person_id, const storage::TwoFactorRecord& record,
                                 std::string_view typed, std::int64_t now_ms, bool recovery_allowed) {
  if (!record.enabled) return SecondFactor::refused;
  if (auth::totp::looks_like_code(typed)) {
    auto secret = auth::totp::from_base32(record.secret);
    if (!secret) return SecondFactor::refused;
    auto step = auth::totp::accept(*secret, typed, now_ms / 1000, record.last_step);
    // The store checks the step again in its write: of two requests with one code, one wins.
    if (step && accounts.accept_two_factor_step(person_id, *step, now_ms)) return SecondFactor::code;
    return SecondFactor::refused;
  }
  if (!recovery_allowed) return SecondFactor::refused;
  for (const auto& stored : accounts.recovery_codes(person_id)) {
    if (auth::totp::recovery_code_matches(stored.code_hash, typed))
      return accounts.use_recovery_code(person_id, stored.id) ? SecondFactor::recovery_code : SecondFactor::refused;
  }
  return SecondFactor::refused;
}

} // namespace pd::app
