// Commands of the support certification (part of Command, see commands.hpp).
#pragma once

#include "shared/core/error.hpp"
#include "shared/domain/certification/certification.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace pd::domain {

// Documented limits (docs/api.md).
inline constexpr std::size_t max_modules = 50;
inline constexpr std::size_t max_sections = 30;
inline constexpr std::size_t max_quiz_questions = 20;
inline constexpr std::size_t max_options = 10;
inline constexpr std::size_t max_faq_items = 100;
inline constexpr std::size_t max_bank = 500;
inline constexpr std::size_t max_lesson_text = 50'000;
inline constexpr std::size_t max_answer_text = 10'000;

// Business (owners and admins): how access is granted and the assessment's rules.
struct ChangeCertificationSettings {
  static constexpr const char* type = "ChangeCertificationSettings";
  AccessMode access = AccessMode::request;
  AssessmentRules rules;
  bool operator==(const ChangeCertificationSettings&) const = default;
};
// Business: add (id 0) or replace a training module. quiz_key: the right option of each
// quiz question of each section of a text lesson.
struct SaveTrainingModule {
  static constexpr const char* type = "SaveTrainingModule";
  TrainingModule module;
  QuizKey quiz_key;
  bool operator==(const SaveTrainingModule&) const = default;
};
struct RemoveTrainingModule {
  static constexpr const char* type = "RemoveTrainingModule";
  ModuleId module_id = 0;
  bool operator==(const RemoveTrainingModule&) const = default;
};
// Business: add (id 0) or replace a question of the assessment's bank.
struct SaveQuestion {
  static constexpr const char* type = "SaveQuestion";
  Question question;
  bool operator==(const SaveQuestion&) const = default;
};
struct RemoveQuestion {
  static constexpr const char* type = "RemoveQuestion";
  QuestionId question_id = 0;
  bool operator==(const RemoveQuestion&) const = default;
};

// Agent: Certification -> Request Support Access.
struct RequestSupportAccess {
  static constexpr const char* type = "RequestSupportAccess";
  bool operator==(const RequestSupportAccess&) const = default;
};
// Agent: progress in one module. step: watch (position_seconds), open and acknowledge (PDF),
// answer_quiz (section, answers: the chosen option per question), practice (demo script),
// review (item of an FAQ module).
struct RecordTrainingProgress {
  static constexpr const char* type = "RecordTrainingProgress";
  ModuleId module_id = 0;
  std::string step;
  std::int64_t position_seconds = 0;
  int section = 0;
  std::vector<int> answers;
  int item = 0;
  bool operator==(const RecordTrainingProgress&) const = default;
};
struct StartAssessment {
  static constexpr const char* type = "StartAssessment";
  bool operator==(const StartAssessment&) const = default;
};
// Agent: answers so far (kept, so a reload or a second tab resumes them).
struct SaveAnswers {
  static constexpr const char* type = "SaveAnswers";
  int attempt = 0;
  std::vector<AnswerGiven> answers;
  bool operator==(const SaveAnswers&) const = default;
};
struct SubmitAssessment {
  static constexpr const char* type = "SubmitAssessment";
  int attempt = 0;
  std::vector<AnswerGiven> answers; // the last answers, saved with the submission
  bool operator==(const SubmitAssessment&) const = default;
};
// Agent: when attempts are exhausted or after a failure, ask for a manual review or an exception.
struct RequestCertificationException {
  static constexpr const char* type = "RequestCertificationException";
  std::string message;
  bool operator==(const RequestCertificationException&) const = default;
};

// Business: score the free answers of a submitted attempt against the rubric.
struct GradeAttempt {
  static constexpr const char* type = "GradeAttempt";
  PersonId person_id = 0;
  int attempt = 0;
  std::vector<QuestionGrade> grades; // one per short-answer or scenario question
  bool operator==(const GradeAttempt&) const = default;
};
// Business: the final decision after a passing score (approve: Certified; decline: Failed).
struct DecideCertification {
  static constexpr const char* type = "DecideCertification";
  PersonId person_id = 0;
  bool approve = false;
  std::string note; // required when declining
  bool operator==(const DecideCertification&) const = default;
};
// Business: an extra attempt, or waiving the retry wait.
struct GrantCertificationException {
  static constexpr const char* type = "GrantCertificationException";
  PersonId person_id = 0;
  std::string kind; // extra_attempt | waive_retry
  std::string note;
  bool operator==(const GrantCertificationException&) const = default;
};
struct RevokeCertification {
  static constexpr const char* type = "RevokeCertification";
  PersonId person_id = 0;
  std::string reason; // required
  bool operator==(const RevokeCertification&) const = default;
};

// T names a type, which cannot be parenthesised in a declaration.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define PD_CERTIFICATION_COMMAND_CODEC(T)                                                                                    \
  std::optional<core::Error> read_command(const nlohmann::json& data, T& command);                                           \
  nlohmann::json write_command(const T& command);
// NOLINTEND(bugprone-macro-parentheses)
PD_CERTIFICATION_COMMAND_CODEC(ChangeCertificationSettings)
PD_CERTIFICATION_COMMAND_CODEC(SaveTrainingModule)
PD_CERTIFICATION_COMMAND_CODEC(RemoveTrainingModule)
PD_CERTIFICATION_COMMAND_CODEC(SaveQuestion)
PD_CERTIFICATION_COMMAND_CODEC(RemoveQuestion)
PD_CERTIFICATION_COMMAND_CODEC(RequestSupportAccess)
PD_CERTIFICATION_COMMAND_CODEC(RecordTrainingProgress)
PD_CERTIFICATION_COMMAND_CODEC(StartAssessment)
PD_CERTIFICATION_COMMAND_CODEC(SaveAnswers)
PD_CERTIFICATION_COMMAND_CODEC(SubmitAssessment)
PD_CERTIFICATION_COMMAND_CODEC(RequestCertificationException)
PD_CERTIFICATION_COMMAND_CODEC(GradeAttempt)
PD_CERTIFICATION_COMMAND_CODEC(DecideCertification)
PD_CERTIFICATION_COMMAND_CODEC(GrantCertificationException)
PD_CERTIFICATION_COMMAND_CODEC(RevokeCertification)
#undef PD_CERTIFICATION_COMMAND_CODEC

} // namespace pd::domain
