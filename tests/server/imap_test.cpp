// Replies by email against real processes: the server, an SMTP sink (the ticket mail with its
// Reply-To) and Dovecot (tests/mail/dovecot.py) as the support mailbox. A customer's reply is
// added once, as the customer, without the quoted history, also when the same message comes
// again after a restart; mail from anyone else is held for the business, which lists it,
// discards it or adds it to the ticket, while an agent is refused.
#include "api_client.hpp"
#include "imap_server.hpp"
#include "mail_join.hpp"
#include "server_process.hpp"
#include "smtp_sink.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

namespace test_server_imap { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/pd-imap-data-XXXXXX";
    REQUIRE(mkdtemp(tmpl));
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::vector<std::string> reply_flags(const SmtpSink& sink, const ImapServer& imap, const std::filesystem::path& data) {
  std::vector<std::string> flags = {"--smtp-url",
                                    sink.url(),
                                    "--smtp-plain",
                                    "--mail-from",
                                    "desk@desk.example.test",
                                    "--public-url",
                                    "https://desk.example.test"};
  for (const auto& f : imap.flags())
    flags.push_back(f);
  for (const auto& f : {"--reply-address", "support@desk.example.test", "--data", data.c_str()})
    flags.emplace_back(f);
  return flags;
}

template <class Ready> bool wait_until_imap(Ready ready, std::chrono::seconds limit = std::chrono::seconds(30)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!ready()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

std::int64_t open_imap_ticket(Session& customer, const std::string& subject) {
  auto r = customer.command(
      1, "OpenTicket", {{"subject", subject}, {"text", "The export stops at 80 percent."}, {"category", "how-to"}});
  REQUIRE(r);
  REQUIRE(r->status == 200);
  return json_of(r)["events"][0]["data"]["ticket_id"].get<std::int64_t>();
}

// The Reply-To of the newest mail to `to` that carries one for this ticket (the ticket mail).
std::string reply_to_from_sink(const SmtpSink& sink, const std::string& to, std::int64_t ticket) {
  std::string found;
  const auto marker = "+t1-" + std::to_string(ticket) + ".";
  wait_until_imap([&] {
    for (const auto& m : sink.messages())
      if (mail_header(m, "X-Sink-Rcpt-To") == to && mail_header(m, "Reply-To").find(marker) != std::string::npos)
        found = mail_header(m, "Reply-To");
    return !found.empty();
  });
  if (auto lt = found.find('<'); lt != std::string::npos) found = found.substr(lt + 1, found.find('>') - lt - 1);
  return found;
}

// A Gmail-shaped reply: quoted-printable text and HTML, the attribution line wrapped, the quote.
std::string gmail_reply(const std::string& from, const std::string& to, const std::string& message_id,
                        const std::string& words) {
  return "Delivered-To: " + to + "\r\nFrom: Jordan Lee <" + from + ">\r\nTo: Partnerdesk <" + to +
         ">\r\nSubject: Re: Your ticket\r\nMessage-ID: <" + message_id +
         ">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\n"
         "Content-Type: text/plain; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
         words +
         "\r\n\r\nOn Sun, Dec 6, 2026 at 6:55 PM Partnerdesk <support@desk.example.t=\r\nest>\r\nwrote:\r\n\r\n> Ava "
         "replied to your ticket.\r\n>\r\n\r\n"
         "--b1\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n\r\n<div>" +
         words + "</div>\r\n--b1--\r\n";
}

json ticket_of(Session& who, std::int64_t ticket) {
  return json_of(who.get("/api/v1/programs/1/tickets/" + std::to_string(ticket)));
}

std::size_t messages_with(const json& ticket, const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(ticket["messages"].begin(), ticket["messages"].end(),
                    [&](const json& m) { return m.value("text", "").find(text) != std::string::npos; }));
}

json held_list(Session& who) { return json_of(who.get("/api/v1/programs/1/held-mail")); }

} // namespace

TEST_CASE("imap: a customer's reply by email is added once as the customer, without the quoted history, also after a "
          "restart") {
  SmtpSink sink;
  ImapServer imap;
  TempDir data;
  const std::string words = "Thanks, the export works now. Can I schedule it weekly?";
  std::int64_t ticket = 0;
  std::string reply_raw;
  {
    ServerProcess server(reply_flags(sink, imap, data.path), true);
    Session jordan(server, "customer@acme.test"), ava(server, "agent@acme.test");
    ticket = open_imap_ticket(jordan, "Export stops at 80 percent (imap)");
    REQUIRE(ava.command(1, "ReplyToTicket", {{"ticket_id", ticket}, {"text", "Try the new export button."}})->status ==
            200);
    const auto address = reply_to_from_sink(sink, "customer@acme.test", ticket);
    INFO("the ticket mail's Reply-To: " << address);
    REQUIRE(address.rfind("support+t1-" + std::to_string(ticket) + ".", 0) == 0);
    reply_raw = gmail_reply("Customer@Acme.test", address, "CAB-imap-1@mail.gmail.com", words);
    imap.deliver(reply_raw);
    REQUIRE(wait_until_imap([&] { return messages_with(ticket_of(jordan, ticket), words) == 1; }));
    const auto t = ticket_of(jordan, ticket);
    const auto& last = t["messages"].back();
    CHECK(last["text"] == words); // the attribution line and the quote are gone
    CHECK(last["author"] == jordan.person_id());
    CHECK(last["author_role"] == "customer");
    REQUIRE(wait_until_imap([&] { return imap.unseen_count() == 0; })); // marked \Seen once handled
    Session daniel(server, "staff@acme.test");
    CHECK(held_list(daniel)["held_mail"].empty());
  }
  // The same message again (as after a crash between the append and the \Seen flag): nothing new.
  ServerProcess again(reply_flags(sink, imap, data.path), true);
  imap.deliver(reply_raw);
  REQUIRE(wait_until_imap([&] { return imap.unseen_count() == 0; }));
  Session jordan(again, "customer@acme.test"), daniel(again, "staff@acme.test");
  CHECK(messages_with(ticket_of(jordan, ticket), words) == 1);
  CHECK(held_list(daniel)["held_mail"].empty());
}

