// apply() for the triage lists and the response library's events (called by apply.cpp).
#pragma once

#include "shared/domain/apply.hpp"
#include "shared/domain/events.hpp"

namespace pd::domain::desk_apply {

ApplyOutcome apply(ProgramState& s, const Event& e, const ProductAreasChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ResponseTemplateSaved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const ResponseTemplateRemoved& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const CannedTriggersChanged& b);
ApplyOutcome apply(ProgramState& s, const Event& e, const RetentionWorkflowStarted& b);

} // namespace pd::domain::desk_apply
