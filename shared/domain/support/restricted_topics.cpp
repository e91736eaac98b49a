#include "shared/domain/support/restricted_topics.hpp"

#include <cstdint>
#include <initializer_list>
#include <utility>

namespace pd::domain {

namespace {

// --- UTF-8 -------------------------------------------------------------------------------

struct Decoded {
  std::uint32_t cp = 0;
  std::size_t len = 1;
  bool valid = false;
};

// Decodes the code point starting at s[i]. Invalid sequences (bad lead or continuation
// bytes, truncation, overlong forms, surrogates, values over U+10FFFF) give one invalid byte.
Decoded decode(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1, true};
  std::size_t len = 0;
  std::uint32_t cp = 0;
  std::uint32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return {b0, 1, false};
  }
  if (i + len > s.size()) return {b0, 1, false};
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0u) != 0x80u) return {b0, 1, false};
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {b0, 1, false};
  return {cp, len, true};
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto d = decode(s, i);
    if (!d.valid) return false;
    i += d.len;
  }
  return true;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// --- Characters --------------------------------------------------------------------------

// Simple one-to-one lower-casing of the scripts listed in the header; anything else is
// returned unchanged.
std::uint32_t fold(std::uint32_t c) {
  const auto even_upper = [](std::uint32_t x) { return (x % 2 == 0) ? x + 1 : x; };
  const auto odd_upper = [](std::uint32_t x) { return (x % 2 == 1) ? x + 1 : x; };
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
  // Latin-1
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  // Latin Extended-A
  if (c >= 0x100 && c <= 0x12F) return even_upper(c);
  if (c == 0x130) return 'i'; // İ
  if (c >= 0x132 && c <= 0x137) return even_upper(c);
  if (c >= 0x139 && c <= 0x148) return odd_upper(c);
  if (c >= 0x14A && c <= 0x177) return even_upper(c);
  if (c == 0x178) return 0xFF; // Ÿ
  if (c >= 0x179 && c <= 0x17E) return odd_upper(c);
  // Greek
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB)) return c + 0x20;
  if (c == 0x3C2) return 0x3C3; // final sigma
  // Cyrillic
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x460 && c <= 0x481) return even_upper(c);
  if (c >= 0x48A && c <= 0x4BF) return even_upper(c);
  if (c == 0x4C0) return 0x4CF;
  if (c >= 0x4C1 && c <= 0x4CE) return odd_upper(c);
  if (c >= 0x4D0 && c <= 0x52F) return even_upper(c);
  // Latin Extended Additional
  if (c >= 0x1E00 && c <= 0x1E95) return even_upper(c);
  if (c == 0x1E9E) return 0xDF; // capital sharp s
  if (c >= 0x1EA0 && c <= 0x1EFF) return even_upper(c);
  return c;
}

bool ascii_alnum(std::uint32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Non-ASCII punctuation, symbols and spaces that separate words (see the header).
bool non_ascii_separator(std::uint32_t c) {
  if (c >= 0x80 && c <= 0xBF) return c != 0xAA && c != 0xB5 && c != 0xBA;
  return c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF) ||
         (c >= 0x3000 && c <= 0x303F) || c == 0xFEFF;
}

bool word_char(const Decoded& d) {
  if (!d.valid) return true;
  if (d.cp < 0x80) return ascii_alnum(d.cp);
  return !non_ascii_separator(d.cp);
}

// --- Words -------------------------------------------------------------------------------

struct Word {
  std::size_t begin = 0; // byte range in the source text
  std::size_t end = 0;
  std::size_t fold_begin = 0; // byte range in Words::folded
  std::size_t fold_end = 0;
};

struct Words {
  std::string folded; // the lower-cased words, back to back
  std::vector<Word> list;
  std::string_view at(std::size_t i) const {
    const auto& w = list[i];
    return std::string_view(folded).substr(w.fold_begin, w.fold_end - w.fold_begin);
  }
};

