#include "shared/domain/support/restricted_topics.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace test_unit_shared_domain_support_restricted_topics { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd;
using namespace pd::domain;

namespace {

std::vector<std::string> keys_of(const std::vector<TopicMatch>& matches) {
  std::vector<std::string> out;
  for (const auto& m : matches) out.push_back(m.key);
  return out;
}

RestrictedTopic custom(std::string key, std::vector<std::string> phrases, std::string language = "en") {
  RestrictedTopic t;
  t.key = key;
  t.name = "Topic " + key;
  t.escalation_path = "Send to the team for " + key + ".";
  for (auto& p : phrases) t.rules.push_back(PhraseRule{language, std::move(p)});
  return t;
}

// The matched span of the single topic, or "" when nothing matched.
std::string span(const std::vector<RestrictedTopic>& topics, const std::string& text) {
  auto m = match_restricted_topics(topics, text);
  if (m.empty()) return "";
  REQUIRE(m.size() == 1);
  REQUIRE(m[0].offset + m[0].length <= text.size());
  return text.substr(m[0].offset, m[0].length);
}

std::string span(const std::string& phrase, const std::string& text) { return span({custom("t", {phrase})}, text); }

} // namespace

TEST_CASE("the defaults are the seven topics agents must hand to the business, each with an escalation path") {
  auto topics = default_restricted_topics();
  REQUIRE(topics.size() == 7);
  std::vector<std::string> keys;
  for (const auto& t : topics) {
    keys.push_back(t.key);
    CAPTURE(t.key);
    CHECK(t.enabled);
    CHECK_FALSE(t.name.empty());
    CHECK(t.escalation_path.size() > 40);
    CHECK(t.rules.size() >= 6);
    CHECK(t.rules.size() <= 15);
    for (const auto& r : t.rules) CHECK(r.language == "en");
  }
  CHECK(keys == std::vector<std::string>{"billing_dispute", "password_security", "financial_records", "legal_tax",
                                         "technical_bug", "refund", "account_deletion"});
  CHECK_FALSE(validate_topics(topics).has_value());
}

