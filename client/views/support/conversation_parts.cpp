#include "client/views/support/conversation_parts.hpp"

#include "client/testing/item_table.hpp"
#include "client/views/layout.hpp"
#include "client/views/support/ticket_parts.hpp"

#include "shared/domain/support/ticket_actions.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace pd::client::views {

bool conversation_offered(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t) {
  return domain::ticket_action_offered(s, me, t, domain::TicketAction::log_conversation);
}

void conversation_form(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, UiState& ui_state,
                       Dispatch& dispatch) {
  TicketForms& f = ui_state.ticket;
  if (!f.conversation_open || !conversation_offered(s, me, t)) return;
  const auto& form = ui_state.form(FormId::conversation);
  ui::begin_tinted(ui::tone::neutral);
  ui::heading("Log a call or chat", 16);
  form_errors(form);
  ImGui::BeginDisabled(form.sending);
  if (ImGui::RadioButton("Phone call", !f.conversation_chat)) f.conversation_chat = false;
  ImGui::SameLine(0, ui::dp(16));
  if (ImGui::RadioButton("Chat transcript", f.conversation_chat)) f.conversation_chat = true;
  if (!f.conversation_chat) {
    ui::field_label("Length of the call, minutes (optional)");
    ImGui::SetNextItemWidth(ui::dp(140));
    ImGui::InputInt("##Call minutes", &f.conversation_minutes, 0, 0);
    f.conversation_minutes = std::clamp(f.conversation_minutes, 0, static_cast<int>(domain::max_call_minutes));
    testing::record_value(std::to_string(f.conversation_minutes));
    ui::field_error(form.errors.field("duration_minutes"));
  }
  ui::field_label(f.conversation_chat ? "Transcript (internal: agent and business only)" : "Call notes (internal: agent and business only)");
  multiline("##Conversation record", f.conversation_record, ui::dp(f.conversation_chat ? 140 : 90));
  ui::field_error(form.errors.field("record"));
  ui::field_label("Written summary for the customer");
  ui::text_wrapped("Sent in the thread (and by email): what was discussed, what was agreed, what happens next and when.",
                   ui::color::muted);
  multiline("##Conversation summary", f.conversation_summary, ui::dp(90));
  ui::field_error(form.errors.field("summary"));
  ImGui::AlignTextToFramePadding();
  ui::text("Then set:", ui::color::muted);
  ui::flow_next(ui::dp(210), ui::dp(6));
  enum_choice("##Conversation status", {"Waiting on customer", "Open", "Resolved"},
              std::vector<domain::TicketStatus>{domain::TicketStatus::waiting_on_customer, domain::TicketStatus::open,
                                                domain::TicketStatus::resolved},
              f.conversation_status, ui::dp(210));
  // The summary touches a restricted topic (the server's warning): the agent confirms to send it.
  if (form.errors.field("send_despite_warning") || f.conversation_despite)
    ImGui::Checkbox("Send the summary despite the restricted-topic warning", &f.conversation_despite);
  ImGui::EndDisabled();
  const bool ready = !f.conversation_record.empty() && !f.conversation_summary.empty();
  const auto footer = ui::form_footer(f.conversation_chat ? "Log chat and send summary" : "Log call and send summary", "Sending\xE2\x80\xA6",
                                      form.sending, ready, "Cancel##conversation", "Log conversation");
  if (footer.submit) {
    domain::LogConversation cmd;
    cmd.ticket_id = t.id;
    cmd.channel = f.conversation_chat ? "chat" : "phone";
    cmd.duration_minutes = f.conversation_chat ? 0 : f.conversation_minutes;
    cmd.record = f.conversation_record;
    cmd.summary = f.conversation_summary;
    cmd.status = f.conversation_status;
    cmd.send_despite_warning = f.conversation_despite;
    dispatch(SendCommand{FormId::conversation, cmd});
  }
  if (footer.cancel) f.conversation_open = false;
  ui::end_tinted();
  ImGui::Dummy(ui::dp(0, 6));
}

void conversation_pill(const domain::TicketMessage& m) {
  if (m.channel.empty()) return;
  const bool phone = m.channel == "phone";
  std::string label;
  if (m.summary_of != 0) label = phone ? "Summary of the phone call" : "Summary of the chat";
  else if (phone) label = m.duration_minutes > 0 ? "Phone call \xC2\xB7 " + std::to_string(m.duration_minutes) + " min" : std::string("Phone call");
  else label = "Chat transcript";
  ui::flow_next(ui::pill_size(label).x, ui::dp(6));
  ui::pill(label, ui::tone::accent);
}

} // namespace pd::client::views