Words tokenize(std::string_view text) {
  Words out;
  out.folded.reserve(text.size());
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto d = decode(text, i);
    if (word_char(d)) {
      if (!in_word) out.list.push_back({i, i, out.folded.size(), out.folded.size()});
      in_word = true;
      if (d.valid)
        append_utf8(out.folded, fold(d.cp));
      else
        out.folded.push_back(text[i]);
    } else if (in_word) {
      out.list.back().end = i;
      out.list.back().fold_end = out.folded.size();
      in_word = false;
    }
    i += d.len;
  }
  if (in_word) {
    out.list.back().end = text.size();
    out.list.back().fold_end = out.folded.size();
  }
  return out;
}

struct PatternWord {
  std::string text; // lower-cased
  bool prefix = false;
};

std::vector<PatternWord> parse_phrase(std::string_view phrase) {
  const auto words = tokenize(phrase);
  std::vector<PatternWord> out;
  out.reserve(words.list.size());
  for (std::size_t i = 0; i < words.list.size(); ++i) {
    const auto end = words.list[i].end;
    out.push_back({std::string(words.at(i)), end < phrase.size() && phrase[end] == '*'});
  }
  return out;
}

bool word_matches(std::string_view word, const PatternWord& p) {
  if (p.prefix) return word.size() >= p.text.size() && word.substr(0, p.text.size()) == p.text;
  return word == p.text;
}

// The first word index i < limit where the pattern matches, or limit when there is none.
std::size_t find_first(const Words& words, const std::vector<PatternWord>& pattern, std::size_t limit) {
  const std::size_t n = words.list.size();
  const std::size_t k = pattern.size();
  if (k == 0 || k > n) return limit;
  const std::size_t last_start = n - k;
  for (std::size_t i = 0; i < limit && i <= last_start; ++i) {
    std::size_t j = 0;
    while (j < k && word_matches(words.at(i + j), pattern[j])) ++j;
    if (j == k) return i;
  }
  return limit;
}

// --- Validation --------------------------------------------------------------------------

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  return true;
}

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > max_topic_key_bytes) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

