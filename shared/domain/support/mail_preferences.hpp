// Which in-app notifications also go out by email, and how each person chooses to get them.
// Every notification (support.hpp, Notification::kind) belongs to at most one kind of mail;
// per kind a person takes every message, one daily digest, or none. Mail that protects the
// account (password reset, verification, a new sign-in, an invitation) has no kind here: it
// is always sent and carries no unsubscribe link.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pd::domain {

enum class MailCategory { my_tickets, surveys, ticket_activity, alerts, assignments, program_news, reports };
enum class MailMode { each, daily_digest, off };

struct MailCategoryInfo {
  MailCategory category;
  const char* key;         // in the API and in unsubscribe links
  const char* label;       // what the person reads on their account page
  const char* description;
  MailMode default_mode;
};

// Every kind of mail, in the order the account page lists them.
std::span<const MailCategoryInfo> mail_categories();
const MailCategoryInfo& mail_category_info(MailCategory c);
std::optional<MailCategory> parse_mail_category(std::string_view key);

const char* to_string(MailMode m); // "each", "daily_digest", "off"
std::optional<MailMode> parse_mail_mode(std::string_view text);
const char* mail_mode_label(MailMode m);

// The kind of mail a notification of this kind belongs to; nullopt: it stays in the app.
std::optional<MailCategory> mail_category_of(std::string_view notification_kind);

} // namespace pd::domain
