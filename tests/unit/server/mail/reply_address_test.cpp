#include "server/auth/link_signer.hpp"
#include "server/config/options.hpp"
#include "server/mail/reply_address.hpp"

#include <doctest/doctest.h>

#include <cctype>

namespace test_unit_server_mail_reply_address { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;

namespace {

auth::LinkSigner reply_signer(unsigned char fill) {
  std::array<unsigned char, auth::LinkSigner::key_bytes> key{};
  key.fill(fill);
  return auth::LinkSigner(key);
}

std::string upper_reply(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

config::ParseOutcome parse_reply_flags(const std::vector<std::string>& args) {
  return config::parse_options(args, [](const char*) -> const char* { return nullptr; });
}

} // namespace

TEST_CASE("a ticket's reply address carries program, ticket and the reply tag in a plus suffix") {
  const auto links = reply_signer(7);
  const auto address = mail::reply_address("support@example.com", links, 3, 41);
  CHECK(address == "support+t3-41." + links.tag("reply", "3-41") + "@example.com");
  CHECK(links.tag("reply", "3-41").size() == 16);
  CHECK(mail::reply_address("", links, 3, 41).empty());
  CHECK(mail::reply_address("support.example.com", links, 3, 41).empty());
}

TEST_CASE("a reply address reads back to its ticket, whatever the case of its letters") {
  const auto links = reply_signer(7);
  const auto address = mail::reply_address("Support@Example.com", links, 12, 345);
  CHECK(mail::parse_reply_address("Support@Example.com", links, address) == mail::ReplyTarget{12, 345});
  CHECK(mail::parse_reply_address("support@example.com", links, upper_reply(address)) == mail::ReplyTarget{12, 345});
  CHECK(mail::parse_reply_address("support@example.com", links, " <" + address + "> ") == mail::ReplyTarget{12, 345});
}

TEST_CASE("a reply address with another tag, key, mailbox or ticket is refused") {
  const auto links = reply_signer(7);
  const auto good = mail::reply_address("support@example.com", links, 3, 41);
  const auto tag = links.tag("reply", "3-41");
  SUBCASE("another key") { CHECK_FALSE(mail::parse_reply_address("support@example.com", reply_signer(8), good)); }
  SUBCASE("another ticket with this ticket's tag") {
    CHECK_FALSE(mail::parse_reply_address("support@example.com", links, "support+t3-42." + tag + "@example.com"));
  }
  SUBCASE("the unsubscribe tag of the same value") {
    CHECK_FALSE(mail::parse_reply_address("support@example.com", links,
                                          "support+t3-41." + links.tag("unsubscribe", "3-41") + "@example.com"));
  }
  SUBCASE("another domain or mailbox") {
    CHECK_FALSE(mail::parse_reply_address("support@example.com", links, "support+t3-41." + tag + "@example.org"));
    CHECK_FALSE(mail::parse_reply_address("support@example.com", links, "help+t3-41." + tag + "@example.com"));
    CHECK_FALSE(mail::parse_reply_address("support@example.com", links, "xsupport+t3-41." + tag + "@example.com"));
  }
  SUBCASE("no tag, a cut tag, no suffix, the bare mailbox") {
    CHECK_FALSE(mail::parse_reply_address("support@example.com", links, "support+t3-41@example.com"));
    CHECK_FALSE(
        mail::parse_reply_address("support@example.com", links, "support+t3-41." + tag.substr(1) + "@example.com"));
    CHECK_FALSE(mail::parse_reply_address("support@example.com", links, "support+t@example.com"));
    CHECK_FALSE(mail::parse_reply_address("support@example.com", links, "support@example.com"));
    CHECK_FALSE(mail::parse_reply_address("support@example.com", links, ""));
  }
  SUBCASE("ids that are not canonical numbers, even when signed") {
    for (const std::string value :
         {"03-41", "3-041", "-3-41", "3-", "-41", "3-4-1", "0-41", "3-0", "a-41", "3-99999999999999999999"})
      CHECK_FALSE(mail::parse_reply_address("support@example.com", links,
                                            "support+t" + value + "." + links.tag("reply", value) + "@example.com"));
  }
  SUBCASE("no base configured") { CHECK_FALSE(mail::parse_reply_address("", links, good)); }
}

TEST_CASE("--reply-address and the IMAP flags") {
  auto ok = parse_reply_flags({"--reply-address", "support@example.com", "--imap-url", "imaps://mail.example.com/INBOX",
                               "--imap-user", "support", "--imap-poll-seconds", "30"});
  REQUIRE(ok.options);
  CHECK(ok.options->reply_address == "support@example.com");
  CHECK(ok.options->imap_url == "imaps://mail.example.com/INBOX");
  CHECK(ok.options->imap_user == "support");
  CHECK(ok.options->imap_poll_seconds == 30);
  CHECK(parse_reply_flags({}).options->imap_poll_seconds == 60);
  CHECK(parse_reply_flags({}).options->reply_address.empty());
  CHECK(parse_reply_flags({"--reply-address", "support+x@example.com"}).exit_code == 2);
  CHECK(parse_reply_flags({"--reply-address", "support"}).exit_code == 2);
  CHECK(parse_reply_flags({"--imap-url", "https://mail.example.com/INBOX", "--reply-address", "a@b.c"}).exit_code == 2);
  CHECK(parse_reply_flags({"--imap-url", "imaps://mail.example.com/INBOX"}).exit_code == 2); // no --reply-address
  CHECK(parse_reply_flags({"--imap-url", "imap://127.0.0.1:1143/INBOX", "--imap-plain", "--reply-address", "a@b.c"})
            .options);
  CHECK(
      parse_reply_flags({"--imap-url", "imap://[::1]:1143/INBOX", "--imap-plain", "--reply-address", "a@b.c"}).options);
  CHECK(parse_reply_flags({"--imap-url", "imap://mail.example.com/INBOX", "--imap-plain", "--reply-address", "a@b.c"})
            .exit_code == 2);
  CHECK(parse_reply_flags({"--imap-url", "imaps://127.0.0.1:993/INBOX", "--imap-plain", "--reply-address", "a@b.c"})
            .exit_code == 2);
}

} // namespace test_unit_server_mail_reply_address
