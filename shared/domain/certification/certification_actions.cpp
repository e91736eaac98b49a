#include "shared/domain/certification/certification_actions.hpp"

#include "shared/domain/program/authorization.hpp"

#include <algorithm>

namespace pd::domain {

using core::ErrorCode;
using core::make_error;
using core::forbidden;
using core::conflict;
using S = CertificationStatus;

namespace {


const char* forbidden_message(CertificationDecision d) {
  switch (d) {
  case CertificationDecision::grade: return "Only the business grades assessments.";
  case CertificationDecision::approve:
  case CertificationDecision::decline: return "Only the business approves certifications.";
  case CertificationDecision::extra_attempt:
  case CertificationDecision::waive_retry: return "Only the business grants exceptions.";
  case CertificationDecision::revoke: return "Only the business revokes certifications.";
  }
  return "You are not allowed to do that in this program.";
}

std::string the_agent_is(S status) { return std::string("The agent is ") + label_of(status); }

} // namespace

std::optional<core::Error> why_not(const ProgramState& s, PersonId person, PersonId agent, CertificationDecision decision, int attempt) {
  if (!is_allowed(s, person, Action::grade_certification, {})) return forbidden(forbidden_message(decision));
  if (s.role_of(agent) != identity::Role::agent) return make_error(ErrorCode::not_found, "No such agent.", "data.person_id");
  static const AgentCertification none{};
  const auto* found = s.certification.agent(agent);
  const auto& rec = found ? *found : none;
  const bool review = rec.status == S::passed || rec.status == S::awaiting_manual_review;
  switch (decision) {
  case CertificationDecision::grade: {
    auto it = std::find_if(rec.attempts.begin(), rec.attempts.end(), [&](const Attempt& x) { return x.number == attempt; });
    if (it == rec.attempts.end()) return make_error(ErrorCode::not_found, "No such attempt.", "data.attempt");
    if (it->running()) return conflict("This attempt is still running.", "data.attempt");
    if (it->graded) return conflict("This attempt is already graded.", "data.attempt");
    return std::nullopt;
  }
  case CertificationDecision::approve:
    // A passing score under review, or a failed agent who asked for a manual review.
    if (review || (rec.status == S::failed && !rec.exception_request.empty())) return std::nullopt;
    return conflict(the_agent_is(rec.status) + ": there is nothing to approve.", "data.person_id");
  case CertificationDecision::decline:
    if (review) return std::nullopt;
    return conflict(the_agent_is(rec.status) + ": there is nothing to decline.", "data.person_id");
  case CertificationDecision::extra_attempt:
  case CertificationDecision::waive_retry:
    if (rec.status != S::failed && rec.status != S::revoked && rec.status != S::expired)
      return conflict(the_agent_is(rec.status) + ": exceptions are for failed, expired or revoked certifications.", "data.person_id");
    if (decision == CertificationDecision::waive_retry && rec.retry_waived) return conflict("The retry wait is already waived.", "data.kind");
    return std::nullopt;
  case CertificationDecision::revoke:
    if (rec.status == S::certified || rec.status == S::expired || review) return std::nullopt;
    return conflict(the_agent_is(rec.status) + ": there is no certification to revoke.", "data.person_id");
  }
  return forbidden(forbidden_message(decision));
}

} // namespace pd::domain
