// Events of the triage lists and the response library (part of EventBody, see events.hpp).
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/desk/templates.hpp"
#include "shared/domain/support/support.hpp"

namespace pd::domain {

// The business saved its product areas (the whole list).
struct ProductAreasChanged {
  static constexpr const char* type = "ProductAreasChanged";
  std::vector<std::string> product_areas;
  bool operator==(const ProductAreasChanged&) const = default;
};
// A template was added (id new) or edited.
struct ResponseTemplateSaved {
  static constexpr const char* type = "ResponseTemplateSaved";
  desk::ResponseTemplate response_template;
  bool operator==(const ResponseTemplateSaved&) const = default;
};
struct ResponseTemplateRemoved {
  static constexpr const char* type = "ResponseTemplateRemoved";
  desk::TemplateId template_id = 0;
  bool operator==(const ResponseTemplateRemoved&) const = default;
};
// The business saved its canned-response triggers (the whole list).
struct CannedTriggersChanged {
  static constexpr const char* type = "CannedTriggersChanged";
  std::vector<desk::CannedTrigger> triggers;
  bool operator==(const CannedTriggersChanged&) const = default;
};
// A customer's message matched a trigger that starts the retention workflow ("How do I
// cancel?"): recorded on the ticket and in its audit trail before anyone answers. Customers
// never see it.
struct RetentionWorkflowStarted {
  static constexpr const char* type = "RetentionWorkflowStarted";
  TicketId ticket_id = 0;
  std::string phrase; // the trigger's phrase
  bool operator==(const RetentionWorkflowStarted&) const = default;
};

PD_JSON_TYPE(ProductAreasChanged, product_areas)
PD_JSON_TYPE(ResponseTemplateSaved, response_template)
PD_JSON_TYPE(ResponseTemplateRemoved, template_id)
PD_JSON_TYPE(CannedTriggersChanged, triggers)
PD_JSON_TYPE(RetentionWorkflowStarted, ticket_id, phrase)

} // namespace pd::domain
