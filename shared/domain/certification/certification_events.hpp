// Events of the support certification (part of EventBody, see events.hpp). Every change of an
// agent's status is a CertificationStatusChanged with who (the event's actor; 0 the system)
// and when (the event's time).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/certification/certification.hpp"

namespace pd::domain {

struct CertificationSettingsChanged {
  static constexpr const char* type = "CertificationSettingsChanged";
  AccessMode access = AccessMode::request;
  AssessmentRules rules;
  bool operator==(const CertificationSettingsChanged&) const = default;
};
struct TrainingModuleSaved {
  static constexpr const char* type = "TrainingModuleSaved";
  TrainingModule module; // id assigned by decide() for a new module
  bool operator==(const TrainingModuleSaved&) const = default;
};
struct TrainingModuleRemoved {
  static constexpr const char* type = "TrainingModuleRemoved";
  ModuleId module_id = 0;
  bool operator==(const TrainingModuleRemoved&) const = default;
};
struct QuizKeySaved { // business only
  static constexpr const char* type = "QuizKeySaved";
  ModuleId module_id = 0;
  QuizKey key;
  bool operator==(const QuizKeySaved&) const = default;
};
struct QuestionSaved { // business only
  static constexpr const char* type = "QuestionSaved";
  Question question;
  bool operator==(const QuestionSaved&) const = default;
};
struct QuestionRemoved { // business only
  static constexpr const char* type = "QuestionRemoved";
  QuestionId question_id = 0;
  bool operator==(const QuestionRemoved&) const = default;
};
struct SupportAccessRequested {
  static constexpr const char* type = "SupportAccessRequested";
  PersonId person_id = 0;
  bool operator==(const SupportAccessRequested&) const = default;
};
struct TrainingProgressed {
  static constexpr const char* type = "TrainingProgressed";
  PersonId person_id = 0;
  ModuleId module_id = 0;
  ModuleProgress progress; // the whole progress after the step
  std::string step;
  int quiz_correct = -1; // answer_quiz: how many answers were right (-1 otherwise)
  int quiz_total = 0;
  bool operator==(const TrainingProgressed&) const = default;
};
struct AttemptStarted {
  static constexpr const char* type = "AttemptStarted";
  PersonId person_id = 0;
  Attempt attempt; // its paper: the drawn questions in their shuffled order
  bool operator==(const AttemptStarted&) const = default;
};
struct AnswersSaved {
  static constexpr const char* type = "AnswersSaved";
  PersonId person_id = 0;
  int attempt = 0;
  std::vector<AnswerGiven> answers; // every answer so far
  bool operator==(const AnswersSaved&) const = default;
};
struct AttemptSubmitted {
  static constexpr const char* type = "AttemptSubmitted";
  PersonId person_id = 0;
  int attempt = 0;
  std::vector<AnswerGiven> answers;
  bool auto_submitted = false; // by the scheduler when time ran out
  std::vector<QuestionGrade> grades; // the automatic ones
  bool operator==(const AttemptSubmitted&) const = default;
};
struct AttemptGraded {
  static constexpr const char* type = "AttemptGraded";
  PersonId person_id = 0;
  int attempt = 0;
  std::vector<QuestionGrade> grades; // all of them
  int score = 0;
  int max_score = 0;
  bool passed = false;
  bool operator==(const AttemptGraded&) const = default;
};
struct CertificationStatusChanged {
  static constexpr const char* type = "CertificationStatusChanged";
  PersonId person_id = 0;
  CertificationStatus status = CertificationStatus::not_started;
  std::string note;
  TimeMs retry_after = 0; // failed: no new attempt before this
  TimeMs expires_at = 0;  // certified: 0 when the certification does not expire
  bool operator==(const CertificationStatusChanged&) const = default;
};
struct CertificationExceptionRequested {
  static constexpr const char* type = "CertificationExceptionRequested";
  PersonId person_id = 0;
  std::string message;
  bool operator==(const CertificationExceptionRequested&) const = default;
};
struct CertificationExceptionGranted {
  static constexpr const char* type = "CertificationExceptionGranted";
  PersonId person_id = 0;
  std::string kind; // extra_attempt | waive_retry
  std::string note;
  bool operator==(const CertificationExceptionGranted&) const = default;
};

PD_JSON_TYPE(CertificationSettingsChanged, access, rules)
PD_JSON_TYPE(TrainingModuleSaved, module)
PD_JSON_TYPE(TrainingModuleRemoved, module_id)
PD_JSON_TYPE(QuizKeySaved, module_id, key)
PD_JSON_TYPE(QuestionSaved, question)
PD_JSON_TYPE(QuestionRemoved, question_id)
PD_JSON_TYPE(SupportAccessRequested, person_id)
PD_JSON_TYPE(TrainingProgressed, person_id, module_id, progress, step, quiz_correct, quiz_total)
PD_JSON_TYPE(AttemptStarted, person_id, attempt)
PD_JSON_TYPE(AnswersSaved, person_id, attempt, answers)
PD_JSON_TYPE(AttemptSubmitted, person_id, attempt, answers, auto_submitted, grades)
PD_JSON_TYPE(AttemptGraded, person_id, attempt, grades, score, max_score, passed)
PD_JSON_TYPE(CertificationStatusChanged, person_id, status, note, retry_after, expires_at)
PD_JSON_TYPE(CertificationExceptionRequested, person_id, message)
PD_JSON_TYPE(CertificationExceptionGranted, person_id, kind, note)

} // namespace pd::domain