bool valid_language(std::string_view lang) {
  if (lang.size() < 2 || lang.size() > 8) return false;
  for (char c : lang)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

// '*' only directly after a word and not directly before another one ("re*fund", "a **").
bool stars_placed_well(std::string_view phrase) {
  const auto words = tokenize(phrase);
  for (std::size_t p = 0; p < phrase.size(); ++p) {
    if (phrase[p] != '*') continue;
    bool ends_word = false;
    bool starts_word = false;
    for (const auto& w : words.list) {
      ends_word = ends_word || w.end == p;
      starts_word = starts_word || w.begin == p + 1;
    }
    if (!ends_word || starts_word) return false;
  }
  return true;
}

std::optional<core::Error> validate_rule(const PhraseRule& rule, const std::string& at) {
  using core::ErrorCode;
  if (!valid_language(rule.language))
    return core::make_error(ErrorCode::invalid_field,
                            "The language must be a code of 2 to 8 letters, such as \"en\" or \"de\".",
                            at + ".language");
  const std::string field = at + ".phrase";
  if (blank(rule.phrase)) return core::make_error(ErrorCode::invalid_field, "Enter a phrase.", field);
  if (rule.phrase.size() > max_phrase_bytes)
    return core::make_error(ErrorCode::invalid_field, "A phrase can be at most 200 bytes long.", field);
  if (!valid_utf8(rule.phrase))
    return core::make_error(ErrorCode::invalid_field, "The phrase is not valid UTF-8 text.", field);
  if (tokenize(rule.phrase).list.empty())
    return core::make_error(ErrorCode::invalid_field, "A phrase needs at least one word of letters or digits.",
                            field);
  if (!stars_placed_well(rule.phrase))
    return core::make_error(ErrorCode::invalid_field,
                            "A '*' may only end a word, as in \"refund*\".", field);
  return std::nullopt;
}

std::optional<core::Error> validate_topic(const RestrictedTopic& topic, const std::string& at) {
  using core::ErrorCode;
  if (topic.key.empty())
    return core::make_error(ErrorCode::invalid_field, "Enter a key for the topic.", at + ".key");
  if (!valid_key(topic.key))
    return core::make_error(ErrorCode::invalid_field,
                            "A topic key is 1 to 64 lowercase letters, digits, '_' or '-'.", at + ".key");
  if (blank(topic.name)) return core::make_error(ErrorCode::invalid_field, "Enter a name for the topic.", at + ".name");
  if (topic.name.size() > max_topic_name_bytes)
    return core::make_error(ErrorCode::invalid_field, "A topic name can be at most 200 bytes long.", at + ".name");
  if (!valid_utf8(topic.name))
    return core::make_error(ErrorCode::invalid_field, "The topic name is not valid UTF-8 text.", at + ".name");
  const std::string path = at + ".escalation_path";
  if (blank(topic.escalation_path))
    return core::make_error(ErrorCode::invalid_field, "Enter where agents should send customers for this topic.",
                            path);
  if (topic.escalation_path.size() > max_escalation_path_bytes)
    return core::make_error(ErrorCode::invalid_field, "An escalation path can be at most 1000 bytes long.", path);
  if (!valid_utf8(topic.escalation_path))
    return core::make_error(ErrorCode::invalid_field, "The escalation path is not valid UTF-8 text.", path);
  if (topic.rules.size() > max_rules_per_topic)
    return core::make_error(ErrorCode::invalid_field, "A topic can have at most 200 phrase rules.", at + ".rules");
  for (std::size_t r = 0; r < topic.rules.size(); ++r)
    if (auto e = validate_rule(topic.rules[r], at + ".rules[" + std::to_string(r) + "]")) return e;
  return std::nullopt;
}

RestrictedTopic topic(const char* key, const char* name, const char* escalation_path,
                      std::initializer_list<const char*> phrases) {
  RestrictedTopic t;
  t.key = key;
  t.name = name;
  t.escalation_path = escalation_path;
  for (const char* p : phrases) t.rules.push_back(PhraseRule{"en", p});
  return t;
}

} // namespace

