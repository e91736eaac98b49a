#include "server/config/options.hpp"
#include "server/mail/mail_worker.hpp"
#include "server/mail/messages.hpp"
#include "server/mail/smtp.hpp"

#include <doctest/doctest.h>

#include <map>

namespace test_unit_server_mail_smtp { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;

namespace {

config::ParseOutcome parse_mail_flags(const std::vector<std::string>& args) {
  return config::parse_options(args, [](const char*) -> const char* { return nullptr; });
}

// The header's value, without its name; empty when absent.
std::string header_of(const std::string& message, const std::string& name) {
  auto at = message.find(name + ": ");
  if (at == std::string::npos) return {};
  auto start = at + name.size() + 2;
  return message.substr(start, message.find("\r\n", start) - start);
}

} // namespace

TEST_CASE("a message carries its outbox id as Message-ID, the program's name as sender, and both bodies") {
  storage::OutgoingMail mail = mail::password_reset_mail("lena@example.com", "Lena <Vogel>", "https://desk.example.com/#/reset/" + std::string(64, 'a'),
                                                         60, "reset-0123456789abcdef01234567@desk.example.com");
  // 2026-12-06 02:19:15 UTC, a Sunday.
  const auto text = mail::format_message(mail, "desk@example.com", 1796523555000);
  CHECK(header_of(text, "Message-ID") == "<reset-0123456789abcdef01234567@desk.example.com>");
  CHECK(header_of(text, "From") == "Partnerdesk <desk@example.com>");
  CHECK(header_of(text, "To") == "<lena@example.com>");
  CHECK(header_of(text, "Subject") == "Reset your Partnerdesk password");
  CHECK(header_of(text, "Date") == "Sun, 06 Dec 2026 02:19:15 +0000");
  CHECK(header_of(text, "Auto-Submitted") == "auto-generated");
  CHECK(text.find("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable") != std::string::npos);
  CHECK(text.find("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable") != std::string::npos);
  // Every line fits SMTP's limit and quoted-printable's 76 characters; the HTML escapes the name.
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    CHECK(end - start <= 76);
    start = end + 2;
  }
  CHECK(mail.html_body.find("Lena &lt;Vogel&gt;") != std::string::npos);
  CHECK(mail.text_body.find("It works once, for one hour") != std::string::npos);
  // The same message formatted again (a retry) has the same id and boundary.
  const auto again = mail::format_message(mail, "desk@example.com", 1796523556000);
  CHECK(header_of(again, "Message-ID") == header_of(text, "Message-ID"));
  CHECK(header_of(again, "Content-Type") == header_of(text, "Content-Type"));
}

TEST_CASE("quoted-printable: '=' and bytes beyond ASCII are encoded, long lines get soft breaks, a subject beyond ASCII an encoded word") {
  storage::OutgoingMail mail;
  mail.message_id = "x@y";
  mail.recipient = "a@b.test";
  mail.subject = "R\xC3\xA9initialiser";
  mail.text_body = "a=b \xC3\xA9t\xC3\xA9\r\n" + std::string(100, 'x') + " \r\nend";
  mail.html_body = "<p>x</p>";
  const auto text = mail::format_message(mail, "desk@example.com", 0);
  CHECK(header_of(text, "Subject") == "=?UTF-8?B?UsOpaW5pdGlhbGlzZXI=?=");
  CHECK(text.find("a=3Db =C3=A9t=C3=A9\r\n") != std::string::npos);
  CHECK(text.find(std::string(75, 'x') + "=\r\n" + std::string(25, 'x') + "=20\r\nend\r\n") != std::string::npos);
}

TEST_CASE("failed attempts are tried again after 30 s, doubling, at most an hour apart") {
  CHECK(mail::MailWorker::retry_delay_ms(1) == 30'000);
  CHECK(mail::MailWorker::retry_delay_ms(2) == 60'000);
  CHECK(mail::MailWorker::retry_delay_ms(3) == 120'000);
  CHECK(mail::MailWorker::retry_delay_ms(8) == 3'600'000);
  CHECK(mail::MailWorker::retry_delay_ms(1000) == 3'600'000);
}

TEST_CASE("the relay's settings: a URL of smtp:// or smtps://, a sender and a public URL with it, plain text only on this machine") {
  auto ok = parse_mail_flags({"--smtp-url", "smtps://smtp.example.com:465", "--smtp-user", "desk", "--mail-from", "desk@example.com",
                              "--public-url", "https://desk.example.com/"});
  REQUIRE(ok.options);
  CHECK(ok.options->smtp_url == "smtps://smtp.example.com:465");
  CHECK(ok.options->public_url == "https://desk.example.com"); // no trailing slash: links append "/#/..."
  CHECK(ok.options->password_reset_minutes == 60);
  auto from_env = config::parse_options({}, [](const char* name) -> const char* {
    static const std::map<std::string, std::string> vars = {{"PD_SMTP_PASSWORD", "s3cret"}};
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
  REQUIRE(from_env.options);
  CHECK(from_env.options->smtp_password == "s3cret");
  CHECK(parse_mail_flags({"--smtp-url", "http://smtp.example.com"}).exit_code == 2);
  CHECK(parse_mail_flags({"--smtp-url", "smtp://smtp.example.com:587", "--public-url", "https://d.example.com"}).exit_code == 2); // no sender
  CHECK(parse_mail_flags({"--smtp-url", "smtp://smtp.example.com:587", "--mail-from", "d@example.com"}).exit_code == 2); // no public URL
  CHECK(parse_mail_flags({"--smtp-url", "smtp://smtp.example.com:25", "--smtp-plain", "--mail-from", "d@example.com", "--public-url",
                          "https://d.example.com"})
            .exit_code == 2);
  auto local = parse_mail_flags({"--smtp-url", "smtp://127.0.0.1:25", "--smtp-plain", "--mail-from", "d@example.com", "--public-url",
                                 "https://d.example.com"});
  REQUIRE(local.options);
  CHECK(local.options->smtp_plain);
}

} // namespace test_unit_server_mail_smtp
