// The business's prohibited-topics list (docs/requirements.md, Restricted topics): topics
// partner agents must never handle themselves, each with the escalation path that tells the
// agent where to send the customer. Incoming tickets and agents' reply drafts are checked
// against per-topic phrase rules the business can edit: a matching ticket shows the topic and
// its escalation path, and an agent about to send a reply that handles a restricted topic is
// warned. Matching is advisory: nothing technically stops what an agent writes.
//
// Phrase syntax. A phrase is one or more words; the words must appear in the text in that
// order, adjacent, and as whole words. Case is ignored, and any run of whitespace or
// punctuation may separate the words in the text ("charged twice" matches "Charged -- twice",
// "can't log in" matches "can’t log in"). A word ending in '*' matches any word that starts
// with it ("refund*" matches "refund", "Refunds", "refundable", but not "nonrefundable");
// '*' is allowed only directly at the end of a word. Punctuation inside a phrase separates
// words just as it does in the text ("two-factor" is the two words "two factor").
//
// Words. A word is a maximal run of word characters: ASCII letters and digits, and any
// non-ASCII character except common Unicode punctuation, symbols and spaces (U+0080-U+00BF
// other than ª µ º, × and ÷, U+2000-U+206F general punctuation (curly quotes, dashes, no-break
// and other spaces), U+20A0-U+20CF currency signs, U+3000-U+303F CJK punctuation, U+FEFF).
// Invalid UTF-8 bytes in a text count as letters and are compared as they are.
//
// Case folding (documented limits). ASCII, Latin-1, Latin Extended-A, Latin Extended
// Additional (Vietnamese etc.), Greek (final sigma folds to sigma) and Cyrillic letters are
// lower-cased one code point to one code point; ẞ folds to ß. No other scripts are folded, no
// Unicode normalization is done (a decomposed "o" + U+0308 does not equal "ö"), accents are
// significant ("loschen" does not match "löschen"), and ß does not equal "ss". Languages that
// do not separate words by spaces (Chinese, Japanese, Thai) are matched only as whole runs.
//
// A rule's language is informational (for editing and filtering rules): every rule of an
// enabled topic applies to every text, since the language of a ticket is not known.
#pragma once

#include "shared/core/json_type.hpp"
#include "shared/core/error.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pd::domain {

struct PhraseRule {
  std::string language = "en"; // 2-8 ASCII letters, e.g. "en", "de"
  std::string phrase;           // see the phrase syntax above; at most 200 bytes of UTF-8
  bool operator==(const PhraseRule&) const = default;
};

struct RestrictedTopic {
  std::string key;             // stable identifier: 1-64 of a-z, 0-9, '_', '-'; unique in a list
  std::string name;            // shown to agents, e.g. "Billing disputes"
  std::string escalation_path; // where to send the customer; 1-1000 bytes
  std::vector<PhraseRule> rules;
  bool enabled = true;
  bool operator==(const RestrictedTopic&) const = default;
};

inline constexpr std::size_t max_restricted_topics = 50;
inline constexpr std::size_t max_rules_per_topic = 200;
inline constexpr std::size_t max_phrase_bytes = 200;
inline constexpr std::size_t max_escalation_path_bytes = 1000;
inline constexpr std::size_t max_topic_key_bytes = 64;
inline constexpr std::size_t max_topic_name_bytes = 200;

// The seven default topics (docs/requirements.md, Restricted topics) with English phrase
// rules, in this order: billing_dispute, password_security, financial_records, legal_tax,
// technical_bug, refund, account_deletion.
std::vector<RestrictedTopic> default_restricted_topics();

struct TopicMatch {
  std::string key;
  std::string name;
  std::string escalation_path;
  std::string phrase;      // the rule that matched, as written
  std::size_t offset = 0;  // byte offset of the matching span in the text
  std::size_t length = 0;  // byte length of the span (from its first word to the end of its last)
  bool operator==(const TopicMatch&) const = default;
};

// At most one match per enabled topic, in topic order. A topic's match is its earliest span
// in the text; when two rules match at the same word, the rule listed first wins. Disabled
// topics and rules without words are skipped; the function never fails, even on topics that
// validate_topics() would refuse. The text is tokenized once; each rule then costs
// O(words in the text x words in the phrase), the phrase being at most 100 words.
std::vector<TopicMatch> match_restricted_topics(const std::vector<RestrictedTopic>& topics, std::string_view text);

// The first problem of a topic list, naming the field ("topics", "topics[2].key",
// "topics[2].rules", "topics[2].rules[0].phrase", ...), with code invalid_field; nullopt when
// the list is valid. Checks: at most 50 topics; key as documented above and unique; name
// non-blank, at most 200 bytes, valid UTF-8; escalation_path non-blank, at most 1000 bytes,
// valid UTF-8; at most 200 rules per topic; language 2-8 ASCII letters; phrase non-blank, at
// most 200 bytes, valid UTF-8, with at least one word and '*' only at the end of a word.
std::optional<core::Error> validate_topics(const std::vector<RestrictedTopic>& topics);

PD_JSON_TYPE(PhraseRule, language, phrase)
PD_JSON_TYPE(RestrictedTopic, key, name, escalation_path, rules, enabled)
PD_JSON_TYPE(TopicMatch, key, name, escalation_path, phrase, offset, length)

} // namespace pd::domain
