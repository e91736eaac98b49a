// Proactive outreach (seed 002 section 7): for a customer at Monitor or At Risk, the desk writes
// first. With the program's at-risk template (desk/templates.hpp, key "at-risk") the message is
// that template with the customer's fields and churn signals filled in, sent as a ticket that
// waits on the customer (ReachOut); without one, the outreach is a check-in for the customer's
// handler (support/check_ins.hpp). The retention page and the API both read these.
#pragma once

#include "shared/domain/desk/templates.hpp"
#include "shared/domain/retention/churn.hpp"
#include "shared/domain/state.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pd::domain {

// Outreach is offered at these levels (higher ones get a retention case instead).
bool outreach_suggested(ChurnLevel level);

// The program's at-risk template (key "at-risk"), or null when the business removed it.
const desk::ResponseTemplate* outreach_template(const ProgramState& s);

// The message to send: the template filled for `customer`, written by `author`, the signal
// placeholder ("[specific signal ...]") naming the score's signals in words. Placeholders the desk
// cannot fill stay for the author. Without a template, text is the check-in's note.
struct OutreachDraft {
  std::string subject;
  std::string text;
  std::int64_t template_id = 0; // 0: no template, schedule a check-in instead
};
OutreachDraft outreach_draft(const ProgramState& s, const ChurnScore& score, PersonId author);

// The ticket an outreach would open (what the template's fields are filled from).
Ticket outreach_ticket(const ProgramState& s, CustomerId customer, std::string subject);
// The template's placeholders still in `text`, each with its brackets: ReachOut refuses to send
// while any remain (desk::check_template_reply), and the composer lists them.
std::vector<std::string> outreach_unfilled(const ProgramState& s, CustomerId customer, PersonId author, std::int64_t template_id,
                                           std::string_view text);

// The customer's latest outreach ticket (0: none).
TicketId last_outreach(const ProgramState& s, CustomerId customer);

// The signals in words for a customer message ("your usage dropped by more than half").
std::string signal_in_words(const ChurnSignal& signal);

inline constexpr std::size_t max_outreach_subject = 200;
inline constexpr std::size_t max_outreach_text = 10000;

} // namespace pd::domain
