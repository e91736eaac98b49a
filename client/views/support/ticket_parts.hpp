// Pieces the support-desk views share (tickets_view, new_ticket_view, ticket_view, support_view and
// its notification centre): status tones, SLA countdowns, the clock (ticket_parts.cpp).
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"
#include "client/platform/browser.hpp"
#include "client/ui/ui.hpp"

#include "shared/domain/support/sla.hpp"
#include "shared/domain/state.hpp"

#include <cstdint>
#include <string>

namespace pd::client::views {

inline std::int64_t clock_ms() { return static_cast<std::int64_t>(platform::wall_clock_ms()); }

ui::Tone ticket_status_tone(const domain::Ticket& t);
ui::Tone priority_tone(domain::Priority p);
// "1 h 12 min", "3 h", "2 d 4 h", "45 s"
std::string span_text(std::int64_t ms);
// The ticket's next SLA deadline as a countdown: "due in 1 h 12 min (first response)" or
// "overdue by 3 h (resolution)"; empty when none. overdue tells which.
std::string countdown_text(const domain::Ticket& t, std::int64_t now, bool& overdue);
// The countdown drawn as text (red when overdue; "—" when none).
void countdown(const domain::Ticket& t, std::int64_t now);
std::string customer_name(const domain::ProgramState& s, domain::CustomerId id);
const char* category_label(domain::Category c);
// A multi-line text field (its value reported to the item table); returns edited.
bool multiline(const char* id, std::string& value, float height);
// A row of 1..max buttons "1".."5" (ids "{id} 1" ...); the chosen one highlighted. Returns changed.
bool score_buttons(const char* id, int& value, int from, int to);
// A label and its score buttons: side by side (the buttons in a column at 180 dp) where the
// card is wide enough, the buttons under the label where it is not (a phone).
bool score_row(const char* label, const char* id, int& value, int from, int to);
// The files attached to a draft (each with Remove), "Attach a file" (draft: FormId::new_ticket
// or FormId::reply; the ImGui id "new_ticket" or "reply"), the upload in progress and the last
// upload's error.
void attachment_draft(AttachmentDraft& d, FormId draft, std::int64_t max_bytes, Dispatch& dispatch);
// A message's attachments as links that open the file in a new tab.
void attachment_links(const std::vector<domain::Attachment>& files, std::int64_t program);
// What the program's retention periods did or will do to the ticket: erased its text, removed its
// attachments, or keep its text until a day (shared/domain/privacy/data_retention.hpp).
void retention_banner(const domain::ProgramState& s, const domain::Ticket& t);
// "2.4 MB", "812 KB", "96 bytes"
std::string size_text(std::int64_t bytes);

} // namespace pd::client::views
