// Which certification decisions a person may take on an agent's record now: the rule decide()
// applies to GradeAttempt, DecideCertification (approve, decline), GrantCertificationException
// (an extra attempt, waiving the retry wait) and RevokeCertification, and the one the
// certification desk asks before it offers the button. The role part is is_allowed(); the rest
// is the agent's record (its status, the attempt's state, an exception request, a waived wait).
// What the command itself carries (the grades, a decline's note, a revocation's reason) is
// checked by decide() after this.
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/state.hpp"

#include <optional>

namespace pd::domain {

enum class CertificationDecision { grade, approve, decline, extra_attempt, waive_retry, revoke };
inline constexpr CertificationDecision all_certification_decisions[] = {
    CertificationDecision::grade,         CertificationDecision::approve,     CertificationDecision::decline,
    CertificationDecision::extra_attempt, CertificationDecision::waive_retry, CertificationDecision::revoke};

// Why `person` may not take `decision` on `agent`'s record now, as decide() answers it:
// forbidden when the person may not at all, not_found for a person who is no agent (or, for
// grade, an attempt the agent never took), conflict when the record's state does not allow it.
// `attempt`: for grade, the attempt's number; ignored otherwise.
// nullopt: allowed.
std::optional<core::Error> why_not(const ProgramState& s, PersonId person, PersonId agent, CertificationDecision decision, int attempt = 0);
inline bool certification_decision_offered(const ProgramState& s, PersonId person, PersonId agent, CertificationDecision decision,
                                           int attempt = 0) {
  return !why_not(s, person, agent, decision, attempt);
}

} // namespace pd::domain