std::vector<RestrictedTopic> default_restricted_topics() {
  std::vector<RestrictedTopic> out;
  out.push_back(topic(
      "billing_dispute", "Billing disputes",
      "Escalate to the business's billing team. Acknowledge the concern and reassure the customer that the right "
      "team will handle it; do not interpret billing records, confirm or deny charges, or say how the dispute "
      "will be resolved.",
      {"charged twice", "charged me twice", "billed twice", "double charg*", "overcharg*", "wrong invoice",
       "incorrect invoice", "invoice is wrong", "incorrect charge*", "billing error*", "billing dispute*",
       "unauthori* charge*", "chargeback*", "dispute* the charge*", "partial credit*"}));
  out.push_back(topic(
      "password_security", "Password and security issues",
      "Send the customer to the business's account security team (its internal authentication workflow), which "
      "can verify their identity. Do not guide them through resets, unlocks or workarounds, and never ask for "
      "passwords or codes.",
      {"reset* password", "reset* my password", "password reset*", "forgot* password", "forgot* my password",
       "locked out", "account is locked", "hacked", "compromised", "two factor", "2fa", "suspicious activity",
       "suspicious login*", "can't log in", "cannot log in"}));
  out.push_back(topic(
      "financial_records", "Sensitive financial records",
      "Escalate to the business's internal team. Do not access, retrieve, discuss or send financial data such as "
      "transaction histories, tax documents or payment details; tell the customer the business will reply "
      "through its secure channel.",
      {"transaction history", "payment history", "financial record*", "financial data", "financial statement*",
       "bank statement*", "bank details", "bank account number*", "credit card number*", "card details",
       "tax document*", "tax form*", "account statement*"}));
  out.push_back(topic(
      "legal_tax", "Legal and tax advice",
      "Escalate to the business and recommend that the customer consult a qualified legal or tax professional. "
      "Do not interpret contracts or terms, tax treatment, or the customer's rights, even informally.",
      {"lawyer*", "attorney*", "solicitor*", "legal advice", "legal action", "lawsuit*", "sue you", "tax advice",
       "deductible", "tax return*", "tax purposes", "business expense*", "enforceable", "consumer rights",
       "breach of contract"}));
  out.push_back(topic(
      "technical_bug", "Complex technical bugs",
      "Escalate to the business's technical support with the steps to reproduce, the error messages and "
      "screenshots. Do not diagnose the defect or commit to a fix or a time frame.",
      {"keeps crashing", "crash*", "data loss", "lost my data", "lost all my", "missing data", "data is missing",
       "data inconsisten*", "sync* fail*", "integration* fail*", "integration is broken", "stopped working",
       "keeps failing", "internal server error", "bug*"}));
  out.push_back(topic(
      "refund", "Refund approvals",
      "Escalate to the business's official refund or cancellation process. Acknowledge the request; do not "
      "approve, promise or process a refund, comment on its likelihood or timing, or confirm that a cancellation "
      "has been actioned.",
      {"refund*", "money back", "reimburs*", "compensat*", "cancel* my subscription", "cancel* our subscription",
       "cancel* the subscription", "cancel* subscription", "end my subscription"}));
  out.push_back(topic(
      "account_deletion", "Account deletion",
      "Escalate to the business's internal team, which handles account deletion and data erasure with identity "
      "verification and documentation. Acknowledge the request warmly; do not confirm that anything has been "
      "closed or deleted.",
      {"delet* my account", "delet* our account", "clos* my account", "clos* our account", "cancel* my account",
       "cancel* our account", "deactivat* my account", "remove my account", "delet* my data", "delet* all my data",
       "erase* my data", "account deletion", "data erasure", "right to be forgotten", "right to erasure"}));
  return out;
}

std::vector<TopicMatch> match_restricted_topics(const std::vector<RestrictedTopic>& topics, std::string_view text) {
  std::vector<TopicMatch> out;
  const Words words = tokenize(text);
  if (words.list.empty()) return out;
  for (const auto& t : topics) {
    if (!t.enabled) continue;
    const std::size_t none = words.list.size();
    std::size_t best = none;
    std::size_t best_words = 0;
    const PhraseRule* best_rule = nullptr;
    for (const auto& rule : t.rules) {
      if (best == 0) break; // nothing can start earlier
      const auto pattern = parse_phrase(rule.phrase);
      const std::size_t at = find_first(words, pattern, best);
      if (at < best) {
        best = at;
        best_words = pattern.size();
        best_rule = &rule;
      }
    }
    if (best_rule == nullptr) continue;
    const auto begin = words.list[best].begin;
    const auto end = words.list[best + best_words - 1].end;
    out.push_back({t.key, t.name, t.escalation_path, best_rule->phrase, begin, end - begin});
  }
  return out;
}

std::optional<core::Error> validate_topics(const std::vector<RestrictedTopic>& topics) {
  using core::ErrorCode;
  if (topics.size() > max_restricted_topics)
    return core::make_error(ErrorCode::invalid_field, "The list can have at most 50 restricted topics.", "topics");
  for (std::size_t i = 0; i < topics.size(); ++i) {
    const std::string at = "topics[" + std::to_string(i) + "]";
    if (auto e = validate_topic(topics[i], at)) return e;
    for (std::size_t j = 0; j < i; ++j)
      if (topics[j].key == topics[i].key)
        return core::make_error(ErrorCode::invalid_field,
                                "Topic keys must be unique: \"" + topics[i].key + "\" is already used by topics[" +
                                    std::to_string(j) + "].",
                                at + ".key");
  }
  return std::nullopt;
}

} // namespace pd::domain
