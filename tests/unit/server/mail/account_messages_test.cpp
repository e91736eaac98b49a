#include "server/mail/account_messages.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_mail_account_messages { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::mail;

TEST_CASE("the time of a sign-in reads as a UTC day and minute") {
  CHECK(utc_time_text(0) == "1 January 1970, 00:00 UTC");
  CHECK(utc_time_text(1'796'535'240'000) == "6 December 2026, 05:34 UTC");
}

TEST_CASE("the verification mail carries its link in both parts and no unsubscribe link") {
  auto m = email_verification_mail("vera@verify.test", "Vera <V>", "https://desk.test/#/verify/abc", 48, "verify-1@desk.test");
  CHECK(m.kind == "email_verification");
  CHECK(m.unsubscribe_url.empty());
  CHECK(m.text_body.find("https://desk.test/#/verify/abc") != std::string::npos);
  CHECK(m.text_body.find("48 hours") != std::string::npos);
  CHECK(m.html_body.find("Vera &lt;V&gt;") != std::string::npos);
}

TEST_CASE("the new sign-in mail names the browser, address and time, and what to do if it was not you") {
  auto m = new_sign_in_mail("ava@acme.test", "Ava", SignInNotice{"Firefox on Linux", "203.0.113.9", 0, "https://d/#/account", "https://d/#/forgot"},
                            "signin-1@d");
  CHECK(m.subject == "New sign-in to Partnerdesk");
  CHECK(m.unsubscribe_url.empty());
  for (const char* part : {"Firefox on Linux", "203.0.113.9", "1 January 1970, 00:00 UTC", "https://d/#/account", "https://d/#/forgot"}) {
    CHECK(m.text_body.find(part) != std::string::npos);
    CHECK(m.html_body.find(part) != std::string::npos);
  }
}

} // namespace test_unit_server_mail_account_messages
