#include "shared/domain/certification/apply_certification.hpp"

#include "shared/domain/support/apply_support.hpp"
#include "shared/domain/support/decide_support_access.hpp"

#include <algorithm>

namespace pd::domain::certification_apply {

using support_apply::notify;
using support_apply::notify_business;
using S = CertificationStatus;

namespace {

AgentCertification& record(ProgramState& s, const Event& e, PersonId p) {
  auto& r = s.certification.agents[p];
  r.person_id = p;
  r.version = e.seq;
  return r;
}

Attempt* attempt_of(AgentCertification& r, int number) {
  auto it = std::find_if(r.attempts.begin(), r.attempts.end(), [&](const Attempt& a) { return a.number == number; });
  return it == r.attempts.end() ? nullptr : &*it;
}

std::string name_of(const ProgramState& s, PersonId p) {
  auto m = s.member(p);
  return m ? m->name : "An agent";
}

} // namespace

ApplyOutcome apply(ProgramState& s, const Event&, const CertificationSettingsChanged& b) {
  s.certification.access = b.access;
  s.certification.rules = b.rules;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const TrainingModuleSaved& b) {
  auto& list = s.certification.modules;
  auto it = std::find_if(list.begin(), list.end(), [&](const TrainingModule& m) { return m.id == b.module.id; });
  if (it != list.end()) *it = b.module;
  else list.push_back(b.module);
  s.certification.next_module_id = std::max(s.certification.next_module_id, b.module.id + 1);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const TrainingModuleRemoved& b) {
  std::erase_if(s.certification.modules, [&](const TrainingModule& m) { return m.id == b.module_id; });
  s.certification.quiz_keys.erase(b.module_id);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const QuizKeySaved& b) {
  s.certification.quiz_keys[b.module_id] = b.key;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const QuestionSaved& b) {
  auto& bank = s.certification.bank;
  auto it = std::find_if(bank.begin(), bank.end(), [&](const Question& q) { return q.id == b.question.id; });
  if (it != bank.end()) *it = b.question;
  else bank.push_back(b.question);
  s.certification.next_question_id = std::max(s.certification.next_question_id, b.question.id + 1);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const QuestionRemoved& b) {
  std::erase_if(s.certification.bank, [&](const Question& q) { return q.id == b.question_id; });
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const SupportAccessRequested& b) {
  record(s, e, b.person_id).access_requested_at = e.at;
  notify_business(s, e, "certification", name_of(s, b.person_id) + " requested support access.");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const TrainingProgressed& b) {
  record(s, e, b.person_id).modules[b.module_id] = b.progress;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const AttemptStarted& b) {
  auto& r = record(s, e, b.person_id);
  if (!attempt_of(r, b.attempt.number)) r.attempts.push_back(b.attempt);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const AnswersSaved& b) {
  auto& r = record(s, e, b.person_id);
  if (auto a = attempt_of(r, b.attempt)) a->answers = b.answers;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const AttemptSubmitted& b) {
  auto& r = record(s, e, b.person_id);
  auto a = attempt_of(r, b.attempt);
  if (!a) return {true};
  a->answers = b.answers;
  a->submitted_at = e.at;
  a->auto_submitted = b.auto_submitted;
  a->grades = b.grades;
  const bool manual = std::any_of(a->paper.begin(), a->paper.end(), [](const PaperQuestion& q) { return q.kind != QuestionKind::multiple_choice; });
  if (manual) notify_business(s, e, "certification", name_of(s, b.person_id) + "'s assessment is waiting to be graded.");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const AttemptGraded& b) {
  auto& r = record(s, e, b.person_id);
  auto a = attempt_of(r, b.attempt);
  if (!a) return {true};
  a->grades = b.grades;
  a->graded = true;
  a->score = b.score;
  a->max_score = b.max_score;
  a->passed = b.passed;
  a->graded_by = e.actor;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const CertificationStatusChanged& b) {
  auto& r = record(s, e, b.person_id);
  r.status = b.status;
  r.status_since = e.at;
  r.history.push_back(CertificationEntry{e.at, b.status, e.actor, b.note});
  switch (b.status) {
  case S::certified:
    r.certified_at = e.at;
    r.expires_at = b.expires_at;
    r.cycle_start = static_cast<int>(r.attempts.size()); // a renewal starts a new count of attempts
    r.extra_attempts = 0;
    r.retry_waived = false;
    r.retry_after = 0;
    r.exception_request.clear();
    r.revoked_reason.clear();
    notify(s, b.person_id, e, "certification", "You are a Certified Support Agent: the business can now assign you customers.");
    support_apply::notify_support_resumed(s, e, b.person_id); // held customers: the business chooses whether they come back
    break;
  case S::failed:
    r.retry_after = b.retry_after;
    r.retry_waived = false;
    notify(s, b.person_id, e, "certification", "Your assessment did not reach the pass mark. " + b.note);
    break;
  case S::revoked:
    r.revoked_reason = b.note;
    r.exception_request.clear();
    notify(s, b.person_id, e, "certification", "Your support certification was revoked: " + b.note);
    support_apply::notify_support_stopped(s, e, b.person_id);
    break;
  case S::expired:
    notify(s, b.person_id, e, "certification", "Your support certification expired: pass the assessment again to renew it.");
    support_apply::notify_support_stopped(s, e, b.person_id);
    break;
  case S::awaiting_manual_review:
    notify_business(s, e, "certification", name_of(s, b.person_id) + " passed the assessment and awaits your approval.");
    break;
  default: break;
  }
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const CertificationExceptionRequested& b) {
  auto& r = record(s, e, b.person_id);
  r.exception_request = b.message;
  r.exception_requested_at = e.at;
  notify_business(s, e, "certification", name_of(s, b.person_id) + " asks for a manual review or an exception.");
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const CertificationExceptionGranted& b) {
  auto& r = record(s, e, b.person_id);
  if (b.kind == "extra_attempt") ++r.extra_attempts;
  else r.retry_waived = true;
  r.exception_request.clear();
  notify(s, b.person_id, e, "certification",
         b.kind == "extra_attempt" ? "The business granted you an extra assessment attempt." : "The business waived your retry wait: you can try again now.");
  return {};
}

} // namespace pd::domain::certification_apply
