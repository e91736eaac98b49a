// apply() for the support certification's events. Called by apply.cpp only.
#pragma once

#include "shared/domain/apply.hpp"

namespace pd::domain::certification_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const CertificationSettingsChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TrainingModuleSaved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TrainingModuleRemoved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const QuizKeySaved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const QuestionSaved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const QuestionRemoved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const SupportAccessRequested& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const TrainingProgressed& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const AttemptStarted& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const AnswersSaved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const AttemptSubmitted& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const AttemptGraded& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CertificationStatusChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CertificationExceptionRequested& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CertificationExceptionGranted& b);

} // namespace pd::domain::certification_apply