TEST_CASE("imap: a reply from another address is held for the business, which lists, discards or adds it; an agent is "
          "refused") {
  SmtpSink sink;
  ImapServer imap;
  TempDir data;
  ServerProcess server(reply_flags(sink, imap, data.path), true);
  Session jordan(server, "customer@acme.test"), ava(server, "agent@acme.test"), daniel(server, "staff@acme.test");
  const auto ticket = open_imap_ticket(jordan, "Invoices missing (imap)");
  REQUIRE(ava.command(1, "ReplyToTicket", {{"ticket_id", ticket}, {"text", "Which month?"}})->status == 200);
  const auto address = reply_to_from_sink(sink, "customer@acme.test", ticket);
  REQUIRE_FALSE(address.empty());

  imap.deliver(gmail_reply("mallory@elsewhere.test", address, "held-1@elsewhere.test", "Please send me all invoices."));
  json held;
  REQUIRE(wait_until_imap([&] { return !(held = held_list(daniel)["held_mail"]).empty(); }));
  REQUIRE(held.size() == 1);
  CHECK(held[0]["ticket_id"] == ticket);
  CHECK(held[0]["sender"] == "Jordan Lee <mallory@elsewhere.test>");
  CHECK(held[0]["text"] == "Please send me all invoices.");
  CHECK(held[0]["reason"].get<std::string>().find("mallory@elsewhere.test") != std::string::npos);
  CHECK(messages_with(ticket_of(jordan, ticket), "Please send me all invoices.") == 0);

  // Only the business: an agent and the customer are refused, with the status and a JSON body.
  auto refused = ava.get("/api/v1/programs/1/held-mail");
  CHECK(refused->status == 403);
  CHECK(json_of(refused)["error"]["code"] == "forbidden");
  CHECK(jordan.get("/api/v1/programs/1/held-mail")->status == 403);
  CHECK(ava.post("/api/v1/programs/1/held-mail/" + held[0]["id"].dump() + "/discard", json::object())->status == 403);
  CHECK(Session(server).get("/api/v1/programs/1/held-mail")->status == 401);

  // Discard: gone from the list; a second discard names the field.
  const auto id = held[0]["id"].get<std::int64_t>();
  CHECK(daniel.post("/api/v1/programs/1/held-mail/" + std::to_string(id) + "/discard", json::object())->status == 200);
  CHECK(held_list(daniel)["held_mail"].empty());
  auto again = daniel.post("/api/v1/programs/1/held-mail/" + std::to_string(id) + "/discard", json::object());
  CHECK(again->status == 404);
  CHECK(json_of(again)["error"]["field"] == "mail_id");

  // A second one, from a colleague of the customer's: the business adds it to the ticket.
  imap.deliver(gmail_reply("colleague@acme.test", address, "held-2@acme.test", "It is the March invoice."));
  REQUIRE(wait_until_imap([&] { return !(held = held_list(daniel)["held_mail"]).empty(); }));
  auto bad = daniel.post("/api/v1/programs/1/held-mail/" + held[0]["id"].dump() + "/append", {{"ticket_id", "x"}});
  CHECK(bad->status == 400);
  CHECK(json_of(bad)["error"]["field"] == "ticket_id");
  auto added = daniel.post("/api/v1/programs/1/held-mail/" + held[0]["id"].dump() + "/append", json::object());
  REQUIRE(added->status == 200);
  CHECK(held_list(daniel)["held_mail"].empty());
  const auto t = ticket_of(jordan, ticket);
  CHECK(messages_with(t, "It is the March invoice.") == 1);
  CHECK(t["messages"].back()["author"] == daniel.person_id());
  CHECK(t["messages"].back()["text"].get<std::string>().find("colleague@acme.test") != std::string::npos);

  // A reply address with a wrong signature: held without a program, so no program lists it.
  imap.deliver(gmail_reply("customer@acme.test",
                           "support+t1-" + std::to_string(ticket) + ".0000000000000000@desk.example.test",
                           "forged-1@acme.test", "Forged words."));
  REQUIRE(wait_until_imap([&] { return imap.unseen_count() == 0; }));
  CHECK(held_list(daniel)["held_mail"].empty());
  CHECK(messages_with(ticket_of(jordan, ticket), "Forged words.") == 0);
}

} // namespace test_server_imap
