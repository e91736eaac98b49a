#include "shared/domain/desk/apply_responses.hpp"

#include <algorithm>

namespace pd::domain::desk_apply {

ApplyOutcome apply(ProgramState& s, const Event&, const ProductAreasChanged& b) {
  s.responses.product_areas = b.product_areas;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const ResponseTemplateSaved& b) {
  auto& list = s.responses.templates;
  auto it = std::find_if(list.begin(), list.end(), [&](const desk::ResponseTemplate& t) { return t.id == b.response_template.id; });
  if (it != list.end()) *it = b.response_template;
  else list.push_back(b.response_template);
  s.responses.next_template_id = std::max(s.responses.next_template_id, b.response_template.id + 1);
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const ResponseTemplateRemoved& b) {
  std::erase_if(s.responses.templates, [&](const desk::ResponseTemplate& t) { return t.id == b.template_id; });
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event&, const CannedTriggersChanged& b) {
  s.responses.triggers = b.triggers;
  return {};
}

ApplyOutcome apply(ProgramState& s, const Event& e, const RetentionWorkflowStarted& b) {
  auto it = s.tickets.find(b.ticket_id);
  if (it == s.tickets.end()) return {true};
  it->second.triage.retention_trigger = b.phrase;
  it->second.triage.retention_started_at = e.at;
  return {};
}

} // namespace pd::domain::desk_apply
