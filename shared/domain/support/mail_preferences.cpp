#include "shared/domain/support/mail_preferences.hpp"

#include <array>
#include <utility>

namespace pd::domain {

namespace {

constexpr std::array<MailCategoryInfo, 7> categories{{
    {MailCategory::my_tickets, "my_tickets", "My tickets",
     "Answers and changes on the tickets you opened, with the reply's text. Reply to the mail to answer.", MailMode::each},
    {MailCategory::surveys, "surveys", "Satisfaction surveys", "A short survey when one of your tickets is resolved.",
     MailMode::each},
    {MailCategory::ticket_activity, "ticket_activity", "Ticket activity",
     "New tickets, customer replies, notes and closings on the tickets you handle.", MailMode::each},
    {MailCategory::alerts, "alerts", "Overdue and escalation alerts",
     "A ticket past its SLA, an escalation, a takeover, a formal warning, or customers held from their agent.", MailMode::each},
    {MailCategory::assignments, "assignments", "Assignments and routing",
     "Customers and tickets assigned to you or moved away, and what routing rules tell you.",
     MailMode::each},
    {MailCategory::program_news, "program_news", "Certification, commission and check-ins",
     "Your certification, commission payouts and adjustments, scheduled check-ins and knowledge base upkeep.", MailMode::each},
    {MailCategory::reports, "reports", "Weekly support report",
     "Every Monday, last week's support report with its headlines and figures (the business only).", MailMode::each},
}};

// Notification kinds (apply_support.cpp, apply_routing.cpp, apply_certification.cpp,
// apply_commission.cpp) and the mail they belong to. Kinds not listed stay in the app.
constexpr std::array<std::pair<std::string_view, MailCategory>, 37> by_kind{{
    {"reply", MailCategory::my_tickets},
    {"closed", MailCategory::my_tickets}, // the customer's closed ticket; the handler's too
    {"rating_answered", MailCategory::my_tickets},
    {"resumed", MailCategory::my_tickets},            // a paused conversation resumed (support/conduct.hpp)
    {"restricted", MailCategory::my_tickets},         // the customer's tickets restricted after repeated abuse
    {"restriction_lifted", MailCategory::my_tickets},
    {"merged", MailCategory::my_tickets},      // the customer's tickets merged into one (and the handler's)
    {"estimate", MailCategory::my_tickets},    // an estimated resolution (support/progress.hpp)
    {"third_party", MailCategory::my_tickets}, // the ticket waits on a third party
    {"resolved", MailCategory::surveys},
    {"ticket_opened", MailCategory::ticket_activity},
    {"customer_reply", MailCategory::ticket_activity},
    {"ticket_reopened", MailCategory::ticket_activity},
    {"business_reply", MailCategory::ticket_activity},
    {"internal_note", MailCategory::ticket_activity},
    {"rating", MailCategory::ticket_activity},
    {"nps", MailCategory::ticket_activity},
    {"business_rating", MailCategory::ticket_activity},
    {"status", MailCategory::ticket_activity},
    {"wait_accepted", MailCategory::ticket_activity},
    {"overdue", MailCategory::alerts},
    {"escalated", MailCategory::alerts},
    {"taken_over", MailCategory::alerts},
    {"warning", MailCategory::alerts},
    {"support_held", MailCategory::alerts},
    {"red_flag", MailCategory::alerts},
    {"update_due", MailCategory::alerts},           // an update owed to the customer comes due (support/progress.hpp)
    {"update_missed", MailCategory::alerts},
    {"third_party_follow_up", MailCategory::alerts},
    {"assigned", MailCategory::assignments},
    {"unassigned", MailCategory::assignments},
    {"routed", MailCategory::assignments},
    {"certification", MailCategory::program_news},
    {"commission", MailCategory::program_news},
    {"check_in", MailCategory::program_news},
    {"hygiene", MailCategory::program_news},
    {"weekly_report", MailCategory::reports},
}};

} // namespace

std::span<const MailCategoryInfo> mail_categories() { return categories; }

const MailCategoryInfo& mail_category_info(MailCategory c) {
  for (const auto& info : categories)
    if (info.category == c) return info;
  return categories.front();
}

std::optional<MailCategory> parse_mail_category(std::string_view key) {
  for (const auto& info : categories)
    if (key == info.key) return info.category;
  return std::nullopt;
}

const char* to_string(MailMode m) {
  switch (m) {
  case MailMode::each: return "each";
  case MailMode::daily_digest: return "daily_digest";
  case MailMode::off: return "off";
  }
  return "each";
}

std::optional<MailMode> parse_mail_mode(std::string_view text) {
  for (auto m : {MailMode::each, MailMode::daily_digest, MailMode::off})
    if (text == to_string(m)) return m;
  return std::nullopt;
}

const char* mail_mode_label(MailMode m) {
  switch (m) {
  case MailMode::each: return "Every message";
  case MailMode::daily_digest: return "Daily digest";
  case MailMode::off: return "Off";
  }
  return "Every message";
}

std::optional<MailCategory> mail_category_of(std::string_view notification_kind) {
  for (const auto& [kind, category] : by_kind)
    if (kind == notification_kind) return category;
  return std::nullopt;
}

} // namespace pd::domain
