#include "mail_join.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <chrono>
#include <thread>

namespace pd::testing {

std::vector<std::string> sink_relay_flags(const SmtpSink& sink) {
  return {"--smtp-url", sink.url(), "--smtp-plain", "--mail-from", "desk@partnerdesk.test", "--public-url", "https://desk.example.test"};
}

std::string wait_for_mail_to(const SmtpSink& sink, const std::string& to, const std::string& subject) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    const auto all = sink.messages();
    for (auto it = all.rbegin(); it != all.rend(); ++it)
      if (mail_header(*it, "X-Sink-Rcpt-To") == to && mail_header(*it, "Subject") == subject) return *it;
    if (std::chrono::steady_clock::now() > until) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string link_token_in(const std::string& message, const std::string& route) {
  const std::string text = mail_text(message);
  auto at = text.find(route);
  if (at == std::string::npos) return {};
  auto start = at + route.size();
  auto end = start;
  while (end < text.size() && std::isxdigit(static_cast<unsigned char>(text[end]))) ++end;
  return text.substr(start, end - start);
}

nlohmann::json verify_through_mail(const ServerProcess& server, const SmtpSink& sink, const std::string& email) {
  const auto mail = wait_for_mail_to(sink, email, "Confirm your email for Partnerdesk");
  REQUIRE_MESSAGE(!mail.empty(), "no confirmation mail to " << email);
  const auto token = link_token_in(mail, "/#/verify/");
  REQUIRE(token.size() == 64);
  auto r = Session(server).post("/api/v1/account/email-verification", {{"token", token}});
  REQUIRE(r);
  auto answer = json_of(r);
  answer["http_status"] = r->status;
  return answer;
}

nlohmann::json join_through_mail(const ServerProcess& server, const SmtpSink& sink, const std::string& token, const std::string& email,
                                 const std::string& name, const std::string& password) {
  auto r = Session(server).post("/api/v1/invitations/accept", {{"token", token}, {"name", name}, {"password", password}});
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 403);
  REQUIRE(json_of(r)["error"]["code"] == "email_unverified");
  auto answer = verify_through_mail(server, sink, email);
  INFO(answer.dump());
  REQUIRE(answer["http_status"] == 200);
  REQUIRE(answer.contains("joined"));
  return answer;
}

} // namespace pd::testing
