// apply() for the knowledge-base events. Called by apply.cpp only.
#pragma once

#include "shared/domain/apply.hpp"

namespace pd::domain::desk_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const ArticleSaved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ArticleWithdrawn& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const KnowledgeSettingsChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const KnowledgeSearchMissed& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ArticleDeflectionRecorded& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const KnowledgeHygieneReviewed& b);

} // namespace pd::domain::desk_apply
