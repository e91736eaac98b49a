// What an agent records when it triages a ticket beside priority and categories (seed 002,
// section 1, Triage checklist): the one-sentence summary, the product area (one of the program's
// list, see triage.hpp), and the context (steps to reproduce, error messages, screenshots
// attached, environment). Kept on the ticket by apply() from TicketTriaged; a ticket never
// triaged has triaged_at 0 and is in the untriaged queue.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/domain/types.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace pd::domain {

struct TicketTriage {
  std::string summary;      // one sentence
  std::string product_area; // a key of the program's product areas ("" when none was chosen)
  std::string steps_to_reproduce;
  std::string error_messages;
  bool screenshots = false; // the customer attached screenshots
  std::string environment;  // browser, OS, app version
  TimeMs triaged_at = 0;    // 0: never triaged
  PersonId triaged_by = 0;
  // A customer's message matched a trigger that starts the retention workflow (desk/templates.hpp).
  std::string retention_trigger; // the trigger's phrase ("" none)
  TimeMs retention_started_at = 0;
  bool operator==(const TicketTriage&) const = default;
};
PD_JSON_TYPE(TicketTriage, summary, product_area, steps_to_reproduce, error_messages, screenshots,
                                                environment, triaged_at, triaged_by, retention_trigger,
                                                retention_started_at)

} // namespace pd::domain
