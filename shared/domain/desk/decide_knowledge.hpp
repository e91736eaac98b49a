// decide() for the knowledge-base commands (called by decide.cpp; pure, every rule checked
// here), and the automatic responses to a new ticket (decide_support.cpp's OpenTicket adds them).
#pragma once

#include "shared/domain/commands.hpp"
#include "shared/domain/decide.hpp"

namespace pd::domain::desk_rules {

using Outcome = core::Result<std::vector<EventBody>>;

Outcome decide(const ProgramState& s, const SaveArticle& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const SubmitArticle& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const PublishArticle& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ReviewArticle& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ArchiveArticle& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ChangeKnowledgeSettings& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RecordSearchMiss& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const RecordDeflection& c, const Actor& actor, TimeMs now);
Outcome decide(const ProgramState& s, const ConfirmAutomaticAnswer& c, const Actor& actor, TimeMs now);

// Which articles a member reads (article_visible): business staff, agents, customers.
KnowledgeReader reader_of(const ProgramState& s, PersonId person);

// The line every automatic answer ends with (seed 002 section 8).
inline constexpr const char* human_will_help = "If this doesn't solve your issue, reply and a human will help.";
inline constexpr std::size_t suggested_articles_in_acknowledgement = 3;

// The automatic messages for a ticket being opened (`opened` is its TicketOpened, not applied
// yet): always the acknowledgement (its reference, the first-response target as a time in the
// customer's own time zone, utc_offset_minutes east of UTC, and up to three suggested public
// articles); then an automatic answer only when the match is near-certain: the subject or the
// text is exactly a published public article's question, or an account status question the
// program's own data answers (plan; next billing date from the billing records). The ticket
// stays open for a human.
std::vector<EventBody> auto_responses(const ProgramState& s, const TicketOpened& opened, int utc_offset_minutes, TimeMs now);

// The answer to an account status question from the program's own data ("" when the text asks
// none near-certainly): the customer's plan, and the next billing date (a month after the last
// payment the billing system recorded, or the next monthly anniversary of the start date).
std::string account_status_answer(const ProgramState& s, CustomerId customer, std::string_view subject, std::string_view text, TimeMs now);

// The automatic answer on a ticket (an article's or the account status), or nullptr.
const TicketMessage* automatic_answer(const Ticket& t);
// Whether the customer may say the automatic answer solved the problem: the ticket is open, has an
// automatic answer and has not been confirmed yet. The ticket page shows "This solved my problem"
// when it holds; decide() refuses ConfirmAutomaticAnswer with the same reason.
std::optional<core::Error> why_not_confirm(const Ticket& t);
inline constexpr const char* confirmed_text = "The customer confirmed that the automatic answer solved the problem.";

// Automation: tickets that got an automatic answer (acknowledgements not counted) among the
// tickets opened from `since` (0: all), and those the customer confirmed it solved.
struct AutomationRate {
  std::int64_t tickets = 0;
  std::int64_t answered_automatically = 0;
  std::int64_t solved_automatically = 0;
  int permille() const { return tickets ? static_cast<int>((answered_automatically * 1000 + tickets / 2) / tickets) : -1; }
};
AutomationRate automation_rate(const ProgramState& s, TimeMs since = 0);

} // namespace pd::domain::desk_rules
