// Calls and chats on a ticket (domain::LogConversation): the form that logs a phone call or a
// pasted chat transcript with the written summary the customer is sent, and the pills that mark
// both messages in the thread.
#pragma once

#include "client/app/actions.hpp"
#include "client/app/app_state.hpp"

#include "shared/domain/state.hpp"

namespace pd::client::views {

// True when `me` may log a call or chat on `t` now (the rule decide() applies).
bool conversation_offered(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t);
// The form, while TicketForms::conversation_open (agent and business).
void conversation_form(const domain::ProgramState& s, domain::PersonId me, const domain::Ticket& t, UiState& ui_state,
                       Dispatch& dispatch);
// "Phone call · 12 min" or "Chat transcript" on a record, "Summary of the phone call" on its
// summary; nothing on a written message.
void conversation_pill(const domain::TicketMessage& m);

} // namespace pd::client::views
