#include "shared/domain/support/mail_preferences.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace test_unit_shared_domain_support_mail_preferences { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::domain;

TEST_CASE("every kind of mail has a unique key that parses back, and every mode round-trips") {
  std::set<std::string> keys;
  for (const auto& info : mail_categories()) {
    CHECK(keys.insert(info.key).second);
    CHECK(parse_mail_category(info.key) == info.category);
    CHECK(&mail_category_info(info.category) == &info);
    CHECK(std::string(info.label).size() > 3);
  }
  CHECK(keys.size() == 7);
  CHECK_FALSE(parse_mail_category("newsletters"));
  for (auto m : {MailMode::each, MailMode::daily_digest, MailMode::off}) CHECK(parse_mail_mode(to_string(m)) == m);
  CHECK_FALSE(parse_mail_mode("weekly"));
}

TEST_CASE("a customer's updates, the survey and the alerts each go to their own kind; private notices stay in the app") {
  CHECK(mail_category_of("reply") == MailCategory::my_tickets);
  CHECK(mail_category_of("resolved") == MailCategory::surveys);
  CHECK(mail_category_of("overdue") == MailCategory::alerts);
  CHECK(mail_category_of("escalated") == MailCategory::alerts);
  CHECK(mail_category_of("assigned") == MailCategory::assignments);
  CHECK(mail_category_of("customer_reply") == MailCategory::ticket_activity);
  CHECK(mail_category_of("commission") == MailCategory::program_news);
  CHECK_FALSE(mail_category_of("something_new"));
}

} // namespace test_unit_shared_domain_support_mail_preferences