TEST_CASE("each default topic matches a realistic customer message") {
  const auto topics = default_restricted_topics();
  struct Case {
    const char* text;
    const char* key;
  };
  const Case cases[] = {
      {"Hi, I was charged twice for my March subscription. Can you fix this?", "billing_dispute"},
      {"Your invoice is wrong, we only have 5 seats but were billed for 8.", "billing_dispute"},
      {"I forgot my password and now I'm locked out.", "password_security"},
      {"I think my account was hacked, there are logins from another country.", "password_security"},
      {"How do I reset my password?", "password_security"},
      {"Can you send me our full transaction history for 2023?", "financial_records"},
      {"Please email me the bank details you have on file.", "financial_records"},
      {"Can I claim the subscription as a business expense?", "legal_tax"},
      {"Our lawyer says clause 4 of your terms is not enforceable.", "legal_tax"},
      {"The desktop app keeps crashing whenever I open the dashboard.", "technical_bug"},
      {"After the update we had data loss in two projects.", "technical_bug"},
      {"I would like a refund for the unused months.", "refund"},
      {"Can I get my money back? We never used it.", "refund"},
      {"Please delete my account and everything in it.", "account_deletion"},
      {"We want to close our account at the end of the month.", "account_deletion"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(keys_of(match_restricted_topics(topics, c.text)) == std::vector<std::string>{c.key});
  }
}

TEST_CASE("ordinary how-to questions and replies match no default topic") {
  const auto topics = default_restricted_topics();
  for (const char* text : {
           "How do I export a report?",
           "Can you show me how to add a user?",
           "Where can I change the date format on invoices?",
           "How do I update my billing address?",
           "How do I connect the Slack integration?",
           "How do I reset the filters on my dashboard?",
           "Could you walk me through setting up a new project template?",
           "How can I invite my team and give them the editor role?",
           "Sure! Open Settings, choose Users, then click Add user. Let me know if anything is unclear.",
           "You can schedule the weekly summary email under Notifications.",
       }) {
    CAPTURE(text);
    CHECK(match_restricted_topics(topics, text).empty());
  }
}

TEST_CASE("phrases match whole words only; a trailing '*' matches words starting with it") {
  CHECK(span("refund", "Is the annual plan refundable?").empty());
  CHECK(span("refund*", "Is the annual plan refundable?") == "refundable");
  CHECK(span("refund*", "That fee is nonrefundable.").empty());
  CHECK(span("refund*", "Any REFUNDS?") == "REFUNDS");
  CHECK(span("refund*", "refund") == "refund");
  CHECK(span("rapist", "My therapist recommended your app.").empty());
  CHECK(span("the rapist", "My therapist recommended your app.").empty());
  CHECK(span("hack*", "We joined a hackathon") == "hackathon");
  CHECK(span("hacked", "unhacked").empty());
  CHECK(span("2fa", "my 2FA codes") == "2FA");
  CHECK(span("charged twice", "charged twicefold").empty());
  CHECK(span("reset* password", "resetting password") == "resetting password");
  CHECK(span("reset* password", "reset passwords").empty());
}

TEST_CASE("the words of a phrase must appear in order and adjacent") {
  CHECK(span("charged twice", "twice charged").empty());
  CHECK(span("charged twice", "charged me twice").empty());
  CHECK(span("charged twice", "charged charged twice") == "charged twice");
  CHECK(span("delete my account", "delete my old account").empty());
}

TEST_CASE("any whitespace or punctuation may separate the words, in text and phrase alike") {
  CHECK(span("charged twice", "I was charged, twice!") == "charged, twice");
  CHECK(span("charged twice", "charged...\n\t twice") == "charged...\n\t twice");
  CHECK(span("charged twice", "charged\xE2\x80\x94twice") == "charged\xE2\x80\x94twice");       // em dash
  CHECK(span("charged twice", "charged\xC2\xA0twice") == "charged\xC2\xA0twice");               // no-break space
  CHECK(span("can't log in", "I can\xE2\x80\x99t log in") == "can\xE2\x80\x99t log in");        // curly apostrophe
  CHECK(span("two-factor", "my two factor codes") == "two factor");
  CHECK(span("two factor", "Two-Factor authentication") == "Two-Factor");
  CHECK(span("charged twice", "charged_twice") == "charged_twice"); // '_' is not a letter
}

TEST_CASE("a match reports the topic, the rule and the byte span of its first occurrence") {
  const std::string text = "Hello there. I was CHARGED  twice! Then charged twice again.";
  auto topic = custom("billing", {"charged twice"});
  auto m = match_restricted_topics({topic}, text);
  REQUIRE(m.size() == 1);
  CHECK(m[0].key == "billing");
  CHECK(m[0].name == "Topic billing");
  CHECK(m[0].escalation_path == topic.escalation_path);
  CHECK(m[0].phrase == "charged twice");
  CHECK(m[0].offset == text.find("CHARGED"));
  CHECK(m[0].length == std::string("CHARGED  twice").size());

  // Across rules the earliest span wins; at the same word the rule listed first.
  auto two = custom("t", {"twice", "charged", "charged twice"});
  m = match_restricted_topics({two}, "charged twice");
  REQUIRE(m.size() == 1);
  CHECK(m[0].phrase == "charged");
  CHECK(m[0].offset == 0);
  CHECK(m[0].length == 7);

  // Offsets are bytes, after multi-byte characters too.
  const std::string utf = "Grüße — bitte Konto löschen";
  CHECK(span({custom("d", {"konto löschen"}, "de")}, utf) == "Konto löschen");
  CHECK(match_restricted_topics({custom("d", {"konto löschen"}, "de")}, utf)[0].offset == utf.find("Konto"));
}

TEST_CASE("one match per enabled topic, in topic order; disabled topics are skipped") {
  auto topics = default_restricted_topics();
  const std::string text = "Please delete my account and refund the last payment, I was charged twice.";
  CHECK(keys_of(match_restricted_topics(topics, text)) ==
        std::vector<std::string>{"billing_dispute", "refund", "account_deletion"});
  topics[5].enabled = false; // refund
  CHECK(keys_of(match_restricted_topics(topics, text)) == std::vector<std::string>{"billing_dispute", "account_deletion"});
  CHECK(match_restricted_topics(topics, "").empty());
  CHECK(match_restricted_topics({}, text).empty());
}

TEST_CASE("rules in other languages match with case folding beyond ASCII") {
  std::vector<RestrictedTopic> topics = {custom("refund", {"rückerstattung*"}, "de"),
                                         custom("account_deletion", {"konto löschen"}, "de")};
  CHECK(keys_of(match_restricted_topics(topics, "Ich möchte eine RÜCKERSTATTUNG")) ==
        std::vector<std::string>{"refund"});
  CHECK(span({topics[0]}, "Ich möchte eine RÜCKERSTATTUNG") == "RÜCKERSTATTUNG");
  CHECK(span({topics[0]}, "Rückerstattungsantrag gestellt") == "Rückerstattungsantrag");
  CHECK(keys_of(match_restricted_topics(topics, "Bitte mein Konto löschen")) ==
        std::vector<std::string>{"account_deletion"});
  CHECK(span({topics[1]}, "BITTE MEIN KONTO LÖSCHEN!") == "KONTO LÖSCHEN");
  CHECK(span({topics[1]}, "Kontolöschen").empty());
  CHECK(span({custom("ru", {"возврат*"}, "ru")}, "Хочу ВОЗВРАТА денег") == "ВОЗВРАТА");
  CHECK(span({custom("el", {"λογαριασμός"}, "el")}, "ΔΙΑΓΡΑΦΗ ΛΟΓΑΡΙΑΣΜΌΣ") == "ΛΟΓΑΡΙΑΣΜΌΣ");
  CHECK(span({custom("fr", {"remboursement"}, "fr")}, "Je veux un REMBOURSEMENT.") == "REMBOURSEMENT");
  CHECK(span({custom("pl", {"zwrot środków"}, "pl")}, "Proszę o ZWROT ŚRODKÓW") == "ZWROT ŚRODKÓW");
  CHECK(span({custom("tr", {"iade"}, "tr")}, "İADE talebi") == "İADE");
}

TEST_CASE("matching survives invalid UTF-8 and long tickets") {
  const std::string bad = "\xFF\xFE I want a refund \xC3";
  CHECK(span("refund", bad) == "refund");
  CHECK(span("refund", "\xC3refund").empty()); // a stray byte counts as a letter

  std::string ticket;
  while (ticket.size() < 20000) ticket += "We use the reports every week and it works well for the team. ";
  const auto topics = default_restricted_topics();
  CHECK(match_restricted_topics(topics, ticket).empty());
  ticket += "But the app keeps crashing.";
  auto m = match_restricted_topics(topics, ticket);
  REQUIRE(m.size() == 1);
  CHECK(m[0].key == "technical_bug");
  CHECK(ticket.substr(m[0].offset, m[0].length) == "keeps crashing");
}

TEST_CASE("invalid topic lists are refused naming the field") {
  auto refused = [](const std::vector<RestrictedTopic>& topics, const std::string& field) {
    auto e = validate_topics(topics);
    REQUIRE(e.has_value());
    CHECK(e->code == core::ErrorCode::invalid_field);
    CHECK(e->field == field);
    CHECK_FALSE(e->message.empty());
  };
  const auto good = default_restricted_topics();
  CHECK_FALSE(validate_topics({}).has_value());

  auto t = good;
  t[0].key = "";
  refused(t, "topics[0].key");
  t = good;
  t[1].key = "Billing Dispute";
  refused(t, "topics[1].key");
  t = good;
  t[3].key = t[1].key;
  refused(t, "topics[3].key");
  t = good;
  t[2].name = "  ";
  refused(t, "topics[2].name");
  t = good;
  t[4].escalation_path = "";
  refused(t, "topics[4].escalation_path");
  t = good;
  t[4].escalation_path = std::string(1001, 'x');
  refused(t, "topics[4].escalation_path");
  t[4].escalation_path = std::string(1000, 'x');
  CHECK_FALSE(validate_topics(t).has_value());

  for (const char* phrase : {"", "   ", "***", "re*fund", "refund**", "* refund", "\xC3(", "\xED\xA0\x80"}) {
    CAPTURE(phrase);
    t = good;
    t[2].rules[0].phrase = phrase;
    refused(t, "topics[2].rules[0].phrase");
  }
  t = good;
  t[2].rules[3].phrase = std::string(201, 'a');
  refused(t, "topics[2].rules[3].phrase");
  t[2].rules[3].phrase = std::string(200, 'a');
  CHECK_FALSE(validate_topics(t).has_value());
  t[2].rules[3].phrase = "Konto löschen, bitte!";
  CHECK_FALSE(validate_topics(t).has_value());

  for (const char* language : {"", "e", "english12", "en-US", "d3"}) {
    CAPTURE(language);
    t = good;
    t[6].rules[1].language = language;
    refused(t, "topics[6].rules[1].language");
  }
  t = good;
  t[6].rules[1].language = "DE";
  CHECK_FALSE(validate_topics(t).has_value());

  t = good;
  t[0].rules.assign(201, PhraseRule{"en", "refund"});
  refused(t, "topics[0].rules");
  t[0].rules.resize(200);
  CHECK_FALSE(validate_topics(t).has_value());

  std::vector<RestrictedTopic> many;
  for (int i = 0; i < 51; ++i) many.push_back(custom("topic_" + std::to_string(i), {"x"}));
  refused(many, "topics");
  many.pop_back();
  CHECK_FALSE(validate_topics(many).has_value());
}

TEST_CASE("topics and matches round-trip through JSON, with defaults for absent fields") {
  const auto topics = default_restricted_topics();
  nlohmann::json j = topics;
  CHECK(j[0]["key"] == "billing_dispute");
  CHECK(j[0]["rules"][0]["language"] == "en");
  CHECK(j.get<std::vector<RestrictedTopic>>() == topics);

  auto partial = nlohmann::json::parse(R"({"key":"k","name":"N","escalation_path":"E","rules":[{"phrase":"p"}]})")
                     .get<RestrictedTopic>();
  CHECK(partial.enabled);
  REQUIRE(partial.rules.size() == 1);
  CHECK(partial.rules[0].language == "en");

  auto m = match_restricted_topics(topics, "I want a refund");
  REQUIRE(m.size() == 1);
  nlohmann::json mj = m[0];
  CHECK(mj["offset"] == 9);
  CHECK(mj.get<TopicMatch>() == m[0]);
}

} // namespace test_unit_shared_domain_support_restricted_topics
