#include "server/mail/imap.hpp"
#include "server/mail/inbound.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_mail_inbound { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;

namespace {

// CRLF line ends, as mail arrives.
std::string crlf_inbound(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

} // namespace

TEST_CASE("a Gmail reply: multipart/alternative, quoted-printable, the wrapped attribution line and the quote go") {
  const auto raw = crlf_inbound(R"(Delivered-To: support+t3-41.0123456789abcdef@example.com
Received: by 2002:a05:6a10:1234 with SMTP id abc; Sun, 6 Dec 2026 10:01:02 -0800 (PST)
MIME-Version: 1.0
References: <event-1@desk.example.com>
In-Reply-To: <event-1@desk.example.com>
From: =?UTF-8?Q?Jordan_M=C3=BCller?= <Jordan@Acme.test>
Date: Sun, 6 Dec 2026 19:01:02 +0100
Message-ID: <CAB+abc123=XyZ@mail.gmail.com>
Subject: =?UTF-8?B?UmU6IFlvdXIgdGlja2V0IOKAkyBleHBvcnQgZmFpbHM=?=
To: Partnerdesk <support+t3-41.0123456789abcdef@example.com>
Content-Type: multipart/alternative; boundary="000000000000a1b2c3"

--000000000000a1b2c3
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Thanks, that worked =E2=80=93 the export finishes now.
One more question: can I schedule it?

On Sun, Dec 6, 2026 at 6:55 PM Partnerdesk <support+t3-41.0123456789abcdef@exa=
mple.com>
wrote:

> Ava replied to your ticket:
>
> Try the new export button.
>

--000000000000a1b2c3
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<div dir=3D"ltr">Thanks, that worked</div>

--000000000000a1b2c3--
)");
  const auto m = mail::parse_inbound(raw);
  CHECK(m.from == "jordan@acme.test");
  CHECK(m.from_name == "Jordan Müller");
  CHECK(m.subject == "Re: Your ticket – export fails");
  CHECK(m.message_id == "CAB+abc123=XyZ@mail.gmail.com");
  CHECK(m.recipients == std::vector<std::string>{"support+t3-41.0123456789abcdef@example.com"});
  CHECK_FALSE(m.automatic);
  CHECK(mail::strip_quoted_history(m.text) ==
        "Thanks, that worked – the export finishes now.\nOne more question: can I schedule it?");
}

TEST_CASE("an Outlook reply: base64 text, the header block after a rule of underscores goes") {
  // "Hello,\r\n\r\nthe invoice is attached again.\r\n\r\nRegards\r\nPriya\r\n"
  const char* b64 = "SGVsbG8sDQoNCnRoZSBpbnZvaWNlIGlzIGF0dGFjaGVkIGFnYWluLg0KDQpSZWdhcmRzDQpQcml5YQ0K";
  const auto raw = crlf_inbound(std::string(R"(From: Priya Shah <priya@acme.test>
To: "Partnerdesk" <support+t3-41.tag@example.com>
Cc: boss@acme.test, "Doe, Jane" <jane@acme.test>
Subject: RE: Your ticket
Message-ID: <AM0PR01MB1234.eurprd01.prod.outlook.com>
Content-Type: multipart/mixed; boundary="_004_mixed_"
MIME-Version: 1.0

--_004_mixed_
Content-Type: multipart/alternative; boundary="_000_alt_"

--_000_alt_
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: base64

)") + b64 + R"(

--_000_alt_
Content-Type: text/html; charset="us-ascii"

<html><body>Hello</body></html>
--_000_alt_--

--_004_mixed_
Content-Type: text/plain; name="invoice.txt"
Content-Disposition: attachment; filename="invoice.txt"

not the body
--_004_mixed_--
)");
  const auto m = mail::parse_inbound(raw);
  CHECK(m.recipients == std::vector<std::string>{"support+t3-41.tag@example.com", "boss@acme.test", "jane@acme.test"});
  CHECK(m.text == "Hello,\n\nthe invoice is attached again.\n\nRegards\nPriya\n");
  CHECK(
      mail::strip_quoted_history("Hello,\n\nthe invoice is attached again.\n\n________________________________\nFrom: "
                                 "Partnerdesk <support@example.com>\n"
                                 "Sent: Sunday, December 6, 2026 6:55 PM\nTo: Priya\n\nAva replied.") ==
      "Hello,\n\nthe invoice is attached again.");
  CHECK(mail::strip_quoted_history(
            "Fine now.\n\n-----Original Message-----\nFrom: Partnerdesk\nSent: today\n\nold text") == "Fine now.");
}

TEST_CASE("an Apple Mail reply: the attribution and a > block at the end go, the customer's own lines stay") {
  const auto raw = crlf_inbound(R"(From: Sofia <sofia@acme.test>
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit
Mime-Version: 1.0 (Mac OS X Mail 16.0)
Subject: Re: Your ticket
Message-Id: <5F1A2B3C-AAAA-BBBB-CCCC-1234567890AB@acme.test>
To: support+t3-41.tag@example.com

Yes, please close it.
> That was my question
and this is my answer to it.

Sofia

> On 6. Dec 2026, at 18:55, Partnerdesk <support+t3-41.tag@example.com> wrote:
>
> Ava replied.
)");
  const auto m = mail::parse_inbound(raw);
  CHECK(m.message_id == "5F1A2B3C-AAAA-BBBB-CCCC-1234567890AB@acme.test");
  CHECK(mail::strip_quoted_history(m.text) ==
        "Yes, please close it.\n> That was my question\nand this is my answer to it.\n\nSofia");
  CHECK(mail::strip_quoted_history("Sure.\n\nOn 6 Dec 2026, at 18:55, Partnerdesk <x@example.com> wrote:\n\n> old") ==
        "Sure.");
}

TEST_CASE("a message with only HTML: tags stripped crudely, entities decoded, the quote cut at the attribution") {
  const auto raw = crlf_inbound(R"(From: marco@acme.test
To: support+t3-41.tag@example.com
Subject: Re: ticket
Content-Type: text/html; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

<html><head><style>p { color: red }</style></head><body><p>Gr=FC=DFe &amp; thanks,<br>it works.</p>
<div class=3D"gmail_quote"><div>On Sun, Dec 6, 2026 Partnerdesk wrote:</div><blockquote>old &lt;text&gt;</blockquote></div></body></html>
)");
  const auto m = mail::parse_inbound(raw);
  CHECK(mail::strip_quoted_history(m.text) == "Grüße & thanks,\nit works.");
}

TEST_CASE("automatic replies are told apart; encoded words and IMAP answers decode") {
  CHECK(mail::parse_inbound("From: a@b.c\r\nAuto-Submitted: auto-replied\r\n\r\nAway").automatic);
  CHECK(mail::parse_inbound("From: a@b.c\r\nPrecedence: bulk\r\n\r\nNews").automatic);
  CHECK_FALSE(mail::parse_inbound("From: a@b.c\r\nAuto-Submitted: no\r\n\r\nHi").automatic);
  CHECK(mail::decode_encoded_words("=?utf-8?q?caf=C3=A9?= =?UTF-8?B?IGF1IGxhaXQ=?= ok") == "café au lait ok");
  CHECK(mail::decode_encoded_words("=?ISO-8859-1?Q?Andr=E9?= Pirard") == "André Pirard");
  CHECK(mail::decode_encoded_words("plain subject") == "plain subject");
  CHECK(mail::parse_search_answer("* SEARCH 3 17 42\r\n") == std::vector<std::int64_t>{3, 17, 42});
  CHECK(mail::parse_search_answer("* SEARCH\r\n").empty());
  CHECK(mail::parse_size_answer("* 1 FETCH (UID 7 RFC822.SIZE 1234)\r\n") == 1234);
  CHECK(mail::parse_size_answer("* 1 FETCH (UID 7)\r\n") == -1);
}

} // namespace test_unit_server_mail_inbound
