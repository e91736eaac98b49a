#include "shared/domain/desk/decide_responses.hpp"

#include "shared/domain/program/authorization.hpp"

#include <algorithm>

namespace pd::domain::desk_rules {

using Events = std::vector<EventBody>;

namespace {

std::optional<core::Error> refuse_unless_business(const ProgramState& s, const Actor& a) {
  if (!is_allowed(s, a.id, Action::manage_support_settings)) return core::forbidden("Only the business edits its product areas, templates and triggers.");
  return std::nullopt;
}

} // namespace

Outcome decide(const ProgramState& s, const SetProductAreas& c, const Actor& a, TimeMs) {
  if (auto e = refuse_unless_business(s, a)) return *e;
  if (auto e = desk::check_product_areas(c.product_areas, "data.product_areas")) return *e;
  if (c.product_areas == s.responses.product_areas) return Events{};
  return Events{ProductAreasChanged{c.product_areas}};
}

Outcome decide(const ProgramState& s, const SaveResponseTemplate& c, const Actor& a, TimeMs) {
  if (auto e = refuse_unless_business(s, a)) return *e;
  desk::ResponseTemplate t;
  if (c.template_id != 0) {
    const auto* old = s.responses.find(c.template_id);
    if (!old) return core::not_found("No template has that id.", "data.template_id");
    t = *old;
  } else {
    if (s.responses.templates.size() >= desk::max_templates)
      return core::invalid("A program keeps at most " + std::to_string(desk::max_templates) + " templates: remove one first.", "data.template_id");
    t.id = s.responses.next_template_id;
  }
  t.name = c.name;
  t.category = c.category;
  t.text = c.text;
  if (auto e = desk::check_template(t, "data")) return *e;
  if (const auto* old = s.responses.find(t.id); old && *old == t) return Events{};
  return Events{ResponseTemplateSaved{std::move(t)}};
}

Outcome decide(const ProgramState& s, const RemoveResponseTemplate& c, const Actor& a, TimeMs) {
  if (auto e = refuse_unless_business(s, a)) return *e;
  if (!s.responses.find(c.template_id)) return core::not_found("No template has that id.", "data.template_id");
  for (const auto& t : s.responses.triggers)
    if (t.template_id == c.template_id)
      return core::conflict("The trigger \"" + t.phrase + "\" suggests this template: change the trigger first.", "data.template_id");
  return Events{ResponseTemplateRemoved{c.template_id}};
}

Outcome decide(const ProgramState& s, const SetCannedTriggers& c, const Actor& a, TimeMs) {
  if (auto e = refuse_unless_business(s, a)) return *e;
  if (auto e = desk::check_triggers(s.responses, c.triggers, "data.triggers")) return *e;
  if (c.triggers == s.responses.triggers) return Events{};
  return Events{CannedTriggersChanged{c.triggers}};
}

std::vector<EventBody> retention_triggers(const ProgramState& s, TicketId id, const Ticket* existing, std::string_view message) {
  if (existing && existing->triage.retention_started_at != 0) return {};
  for (const auto* t : desk::matching_triggers(s.responses, message))
    if (t->starts_retention) return {RetentionWorkflowStarted{id, t->phrase}};
  return {};
}

} // namespace pd::domain::desk_rules
